"""Where a match of a regular expression may start, read from the pattern: the characters a match may begin
with (``first_chars``), those it may go on with after a given prefix of the text (``Continuations``: "the "
followed by what?), and a regex put behind a look-ahead for its first characters (``guarded``).

The time tagger tries at a position only the rules that can match there (a rule that begins with an optional
"the" need not be tried at every "the", only where the next word can begin it); a search for an alternation of
words skips the positions no word begins with.

The answers come from the parsed pattern (the standard library's own parser) and err only one way: a character
they give may still fail to match, a character they leave out cannot match. Anything they do not follow (a back
reference, a word class, a nesting too deep) counts as "any character" (``ANY_CHAR``).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any

# the regex parser of the standard library (Python 3.11 keeps it as re._parser; typeshed has no stub for it)
sre_constants = importlib.import_module("re._constants")
sre_parse = importlib.import_module("re._parser")

ANY_CHAR = None  # a pattern that may begin with any character (or match the empty string)

_LITERAL, _IN, _BRANCH, _SUBPATTERN = (sre_constants.LITERAL, sre_constants.IN, sre_constants.BRANCH,
                                       sre_constants.SUBPATTERN)
_ONE_CHAR = (sre_constants.ANY, sre_constants.NOT_LITERAL)  # one character, any (or nearly any)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", object())
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
Items = tuple[Any, ...]  # a parsed sequence still to match: (opcode, argument) pairs
Parsed = Items  # a whole parsed pattern
MAX_STATES = 256  # continuations followed at once; more counts as "any character"
MAX_DEPTH = 64


def _chars_of_set(items: list[tuple[Any, Any]]) -> set[str] | None:
    found: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            found.add(chr(av))
        elif op is sre_constants.RANGE and av[1] - av[0] < 256:
            found.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_DIGIT:
            found.update("0123456789")
        elif op is sre_constants.CATEGORY and av is sre_constants.CATEGORY_SPACE:
            found.update(" \t\n\r\f\v")
        else:  # a negated set, a word class: anything
            return ANY_CHAR
    return found


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed sequence may begin with (None: any) and whether it may match the empty string."""
    found: set[str] = set()
    for op, av in items:
        here: set[str] | None
        if op is _LITERAL:
            here, nullable = {chr(av)}, False
        elif op is _IN:
            here, nullable = _chars_of_set(av), False
        elif op is _BRANCH:
            here, nullable = set(), False
            for branch in av[1]:
                chars, empty = _first(branch)
                here = None if chars is None or here is None else here | chars
                nullable = nullable or empty
        elif op is _SUBPATTERN:
            here, nullable = _first(av[-1])
        elif op in _REPEATS:
            here, empty = _first(av[2])
            nullable = empty or av[0] == 0
        elif op in _ZERO_WIDTH:
            here, nullable = set(), True  # what follows begins the match
        else:  # any character, a back reference, ...
            return ANY_CHAR, False
        if here is None:
            return ANY_CHAR, False
        found |= here
        if not nullable:
            return found, False
    return found, True


@lru_cache(maxsize=4096)
def _folded(ch: str) -> frozenset[str]:
    """The ASCII characters ``ch`` matches when case is ignored (both cases; the long s matches s)."""
    if ch.isascii():
        return frozenset((ch.lower(), ch.upper()))
    return frozenset(a for a in map(chr, range(128)) if re.fullmatch(re.escape(ch), a, re.IGNORECASE))


def _ascii(chars: set[str]) -> frozenset[str]:
    return frozenset().union(*map(_folded, chars))


def parse(pattern: str) -> Parsed:
    """A pattern (case ignored) as the regex parser reads it."""
    return tuple(sre_parse.parse(pattern, re.IGNORECASE).data)


