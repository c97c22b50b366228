"""The one coreference of a document: who each name, pronoun and person noun stands for, run once per document.

A name goes to its entity's mention (a bare surname shared by a family to the bearer the text was last about); a
he/she pronoun to the most salient person of its sex in the narration (``salience``, Lappin and Leass) and,
where that pass knows no one, to the nearest compatible person: a subject earlier in its sentence, else the
subject of the sentence before (or the last person that sentence names), else the nearest main-clause subject
further back, else the story's protagonist. A person noun (``the doctor``, ``his wife``, ``one of the
companions``) goes to the person a name in apposition, a title or kinship (``kinship``) makes it, else it is
someone unnamed, with the noun phrase as the mention. The sex of every person comes from ``gender``.

Every annotator takes the document's one :class:`Coreference` from its context; it is built after the names
stage, when the entities are known, on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronologue.lib.coref.gender import Genders
from chronologue.lib.coref.kinship import Families
from chronologue.lib.coref.mentions import MentionIndex, facts, protagonist
from chronologue.lib.coref.salience import SalienceModel, one_of
from chronologue.lib.coref.subjects import SubjectChain
from chronologue.lib.coref.vocabulary import (
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE_PRONOUNS,
    MALE_TITLES,
    SUBJECT_DEPS,
    Gender,
    noun_gender,
    person_words,
    pronoun_gender,
)
from chronologue.lib.identity.given_names import common_word

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronologue.lib.coref.sentences import Sentences
    from chronologue.model.story import Story

# a rank as the entity stage gives it -> the noun a text uses for its bearer ("Dr." -> "the doctor")
TITLE_WORDS = {"dr": "doctor", "doctor": "doctor", "capt": "captain", "captain": "captain", "col": "colonel",
               "colonel": "colonel", "gen": "general", "general": "general", "lt": "lieutenant",
               "lieutenant": "lieutenant", "maj": "major", "major": "major", "sgt": "sergeant", "sergeant": "sergeant",
               "prof": "professor", "professor": "professor", "rev": "reverend", "judge": "judge",
               "inspector": "inspector", "colonel.": "colonel", "sir": "", "mr": "", "mrs": "", "miss": ""}
LOOK_BACK_SENTENCES = 15
_WORD = re.compile(r"\w+")
ASIDE_ROLES = frozenset({"kicker", "title", "heading", "caption", "bibliography"})


@dataclass(frozen=True)
class Reference:
    """What a word refers to: the entity id (None when unnamed or unknown) and the mention that names it."""

    entity: str | None
    mention: tuple[int, int] | None


NO_REFERENCE = Reference(None, None)


def part_of_speech(token: Token) -> str:
    """The token's part of speech, a lower-case word the tagger took for a name counted a noun (``said the father``)."""
    return "NOUN" if token.pos_ == "PROPN" and token.text[:1].islower() else token.pos_


def _title_word(word: str) -> bool:
    lower = word.lower()
    return lower in MALE_TITLES or lower in FEMALE_TITLES or lower.rstrip(".") in TITLE_WORDS


def _titled(token: Token) -> bool:
    """The name follows a title (``Mrs. Bennet``): it is the titled person's, not the family's latest."""
    return token.i > 0 and _title_word(token.nbor(-1).text)


