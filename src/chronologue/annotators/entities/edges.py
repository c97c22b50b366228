"""Where a person's name starts and ends when the parser ran neighbouring words into it.

A dash run into the words ends a name or opens it (``body!--If`` holds no name; ``affected.--Elizabeth`` is
``Elizabeth``). A word opening the sentence or a quotation that the text writes in lower case elsewhere, and
never capitalised inside a sentence as a name would be, is no part of a name (``Till Elizabeth``, ``Shall I``),
nor is an adverb in -ly opening it that is no given name (``Happily Archer``, however rare the word); a
given name that is also such a word (``Till``) leaves too when the text writes it in lower case three times or
more. A given name after ``of`` is another person (``reminded Mary of Ralph``). The pronoun ``I`` after a name
is no part of it (``Bingley I am sure``; ``Henry I`` the king keeps his numeral, which the parser does not call a
pronoun; outside quotations, in a history told in the third person, ``Túpac Amaru I`` keeps it too).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.symbols import PRON

from chronologue.annotators.entities.rules import LOWER_WORD, gazetteer_knows
from chronologue.annotators.entities.spans import Tokens
from chronologue.lib.identity.given_names import OFTEN_LOWER, is_known_given
from chronologue.lib.regex_starts import guarded
from chronologue.lib.text import inside_quotation

_WORD_RUN = re.compile(r"\S+")
_DASH = re.compile(r"--+|—")  # a dash the text runs into its words, as old e-texts do ("body!--If")
_QUOTE_OPENERS = " \"“‘'«"
# An adverb of manner opening a sentence ("Happily Archer was of the family"); names end in -ley, -lly ("Stanley",
# "Kelly") or are known given names ("Emily").
_ADVERB = re.compile(r"[A-Z][a-z]{2,}(?<![el])ly")
_REGNAL_AFTER = re.compile(r"[ \t]([IVX]{1,5})(?![\w'’])")
_PRONOUN_I = guarded(re.compile(r"(?<![\w.])I(?![\w.])"))  # guarded: the search skips to the capital I
_FIRST_PERSON_VERB = re.compile(r"(?:am|'m|’m)\b")
QUOTATION_REACH = 3000  # characters a quotation is looked for before a word
FIRST_PERSON_NARRATION = 5  # a narration that says "I" this many times outside quotations is told in the first person
_OPENING_QUOTE = re.compile(r"(?:^|[\s(\[—–-])[\"“‘'«]$|[“‘«]$")  # a quotation mark that opens, right before a word


def _another_person(word: str) -> bool:
    """After ``of``, a given name that is no known place names another person (``Mary of Ralph``); a by-name
    names a place (``Catherine of Aragon``, ``Joan of Kent``)."""
    return is_known_given(word) and not gazetteer_knows(word)


class NameEdges:
    """The edges of person names in one text, with what the text and its parse tell of its words."""

    def __init__(self, text: str, tokens: Tokens | None) -> None:
        self.text = text
        self.tokens = tokens
        counts = tokens.word_counts if tokens is not None else Counter(LOWER_WORD.findall(text))
        self.lower_counts = Counter({w: n for w, n in counts.items() if w.islower()})
        self._inside: frozenset[str] | None = None
        self._first_person: bool | None = None

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The name inside ``[start, end)``; an empty span when only the pronoun ``I`` is left."""
        text = self.text
        dash = _DASH.search(text, start, end)
        if dash is not None:
            start, end = self._side_of_dash(start, end, dash)
        words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, start, end)]
        while len(words) > 1 and self._common_opener(*words[0]):
            words.pop(0)
        while words and text[words[-1][0]:words[-1][1]] == "I" and self._pronoun_at(words[-1][0]):
            words.pop()
        if len(words) > 2 and text[words[-2][0]:words[-2][1]] == "of" and _another_person(text[words[-1][0]:end]):
            words = words[:-2]  # "reminded Mary of Ralph": two people, not a name of the kind "Catherine of Aragon"
        if not words:
            return start, start
        end = words[-1][1]
        numeral = _REGNAL_AFTER.match(text, end)  # "Túpac Amaru I", which the parser left out as a pronoun
        if numeral is not None and (numeral.group(1) != "I" or not self._pronoun_at(numeral.start(1))):
            end = numeral.end(1)
        return words[0][0], end

    def _side_of_dash(self, start: int, end: int, dash: re.Match[str]) -> tuple[int, int]:
        """The side of a dash run into the words (``body!--If``, ``affected.--Elizabeth``) that holds the name:
        after it when a sentence ended before it or the words before it are lower case, else before it; an empty
        span when that side is a common word of the text (``yes.--Do``)."""
        before = self.text[start:dash.start()]
        if before[-1:] in ".!?;" or not before[:1].isupper():
            start = dash.end()
        else:
            end = dash.start()
        side = self.text[start:end].strip()
        if " " not in side and self.lower_counts[side.lower()] >= OFTEN_LOWER and not is_known_given(side):
            return start, start
        return start, end

    def _common_opener(self, start: int, end: int) -> bool:
        word = self.text[start:end]
        lower = word.lower()
        if not self.opens_sentence(start) or word in self.capitalised_inside():  # the cheaper test first
            return False
        if not self.lower_counts[lower]:
            return _ADVERB.fullmatch(word) is not None and not is_known_given(word)
        return not is_known_given(word) or self.lower_counts[lower] >= OFTEN_LOWER

    def opens_sentence(self, offset: int) -> bool:
        """The word at ``offset`` opens a sentence (only quotation marks since a full stop, a line, the parse) or
        a quotation (``he said, "Because …``: a quotation opens with a capital wherever it stands)."""
        before = self.text[max(0, offset - 3):offset].rstrip(_QUOTE_OPENERS)
        if not before or before[-1] in ".!?\n":
            return True
        if _OPENING_QUOTE.search(self.text, max(0, offset - 2), offset):
            return True
        tokens = self.tokens
        if tokens is None:
            return False
        i = tokens.by_offset.get(offset)
        return i is not None and tokens.sent_start[i] == 1

    def capitalised_inside(self) -> frozenset[str]:
        """Capitalised words the text writes inside a sentence (as names are), read once."""
        if self._inside is None:
            tokens = self.tokens
            self._inside = frozenset() if tokens is None else frozenset(
                tokens.words[i] for i in tokens.where(tokens.column("IS_TITLE") != 0)
                if not self.opens_sentence(tokens.idx[i])
            )
        return self._inside

    def _pronoun_at(self, offset: int) -> bool:
        """The ``I`` after a name is the pronoun when the parse says so and someone speaks in the first person:
        inside a quotation, before ``am``, or in a narration told in the first person; in a history told in the
        third person it is a ruler's number (``Túpac Amaru I had been executed``)."""
        tokens = self.tokens
        if tokens is None:
            return True
        i = tokens.by_offset.get(offset)
        if i is None or tokens.pos[i] != PRON:
            return False
        after = self.text[offset + 1:offset + 5].lstrip()
        return (_FIRST_PERSON_VERB.match(after) is not None or inside_quotation(self.text, offset, QUOTATION_REACH)
                or self.first_person_narration())

    def first_person_narration(self) -> bool:
        """The narration (outside quotations) says ``I`` again and again: a memoir, a novel told by its hero."""
        if self._first_person is None:
            said = 0
            for match in _PRONOUN_I.finditer(self.text):
                if not inside_quotation(self.text, match.start(), QUOTATION_REACH):
                    said += 1
                    if said >= FIRST_PERSON_NARRATION:
                        break
            self._first_person = said >= FIRST_PERSON_NARRATION
        return self._first_person
