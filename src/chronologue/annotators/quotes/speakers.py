"""Who said it: the speaker entity of a quotation and the mention that introduces it.

The speaker is the subject of the speech verb next to the quotation (``"…," said Anna`` / ``Anna said, "…"``)
or in the sentence introducing a block quote (``Anna recalled:``; ``All because:`` looks one sentence further
back). Whom that subject refers to (a name, a pronoun, a person noun such as ``his wife`` or ``one of the camp's
companions``) is the document's coreference (``chronologue.lib.coref``); a person named only by a noun phrase
gives speaker null and that phrase as the speaker mention.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from chronologue.annotators.quotes.lexicon import FEMALE_PRONOUNS, MALE_PRONOUNS, Lexicon
from chronologue.lib.coref import Coreference, Reference, one_of
from chronologue.lib.coref.resolver import NO_REFERENCE
from chronologue.lib.coref.salience import QUANTIFIER_HEADS
from chronologue.lib.coref.vocabulary import FEMALE_NOUNS, MALE_NOUNS, SUBJECT_DEPS, noun_gender

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["FEMALE_NOUNS", "MALE_NOUNS", "NO_SPEAKER", "Attributor", "Speaker"]

# tokens of a new sentence after a quotation within which a speech verb still closes it ("No." Anna Kowalska said.)
NEW_SENTENCE_REACH = 6

# A speaker is a reference: the entity id (None when unnamed or unknown) and the introducing mention.
Speaker = Reference
NO_SPEAKER = NO_REFERENCE


def _goes_on(verb: Token) -> bool:
    """A verb of going on with a complement of its own (``began to lay the table``, ``went into the room``)."""
    return any(c.dep_ in ("dobj", "xcomp", "prep", "ccomp") for c in verb.children)


class Attributor:
    """Speaker look-ups over one story: the speech verbs near a quotation and whom their subjects refer to."""

    def __init__(self, coref: Coreference, lex: Lexicon) -> None:
        self.coref = coref
        self.story = coref.story
        self.sentences = coref.sentences
        self.lex = lex
        self.entities = coref.entities
        self.sources = sorted(
            (m.start, m.end, e.id) for e in self.story.entities if e.type in ("LAW", "ORG", "WORK") for m in e.mentions
        )

    # -- look-ups -------------------------------------------------------------------------------------------
    def body_of(self, speaker: Speaker | None) -> str | None:
        """The entity when a speaker is an institution, a law or a work (never a person who spoke), else None."""
        if speaker is None or speaker.entity is None:
            return None
        if speaker.mention is not None and self.story.text[speaker.mention[0]:speaker.mention[1]].lower() in (
                "he", "she", "i"):
            return None  # "he inquired": a person, whatever the entity stage typed the name the pronoun went to
        entity = self.entities.get(speaker.entity)
        if entity is None or speaker.entity in self.coref.persons_by_type:
            return None
        acronym = entity.name.isupper() and len(entity.name) >= 2  # the NKVD, not "Meg" the parser took for one
        if entity.type in ("LAW", "WORK") or (entity.type == "ORG" and acronym):
            return entity.id
        return None

    def source_in(self, start: int, end: int) -> str | None:
        """A LAW/ORG/WORK entity named in [start, end): the last one."""
        i = bisect_left([s[0] for s in self.sources], start)
        hits = [s for s in self.sources[i:] if s[1] <= end]
        return hits[-1][2] if hits else None

    # -- references -----------------------------------------------------------------------------------------
    # -- speakers -------------------------------------------------------------------------------------------
    def subject_of(self, verb: Token) -> Token | None:
        """The subject of a verb: its own, a relative clause's antecedent, or the one of the verb it joins."""
        node = verb
        for _ in range(4):
            subject = next(
                (c for c in node.children if c.dep_ in SUBJECT_DEPS and not self.coref.inside_quote(c.idx)), None
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
        if subject is not None and self.coref.inside_quote(subject.idx):
            subject = None
        if subject is not None and self.coref.aside(subject.idx):  # a heading glued to the sentence by the parser
            subject = next((t for t in reversed(verb.doc[verb.sent.start:verb.i])
                            if t.pos_ in ("PROPN", "PRON") and not self.coref.aside(t.idx)), None)
        if subject is None:
            subject = self._inverted_subject(verb)
        if subject is None or self.coref.inside_quote(subject.idx):
            return None
        if subject.lower_ in QUANTIFIER_HEADS:  # "One of his fellow prisoners described …": the prisoner
            member = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"), None)
            subject = member if member is not None else subject
        pos = self.coref._part_of_speech(subject)
        if pos == "PROPN" or self.coref.mention_at(subject.idx, subject.idx + 1, persons_only=False):
            named = self.coref.speaker_named(subject)
            if named is not None:
                return Speaker(named[2], (named[0], named[1]))
        if pos == "PRON":
            lower = subject.lower_
            if lower in MALE_PRONOUNS or lower in FEMALE_PRONOUNS:
                resolved = self.coref.resolve(subject)
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
            ref = self.coref.reference(subject)
            single = subject.tag_ not in ("NNS", "NNPS") or one_of(subject)  # "one of the railwaymen told them"
            if ref is None and single and verb.lemma_ not in self.lex.after_only:
                # whoever speaks is a person: "the saloon-keeper demanded" (but "the liberation returned" is not)
                ref = Speaker(None, self.coref.noun_phrase(subject))
            if ref is not None and ref.entity is None and self.coref._known_referent(subject):
                lemma = subject.lemma_.lower()
                gender = noun_gender(lemma)
                owner = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
                owned = self.coref.resolve(owner) if owner is not None and owner.lower_ not in ("my", "our") else None
                exclude = owned.entity if owned is not None else None
                # "the young man said": someone the story knows; "her mother said": not she herself
                resolved = self.coref._resolve(subject, gender, exclude)
                if resolved is not None and resolved.entity:
                    return Speaker(resolved.entity, ref.mention)
            return ref
        return None

    def speaker_in(self, start: int, end: int, leading: bool = False, beat_ok: bool = True) -> Speaker | None:
        """The speaker a speech verb in [start, end) (outside quotations) introduces, or None.

        ``leading``: the words lead into the quotation (the last verb counts, and only verbs that may lead).
        ``beat_ok`` False: the words start a new sentence after the quotation, so they close it only with a plain
        speech verb near their start (``"No." Anna said.``); a beat (``Anna sighed.``), a verb of going on (``The
        lad began to lay the table.``) or a verb deep in a long sentence belongs to what comes next.
        """
        tokens = [t for t in self.sentences.tokens(start, end) if not self.coref.inside_quote(t.idx)]
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
            ref = self.coref.reference(owner) if owner is not None else None
            if ref is not None and (ref.entity or ref.mention):
                return Speaker(ref.entity, ref.mention if ref.entity is None else (owner.idx, owner.idx + len(owner)))
        return None

    def actor_in(self, start: int, end: int) -> Speaker | None:
        """The person who is the main-clause subject of the narration in [start, end), as an entity."""
        for token in self.sentences.tokens(start, end):
            if token.dep_ in SUBJECT_DEPS and token.head.dep_ == "ROOT" and not self.coref.inside_quote(token.idx):
                ref = self.coref.reference(token)
                return Speaker(ref.entity, None) if ref is not None and ref.entity else None
        return None

    def speaker_of_first_verb(self, start: int, end: int) -> Speaker | None:
        """After words ending in a comma, the first verb is the speaking one, whatever it is: "…," Jack fleered."""
        for token in self.sentences.tokens(start, end)[:4]:
            if token.pos_ == "VERB" and not self.coref.inside_quote(token.idx):
                return self.speaker_of_verb(token)
        return None
