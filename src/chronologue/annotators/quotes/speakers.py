"""Who said it: the speaker entity of a quotation and the mention that introduces it.

The speaker is the subject of the speech verb next to the quotation (``"…," said Anna`` / ``Anna said, "…"``)
or in the sentence introducing a block quote (``Anna recalled:``; ``All because:`` looks one sentence further
back). A pronoun goes to the most salient person of its sex in the narration (``salience``); when the salience
pass knows no one, to the most recent compatible person: a subject earlier in its sentence, else the subject of
the sentence before (or the last person that sentence names), else the nearest main-clause subject further
back, else the story's protagonist. A kin noun (``his wife``, ``her mother``) goes to the family member the
story names (``kinship``). A person named only by a noun phrase (``one of the camp's companions``) gives
speaker null and that phrase as the speaker mention.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronologue.annotators.events.gender import guess as guess_gender
from chronologue.annotators.quotes.kinship import Families
from chronologue.annotators.quotes.lexicon import FEMALE_PRONOUNS, FEMALE_TITLES, MALE_PRONOUNS, MALE_TITLES, Lexicon
from chronologue.annotators.quotes.salience import QUANTIFIER_HEADS, SalienceModel, one_of
from chronologue.annotators.quotes.text import Sentences

try:  # the entity stage's reference helpers, when they exist
    from chronologue import reference as _reference
except ImportError:  # pragma: no cover - depends on the entities work landing
    _reference = None

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronologue.model.story import Story

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# a rank as the entity stage gives it -> the noun a text uses for its bearer ("Dr." -> "the doctor")
TITLE_WORDS = {"dr": "doctor", "doctor": "doctor", "capt": "captain", "captain": "captain", "col": "colonel",
               "colonel": "colonel", "gen": "general", "general": "general", "lt": "lieutenant",
               "lieutenant": "lieutenant", "maj": "major", "major": "major", "sgt": "sergeant", "sergeant": "sergeant",
               "prof": "professor", "professor": "professor", "rev": "reverend", "judge": "judge",
               "inspector": "inspector", "colonel.": "colonel", "sir": "", "mr": "", "mrs": "", "miss": ""}
FEMALE_NOUNS = frozenset({"wife", "woman", "mother", "lady", "girl", "daughter", "sister", "aunt", "maid", "mistress",
                          "widow", "queen", "princess", "nurse", "grandmother", "niece", "bride"})
MALE_NOUNS = frozenset({"man", "husband", "father", "gentleman", "boy", "son", "brother", "uncle", "master", "lad",
                        "king", "prince", "grandfather", "nephew", "groom", "fellow"})
LOOK_BACK_SENTENCES = 15
# tokens of a new sentence after a quotation within which a speech verb still closes it ("No." Anna Kowalska said.)
NEW_SENTENCE_REACH = 6
_QUOTE_CHARS = re.compile(r"[\"“”„«»‘’]")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the entity id (None when unnamed or unknown) and the introducing mention."""

    entity: str | None
    mention: tuple[int, int] | None


NO_SPEAKER = Speaker(None, None)


def part_of_speech(token: Token) -> str:
    """The token's part of speech, a lower-case word the tagger took for a name counted a noun (``said the father``)."""
    return "NOUN" if token.pos_ == "PROPN" and token.text[:1].islower() else token.pos_


def _titled(token: Token) -> bool:
    """The name follows a title (``Mrs. Bennet``): it is the titled person's, not the family's latest."""
    if token.i == 0:
        return False
    before = token.nbor(-1).lower_
    return before in MALE_TITLES or before in FEMALE_TITLES or before.rstrip(".") in TITLE_WORDS


def _goes_on(verb: Token) -> bool:
    """A verb of going on with a complement of its own (``began to lay the table``, ``went into the room``)."""
    return any(c.dep_ in ("dobj", "xcomp", "prep", "ccomp") for c in verb.children)


