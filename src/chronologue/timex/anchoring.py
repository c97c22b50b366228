"""The reference times relative expressions resolve against (HeidelTime's "narratives" mode, refined).

The narrative reference is the last resolved time in the flow of the story, with one refinement: a relative
expression anchors to the most recent reference that is fine enough for it ("a few days later" skips a
preceding "the first half of the 1930s", a flashback five years wide, and anchors to "the second half of
July 1941" before it). Deictic expressions ("today", "last year") use the document date when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .calendar import Interval

# how wide (in days) a reference may be for an expression of this granularity to anchor to it
MAX_REF_WIDTH = {
    "D": 62,
    "W": 92,
    "FN": 92,
    "WE": 31,
    "M": 400,
    "Q": 400,
    "S": 400,
    "Y": 3700,
    "DE": 40000,
    "CE": 400000,
    "ANY": 10**9,
}


@dataclass
class References:
    """The document date and the stack of narrative reference times seen so far."""

    dct: int | None = None
    stack: list[Interval] = field(default_factory=list)
    events: list[Interval] = field(default_factory=list)

    def push(self, span: Interval) -> None:
        self.stack.append(span)

    def narrative(self, grain: str = "ANY") -> Interval | None:
        """The most recent reference fine enough for an expression of this granularity, else the document date."""
        limit = MAX_REF_WIDTH.get(grain, 10**9)
        for span in reversed(self.stack):
            if span[1] - span[0] + 1 <= limit:
                return span
        return (self.dct, self.dct) if self.dct is not None else None

    def deictic(self, grain: str = "ANY") -> tuple[Interval | None, str]:
        """The anchor of a deictic expression: the document date if given, else the narrative reference."""
        if self.dct is not None:
            return (self.dct, self.dct), "document"
        return self.narrative(grain), "narrative"
