"""Pronouns of event participants, resolved along the chain of sentence subjects.

``reference.resolve_pronoun`` answers from the mentions of names near a pronoun. A narrative often keeps its
person as the subject over many sentences that name nobody ("He ended up in a camp where Hitler's weapons
were built. He stayed there ..."): when no name of the right gender stands earlier in the pronoun's own
sentence, the subject of the sentences before it is followed back (a subject pronoun resolved the same
way), skipping captions and headings, which are no part of the running text; a name that is no subject
counts only in the sentence right before ("The guards beat Ivan. He fell.").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import numpy
from spacy.symbols import PROPN

from chronologue.lib import docview
from chronologue.lib.coref.sentences import Sentences
from chronologue.lib.coref.vocabulary import FEMALE, FEMALE_PRONOUNS, MALE, MALE_PRONOUNS, SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from chronologue.lib.coref.mentions import MentionIndex

SUBJECTS = SUBJECT_DEPS
HERO_WORDS = frozenset({"hero", "heroine", "protagonist"})
# How many sentences back the chain of subjects is followed.
CHAIN_REACH = 5


class SubjectChain:
    """Resolves he/she pronouns: a name before it in its sentence, else the chain of subjects before it."""

    def __init__(
        self,
        doc: Doc,
        index: MentionIndex,
        text: str,
        aside: Callable[[int], bool],
        types: Mapping[str, str],
        genders: Mapping[str, str] | None = None,
        sentences: Sentences | None = None,
    ) -> None:
        self.doc = doc
        self.genders = {**(genders or {}), **index.genders}
        self.index = index
        self.text = text
        self.aside = aside
        self.types = types
        self.sentence_list = sentences or Sentences(doc)
        self.sentences: list[Span] = self.sentence_list.spans
        self.memo: dict[int, str | None] = {}
        # per sentence number, read off the parse once: its names (token index, entity) and its main subjects
        self._names: dict[int, list[tuple[int, str | None]]] = {}
        # indices of the parse's proper nouns and of its subjects, read off its columns when first needed
        self._proper: list[int] | None = None
        self._subject_tokens: list[int] | None = None
        self._subjects: dict[int, list[Token]] = {}
        # mentions typed otherwise that are a person's name (MentionIndex.persons_by_name); events read it too
        self.persons_by_name = index.persons_by_name(text, types)

    def gender_ok(self, entity: str | None, gender: str | None, strict: bool = False) -> bool:
        """Whether an entity is a person who may be called by a pronoun of this gender (None: any); ``strict``:
        only a person known to be of that gender."""
        if entity is None or self.types.get(entity) != "PERSON":
            return False
        if gender is None:
            return True
        known = self.genders.get(entity)
        return known == gender if strict or known is not None else True

    def _mention(self, tok: Token) -> str | None:
        found = self.index.entity_at(tok.idx, tok.idx + len(tok.text))
        return self.persons_by_name.get((tok.idx, tok.idx + len(tok.text)), found)

    def _names_in(self, n: int) -> list[tuple[int, str | None]]:
        """The proper nouns of sentence ``n`` in order: (token index, the entity its mention belongs to)."""
        found = self._names.get(n)
        if found is None:
            if self._proper is None:
                self._proper = numpy.flatnonzero(docview.of(self.doc).columns("POS") == PROPN).tolist()
            sent, proper, doc = self.sentences[n], self._proper, self.doc
            first, last = bisect_left(proper, sent.start), bisect_left(proper, sent.end)
            found = self._names[n] = [(i, self._mention(doc[i])) for i in proper[first:last]]
        return found

    def _main_subjects(self, n: int) -> list[Token]:
        """The subjects of the root of sentence ``n`` (else its first subject anywhere)."""
        found = self._subjects.get(n)
        if found is None:
            sent = self.sentences[n]
            found = [c for c in sent.root.children if c.dep_ in SUBJECTS]
            if not found:
                if self._subject_tokens is None:
                    labels = numpy.array([self.doc.vocab.strings[d] for d in SUBJECTS], dtype=numpy.uint64)
                    self._subject_tokens = numpy.flatnonzero(
                        numpy.isin(docview.of(self.doc).columns("DEP"), labels)
                    ).tolist()
                first = bisect_left(self._subject_tokens, sent.start)
                if first < len(self._subject_tokens) and self._subject_tokens[first] < sent.end:
                    found = [self.doc[self._subject_tokens[first]]]
            self._subjects[n] = found
        return found

    def resolve(self, tok: Token, depth: int = 0) -> str | None:
        """The person a he/him/his/she/her token refers to, or what ``reference`` says for other words."""
        lower = tok.lower_
        gender: str | None
        if lower in MALE_PRONOUNS:
            gender = MALE
        elif lower in FEMALE_PRONOUNS:
            gender = FEMALE
        else:
            found = self.index.resolve(self.text, tok.idx)
            if found is not None or lower not in HERO_WORDS:
                return found
            gender = None  # "our hero" in a story without a clear protagonist: the person the text is about
        if tok.i in self.memo:
            return self.memo[tok.i]
        self.memo[tok.i] = None  # guards against cycles
        found = self._resolve(tok, gender, depth)
        self.memo[tok.i] = found
        return found

    def _resolve(self, tok: Token, gender: str | None, depth: int) -> str | None:
        def fallback() -> str | None:
            return self.index.resolve(self.text, tok.idx)

        for i, entity in self._names_in(self.sentence_list.index(tok)):
            if i >= tok.i:
                break
            if self.gender_ok(entity, gender):
                return fallback()
        if depth > 2 * CHAIN_REACH:
            return fallback()
        if gender is None:
            return self._chain(tok, gender, depth, strict=False) or fallback()
        # a person known to be of the pronoun's gender first (a mountain taken for a person has none) ...
        found = self._chain(tok, gender, depth, strict=True)
        if found is not None:
            return found
        nearest = fallback()
        if self.gender_ok(nearest, gender, strict=True):
            return nearest
        protagonist = self.index.protagonist
        if self.gender_ok(protagonist, gender, strict=True):
            return protagonist  # nobody of this gender in reach: the person the story is about
        # ... then anyone whose gender is not known
        return self._chain(tok, gender, depth, strict=False) or nearest

    def _chain(self, tok: Token, gender: str | None, depth: int, strict: bool) -> str | None:
        """The subject (or, in the sentence right before, the name) of the running text before the pronoun's
        sentence that fits the gender, captions and headings skipped."""
        position = self.sentence_list.index(tok)
        in_aside = self.aside(tok.idx)
        looked = 0
        for n in range(position - 1, -1, -1):
            previous = self.sentences[n]
            if not in_aside and self.aside(previous.start_char):
                continue
            looked += 1
            if looked > CHAIN_REACH:
                break
            subject = self._subject_person(n, gender, depth, strict)
            if subject is not None:
                return subject
            if looked == 1:
                named = [entity for _, entity in self._names_in(n) if self.gender_ok(entity, gender, strict)]
                if named:
                    return named[-1]
        return None

    def _subject_person(self, n: int, gender: str | None, depth: int, strict: bool = False) -> str | None:
        """The person the main subject of sentence ``n`` stands for, if it is one of this gender."""
        for subject in self._main_subjects(n):
            if subject.lower_ in MALE_PRONOUNS or subject.lower_ in FEMALE_PRONOUNS:
                entity = self.resolve(subject, depth + 1)
            else:
                entity = self._mention(subject) or next(
                    (self._mention(c) for c in subject.children if c.dep_ in ("compound", "appos")), None
                )
            if self.gender_ok(entity, gender, strict):
                return entity
        return None