class Attributor:
    """Speaker look-ups over one story, built once per story."""

    def __init__(
        self,
        story: Story,
        sentences: Sentences,
        lex: Lexicon,
        quoted: list[tuple[int, int]],
        asides: list[tuple[int, int]] | None = None,
    ) -> None:
        self.story = story
        self.asides = sorted(asides or [])
        self.aside_starts = [a[0] for a in self.asides]
        self.sentences = sentences
        self.lex = lex
        self.entities = {e.id: e for e in story.entities}
        mentions = sorted((m.start, m.end, e.id) for e in story.entities for m in e.mentions)
        self.mentions = mentions
        self.mention_starts = [m[0] for m in mentions]
        # entities that are persons: PERSON ones, and any other the text makes speak ("said Meg" typed ORG)
        self.speaking = {e.id for e in story.entities if e.type == "PERSON"}
        self.persons_by_type = frozenset(self.speaking)
        self.by_word: dict[str, list[str]] = {}
        for e in story.entities:
            if e.type != "PLACE":
                for word in {w for text in (e.name, *e.aliases) for w in text.split() if w[:1].isupper()}:
                    self.by_word.setdefault(word, []).append(e.id)
        self.sources = sorted(
            (m.start, m.end, e.id) for e in story.entities if e.type in ("LAW", "ORG", "WORK") for m in e.mentions
        )
        self.quoted = sorted(quoted)
        self.quoted_starts = [q[0] for q in self.quoted]
        self._learn_speakers(sentences.doc)
        self._genders: dict[str, str | None] = {}
        self._resolved: dict[int, Speaker] = {}
        self._protagonist: Speaker | None = None
        self._families: Families | None = None
        self._salience: SalienceModel | None = None
        self._kin_of: dict[tuple[str, str], str] = {}  # (person, kin noun) -> the kin the text named by apposition
        self._married: dict[str, str] | None = None

    def _learn_speakers(self, doc) -> None:
        """Entities of any type that some speech verb makes speak are persons ("said Meg", Meg typed ORG)."""
        verbs = self.lex.verb_kinds
        for entity in self.entities.values():
            if entity.id in self.speaking or entity.type == "PLACE":
                continue
            for m in entity.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                root = span.root if span is not None and len(span) else None
                if root is not None and root.dep_ in SUBJECT_DEPS and root.head.lemma_ in verbs:
                    self.speaking.add(entity.id)
                    break

    def aside(self, offset: int) -> bool:
        """True inside a caption, heading, title or bibliography: no one there speaks in the narrative."""
        i = bisect_right(self.aside_starts, offset) - 1
        return i >= 0 and offset < self.asides[i][1]

    # -- look-ups -------------------------------------------------------------------------------------------
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
        """The person a name calls (a vocative: ``"Come, Anna!"``), by its last word; never a place, work or body."""
        words = name.split()
        ids = [i for i in self.by_word.get(words[-1], []) if i in self.speaking] if words else []
        return max(ids, key=lambda i: len(self.entities[i].mentions)) if ids else None

    def body_of(self, speaker: Speaker | None) -> str | None:
        """The entity when a speaker is an institution, a law or a work (never a person who spoke), else None."""
        if speaker is None or speaker.entity is None:
            return None
        if speaker.mention is not None and self.story.text[speaker.mention[0]:speaker.mention[1]].lower() in (
                "he", "she", "i"):
            return None  # "he inquired": a person, whatever the entity stage typed the name the pronoun went to
        entity = self.entities.get(speaker.entity)
        if entity is None or speaker.entity in self.persons_by_type:
            return None
        acronym = entity.name.isupper() and len(entity.name) >= 2  # the NKVD, not "Meg" the parser took for one
        if entity.type in ("LAW", "WORK") or (entity.type == "ORG" and acronym):
            return entity.id
        return None

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
        relation = self.lex.kin.get(noun.lemma_.lower())
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
                found = self.person_at(owner_token.idx, owner_token.idx + len(owner_token.text))
                if found is None:
                    return None  # "my brother's wife": kin of someone the story does not name
                owner = found[2]
        elif not any(c.lower_ == "the" for c in noun.children):
            return None  # "a mother", "mother" alone: no one in particular
        return self._families.kin(relation[0], relation[1], owner)

    def _spouses(self) -> dict[str, str]:
        """Who married whom, as the text tells it ("After the war Helmi married Eino Saarinen"), both ways."""
        if self._married is None:
            self._married = {}
            for token in self.sentences.doc:
                if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.spouse_verbs:
                    continue
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                partner = next((c for c in token.children if c.dep_ == "dobj"), None)
                if subject is not None and subject.lower_ == "they":  # "she met Grigore Lungu and they married"
                    pair = self._people_before(token)
                else:
                    pair = [self._person_token(t) for t in (subject, partner) if t is not None]
                pair = list(dict.fromkeys(p for p in pair if p is not None))
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

    def source_in(self, start: int, end: int) -> str | None:
        """A LAW/ORG/WORK entity named in [start, end): the last one."""
        i = bisect_left([s[0] for s in self.sources], start)
        hits = [s for s in self.sources[i:] if s[1] <= end]
        return hits[-1][2] if hits else None

    def gender(self, entity_id: str) -> str | None:
        """'m', 'f' or None: the pronouns after its mentions (by a clear margin), its titles, its given name."""
        if entity_id in self._genders:
            return self._genders[entity_id]
        entity = self.entities.get(entity_id)
        found = None
        stated = entity.attributes.get("gender") if entity is not None else None
        votes = self._pronoun_vote(entity.mentions[:30], decisive=True) if entity is not None else None
        if votes:  # what the text says of the person outweighs a title guessed for the whole cluster
            found = votes
        elif stated in ("male", "female"):
            found = stated[0]
        elif entity is not None:
            text = self.story.text
            words = [entity.name, *entity.aliases, *(text[m.start:m.end] for m in entity.mentions[:20])]
            firsts = Counter(w.split()[0].lower() for w in words if w.split())
            if any(f in MALE_TITLES for f in firsts):
                found = "m"
            elif any(f in FEMALE_TITLES for f in firsts):
                found = "f"
            else:  # a given name of known sex or a gendered surname ending (the events stage's cues), else the
                # pronouns after the mentions by any margin
                guessed = guess_gender(entity, self.story.text)
                found = guessed[0] if guessed in ("male", "female") else self._pronoun_vote(entity.mentions[:30])
        self._genders[entity_id] = found
        return found

    def _pronoun_vote(self, mentions: list, decisive: bool = False) -> str | None:
        """The sex the pronouns after the mentions give; ``decisive``: only by a margin of two or more."""
        votes: Counter[str] = Counter()
        text = self.story.text
        for m in mentions:
            if self.inside_quote(m.start):  # "…, Jock?" inquired his mother: a name called, not talked about
                continue
            following = bisect_right(self.mention_starts, m.end)  # the window ends at the next name: "Sándor
            # was taken away and Ilona stayed with her mother": her is Ilona's
            stop = min(m.end + 90, self.mentions[following][0] if following < len(self.mentions) else m.end + 90)
            window = _QUOTE_CHARS.split(text[m.end:stop].lower(), 1)[0]
            words = window.replace(",", " ").replace(".", " . ").split()
            opens_sentence = _SENTENCE_OPEN.search(text, max(0, m.start - 3), m.start) is not None or m.start == 0
            for k, word in enumerate(words):
                if word == ".":  # the next sentence may go on about its subject: "Anna left. She …"
                    nxt = words[k + 1] if k + 1 < len(words) else ""
                    if opens_sentence and nxt in ("he", "she"):
                        votes["m" if nxt == "he" else "f"] += 1
                    break
                if word in ("he", "his", "him", "himself"):
                    votes["m"] += 1
                    break
                if word in ("she", "her", "hers", "herself"):
                    votes["f"] += 1
                    break
        margin = 2 if decisive else 1
        if votes["m"] >= votes["f"] + margin:
            return "m"
        if votes["f"] >= votes["m"] + margin:
            return "f"
        return None

    def protagonist(self) -> Speaker:
        """The story's protagonist: from the entity stage when it offers one, else the person named far most."""
        if self._protagonist is None:
            entity = None
            if _reference is not None and hasattr(_reference, "protagonist"):
                entity = _reference.protagonist(self.story)
            else:
                counts = sorted(((len(e.mentions), e.id) for e in self.story.entities if e.type == "PERSON"),
                                reverse=True)
                if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] >= 1.5 * counts[1][0]):
                    entity = counts[0][1]
            self._protagonist = Speaker(entity, None)
        return self._protagonist

    # -- references -----------------------------------------------------------------------------------------
    def _compatible(self, ref: Speaker, gender: str | None) -> bool:
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

    def reference(self, token: Token, gender: str | None = None) -> Speaker | None:
        """The person a token refers to (a name, a pronoun, a person noun), or None when it names no person."""
        person = self.person_at(token.idx, token.idx + len(token.text))
        pos = self._part_of_speech(token)
        if person is None and pos == "PROPN":
            person = self._named_person(token)
        if person is not None:
            ref = Speaker(person[2], (person[0], person[1]))
            return ref if self._compatible(ref, gender) else None
        lower = token.lower_
        if pos == "PRON":
            own = "m" if lower in MALE_PRONOUNS else "f" if lower in FEMALE_PRONOUNS else None
            if own is None or (gender is not None and own != gender):
                return None
            return self.resolve(token)
        if pos == "NOUN":
            lemma = token.lemma_.lower()
            if lemma not in self.lex.person_nouns:
                return None
            plural = token.tag_ in ("NNS", "NNPS")
            quantified = one_of(token)
            if plural and not quantified:
                return None
            own = "f" if lemma in FEMALE_NOUNS else "m" if lemma in MALE_NOUNS else None
            if gender is not None and own is not None and own != gender:
                return None
            span = self.noun_phrase(token)
            entity = self._noun_entity(token)
            if entity and not self._compatible(Speaker(entity, span), gender):
                return None  # "she" is not "the doctor" the story knows as a man
            return Speaker(entity, span)
        return None

    def _noun_entity(self, noun: Token) -> str | None:
        """The entity a person noun names: a name in apposition (``Lavrenko's son, Yuri Lavrenko``: Yuri, not the
        possessor; ``his wife, Marija`` also teaches who "his wife" is later), a title, or kinship."""
        person = self._apposed_person(noun)
        if person is None:
            return self.titled(noun) or self.kin(noun)
        lemma = noun.lemma_.lower()
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        if lemma in self.lex.kin and owner is not None:
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

    def resolve(self, pronoun: Token) -> Speaker | None:
        """The person a third-person pronoun refers to, or None."""
        key = pronoun.i
        if key in self._resolved:
            return self._resolved[key]
        self._resolved[key] = NO_SPEAKER  # guards against cycles
        gender = "m" if pronoun.lower_ in MALE_PRONOUNS else "f" if pronoun.lower_ in FEMALE_PRONOUNS else None
        found = self._salient(pronoun) or self._resolve(pronoun, gender)
        self._resolved[key] = found or NO_SPEAKER
        return found

    def _salient(self, pronoun: Token) -> Speaker | None:
        """The most salient person of the pronoun's sex in the narration so far (see ``salience``)."""
        if self._salience is None:
            persons = [m for m in self.mentions if m[2] in self.speaking]
            self._salience = SalienceModel(
                self.sentences.doc, persons, self.lex.person_nouns, self._noun_for_salience, self.gender,
                lambda offset: not self.inside_quote(offset) and not self.aside(offset),
            )
        found = self._salience.antecedent(pronoun)
        return Speaker(found.entity, found.mention) if found is not None else None

    def _noun_for_salience(self, noun: Token) -> tuple[str | None, tuple[int, int], str | None] | None:
        """A person noun: the entity it names (apposed, titled or kin), else None, with its phrase and sex."""
        lemma = noun.lemma_.lower()
        if lemma not in self.lex.person_nouns or noun.dep_ == "compound":
            return None
        entity = self._noun_entity(noun)
        gender = "f" if lemma in FEMALE_NOUNS else "m" if lemma in MALE_NOUNS else None
        return entity, self.noun_phrase(noun), gender

    def _resolve(self, pronoun: Token, gender: str | None, exclude: str | None = None) -> Speaker | None:
        """The nearest compatible person before ``pronoun`` (never ``exclude``: "her mother" is not her)."""
        found = self._resolve_any(pronoun, gender, exclude)
        return None if found is not None and exclude is not None and found.entity == exclude else found

    def _resolve_any(self, pronoun: Token, gender: str | None, exclude: str | None) -> Speaker | None:
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

    # -- speakers -------------------------------------------------------------------------------------------
    def subject_of(self, verb: Token) -> Token | None:
        """The subject of a verb: its own, a relative clause's antecedent, or the one of the verb it joins."""
        node = verb
        for _ in range(4):
            subject = next(
                (c for c in node.children if c.dep_ in SUBJECT_DEPS and not self.inside_quote(c.idx)), None
            )
            if subject is not None:
                if subject.lower_ in ("who", "that", "which") and node.dep_ == "relcl":
                    return self._antecedent(node.head)
                return subject
            if node.dep_ in ("conj", "xcomp", "advcl", "relcl") and node.head != node:
                if node.dep_ == "relcl":
                    return self._antecedent(node.head)
                node = node.head
                continue
            return None
        return None

    @staticmethod
    def _antecedent(token: Token) -> Token:
        """A relative clause after ``X, a friend of Y, who …`` is about X, not Y."""
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.dep_ == "appos":
            return token.head.head.head
        if token.dep_ == "appos":
            return token.head
        return token

    def _inverted_subject(self, verb: Token) -> Token | None:
        """``"…," replied Kitty`` parsed with Kitty as an object: the name or pronoun right after the verb."""
        doc = verb.doc
        for i in range(verb.i + 1, min(len(doc), verb.i + 6)):
            token = doc[i]
            if token.pos_ in ("PROPN", "PRON", "NOUN", "DET"):
                if token.pos_ == "DET" or token.dep_ == "poss":  # "exclaimed my brother's wife": the wife
                    continue
                return token
            if token.pos_ not in ("ADV", "ADJ", "PART"):  # PART: the possessive 's
                return None
        return None

    def speaker_of_verb(self, verb: Token) -> Speaker | None:
        subject = self.subject_of(verb)
        if subject is not None and self.inside_quote(subject.idx):
            subject = None
        if subject is not None and self.aside(subject.idx):  # a heading glued to the sentence by the parser
            subject = next((t for t in reversed(verb.doc[verb.sent.start:verb.i])
                            if t.pos_ in ("PROPN", "PRON") and not self.aside(t.idx)), None)
        if subject is None:
            subject = self._inverted_subject(verb)
        if subject is None or self.inside_quote(subject.idx):
            return None
        if subject.lower_ in QUANTIFIER_HEADS:  # "One of his fellow prisoners described …": the prisoner
            member = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"), None)
            subject = member if member is not None else subject
        pos = self._part_of_speech(subject)
        if pos == "PROPN" or self.mention_at(subject.idx, subject.idx + 1, persons_only=False):
            named = self.speaker_named(subject)
            if named is not None:
                return Speaker(named[2], (named[0], named[1]))
        if pos == "PRON":
            lower = subject.lower_
            if lower in MALE_PRONOUNS or lower in FEMALE_PRONOUNS:
                resolved = self.resolve(subject)
                if resolved is not None and resolved.entity is None and resolved.mention is not None:
                    return resolved  # an unnamed person: the noun phrase is the better mention
                mention = (subject.idx, subject.idx + len(subject.text))
                return Speaker(resolved.entity if resolved else None, mention)
            if lower == "i":  # the narrator; conversations may tell who that is
                return Speaker(None, (subject.idx, subject.idx + 1))
            return None
        if pos == "PROPN":
            left = subject
            while left.i > 0 and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).dep_ == "compound":
                left = left.nbor(-1)
            return Speaker(None, (left.idx, subject.idx + len(subject.text)))
        if pos == "NOUN":
            ref = self.reference(subject)
            single = subject.tag_ not in ("NNS", "NNPS") or one_of(subject)  # "one of the railwaymen told them"
            if ref is None and single and verb.lemma_ not in self.lex.after_only:
                # whoever speaks is a person: "the saloon-keeper demanded" (but "the liberation returned" is not)
                ref = Speaker(None, self.noun_phrase(subject))
            if ref is not None and ref.entity is None and self._known_referent(subject):
                lemma = subject.lemma_.lower()
                gender = "f" if lemma in FEMALE_NOUNS else "m" if lemma in MALE_NOUNS else None
                owner = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                owned = self.resolve(owner) if owner is not None and owner.lower_ not in ("my", "our") else None
                exclude = owned.entity if owned is not None else None
                # "the young man said": someone the story knows; "her mother said": not she herself
                resolved = self._resolve(subject, gender, exclude)
                if resolved is not None and resolved.entity:
                    return Speaker(resolved.entity, ref.mention)
            return ref
        return None

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

    def speaker_in(self, start: int, end: int, leading: bool = False, beat_ok: bool = True) -> Speaker | None:
        """The speaker a speech verb in [start, end) (outside quotations) introduces, or None.

        ``leading``: the words lead into the quotation (the last verb counts, and only verbs that may lead).
        ``beat_ok`` False: the words start a new sentence after the quotation, so they close it only with a plain
        speech verb near their start (``"No." Anna said.``); a beat (``Anna sighed.``), a verb of going on (``The
        lad began to lay the table.``) or a verb deep in a long sentence belongs to what comes next.
        """
        tokens = [t for t in self.sentences.tokens(start, end) if not self.inside_quote(t.idx)]
        if not beat_ok:
            tokens = tokens[:NEW_SENTENCE_REACH]
        if leading:
            tokens.reverse()
        lex = self.lex
        for parts in (("VERB", "AUX"), ("NOUN",)):  # a noun ("his doubts:") only when no verb speaks
            for token in tokens:
                if token.pos_ not in parts:
                    continue
                lemma = token.lemma_.lower()
                cue = lex.leading_kind(lemma) if leading else lex.verb_kinds.get(lemma)
                if not cue or (not beat_ok and (lemma in lex.beats or (lemma in lex.after_only and _goes_on(token)))):
                    continue
                verb = token.head if token.pos_ == "NOUN" else token
                if verb.pos_ not in ("VERB", "AUX"):
                    continue
                if not leading and verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in lex.verb_kinds:
                    continue  # "Mary wished to say something": a wish, not the words before
                found = self.speaker_of_verb(verb)
                if found is not None:
                    return found
        return self._words_owner(tokens) if leading else None

    def _words_owner(self, tokens: list[Token]) -> Speaker | None:
        """``His words stayed with her:``: the person whose words a noun of the lead-in names."""
        for token in tokens:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in self.lex.words_nouns:
                continue
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            ref = self.reference(owner) if owner is not None else None
            if ref is not None and (ref.entity or ref.mention):
                return Speaker(ref.entity, ref.mention if ref.entity is None else (owner.idx, owner.idx + len(owner)))
        return None

    def actor_in(self, start: int, end: int) -> Speaker | None:
        """The person who is the main-clause subject of the narration in [start, end), as an entity."""
        for token in self.sentences.tokens(start, end):
            if token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ROOT" and not self.inside_quote(token.idx):
                ref = self.reference(token)
                return Speaker(ref.entity, None) if ref is not None and ref.entity else None
        return None

    def speaker_of_first_verb(self, start: int, end: int) -> Speaker | None:
        """After words ending in a comma, the first verb is the speaking one, whatever it is: "…," Jack fleered."""
        for token in self.sentences.tokens(start, end)[:4]:
            if token.pos_ == "VERB" and not self.inside_quote(token.idx):
                return self.speaker_of_verb(token)
        return None

    def nearest_person(self, offset: int) -> Speaker | None:
        """The most recent main-clause person subject before ``offset``, or the protagonist."""
        sents = self.sentences
        index = sents.index_at(offset)
        for k in range(index, max(-1, index - LOOK_BACK_SENTENCES), -1):
            for token in self._refs_in(sents.spans[k], offset, subjects_only=True, main_only=True):
                ref = self.reference(token)
                if ref is not None and ref.entity:
                    return ref
        return self.protagonist() if self.protagonist().entity else None
