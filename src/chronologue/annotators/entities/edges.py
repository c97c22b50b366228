"""Where a person's name starts and ends when the parser ran neighbouring words into it.

A word opening the sentence that the text writes in lower case elsewhere, and never capitalised inside a
sentence as a name would be, is no part of a name (``Till Elizabeth``, ``Happily Archer``, ``Shall I``); a
given name that is also such a word (``Till``) leaves too when the text writes it in lower case three times or
more. The pronoun ``I`` after a name is no part of it (``Bingley I am sure``; ``Henry I`` the king keeps his
numeral, which the parser does not call a pronoun).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.symbols import PRON

from chronologue.annotators.entities.rules import LOWER_WORD
from chronologue.annotators.entities.spans import Tokens
from chronologue.lib.identity.given_names import OFTEN_LOWER, is_known_given

_WORD_RUN = re.compile(r"\S+")
_QUOTE_OPENERS = " \"“‘'«"


class NameEdges:
    """The edges of person names in one text, with what the text and its parse tell of its words."""

    def __init__(self, text: str, tokens: Tokens | None) -> None:
        self.text = text
        self.tokens = tokens
        counts = tokens.word_counts if tokens is not None else Counter(LOWER_WORD.findall(text))
        self.lower_counts = Counter({w: n for w, n in counts.items() if w.islower()})
        self._inside: frozenset[str] | None = None

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The name inside ``[start, end)``; an empty span when only the pronoun ``I`` is left."""
        text = self.text
        words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, start, end)]
        while len(words) > 1 and self._common_opener(*words[0]):
            words.pop(0)
        while words and text[words[-1][0]:words[-1][1]] == "I" and self._pronoun_at(words[-1][0]):
            words.pop()
        if not words:
            return start, start
        return words[0][0], words[-1][1]

    def _common_opener(self, start: int, end: int) -> bool:
        word = self.text[start:end]
        lower = word.lower()
        if not self.lower_counts[lower] or word in self.capitalised_inside() or not self.opens_sentence(start):
            return False
        return not is_known_given(word) or self.lower_counts[lower] >= OFTEN_LOWER

    def opens_sentence(self, offset: int) -> bool:
        """The word at ``offset`` opens a sentence (only quotation marks since a full stop, a line, the parse)."""
        before = self.text[max(0, offset - 3):offset].rstrip(_QUOTE_OPENERS)
        if not before or before[-1] in ".!?\n":
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
        tokens = self.tokens
        if tokens is None:
            return True
        i = tokens.by_offset.get(offset)
        return i is not None and tokens.pos[i] == PRON