def first_chars(pattern: str | Parsed) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` (case-insensitive) may begin with, in both cases and with
    the ASCII letters other letters fold to; None when it may begin with any character."""
    chars, nullable = _first(parse(pattern) if isinstance(pattern, str) else pattern)
    if chars is None or nullable:
        return ANY_CHAR
    return _ascii(chars)


def guarded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The same regex behind a look-ahead for the characters its matches may begin with, when they are known: a
    search then passes over the positions where no match can begin without trying the whole pattern there (the
    regex engine does that itself for a literal prefix, not for an alternation of words with case ignored)."""
    chars, nullable = _first(sre_parse.parse(regex.pattern, regex.flags))
    if chars is None or nullable or not chars:
        return regex
    # \d and \s stand for more than their ASCII characters (_first lists those only)
    wide = "".join(c for c, ascii_ in ((r"\d", "0123456789"), (r"\s", " \t\n\r\f\v")) if set(ascii_) <= chars)
    try:
        return re.compile(f"(?=[{wide}{''.join(sorted(map(re.escape, chars)))}])(?:{regex.pattern})", regex.flags)
    except re.error:  # a pattern that sets its flags at its start cannot be put behind anything
        return regex


DIGIT = "\ue000"  # in a prefix: some ASCII digit, which one not said ("1###" reads any year of the 1000s)
_DIGITS = frozenset("0123456789")


def _reads(chars: frozenset[str], ch: str) -> bool:
    return not chars.isdisjoint(_DIGITS) if ch == DIGIT else ch in chars


def _step(items: Items, ch: str, depth: int = 0) -> list[Items] | None:
    """What is left of a parsed sequence after it read the ASCII character ``ch`` (or ``DIGIT``; each way of
    reading it; an empty list when it cannot), or None when the pattern is beyond this reading."""
    if not items:
        return []
    if depth > MAX_DEPTH:
        return None
    (op, av), rest = items[0], items[1:]
    if op is _LITERAL:
        return [rest] if _reads(_folded(chr(av)), ch) else []
    if op is _IN:
        chars = _chars_of_set(av)
        return [rest] if chars is None or _reads(_ascii(chars), ch) else []
    if op in _ONE_CHAR:
        return [rest]
    if op in _ZERO_WIDTH:  # a look-around or a word boundary: taken as holding
        return _step(rest, ch, depth + 1)
    if op is _BRANCH:
        return _each([tuple(branch.data) + rest for branch in av[1]], ch, depth)
    if op is _SUBPATTERN:
        return _step(tuple(av[-1].data) + rest, ch, depth + 1)
    if op is _ATOMIC:
        return _step(tuple(av.data) + rest, ch, depth + 1)
    if op in _REPEATS:
        low, high, body = av
        again: Items = ()
        if high != 1:
            left = high if high == sre_constants.MAXREPEAT else high - 1
            again = ((op, (max(low - 1, 0), left, body)),)
        ways: list[Items] = [tuple(body.data) + again + rest] if high != 0 else []
        if low == 0:
            ways.append(rest)
        return _each(ways, ch, depth)
    return None


def _each(ways: list[Items], ch: str, depth: int) -> list[Items] | None:
    out: list[Items] = []
    for way in ways:
        found = _step(way, ch, depth + 1)
        if found is None:
            return None
        out.extend(found)
    return out


class Continuations:
    """The characters a match of one pattern may go on with after reading a prefix of the text, prefixes read
    one character at a time and remembered (the words "the", "then" and "that" share their "th")."""

    def __init__(self, pattern: Parsed) -> None:
        self._read: dict[str, list[Items] | None] = {"": [pattern]}
        self._after: dict[str, frozenset[str] | None] = {}

    def _states(self, prefix: str) -> list[Items] | None:
        """Every way the pattern may go on after reading ``prefix``; None: any way (not followed)."""
        if prefix in self._read:
            return self._read[prefix]
        before = self._states(prefix[:-1])
        states: list[Items] | None = None
        if before is not None:
            states = []
            for state in before:
                found = _step(state, prefix[-1])
                if found is None or len(states) + len(found) > MAX_STATES:
                    states = None
                    break
                states.extend(found)
        if states is not None and any(_may_end(s) for s in states):
            states = None  # a match may end inside the prefix: whatever follows, it may match
        self._read[prefix] = states
        return states

    def after(self, prefix: str) -> frozenset[str] | None:
        """The ASCII characters a match that begins with ``prefix`` (ASCII, lower case, ``DIGIT`` for a digit not
        told) may go on with (an empty set when no match begins so); None: any character, or a match may end
        within the prefix."""
        if prefix not in self._after:
            self._after[prefix] = _firsts(self._states(prefix))
        return self._after[prefix]


def _firsts(states: list[Items] | None) -> frozenset[str] | None:
    if states is None:
        return ANY_CHAR
    found: set[str] = set()
    for state in states:
        chars, nullable = _first(state)
        if chars is None or nullable:
            return ANY_CHAR
        found |= chars
    return _ascii(found)


def _may_end(state: Items) -> bool:
    chars, nullable = _first(state)
    return chars is None or nullable
