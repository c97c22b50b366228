"""What a quotation is: someone's words (speech, writing), a document's, a work's title, or a scare quote.

Scare quotes and titles are never speech: a short quoted phrase running inside a sentence with no speech verb
introducing it or attributing it (``the "burglars" under his orders``) is a scare quote; one after
``entitled``/``titled``, after a noun for a work, or written in title case, is a title.
"""

from __future__ import annotations

import re

from chronologue.annotators.quotes.lexicon import Lexicon
from chronologue.annotators.quotes.text import Sentences

_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_ENDS_UTTERANCE = tuple(".,!?…—–-;:")
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*\s*$")
# after a quotation: a lower-case verb, then a name or a personal pronoun ("grumbled Jo", "snapped she")
_ATTRIBUTION_AFTER = re.compile(r"\s*[a-z]+ed\s+(?:(?:Mr|Mrs|Dr|Miss)\.?\s+)?(?:[A-Z][a-z]+|he|she|I)\b")


def _last_words(text: str, n: int) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text[-80:])][-n:]


def speech_verb_kind(sentences: Sentences, start: int, end: int, lex: Lexicon, limit: int = 6) -> str | None:
    """The kind of the first speech or writing verb among the first ``limit`` tokens of [start, end): not one in
    a relative clause ("a "parliament" which asked Moscow …") nor one that names ("as they called them")."""
    for token in sentences.tokens(start, end)[:limit]:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in lex.verb_kinds or token.dep_ == "relcl":
            continue
        if lemma in lex.naming_verbs and any(c.dep_ in ("dobj", "oprd") for c in token.children):
            continue
        return lex.verb_kinds[lemma]
    return None


def _introducing_verb_kind(sentences: Sentences, before: tuple[int, int], lex: Lexicon) -> str | None:
    """The kind a speech verb in the words before an opening mark gives, when they lead into the quotation."""
    text = sentences.text[before[0]:before[1]].rstrip()
    if not text or text[-1] not in ":,;—–-":
        return None
    for token in reversed(sentences.tokens(*before)):
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" or (token.pos_ == "NOUN" and lemma not in lex.document_nouns):
            kind = lex.leading_kind(lemma)
            if kind:
                return kind
    return None


def _reporting_verb_kind(sentences: Sentences, before: tuple[int, int], lex: Lexicon) -> str | None:
    """``… noted that he had "…"``: a speech verb reports the quoted words in a that-clause."""
    tokens = sentences.tokens(*before)
    for token in reversed(tokens[-8:]):
        if token.pos_ == "VERB" and token.lemma_.lower() in lex.verb_kinds:
            following = [t.lower_ for t in tokens if t.i > token.i]
            if "that" in following:
                return lex.verb_kinds[token.lemma_.lower()]
            return None
    return None


def is_title_case(words: list[str]) -> bool:
    """Two or more words, every long one capitalised, nothing that ends a sentence: a title's shape."""
    long_words = [w for w in words if len(w) > 3]
    capitals = sum(1 for w in words if w[:1].isupper())
    return capitals >= 2 and words[0][:1].isupper() and all(w[:1].isupper() for w in long_words)


def marked_kind(
    sentences: Sentences,
    quoted: tuple[int, int],
    before: tuple[int, int],
    after: tuple[int, int],
    lex: Lexicon,
    nested_in_words: bool,
    continues_words: bool = False,
) -> str:
    """The kind of a quotation in marks, from its words and the words around it.

    ``before`` runs from the sentence start (or the previous quotation's end) to the opening mark, ``after``
    from the closing mark to the next quotation or a little further; ``nested_in_words`` says the quotation
    sits inside someone's words; ``continues_words`` that ``before`` starts at the end of someone's words
    (``"…," he went on, "…"``).
    """
    text = sentences.text
    inner = text[quoted[0]:quoted[1]].strip()
    words = _WORDS.findall(inner)
    lead = text[before[0]:before[1]]
    lead_lower = lead.rstrip().lower()
    last = _last_words(lead, 2)
    if any(lead_lower.endswith(cue) for cue in lex.scare_cues):
        return "scare"
    if last and (last[-1] in lex.title_cues or (last[-1] in lex.work_nouns and inner[-1:] not in _ENDS_UTTERANCE)):
        return "title"
    intro_kind = lex.introducer_kind(lead) if lead_lower.endswith(":") else None
    if intro_kind == "document":
        return "document"
    if lead_lower.endswith(":") and any(w in lex.document_nouns for w in _last_words(lead, 12)):
        if not _introducing_verb_kind(sentences, before, lex) or nested_in_words:
            return "document"
    if continues_words and len(lead) <= 100 and lead_lower[-1:] in (",", ";", ":", "—", "–", "-"):
        return "speech"  # the same utterance goes on after its attribution
    verb_kind = _introducing_verb_kind(sentences, before, lex) or speech_verb_kind(sentences, *after, lex)
    if verb_kind:
        return "document" if nested_in_words and lead_lower.endswith(":") and verb_kind == "writing" else verb_kind
    if intro_kind:
        return intro_kind
    reported = _reporting_verb_kind(sentences, before, lex)
    if reported:
        return reported  # a partial quotation: he noted that he had "lost vigilance"
    if inner[-1:] in (",", "!", "?") and _ATTRIBUTION_AFTER.match(text, after[0], after[1]):
        return "speech"  # "…," grumbled Jo / "…!" snapped she: any verb with its speaker right after attributes
    starts_sentence = (not lead.strip() or bool(_SENTENCE_END.search(lead)) or lead_lower.endswith(":")
                       or lead.strip().isupper())  # right after a heading in capitals
    capital = inner[:1].isupper() or inner[:1] in "—–-…"
    if len(words) > 8:
        return "speech"
    if capital and starts_sentence and (inner[-1:] in _ENDS_UTTERANCE or len(words) >= 3):
        return "speech"
    if is_title_case(words) and inner[-1:] not in _ENDS_UTTERANCE:
        return "title"
    if capital and starts_sentence and len(words) >= 2:
        return "speech"
    return "scare"
