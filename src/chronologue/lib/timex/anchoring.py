"""The reference times relative expressions resolve against (HeidelTime's "narratives" mode, refined).

The narrative reference is the last resolved time in the flow of the story, with one refinement: a relative
expression anchors to the most recent reference that is fine enough for it ("a few days later" skips a
preceding "the first half of the 1930s", a flashback five years wide, and anchors to "the second half of
July 1941" before it). Deictic expressions ("today", "last year") use the document date when there is one.

Underspecified calendar expressions (a month and day, a month, a season or a weekday without a year) take
their year from the story when it tells of a time far from the document date (a 2019 article about 1939),
else from the document date (news). An exact count of days ("two days later") counts from the last date given
to the day, skipping a flashback to earlier, coarser times ("On 13 April 1940 ... he had been arrested at the
end of September 1939 ... two days later").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.calendar import Interval

FAR_FROM_DCT = 366  # days between the story's time and the document date beyond which the story is history
DAY_PRECISE = 3  # days a reference may span to count as a date given to the day (a night, a weekend)
DISTANT_PAST = 20 * 365  # days from the document date beyond which a time counts twice as evidence of history
HISTORY_MARGIN = 1  # far times beyond the near ones before the text counts as history (one background year is not)
NEWS_WEIGHT = 3  # a time anchored to the document date counts as this many far times of a history
FLASHBACK_LOOKBACK = 8  # references an exact day count looks back over for a date given to the day
# references a date without a year ("24 June") looks back over for the date given to the day it continues
# ("On 13 July 1793 ... since August 1792 ... on 24 June": June 1793); more is a new thread, not an aside
ASIDE_LOOKBACK = 2  # the date and the one reference since
MOVED_ON_WITHIN = 366  # days after a date within which a year given next carries the story on into it

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
    named: Interval | None = None  # the event the text named since the last reference time (the invasion)
    background: set[int] = field(default_factory=set)  # indices in ``stack`` of times told looking back

    far: int = 0  # times the text gave outright that lie far from the document date (history told today)
    near: int = 0  # times the text gave outright near the document date, and words said of it (news)

    def push(self, span: Interval, background: bool = False) -> None:
        """A time the text gave; a ``background`` one (told in a clause that looks back) is a reference for
        expressions that point back to it ("later that year") but never the story's present for a date without
        a year ("in June")."""
        if background:
            self.background.add(len(self.stack))
        self.stack.append(span)
        self.named = None

    def before_present(self, span: Interval) -> bool:
        """Whether ``span`` ends before the story's present (the last reference time) begins."""
        present = next((s for i, s in reversed(list(enumerate(self.stack))) if i not in self.background), None)
        return present is not None and span[1] < present[0]

    def name_event(self, span: Interval) -> None:
        """Note an event the text named without a time expression: "the war" just after it is the war it was in."""
        self.named = span

    def count(self, span: Interval) -> None:
        """Count a time the text gives outright (a year, a full date) towards what it tells: history (far from
        the document date) or news (near it)."""
        if self.dct is None:
            return
        distance = min(abs(span[0] - self.dct), abs(span[1] - self.dct))
        if distance > FAR_FROM_DCT:  # a time generations away is the surer sign of history than last year's
            self.far += 1 + (distance > DISTANT_PAST)
        else:
            self.near += 1

    def said_of_today(self) -> None:
        """Count a word said of the writer's present (yesterday, last week, two years ago), however it was
        resolved: the surer sign of news."""
        if self.dct is not None:
            self.near += NEWS_WEIGHT

    def tells_history(self) -> bool:
        """Whether the text so far tells history (the times it gave outright lie mostly far from the document
        date, or it has none)."""
        return self.dct is None or self.far > self.near + HISTORY_MARGIN

    def narrative(self, grain: str = "ANY", present: bool = False) -> Interval | None:
        """The most recent reference fine enough for an expression of this granularity, else the document date;
        ``present``: the story's present, never a time told looking back."""
        limit = MAX_REF_WIDTH.get(grain, 10**9)
        for i in range(len(self.stack) - 1, -1, -1):
            span = self.stack[i]
            if span[1] - span[0] + 1 <= limit and not (present and i in self.background):
                return span
        return (self.dct, self.dct) if self.dct is not None else None

    def story(self, grain: str = "ANY") -> Interval | None:
        """The most recent reference the story itself gave that is fine enough for the granularity (never the
        document date), else the most recent one of any width."""
        limit = MAX_REF_WIDTH.get(grain, 10**9)
        for i in range(len(self.stack) - 1, -1, -1):
            span = self.stack[i]
            if i not in self.background and span[1] - span[0] + 1 <= limit:
                if grain != "D":
                    return span
                return self._moved_on(i) or self.before_flashback(span, grain, ASIDE_LOOKBACK)
        return next((self.stack[i] for i in range(len(self.stack) - 1, -1, -1) if i not in self.background), None)

    def _moved_on(self, i: int) -> Interval | None:
        """A year (or part of one) given after the day-fine reference ``i`` that begins in a later year, within a
        year of it: the story has moved on into it ("March 1926 ... early 1927 ... On April 7": April 1927)."""
        fine = self.stack[i]
        for span in reversed(self.stack[i + 1 :]):
            later_year = cal.ymd(span[0])[0] > cal.ymd(fine[1])[0]
            if span[1] - span[0] + 1 <= MAX_REF_WIDTH["M"] and later_year and span[0] <= fine[1] + MOVED_ON_WITHIN:
                return span
        return None

    def history(self, grain: str = "ANY", future: bool = False) -> Interval | None:
        """The story's current time when the text tells history here, else None (news: the document date).

        Decided per expression from the evidence: the last times the text gave outright mostly lie far from
        the document date (a history told today), the story's reference time fine enough for the expression
        lies far from it too, and the clause does not speak of the future."""
        if self.dct is None or future or not self.tells_history():
            return None
        told = self.story(grain)
        if told is not None and min(abs(told[0] - self.dct), abs(told[1] - self.dct)) > FAR_FROM_DCT:
            return told
        return None

    def calendar(self, grain: str = "ANY", future: bool = False) -> tuple[Interval | None, str]:
        """The anchor of a calendar expression without a year (17 September, in May, that winter, on Monday):
        the story's time when the text tells history (``history``), else the document date (news: a
        background year does not move "Friday" or "in April", nor does anything in a clause about the
        future), else the narrative."""
        if self.dct is None:
            return self.narrative(grain, present=True), "narrative"
        told = self.history(grain, future)
        if told is not None:
            return told, "narrative"
        return (self.dct, self.dct), "document"

    def day_count(self, grain: str) -> Interval | None:
        """The reference an exact count of days or hours counts from: the narrative reference, unless that is
        coarser than a day and follows a date given to the day that every reference since lies before (a
        flashback); then that date."""
        found = self.narrative(grain)
        return self.before_flashback(found, grain) if found is not None else None

    def before_flashback(self, found: Interval, grain: str, lookback: int = FLASHBACK_LOOKBACK) -> Interval:
        """``found``, unless it is coarser than a day and follows a date given to the day that every reference
        since (``lookback`` at most) lies before (a flashback to earlier, coarser times); then that date."""
        if found[1] - found[0] + 1 <= DAY_PRECISE or not self.stack:
            return found
        limit = MAX_REF_WIDTH.get(grain, 10**9)
        latest_end: int | None = None  # the latest end of the fine-enough references since
        for span in self.stack[-1 : -lookback - 1 : -1]:
            if span[1] - span[0] + 1 <= DAY_PRECISE:
                return span if latest_end is not None and latest_end < span[0] else found
            if span[1] - span[0] + 1 <= limit:
                latest_end = span[1] if latest_end is None else max(latest_end, span[1])
        return found

    def deictic(
        self, grain: str = "ANY", future: bool = False, quoted: bool = False, anaphoric: bool = False
    ) -> tuple[Interval | None, str]:
        """The anchor of a relative deictic expression (last month, next year, two years ago): the speaker's
        present. Outside quotations that is the writer's (the document date); in a quotation within a history
        it is the story's time the quoted speaker spoke in; with no document date, the narrative reference.
        An ``anaphoric`` one ("this day", "this year") points back into a history like "that day" does."""
        if self.dct is not None:
            return self.calendar(grain, future) if quoted or anaphoric else ((self.dct, self.dct), "document")
        return self.narrative(grain), "narrative"

    def document(self, grain: str = "ANY") -> tuple[Interval | None, str]:
        """The anchor of a word of the speaker's present (today, yesterday, tonight): the document date if
        given, else the narrative reference."""
        if self.dct is not None:
            return (self.dct, self.dct), "document"
        return self.narrative(grain), "narrative"
