"""Names given twice in a row: acronyms and originals in parentheses, alternate names of one place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from chronologue.annotators.entities.rules import (
    ACRONYM,
    LOWER_SCRIPT_WORDS,
    NESTING_TYPES,
    PAREN_NAME,
    SCRIPT_RUN,
    Rules,
    _best_place,
    gazetteer_knows,
)
from chronologue.annotators.entities.spans import end_before, trim
from chronologue.pipeline.handoffs import PRIORITY_RULE, Mention


class Aliases:
    """Names given twice: an acronym or an original in parentheses, an alternate place name.

    A part of the candidate :class:`~chronologue.annotators.entities.finder.Finder`, which sets these."""

    text: str
    rules: Rules

    def parenthesised(self, accepted: list[Mention]) -> list[Mention]:
        """Acronyms ``(ROA)`` and originals ``(Пётр Палий)`` after a mention: new mentions tied to it."""
        by_end: dict[int, Mention] = {}
        for mention in accepted:
            current = by_end.get(mention.end)
            if current is None or mention.end - mention.start > current.end - current.start:
                by_end[mention.end] = mention
        added: list[Mention] = []
        text = self.text
        for match in ACRONYM.finditer(text):
            before = by_end.get(end_before(text, match.start()))
            target = before.alias_of or before if before else None
            if target is None:
                target = self._capitalised_run_before(match.start())
                if target is None:
                    continue
                added.append(target)
            acronym = Mention(match.start(1), match.end(1), target.type, "acronym", PRIORITY_RULE, match.group(1))
            acronym.alias_of = target
            added.append(acronym)
        taken = -1
        for match in SCRIPT_RUN.finditer(text):
            if match.start() < taken:
                continue
            opening = text.rfind("(", max(0, match.start() - 3), match.start())
            before = by_end.get(end_before(text, opening)) if opening >= 0 else None
            if before is None and opening >= 0 and len(match.group().split()) >= 2:
                before = self._name_before_original(opening, len(match.group().split()))
                if before is not None:
                    added.append(before)
            type_ = before.type if before else ("PERSON" if len(match.group().split()) >= 2 else "MISC")
            end = match.end()
            if before is not None and type_ in NESTING_TYPES:  # "Белорусский штаб партизанского движения"
                lower = LOWER_SCRIPT_WORDS.match(text, end)
                end = lower.end() if lower else end
                taken = end
            original = Mention(match.start(), end, type_, "script", PRIORITY_RULE, text[match.start() : end])
            original.alias_of = (before.alias_of or before) if before else None
            added.append(original)
        added.extend(self._alternate_place_names(by_end))
        added.extend(self._other_names(by_end))
        return added

    def other_names_after(self, people: list[Mention], mentions: list[Mention]) -> list[Mention]:
        """Other names given after the repeated mentions ``people`` (``Diponegoro was born ... as Raden Mas
        Mustahar``): a mention already there at the alias's span is tied to the person; new ones are returned."""
        at = {(m.start, m.end): m for m in mentions}
        added: list[Mention] = []
        for alias in self._other_names({m.end: m for m in people}):
            known = at.get((alias.start, alias.end))
            if known is None:
                added.append(alias)
            elif known.type == "PERSON" and known.alias_of is None:
                known.alias_of = alias.alias_of
        return added

    def _other_names(self, by_end: dict[int, Mention]) -> Iterator[Mention]:
        """``Prudence Cowley, known to her friends as "Tuppence"``, ``Jan Nowak, nom de guerre "Zych"``: another name
        of the person just named, tied to them."""
        for end, person in by_end.items():
            if person.type != "PERSON":
                continue
            for cue in self.rules.alias_cues:
                match = cue.match(self.text, end)
                if match is not None:
                    alias = Mention(
                        match.start("alias"), match.end("alias"), "PERSON", "alias", PRIORITY_RULE, match.group("alias")
                    )
                    alias.alias_of = person.alias_of or person
                    yield alias
                    break

    def _alternate_place_names(self, by_end: dict[int, Mention]) -> Iterator[Mention]:
        """``Lemberg (Lwów)``: a name in brackets after a place that the gazetteer resolves to the same place."""
        text = self.text
        for match in PAREN_NAME.finditer(text):
            before = by_end.get(end_before(text, match.start()))
            if before is None or before.type not in ("PLACE", "PERSON", "ORG", "MISC"):
                continue
            if before.type != "PLACE" and not gazetteer_knows(before.text):
                continue
            place, alternate = _best_place(before.text), _best_place(match.group(1))
            if place is None or alternate is None or place.source_id != alternate.source_id:
                continue
            before.type = "PLACE"  # two names of one place, whatever spaCy called the first
            mention = Mention(match.start(1), match.end(1), "PLACE", "alternate", PRIORITY_RULE, match.group(1))
            mention.alias_of = before.alias_of or before
            yield mention

    def _name_before_original(self, paren: int, words: int) -> Mention | None:
        """``Eleni Papadopoulou (Ελένη Παπαδοπούλου)`` that spaCy missed: as many capitalised words right before the
        bracket as the original has words name the person the original writes in its own script."""
        head = self.text[max(0, paren - 80) : paren].rstrip()
        run = re.search(rf"(?<![\w'’-])((?:[A-Z][\w'’-]+\s+){{{words - 1}}}[A-Z][\w'’-]+)$", head)
        if not run:
            return None
        end = paren - (len(self.text[max(0, paren - 80) : paren]) - len(head))
        start = end - len(run.group(1))
        if self.text[start:end].split()[0] in self.rules.not_names:
            return None
        return Mention(start, end, "PERSON", "script", PRIORITY_RULE, self.text[start:end])

    def _capitalised_run_before(self, paren: int) -> Mention | None:
        """``Ukrainian Insurgent Army (UPA)`` without any mention before it: the capitalised words become an ORG."""
        head = self.text[max(0, paren - 120) : paren].rstrip()
        run = re.search(r"((?:[A-Z][\w'’-]+\s+(?:(?:of|for|and|the)\s+)*){1,6}[A-Z][\w'’-]+)$", head)
        if not run or len(run.group(1).split()) < 2:
            return None
        end = paren - (len(self.text[max(0, paren - 120) : paren]) - len(head))
        start = end - len(run.group(1))
        start, end = trim(self.text, start, end)
        return Mention(start, end, "ORG", "acronym", PRIORITY_RULE, self.text[start:end])
