"""Names the text marks by their frame: the capitalised words after a rank or title (``General Vlasov``, the
title an attribute), and the authors, titles, publishers and places of bibliography entries. A part of the
candidate :class:`~chronologue.annotators.entities.finder.Finder`, which sets these."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from chronologue.annotators.entities.edges import NameEdges
from chronologue.annotators.entities.rules import DASHES, GAP_AFTER_TITLE, LINE, NAME_TAIL, NAME_WORDS, Rules
from chronologue.annotators.entities.spans import capitalised_words, trim
from chronologue.lib.bibliography import parse_entry
from chronologue.model.story import Story
from chronologue.pipeline.handoffs import PRIORITY_RULE, Mention


class FramedNames:
    """Titled names and bibliography entries (a part of the Finder, which sets these and defines ``add``)."""

    text: str
    story: Story
    rules: Rules
    titled: list[Mention]
    spacy_spans: list[tuple[int, int, str]]
    spacy_starts: list[int]

    def add(self, start: int, end: int, type_: str, source: str, priority: int = PRIORITY_RULE, **kw: Any) -> Mention:
        raise NotImplementedError  # the Finder's

    @property
    def edges(self) -> NameEdges:
        raise NotImplementedError  # the Finder's

    # ranks and titles before a name
    def _titled_person(self, title_start: int, title_end: int, title: str) -> None:
        """The capitalised words after a rank or title are a person; the title becomes an attribute."""
        text = self.text
        gap = GAP_AFTER_TITLE.match(text, title_end)
        if gap is None or (gap.end() == title_end and not title.endswith(".")):
            return
        name_start = gap.end()
        words = NAME_WORDS.match(text, name_start, name_start + 80)
        if not words:
            return
        parts = words.group().split()
        count = capitalised_words(parts, self.rules.titles)
        if count == 0 or parts[0].rstrip(".,;:") in self.rules.not_names or parts[0] in self.rules.org_words:
            return
        if parts[0] in self.rules.titles or parts[0].rstrip(".,;:") in self.rules.address:
            return  # "the Reverend Mr. Kronborg": the next title names the person
        name = " ".join(parts[:count])
        name = DASHES.split(name, maxsplit=1)[0]  # "Mr. Jones--therefore": a dash ends the name
        tail = NAME_TAIL.search(name)  # matches at the end of any string, if only the empty tail
        name = name[: len(name) - len(tail.group())] if tail else name
        end = name_start + len(name)
        _, end = self.edges.trim(name_start, end)  # "Miss Bennet I am sure": not "Bennet I"
        if end <= name_start or self._inside_other_spacy_span(title_start, end) or self._inside_a_name(title_start):
            return
        gender = self.rules.titles[title][1]
        self.titled.append(self.add(name_start, end, "PERSON", "title", rank=title, gender=gender or None))

    def _inside_a_name(self, title_start: int) -> bool:
        """The parse's person name goes on from a name word before the title, which is then a word of the name
        (``Bahadur Shah Zafar``, ``Reza Shah Pahlavi``), not a title before it."""
        i = bisect_right(self.spacy_starts, title_start) - 1
        if i < 0:
            return False
        a, b, label = self.spacy_spans[i]
        before = self.text[a:title_start].split()
        return (label == "PERSON" and a < title_start < b and bool(before) and before[-1][:1].isupper()
                and before[-1] not in self.rules.titles)

    def _inside_other_spacy_span(self, start: int, end: int) -> bool:
        """A longer spaCy span other than a person holds the title and the name ("General Motors Company")."""
        i = bisect_right(self.spacy_starts, start) - 1
        if i < 0:
            return False
        a, b, label = self.spacy_spans[i]
        return label not in ("PERSON", "NORP") and a <= start and end < b

    # bibliography entries: author, title, publisher, place
    def bibliography(self) -> None:
        for paragraph in self.story.structure.paragraphs:
            if paragraph.role != "bibliography":
                continue
            for line in LINE.finditer(self.text, paragraph.start, paragraph.end):
                self._bibliography_entry(line.start(), line.end())

    def _bibliography_entry(self, start: int, end: int) -> None:
        """One entry (a line of a bibliography paragraph): author, title, publisher and place become mentions."""
        entry = parse_entry(self.text, start, end)
        if entry.author:
            self._authors(entry.author.start, entry.author.end)
        if entry.title:
            self.add(entry.title.start, entry.title.end, "WORK", "bibliography:title")
        if entry.publisher:
            self.add(entry.publisher.start, entry.publisher.end, "ORG", "bibliography:publisher")
        if entry.place:
            self.add(entry.place.start, entry.place.end, "PLACE", "bibliography:place")

    def _authors(self, start: int, end: int) -> None:
        for part in re.finditer(r"[^;&]+?(?=\s*(?:;|&|\band\b|$))", self.text[start:end]):
            a, b = trim(self.text, start + part.start(), start + part.end())
            words = self.text[a:b].split()
            if not words or len(words) > 6 or any(ch.isdigit() for ch in self.text[a:b]):
                continue
            type_ = "ORG" if any(w in self.rules.org_words for w in words) else "PERSON"
            self.add(a, b, type_, "bibliography:author")