class Coreference:
    """The references of one document, computed on first ask and kept (every annotator shares one)."""

    def __init__(
        self,
        story: Story,
        sentences: Sentences,
        quoted: list[tuple[int, int]],
        asides: list[tuple[int, int]] | None = None,
    ) -> None:
        """``quoted``: the spans of the quotations (no narration there); ``asides``: captions, headings, titles and
        bibliography entries (no one there speaks nor is talked about in the narrative)."""
        self.story = story
        self.sentences = sentences
        self.words = person_words()
        self.asides = sorted(asides or [])
        self.aside_starts = [a[0] for a in self.asides]
        self.entities = {e.id: e for e in story.entities}
        mentions = sorted((m.start, m.end, e.id) for e in story.entities for m in e.mentions)
        self.mentions = mentions
        self.mention_starts = [m[0] for m in mentions]
        # entities that are persons: PERSON ones, and any other the text makes speak ("said Meg" typed ORG)
        self.speaking = {e.id for e in story.entities if e.type == "PERSON"}
        self.persons_by_type = frozenset(self.speaking)
        self.by_word: dict[str, list[str]] = {}
        words = Counter(_WORD.findall(story.text))
        for e in story.entities:
            if e.type != "PLACE":
                for word in {w for text in (e.name, *e.aliases) for w in text.split() if w[:1].isupper()}:
                    if not common_word(word, words):  # "No, ..." calls no one, though "Photo No. 3" was a name
                        self.by_word.setdefault(word, []).append(e.id)
        self.quoted = sorted(quoted)
        self.quoted_starts = [q[0] for q in self.quoted]
        self._learn_speakers()
        self.gender = Genders(self.entities, story.text, self.mention_starts, lambda at: not self.inside_quote(at))
        self._index: MentionIndex | None = None
        self._indexed = 0
        self._subjects: SubjectChain | None = None
        self._resolved: dict[int, Reference] = {}
        self._protagonist: Reference | None = None
        self._families: Families | None = None
        self._salience: SalienceModel | None = None
        self._kin_of: dict[tuple[str, str], str] = {}  # (person, kin noun) -> the kin the text named by apposition
        self._married: dict[str, str] | None = None

    def _learn_speakers(self) -> None:
        """Entities of any type that some speech verb makes speak are persons ("said Meg", Meg typed ORG)."""
        doc = self.sentences.doc
        verbs = self.words.speech_verbs
        for entity in self.entities.values():
            if entity.id in self.speaking or entity.type == "PLACE":
                continue
            for m in entity.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                root = span.root if span is not None and len(span) else None
                if root is not None and root.dep_ in SUBJECT_DEPS and root.head.lemma_ in verbs:
                    self.speaking.add(entity.id)
                    break

    @staticmethod
    def asides_of(story: Story) -> list[tuple[int, int]]:
        """Spans outside the running text: captions, headings, titles, bibliography entries, figure captions."""
        spans = [(p.start, p.end) for p in story.structure.paragraphs if p.role in ASIDE_ROLES]
        spans += [(f.caption.start, f.caption.end) for f in story.figures]
        return sorted(spans)

    @property
    def index(self) -> MentionIndex:
        """The mention index (by position) of the document's entities, with the parse's sentences and subjects
        (rebuilt when a later annotator added entities)."""
        if self._index is None or self._indexed != len(self.story.entities):
            self._index = MentionIndex.build(self.story, facts(self.story, self.sentences.doc))
            self._indexed = len(self.story.entities)
            self._subjects = None
        return self._index

    @property
    def subjects(self) -> SubjectChain:
        """He/she along the chain of sentence subjects (for event participants, who are often no speaker)."""
        index = self.index
        if self._subjects is None:
            story = self.story
            types = {e.id: e.type for e in story.entities}
            # the person the story is about is the one its pronouns mostly follow: a margin of one vote tells
            # their sex (a stray PERSON, "X rose over the valley. She moved", needs more)
            protagonist = index.protagonist
            genders = {
                e.id: g for e in story.entities
                if e.type == "PERSON" and (g := self.gender.of(e.id, weak=e.id == protagonist))
            }
            self._subjects = SubjectChain(
                self.sentences.doc, index, story.text, self.aside, types, genders, self.sentences
            )
        return self._subjects

    def aside(self, offset: int) -> bool:
        """True inside a caption, heading, title or bibliography: no one there speaks in the narrative."""
        i = bisect_right(self.aside_starts, offset) - 1
        return i >= 0 and offset < self.asides[i][1]

    def inside_quote(self, offset: int) -> bool:
        i = bisect_right(self.quoted_starts, offset) - 1
        return i >= 0 and self.quoted[i][0] <= offset < self.quoted[i][1]

    def mention_at(self, start: int, end: int, persons_only: bool = True) -> tuple[int, int, str] | None:
        """The entity mention overlapping [start, end), the tightest first (of persons, unless told otherwise)."""
        i = bisect_right(self.mention_starts, end - 1)
        best = None
        for j in range(i - 1, max(-1, i - 12), -1):
            s, e, eid = self.mentions[j]
            if persons_only and eid not in self.speaking:
                continue
            if s < end and e > start and (best is None or e - s < best[1] - best[0]):
                best = (s, e, eid)
        return best

    def person_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The person mention overlapping [start, end)."""
        return self.mention_at(start, end)

    def speaker_named(self, token: Token) -> tuple[int, int, str] | None:
        """The entity a name speaking at ``token`` belongs to: its mention there, else an entity so named."""
        found = self.mention_at(token.idx, token.idx + len(token.text), persons_only=False)
        if found is None:
            ids = self.by_word.get(token.text, [])
            if not ids:
                return None
            best = max(ids, key=lambda i: (i in self.speaking, len(self.entities[i].mentions)))
            left = token
            while left.i > 0 and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).dep_ == "compound":
                left = left.nbor(-1)
            found = (left.idx, token.idx + len(token.text), best)
        elif " " not in self.story.text[found[0]:found[1]].strip() and not _titled(token):
            found = (found[0], found[1], self._latest_bearer(token.text, token.idx) or found[2])
        self.speaking.add(found[2])
        return found

    def _latest_bearer(self, word: str, before: int) -> str | None:
        """Of the persons whose name holds ``word``, the one the last mention with that word before ``before`` is.

        A bare surname shared by a family ("Lavrenko wrote") means the Lavrenko the text was last about, whether
        named in full or by the surname alone.
        """
        ids = [i for i in self.by_word.get(word, []) if i in self.speaking]
        if len(ids) < 2:
            return None
        text = self.story.text
        best, best_at = None, -1
        for entity_id in ids:
            for m in self.entities[entity_id].mentions:
                if best_at < m.end <= before and word in text[m.start:m.end].split():
                    best, best_at = entity_id, m.end
        return best

    def _named_person(self, token: Token) -> tuple[int, int, str] | None:
        """A name the entity stage typed otherwise (or missed) that the text treats as a person's."""
        found = self.mention_at(token.idx, token.idx + len(token.text), persons_only=False)
        if found is not None:  # a work or a body only when some speech verb made it speak ("said Meg", Meg an ORG)
            return found if found[2] in self.speaking and self.gender(found[2]) is not None else None
        ids = [i for i in self.by_word.get(token.text, []) if i in self.speaking]
        if not ids:
            return None
        best = max(ids, key=lambda i: len(self.entities[i].mentions))
        return token.idx, token.idx + len(token.text), best

    def entity_named(self, name: str) -> str | None:
        """The entity a name (``Anna``, ``Mr. Bennet``) calls, by its last word; persons first, then the most named."""
        words = name.split()
        ids = self.by_word.get(words[-1], []) if words else []
        if not ids:
            return None
        return max(ids, key=lambda i: (i in self.speaking, len(self.entities[i].mentions)))

    def person_named(self, name: str) -> str | None:
        """The person a name calls (a vocative: ``"Come, Anna!"``), by its last word; never a place, work or body,
        nor anyone for a title alone (``"Madame!"``, ``"General,"``: one of several who may bear it) or for words
        that are not all names of the story."""
        words = name.split()
        if len(words) == 1 and _title_word(words[0]):
            return None
        named = [w for w in words if not _title_word(w)]
        if any(not self.by_word.get(w) for w in named[:-1]):  # every word a name of the story: not "To James Mortimer"
            return None
        ids = [i for i in self.by_word.get(words[-1], []) if i in self.speaking] if words else []
        return max(ids, key=lambda i: len(self.entities[i].mentions)) if ids else None

    def titled(self, noun: Token) -> str | None:
        """``the doctor``, ``the captain``: the one entity the text gives that title, or None."""
        if not any(c.lower_ == "the" for c in noun.children):
            return None
        lemma = noun.lemma_.lower()
        hits = [e.id for e in self.entities.values() if e.id in self.speaking
                and TITLE_WORDS.get(str(e.attributes.get("rank", "")).lower().rstrip("."), "") == lemma]
        return hits[0] if len(hits) == 1 else None

    def _part_of_speech(self, token: Token) -> str:
        """The token's part of speech, a word that is a person's name in this story counted a name whatever the
        tagger said ("Eleni" read as an adjective)."""
        pos = part_of_speech(token)
        named = any(i in self.speaking for i in self.by_word.get(token.text, ()))
        if pos in ("ADJ", "NOUN", "X", "VERB") and token.text[:1].isupper() and named:
            return "PROPN"
        return pos

    def kin(self, noun: Token) -> str | None:
        """``his wife``, ``her mother``, ``the father``: the family member the kin noun means, or None."""
        relation = self.words.kin.get(noun.lemma_.lower())
        if relation is None:
            return None
        owner_token = next((c for c in noun.children if c.dep_ == "poss"), None)
        owner: str | None = None
        if self._families is None:
            persons = [e for e in self.story.entities if e.id in self.speaking]
            self._families = Families(persons, self.gender)
        if owner_token is not None:
            if owner_token.lower_ in ("his", "her"):
                for candidate in self._owners(owner_token):  # "cried her mother": "her" is not the mother
                    found = self._kin_of.get((candidate or "", noun.lemma_.lower()))
                    if found is None and relation[0] == "spouse":
                        found = self._spouses().get(candidate or "")
                    found = found or self._families.kin(relation[0], relation[1], candidate)
                    if found is not None:
                        return found
                return None
            if owner_token.pos_ == "PRON":
                if owner_token.lower_ != "their":  # "their father": the family's, as "the father"
                    return None  # "my mother", "your father": the narrator's or the listener's, not known here
            else:
                at = self.person_at(owner_token.idx, owner_token.idx + len(owner_token.text))
                if at is None:
                    return None  # "my brother's wife": kin of someone the story does not name
                owner = at[2]
        elif not any(c.lower_ == "the" for c in noun.children):
            return None  # "a mother", "mother" alone: no one in particular
        return self._families.kin(relation[0], relation[1], owner)

    def _spouses(self) -> dict[str, str]:
        """Who married whom, as the text tells it ("After the war Helmi married Eino Saarinen"), both ways."""
        if self._married is None:
            self._married = {}
            for token in self.sentences.doc:
                if token.pos_ != "VERB" or token.lemma_.lower() not in self.words.spouse_verbs:
                    continue
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                partner = next((c for c in token.children if c.dep_ == "dobj"), None)
                named: list[str | None]
                if subject is not None and subject.lower_ == "they":  # "she met Grigore Lungu and they married"
                    named = list(self._people_before(token))
                else:
                    named = [self._person_token(t) for t in (subject, partner) if t is not None]
                pair = list(dict.fromkeys(p for p in named if p is not None))
                if len(pair) == 2:
                    self._married.setdefault(pair[0], pair[1])
                    self._married.setdefault(pair[1], pair[0])
        return self._married

    def _person_token(self, token: Token) -> str | None:
        """The person a name or a he/she pronoun at ``token`` is."""
        if token.lower_ in MALE_PRONOUNS or token.lower_ in FEMALE_PRONOUNS:
            resolved = self.resolve(token)
            return resolved.entity if resolved is not None else None
        found = self.person_at(token.idx, token.idx + len(token))
        return found[2] if found is not None else None

    def _people_before(self, verb: Token) -> list[str | None]:
        """The persons the sentence names (or calls he/she as a subject) before ``verb``."""
        sentence = self.sentences.sentence_at(verb.idx)
        return [self._person_token(t) for t in sentence if t.i < verb.i and not self.inside_quote(t.idx)
                and (t.pos_ == "PROPN" or (t.dep_ in SUBJECT_DEPS and t.pos_ == "PRON"))]

    def _owners(self, pronoun: Token) -> list[str | None]:
        """Whom a possessive may mean, the likeliest first: the salience ranking, else the one resolution."""
        if self._salience is not None and self._salience.known(pronoun):
            ranked = [r.entity for r in self._salience.ranked(pronoun)]  # None: someone unnamed, of the family
            if ranked:
                return ranked
        resolved = self.resolve(pronoun)
        return [resolved.entity if resolved is not None else None]

    def protagonist(self) -> Reference:
        """The story's protagonist: the person named clearly most (``mentions.protagonist``)."""
        if self._protagonist is None:
            self._protagonist = Reference(protagonist(self.story), None)
        return self._protagonist

    def _compatible(self, ref: Reference, gender: str | None) -> bool:
        if gender is None or ref.entity is None:
            return True
        other = self.gender(ref.entity)
        return other is None or other == gender

    def noun_phrase(self, token: Token) -> tuple[int, int]:
        """The span of a person noun phrase: ``one of the camp's companions``, ``his wife``."""
        head = token
        if one_of(token):
            head = token.head.head
        left = head.left_edge
        right = token
        return left.idx, right.idx + len(right.text)

    def reference(self, token: Token, gender: str | None = None) -> Reference | None:
        """The person a token refers to (a name, a pronoun, a person noun), or None when it names no person."""
        person = self.person_at(token.idx, token.idx + len(token.text))
        pos = self._part_of_speech(token)
        if person is None and pos == "PROPN":
            person = self._named_person(token)
        if person is not None:
            ref = Reference(person[2], (person[0], person[1]))
            return ref if self._compatible(ref, gender) else None
        lower = token.lower_
        if pos == "PRON":
            own = pronoun_gender(lower)
            if own is None or (gender is not None and own != gender):
                return None
            return self.resolve(token)
        if pos == "NOUN":
            lemma = token.lemma_.lower()
            if lemma not in self.words.person_nouns:
                return None
            plural = token.tag_ in ("NNS", "NNPS")
            quantified = one_of(token)
            if plural and not quantified:
                return None
            own = noun_gender(lemma)
            if gender is not None and own is not None and own != gender:
                return None
            span = self.noun_phrase(token)
            entity = self._noun_entity(token)
            if entity and not self._compatible(Reference(entity, span), gender):
                return None  # "she" is not "the doctor" the story knows as a man
            return Reference(entity, span)
        return None

    def _noun_entity(self, noun: Token) -> str | None:
        """The entity a person noun names: a name in apposition (``Lavrenko's son, Yuri Lavrenko``: Yuri, not the
        possessor; ``his wife, Marija`` also teaches who "his wife" is later), a title, or kinship."""
        person = self._apposed_person(noun)
        if person is None:
            return self.titled(noun) or self.kin(noun)
        lemma = noun.lemma_.lower()
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if lemma in self.words.kin and owner is not None:
            for candidate in self._owners(owner)[:1]:
                if candidate is not None and candidate != person[2]:
                    self._kin_of.setdefault((candidate, lemma), person[2])
        return person[2]

    def _apposed_person(self, noun: Token) -> tuple[int, int, str] | None:
        """The person a noun is, by a name on it or in apposition to it."""
        for token in (noun, *(c for c in noun.children if c.dep_ == "appos")):
            found = self.person_at(token.idx, token.idx + len(token.text))
            if found is not None:
                return found
        return None

    def _refs_in(self, sent, before: int | None, subjects_only: bool, main_only: bool):
        """Person references of a sentence (outside quotations), last first."""
        for token in reversed(sent):
            if before is not None and token.idx >= before:
                continue
            if subjects_only:
                if token.dep_ not in SUBJECT_DEPS:
                    continue
                if main_only and token.head.dep_ not in ("ROOT", "conj") and token.head != sent.root:
                    continue
            elif token.pos_ not in ("PROPN", "PRON", "NOUN"):
                continue
            if self.inside_quote(token.idx) or self.aside(token.idx):
                continue
            yield token

    def resolve(self, pronoun: Token) -> Reference | None:
        """The person a third-person pronoun refers to, or None."""
        key = pronoun.i
        if key in self._resolved:
            return self._resolved[key]
        self._resolved[key] = NO_REFERENCE  # guards against cycles
        gender = pronoun_gender(pronoun.lower_)
        found = self._salient(pronoun) or self._resolve(pronoun, gender)
        self._resolved[key] = found or NO_REFERENCE
        return found

    @property
    def salience(self) -> SalienceModel:
        """The one salience pass over the narration (run on first ask)."""
        if self._salience is None:
            persons = [m for m in self.mentions if m[2] in self.speaking]
            self._salience = SalienceModel(
                self.sentences.doc, persons, self.words.person_nouns, self._noun_for_salience, self.gender,
                lambda offset: not self.inside_quote(offset) and not self.aside(offset),
            )
        return self._salience

    def _salient(self, pronoun: Token) -> Reference | None:
        """The most salient person of the pronoun's sex in the narration so far (see ``salience``)."""
        found = self.salience.antecedent(pronoun)
        return Reference(found.entity, found.mention) if found is not None else None

    def _noun_for_salience(self, noun: Token) -> tuple[str | None, tuple[int, int], Gender | None] | None:
        """A person noun: the entity it names (apposed, titled or kin), else None, with its phrase and sex."""
        lemma = noun.lemma_.lower()
        if lemma not in self.words.person_nouns or noun.dep_ == "compound":
            return None
        entity = self._noun_entity(noun)
        gender = noun_gender(lemma)
        return entity, self.noun_phrase(noun), gender

    def _resolve(self, pronoun: Token, gender: str | None, exclude: str | None = None) -> Reference | None:
        """The nearest compatible person before ``pronoun`` (never ``exclude``: "her mother" is not her)."""
        found = self._resolve_any(pronoun, gender, exclude)
        return None if found is not None and exclude is not None and found.entity == exclude else found

    def _resolve_any(self, pronoun: Token, gender: str | None, exclude: str | None) -> Reference | None:
        sents = self.sentences
        index = sents.index_at(pronoun.idx)
        sent = sents.spans[index]
        for token in self._refs_in(sent, pronoun.idx, subjects_only=True, main_only=False):
            ref = self.reference(token, gender)
            if ref is not None and (ref.entity or ref.mention) and (exclude is None or ref.entity != exclude):
                return ref
        back = index - 1
        while back >= 0 and self._all_quoted(sents.spans[back]):
            back -= 1
        if back >= 0:
            prev = sents.spans[back]
            # its main-clause subject, else the last person it names or introduces, a subject of any clause
            # before a known one it only mentions ("as far as he could, he loved his cousin": he, not the cousin)
            for subjects_only, salient in ((True, False), (False, True), (False, False)):
                for token in self._refs_in(prev, None, subjects_only=subjects_only, main_only=subjects_only):
                    ref = self.reference(token, gender)
                    if salient and ref is not None and ref.entity is None and self._mentioned_only(token):
                        continue
                    if ref is not None and (ref.entity or ref.mention) and (exclude is None or ref.entity != exclude):
                        return ref
        for k in range(back - 1, max(-1, back - LOOK_BACK_SENTENCES), -1):
            for token in self._refs_in(sents.spans[k], None, subjects_only=True, main_only=True):
                ref = self.reference(token, gender)
                if ref is not None and ref.entity and ref.entity != exclude:
                    return ref
        default = self.protagonist()
        if default.entity and self._compatible(default, gender):
            return default
        return None

    def _all_quoted(self, sent) -> bool:
        return self.inside_quote(sent.start_char) and self.inside_quote(max(sent.start_char, sent.end_char - 2))

    def _mentioned_only(self, noun: Token) -> bool:
        """A known person the sentence only mentions, not as its subject (``… he loved his cousin``)."""
        return noun.pos_ == "NOUN" and noun.dep_ not in SUBJECT_DEPS and self._known_referent(noun)

    @staticmethod
    def _known_referent(noun: Token) -> bool:
        """``the doctor``, ``his wife``: a noun phrase for someone already in the story (not ``a man``, nor
        ``one of his fellow prisoners``)."""
        if one_of(noun):
            return False
        return any((c.dep_ == "poss" and c.pos_ == "PRON") or c.lower_ in ("the", "this", "that")
                   for c in noun.children)

    def nearest_person(self, offset: int) -> Reference | None:
        """The most recent main-clause person subject before ``offset``, or the protagonist."""
        sents = self.sentences
        index = sents.index_at(offset)
        for k in range(index, max(-1, index - LOOK_BACK_SENTENCES), -1):
            for token in self._refs_in(sents.spans[k], offset, subjects_only=True, main_only=True):
                ref = self.reference(token)
                if ref is not None and ref.entity:
                    return ref
        return self.protagonist() if self.protagonist().entity else None

