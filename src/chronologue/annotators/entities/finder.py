"""Candidate mentions: spaCy's entities corrected by the rule tables, and the rules' own finds."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import takewhile
from typing import TYPE_CHECKING, Any

import numpy

from chronologue.lib.identity import NAME_PARTICLES, starts_surname
from chronologue.model.story import Story
from chronologue.pipeline.handoffs import PRIORITY_RULE, PRIORITY_SPACY, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

from chronologue.annotators.entities.aliases import Aliases
from chronologue.annotators.entities.edges import NameEdges
from chronologue.annotators.entities.framed import FramedNames
from chronologue.annotators.entities.rules import (
    GAP_BEFORE_NAME,
    HEADING_ROLES,
    INNER_ARTICLE,
    IOB_OUTSIDE,
    LOWER_WORD,
    NAME_PART,
    NO_NAME_BEFORE,
    NON_SPACE,
    OF_CHAIN_AFTER,
    OF_CHAIN_BEFORE,
    OF_TAIL,
    PLACE_INSIDE,
    POS_ADJ,
    POS_PROPN,
    POSSESSIVE_INSIDE,
    PRONOUNS,
    QUOTE_CHARS,
    SPACY_TYPES,
    WORD_BEFORE,
    _is_known_given,
    gazetteer_knows,
    inside_word,
    is_country,
    is_given_name,
    rules,
)
from chronologue.annotators.entities.spans import (
    Roles,
    Tokens,
    after_article,
    cut_list,
    enclosed_in_quotes,
    end_at_lower_word,
    extend_hyphenated,
    has_capital,
    in_table,
    is_capitalised_name,
    overlaps_any,
    skip_lower_lead,
    trim,
    word_before,
)
from chronologue.annotators.entities.syntax import Syntax

# -- candidate finders -------------------------------------------------------------------------------------------


class Finder(Aliases, Syntax, FramedNames):
    """Collects candidate mentions of one story from every source, then settles overlaps and types."""

    def __init__(self, story: Story, doc: Doc | None) -> None:
        self.story = story
        self.text = story.text
        self.doc = doc
        self.rules = rules()
        self.roles = Roles(story)
        self.candidates: list[Mention] = []
        self.titled: list[Mention] = []
        self._spacy_people: set[tuple[int, int]] | None = None
        self._spacy_places: set[str] | None = None
        self._text_given: set[str] | None = None
        self._lower_words: frozenset[str] | None = None
        self._edges: NameEdges | None = None
        self.blocked = self._negative_spans()
        self.spacy_spans: list[tuple[int, int, str]] = []
        self.tokens: Tokens | None = None
        if doc is not None:
            self.tokens = Tokens(doc, self.text)
            self.spacy_spans = self.tokens.entity_spans()
        self.spacy_starts = [span[0] for span in self.spacy_spans]

    def _negative_spans(self) -> list[tuple[int, int]]:
        """Sorted, merged spans of text that is never an entity (licences, chapter headings)."""
        spans: list[tuple[int, int]] = []
        for regex, needs in self.rules.negatives:
            if needs and not any(word in self.text for word in needs):
                continue
            spans.extend(m.span() for m in regex.finditer(self.text) if not inside_word(self.text, m.start()))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def add(self, start: int, end: int, type_: str, source: str, priority: int = PRIORITY_RULE, **kw: Any) -> Mention:
        mention = Mention(start, end, type_, source, priority, self.text[start:end], **kw)
        self.candidates.append(mention)
        return mention

    def is_blocked(self, start: int, end: int) -> bool:
        return overlaps_any(self.blocked, start, end)

    def phrases(self) -> None:
        """Known bodies, states and events; nationalities used as nouns; people after a rank or title."""
        rules = self.rules
        for start, end, form in rules.phrases.find(self.text, self.tokens):
            if form in rules.known:
                type_, canonical = rules.known[form]
                self.add(start, end, type_, "known", canonical=canonical)
            elif form in rules.group_plural:
                if form not in rules.group_adjective or not self._adjective_at(start):
                    self.add(start, end, "GROUP", "group", canonical=rules.group_plural[form])
            if form in rules.titles:
                self._titled_person(start, end, form)

    def _adjective_at(self, start: int) -> bool:
        tokens = self.tokens
        i = tokens.by_offset.get(start) if tokens else None
        if tokens is None or i is None:
            return bool(re.match(r"[\w-]+\s+[a-z]", self.text[start : start + 60]))  # "German tanks"
        return tokens.pos[i] == POS_ADJ or tokens.dep[i] in (tokens.code("amod"), tokens.code("compound"))

    # a capitalised name spaCy missed after "in", "near", "towards": a place
    def locative_places(self) -> None:
        tokens = self.tokens
        if tokens is None:
            return
        words, n = tokens.words, len(tokens)
        locatives, not_places = self.rules.locatives, self.rules.not_places
        dates = {tokens.code("DATE"), tokens.code("TIME")}
        lowered = numpy.array(sorted({tokens.code(word.lower()) for word in locatives}), dtype="int64")
        for i in tokens.where(in_table(tokens.column("LOWER"), lowered)):  # the few that may be locatives
            if not 1 <= i < n - 1:
                continue
            word = words[i]
            if word not in locatives and not (word[:1].isupper() and word.lower() in locatives):
                continue
            k = i + 1
            if not tokens.is_title[k] or tokens.pos[k] != POS_PROPN or words[k] in self.rules.titles:
                continue
            if tokens.ent_iob[k] != IOB_OUTSIDE and (tokens.ent_type[k] not in dates or words[k] in not_places):
                continue  # spaCy named it (or it is "June"); a name it called a date ("in Winnipeg") is a place
            last = k
            while last + 1 < n and tokens.pos[last + 1] == POS_PROPN and tokens.is_title[last + 1]:
                last += 1
            start = tokens.idx[k]
            end = extend_hyphenated(self.text, start, tokens.idx[last] + tokens.length[last])
            if self.text.startswith(("'s", "’s"), end):
                continue
            self.add(start, end, "PLACE", "rule:locative", PRIORITY_SPACY)

    def given_name_runs(self) -> None:
        """A given name (of the tables, or one the text gives a full name) and the capitalised names after it that
        spaCy left unnamed: a person.

        ``Caroline Meeber boarded the train``, ``Caroline, or Sister Carrie``: the tagger calls the words proper
        nouns but the recogniser gives them no entity. A notable place's name (``Florence``) or a title is not
        taken; nor a run the names of a body or a place end.
        """
        tokens = self.tokens
        if tokens is None:
            return
        words, n = tokens.words, len(tokens)
        titles, org_words, place_words = self.rules.titles, self.rules.org_words, self.rules.place_words
        pos, iob, is_title = tokens.column("POS"), tokens.column("ENT_IOB"), tokens.column("IS_TITLE")
        unnamed = tokens.where((pos == POS_PROPN) & (iob == IOB_OUTSIDE) & (is_title != 0))
        taken = -1
        for i in unnamed:
            if i <= taken:
                continue
            before = words[i - 1] if i > 0 else ""
            if (
                words[i] in titles
                or before in titles
                or before.rstrip(".") in NO_NAME_BEFORE
                or not (words[i].isalpha() and len(words[i]) > 2)
                or not (_is_known_given(words[i]) or words[i] in self.given_names_of_text)
            ):
                continue  # "the Dane", "St. Peter's"; a title before a name is the title rule's
            last = i
            while (
                last + 1 < n
                and last - i < 2
                and tokens.pos[last + 1] == POS_PROPN
                and tokens.is_title[last + 1]
                and tokens.ent_iob[last + 1] == IOB_OUTSIDE
                and words[last + 1].isalpha()
            ):
                last += 1
            start, end = tokens.idx[i], tokens.idx[last] + tokens.length[last]
            if any(w in org_words or w in place_words or w in titles for w in words[i + 1 : last + 1]):
                pass
            elif not gazetteer_knows(self.text[start:end]):  # "Caroline Meeber", not "Florence" the city
                self.add(start, end, "PERSON", "rule:given_name", PRIORITY_SPACY)
            taken = last

    def heading_places(self) -> None:
        """Known places in short headings, which spaCy often leaves unparsed ("Above the Volga").

        Not the heading's first word, and not a word the text also writes in lower case ("Reading", "Nice").
        """
        tokens = self.tokens
        if tokens is None:
            return
        headings = [p for p in self.story.structure.paragraphs if p.role in HEADING_ROLES and p.end - p.start <= 100]
        if not headings:
            return
        words = tokens.words
        lower = tokens.column("LEMMA")[tokens.column("IS_LOWER") != 0]  # lemmas of lower-case words

        def capitalised(k: int) -> bool:
            return words[k][:1].isupper() and words[k].isalpha()

        for paragraph in headings:
            first = bisect_left(tokens.idx, paragraph.start)
            last = bisect_left(tokens.idx, paragraph.end)
            k = first + 1
            while k < last:
                if not capitalised(k) or capitalised(k - 1) and k - 1 > first:
                    k += 1
                    continue
                run = k
                while run + 1 < last and capitalised(run + 1):
                    run += 1
                if run - k < 3 and (run > k or not (lower == tokens.code(words[k].lower())).any()):
                    start, end = tokens.idx[k], tokens.idx[run] + tokens.length[run]
                    if gazetteer_knows(self.text[start:end]):  # the whole run of capitals, a name of its own
                        self.add(start, end, "PLACE", "rule:heading", PRIORITY_SPACY)
                k = run + 1

    # pattern rules
    def patterns(self) -> None:
        for name, type_, regex, keep_person, needs, place_check in self.rules.patterns:
            if needs and not any(word in self.text for word in needs):
                continue
            for match in regex.finditer(self.text):
                if inside_word(self.text, match.start()):
                    continue
                if place_check and not self._names_place(match.group("place")):
                    continue
                group = next((g for g in ("name", "name2") if g in regex.groupindex and match.group(g)), None)
                start, end = match.span(group) if group else match.span()
                start, end = trim(self.text, start, end) if type_ != "WORK" else (start, end)
                if end <= start:
                    continue
                if keep_person and self._spacy_person_is(start, end) and not self._has_org_word(start, end):
                    type_here = "PERSON"
                else:
                    type_here = type_
                self.add(start, end, type_here, f"rule:{name}")
                if "place" in regex.groupindex and match.group("place"):
                    place_start, place_end = match.span("place")
                    self.add(place_start, place_end, "PLACE", f"rule:{name}", nested=True)

    def _titled_person_in(self, start: int, end: int) -> bool:
        return any(m.source == "title" and start <= m.start < end for m in self.titled)

    def _has_org_word(self, start: int, end: int) -> bool:
        return any(word in self.rules.org_words for word in self.text[start:end].split())

    def _spacy_person_is(self, start: int, end: int) -> bool:
        """spaCy called this very span (give or take an article) a person: a photographer's credit."""
        if self._spacy_people is None:
            self._spacy_people = {trim(self.text, a, b) for a, b, label in self.spacy_spans if label == "PERSON"}
        return (start, end) in self._spacy_people

    def _spacy_lines(self) -> Iterator[tuple[int, int, str]]:
        """spaCy's spans cut at line breaks: a name never runs over a line, and each line's part is a candidate of
        its own ("...a new life in Adelaide\n\nAldona Petrauskienė was nineteen": Adelaide, then Aldona ...)."""
        for start, end, label in self.spacy_spans:
            opening = self.text.find("(", start, end)
            if opening > start and self.text.find(")", opening, end) < 0:
                end = opening  # "Czernowitz (Cernăuți": a name never holds half a bracket
            while (newline := self.text.find("\n", start, end)) >= 0:
                if newline > start:
                    yield start, newline, label
                start = newline + 1
            if start < end:
                yield start, end, label

    # spaCy's entities, cleaned
    def spacy(self) -> None:
        text = self.text
        previous_org: tuple[int, int, list[str]] | None = None
        for start, end, label in self._spacy_lines():
            type_ = SPACY_TYPES.get(label)
            if type_ is None:
                continue
            start, end = trim(text, start, end)
            if type_ in ("PLACE", "PERSON", "ORG"):
                start, end = cut_list(text, start, end)
            if end <= start or not has_capital(text[start:end]):
                continue
            if type_ in ("PLACE", "PERSON", "ORG"):
                end = extend_hyphenated(text, start, end)
                article = INNER_ARTICLE.search(text, start, end)
                if article is not None:
                    end = article.start()  # "declared Diponegoro a National Hero": the name ends before "a"
            if type_ == "PERSON":
                start = skip_lower_lead(text, start, end)  # "over this great demesne Buck ruled"
                end = end_at_lower_word(text, start, end)  # "said Sir John to Elinor": not "John to Elinor"
                start, end = self.edges.trim(start, end)  # "Till Elizabeth", "Bingley I"
                if end <= start:
                    continue
                owner = POSSESSIVE_INSIDE.search(text, start, end)
                if owner is not None:
                    end = owner.start()  # "Gildea's London": the owner is the person
                start = self._place_before_full_name(start, end)
            elif type_ == "WORK" and not enclosed_in_quotes(text, start, end):
                if self._loose_work(start, end):
                    continue
            words = text[start:end].split()
            if type_ != "WORK" and self._coordinated_places(start, end, words, label):
                continue
            if type_ in ("PERSON", "ORG") and 2 <= len(words) <= 3 and is_country(words[0]):
                if any(w in self.rules.org_words or not w[:1].isupper() for w in words[1:]):
                    pass  # "Poland Railways" is a body
                else:  # "after the liberation of Belarus Lavrenko returned": a country, then a surname
                    self.add(start, start + len(words[0]), "PLACE", f"spacy:{label}", PRIORITY_SPACY)
                    gap = GAP_BEFORE_NAME.match(text, start + len(words[0]))
                    start = gap.end() if gap else start + len(words[0])
                    words = words[1:]
                    type_ = "PERSON"
            quoted = start > 0 and text[start - 1] in "\"“‘'«„"
            if type_ in ("ORG", "WORK", "MISC", "PLACE") and not quoted and self._is_full_name(start, end, words):
                type_ = "PERSON"  # "Kazimierz Sosnkowski" as an organisation: a given name and a surname
            if type_ == "PERSON":
                start = self._given_name_before(self._particles_before(start))
                words = text[start:end].split()
            elif type_ == "ORG":
                start = self._of_chain_before(start)
                end = self._of_chain_after(end, words)
                words = text[start:end].split()
            if words and words[0] in self.rules.titles and self._titled_person_in(start, end):
                continue  # the title rule marks the name after the title ("Engineer Petro Kravets")
            if type_ == "GROUP":
                group = self._group(start, end)
                if group is None:
                    continue
                type_ = group
            if type_ != "WORK" and any(w in self.rules.org_words for w in words[1:] + words[:1]):
                type_ = "ORG" if type_ in ("PERSON", "PLACE", "MISC", "GROUP", "ORG") else type_
            if type_ in ("ORG", "EVENT", "MISC", "PLACE") and len(words) > 1 and words[-1] in self.rules.law_words:
                type_ = "LAW"
            if type_ in ("PERSON", "ORG", "MISC") and len(words) > 1 and self._place_word_in(words):
                type_ = "PLACE"
            self.add(start, end, type_, f"spacy:{label}", PRIORITY_SPACY)
            if type_ in ("ORG", "EVENT"):
                self._place_inside(start, end)
            if type_ == "ORG":
                self._joined_bodies(previous_org, start, end, words)
                previous_org = (start, end, words)

    def _place_before_full_name(self, start: int, end: int) -> int:
        """``at Freetown John Clayton``: a known place's name run into a full name is a place; the person follows.

        Only when the second word is a given name of the tables and the first is no given name or title.
        """
        words = self.text[start:end].split()
        if len(words) < 3 or not _is_known_given(words[1]) or _is_known_given(words[0]):
            return start
        if words[0] in self.rules.titles or words[0] in NAME_PARTICLES or not gazetteer_knows(words[0]):
            return start
        self.add(start, start + len(words[0]), "PLACE", "spacy:PERSON", PRIORITY_SPACY)
        gap = GAP_BEFORE_NAME.match(self.text, start + len(words[0]))
        return gap.end() if gap else start + len(words[0])

    def _loose_work(self, start: int, end: int) -> bool:
        """A span spaCy called a title that no quotation marks enclose and that reads as speech, not a title.

        ``True, Florence``, ``You and Florence``, ``doing his duty``, a bare ``Love``: no title starts in lower
        case, with a pronoun, or holds a comma, and a single word the text also writes in lower case is a common
        noun. The names in it (after the comma, around ``and``) are offered as persons; the rest is dropped.
        Returns True when the span is no work.
        """
        text = self.text
        span = text[start:end]
        words = span.split()
        if not words:
            return True
        first = words[0].strip(QUOTE_CHARS)
        loose = (
            not first[:1].isupper()
            or first in PRONOUNS
            or "," in span
            or span.rstrip()[-1:] in ",;"
            or (len(words) == 1 and first.lower() in self.lower_words)
        )
        if not loose:
            return False
        for match in NAME_PART.finditer(text, start, end):
            name = match.group()
            if name in PRONOUNS or name.lower() in self.lower_words:
                continue
            if match.start() == start:  # "Curtis and Good"; not "True" of "True, Florence"
                offered = " and " in span and "," not in span
            else:
                offered = text[max(start, match.start() - 5) : match.start()].endswith((", ", "and "))
            if offered:
                self.add(match.start(), match.end(), "PERSON", "spacy:WORK_OF_ART", PRIORITY_SPACY)
        return True

    @property
    def edges(self) -> NameEdges:
        """Where person names start and end in this text (``edges``), read once."""
        if self._edges is None:
            self._edges = NameEdges(self.text, self.tokens)
        return self._edges

    @property
    def lower_words(self) -> frozenset[str]:
        """The words the text writes in lower case (common nouns, verbs: ``family``, ``love``), read once."""
        if self._lower_words is None:
            words = self.tokens.word_counts if self.tokens is not None else LOWER_WORD.findall(self.text)
            self._lower_words = frozenset(filter(str.islower, words))
        return self._lower_words

    def _coordinated_places(self, start: int, end: int, words: list[str], label: str) -> bool:
        """``Polesie and Naliboki`` as one span: two places when one of them is a known place (added here)."""
        if "and" not in words or len(words) > 5 or any(w in self.rules.org_words for w in words):
            return False
        at = words.index("and")
        left, right = " ".join(words[:at]), " ".join(words[at + 1 :])
        if not left or not right or not (is_capitalised_name(left) and is_capitalised_name(right)):
            return False
        known = gazetteer_knows(left) + gazetteer_knows(right)
        if known == 0 or label == "PERSON" and known < 2:
            return False  # "Harris and Florence" as one person: only two notable places are no couple
        right_start = self.text.index(right, start + len(left))
        self.add(start, start + len(left), "PLACE", f"spacy:{label}", PRIORITY_SPACY)
        self.add(right_start, right_start + len(right), "PLACE", f"spacy:{label}", PRIORITY_SPACY)
        return True

    def _place_word_in(self, words: list[str]) -> bool:
        """``Castle Varga``, ``Lake Ladoga``, ``Upper Fort Garry``: a place word first, last, or anywhere in the
        capitalised head of a name that has no organisation word there (not ``Central Office of the Forest ...``)."""
        place_words = self.rules.place_words
        if {words[0], words[-1]} & place_words:
            return True
        head = set(takewhile(lambda word: word[:1].isupper(), words))
        return bool(head & place_words) and not head & self.rules.org_words

    def _particles_before(self, start: int) -> int:
        """``Johannes van den`` before ``Bosch``: surname particles and the proper nouns before them start the
        person's span (a title or a word the parse calls no proper noun ends them); so does a capitalised particle
        that starts a surname standing alone (``De Kock``)."""
        tokens = self.tokens
        if tokens is None:
            return start
        text, low = self.text, max(0, start - 80)
        last = word_before(text, low, start)  # read first: most are no particle, and then no other word is needed
        if not last or not starts_surname(last) and last not in NAME_PARTICLES:
            return start
        words = [(m.start(), m.group()) for m in NON_SPACE.finditer(text, low, start)]
        k = len(words)
        if k and starts_surname(words[-1][1]):
            return words[-1][0]  # "De Kock" standing alone
        while k and words[k - 1][1] in NAME_PARTICLES:
            k -= 1
        first = k
        while first and words[first - 1][1] not in self.rules.titles and self._proper_noun_at(words[first - 1][0]):
            first -= 1
        return start if k == len(words) or first == k else words[first][0]

    def _proper_noun_at(self, offset: int) -> bool:
        tokens = self.tokens
        i = tokens.by_offset.get(offset) if tokens else None
        return tokens is not None and i is not None and tokens.pos[i] == POS_PROPN and bool(tokens.is_title[i])

    def _given_name_before(self, start: int) -> int:
        """``Anatoly`` before ``Petrovich Lavrenko``: a given name just before a person's span is its start."""
        before = WORD_BEFORE.search(self.text, max(0, start - 40), start)
        if before is None or before.group(1) in self.rules.titles:
            return start
        if before.group(1) in self.given_names_of_text or is_given_name(before.group(1)):
            first, _ = self.edges.trim(before.start(1), start + 1)  # not "Till" of "Till Elizabeth"
            return first if first == before.start(1) else start
        return start

    @property
    def given_names_of_text(self) -> set[str]:
        """First words of the text's full names (``Władysław`` of ``Władysław Anders``; also of the bibliography's
        authors, found before), read once."""
        if self._text_given is None:
            self._text_given = set()
            spans = [(a, b) for a, b, label in self.spacy_spans if label == "PERSON"]
            authors = [(m.start, m.end) for m in self.candidates if m.source == "bibliography:author"]
            for start, end in spans + authors + [(m.start, m.end) for m in self.titled]:
                words = self.text[start:end].split()
                if len(words) >= 2 and words[0].isalpha() and words[0][:1].isupper():
                    self._text_given.add(words[0])
            rules = self.rules
            self._text_given = {
                word
                for word in self._text_given
                if word not in rules.group_adjective and word not in rules.titles and not gazetteer_knows(word)
            }
        return self._text_given

    def _of_chain_before(self, start: int) -> int:
        """``Central Staff of the`` before ``Partisan Movement``: an organisation's name is kept whole."""
        chain = OF_CHAIN_BEFORE.search(self.text, max(0, start - 120), start)
        if chain is None:
            return start
        words = chain.group(1).split()
        if any(w in self.rules.titles for w in words):
            return start  # "Commander of the Red Army": a title, not a part of the name
        return chain.start(1)

    def _of_chain_after(self, end: int, words: list[str]) -> int:
        """An organisation's name cut before its ``of`` tail is kept whole.

        ``the Lithuanian Office of`` ends with the capitalised words after it; ``State Museum`` (a body's word last)
        runs on over ``of the History of the Great War``.
        """
        if not words:
            return end
        if words[-1] in ("of", "for", "the"):
            tail = OF_CHAIN_AFTER.match(self.text, end)
            return tail.end() if tail else end
        if words[-1] in self.rules.org_words or words[-1] in self.rules.not_names:
            tail = OF_TAIL.match(self.text, end)
            return tail.end() if tail else end
        return end

    def _joined_bodies(
        self, previous: tuple[int, int, list[str]] | None, start: int, end: int, words: list[str]
    ) -> None:
        """``the Polish Institute and Sikorski Museum``: two bodies' names joined by ``and`` under one article."""
        if previous is None or len(words) < 2 or words[-1] not in self.rules.org_words:
            return
        a, b, first = previous
        if len(first) < 2 or first[-1] not in self.rules.org_words or self.text[b:start] != " and ":
            return
        if self.text[max(0, a - 4) : a] not in ("the ", "The "):
            return
        self.add(a, end, "ORG", "rule:joined_bodies", PRIORITY_SPACY)

    def _is_full_name(self, start: int, end: int, words: list[str]) -> bool:
        """Two or three capitalised words starting with a given name, with no word of a body or a place."""
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
            return False
        if any(w in self.rules.org_words or w in self.rules.place_words or w in self.rules.known for w in words):
            return False
        first = words[0]
        if first not in self.given_names_of_text and not is_given_name(first):
            return False
        if words[-1].lower() in self.lower_words or after_article(self.text, start):
            return False  # "the Happy Family": a common noun after a nickname, no surname
        return not gazetteer_knows(self.text[start:end])

    def _names_place(self, name: str) -> bool:
        """A place the gazetteer knows, or one spaCy called a place; never a nationality (``Soviet offensive``)."""
        if name in self.rules.group_adjective or name in self.rules.known and self.rules.known[name][0] != "PLACE":
            return False
        if gazetteer_knows(name):
            return True
        if self._spacy_places is None:
            self._spacy_places = {self.text[a:b] for a, b, label in self.spacy_spans if label in ("GPE", "LOC")}
        return name in self._spacy_places

    def _place_inside(self, start: int, end: int) -> None:
        """``the Military Station in Peenemünde``: the name after in/at/near inside an ORG is a nested place."""
        for match in PLACE_INSIDE.finditer(self.text, start, end):
            if match.end() == end or not self.text[match.end()].isalnum():
                self.add(match.start(1), match.end(1), "PLACE", "rule:place_inside", PRIORITY_SPACY, nested=True)

    def _group(self, start: int, end: int) -> str | None:
        """GROUP for a nominal nationality, None for a bare adjective; ``NORP?`` when spaCy's NORP is unknown."""
        span = self.text[start:end]
        if span in self.rules.group_plural:
            if span in self.rules.group_adjective and self._adjective_at(start):
                return None
            return "GROUP"
        if span.lower() in self.rules.group_adjective_lower:
            return None
        if span.endswith("s") and span[:-1] in self.rules.group_adjective:
            return "GROUP"
        return "NORP?"

    # acronyms in parentheses and originals in another script
