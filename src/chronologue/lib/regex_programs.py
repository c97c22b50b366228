"""Compiled regular expressions kept from one process to the next: the regex engine's program for a pattern.

``re.compile`` parses a pattern and translates it into a program for the engine (``_sre``), in Python: for the time
tagger's rules (a few thousand characters each, case ignored) that costs a first document about 0.05 s. The
program depends only on the pattern, its flags and the interpreter, so a prebuilt table can keep it
(:class:`Program`, made by the standard library's own compiler) and hand it to the engine in a later process,
which then compiles nothing. A program made by another interpreter (another version, another engine) is not
used: :meth:`Program.compile` compiles the pattern as ``re.compile`` does.

>>> import re
>>> Program.of(r"(?P<year>\\d{4}) (?:BC|AD)", re.I).compile() == re.compile(r"(?P<year>\\d{4}) (?:BC|AD)", re.I)
True
"""

from __future__ import annotations

import importlib
import re
import sys
from dataclasses import dataclass

# the standard library's compiler and engine (Python 3.11 keeps them as re._compiler and _sre; no stubs)
_sre = importlib.import_module("_sre")
_compiler = importlib.import_module("re._compiler")
_parser = importlib.import_module("re._parser")

ENGINE = (sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)


@dataclass(frozen=True, eq=False)
class Program:
    """A pattern as ``re.compile(pattern, flags)`` makes it: the engine's flags, code and groups, and the engine it
    is for (hashed by identity: a key for caching what it compiles to)."""

    pattern: str
    flags: int
    engine_flags: int
    code: tuple[int, ...]
    groups: int
    groupindex: dict[str, int]
    indexgroup: tuple[str | None, ...]
    engine: tuple[object, ...]

    @classmethod
    def of(cls, pattern: str, flags: int = 0) -> Program:
        """The program of ``pattern`` (made as ``re._compiler.compile`` makes it; raises ``re.error`` as it does)."""
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        indexgroup: list[str | None] = [None] * state.groups
        for name, number in state.groupdict.items():
            indexgroup[number] = name
        return cls(pattern, flags, flags | state.flags, tuple(map(int, code)), state.groups - 1,
                   dict(state.groupdict), tuple(indexgroup), ENGINE)

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern: from the program on the engine it was made for, else compiled anew."""
        if self.engine != ENGINE:
            return re.compile(self.pattern, self.flags)
        compiled: re.Pattern[str] = _sre.compile(
            self.pattern, self.engine_flags, list(self.code), self.groups, self.groupindex, self.indexgroup
        )
        return compiled
