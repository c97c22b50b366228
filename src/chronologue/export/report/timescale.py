"""A time axis for the timeline chart: linear, with broken (compressed) stretches where nothing happens.

A life told in a text often has a dense war and a long, empty afterwards ("after the war he found his way to
the United States"): one linear axis would squeeze the war into a few pixels. Gaps between event bounds that
are long both absolutely and relative to the rest are cut out and drawn as a narrow zigzag band; a bar that
spans a cut keeps both its ends, but a gap that is exactly one bar's body is never cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chronologue.export.report.labels import MONTHS

YEAR = 365.25
MIN_BREAK_DAYS = 3 * 365
BREAK_SHARE = 0.3
MAX_BREAKS = 3
BREAK_PX = 30.0
MIN_SEGMENT_PX = 48.0
TICK_SPACING_PX = 46.0
CHAR_PX = 6.2  # width of a tick label's character (11 px sans)
BREAK_LABEL_HALF_PX = 17.0
YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
MONTH_STEPS = [1, 2, 3, 6]
DAY_STEPS = [1, 2, 7, 14]


@dataclass(slots=True)
class Segment:
    """A stretch of the axis: days ``lo..hi`` drawn on ``x0..x1``; a break is drawn compressed."""

    lo: float
    hi: float
    x0: float
    x1: float
    is_break: bool

    def x(self, day: float) -> float:
        """Where ``day`` is drawn on this stretch (its start when the stretch is a single day)."""
        if self.hi <= self.lo:
            return self.x0
        return self.x0 + (day - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


def _breaks(points: list[int], spans: set[tuple[int, int]]) -> list[tuple[float, float]]:
    """The gaps to cut out: the longest first, while one is long and a large share of what is left."""
    gaps = sorted(((b - a, a, b) for a, b in zip(points, points[1:], strict=False) if b > a), reverse=True)
    total = float(points[-1] - points[0]) if points else 0.0
    cut: list[tuple[float, float]] = []
    for length, a, b in gaps:
        if len(cut) == MAX_BREAKS or length < MIN_BREAK_DAYS or length < BREAK_SHARE * total:
            break
        if (a, b) in spans:  # the whole body of a bar: cutting it would leave two stubs
            continue
        margin = min(0.12 * (total - length), 0.1 * length, 2 * YEAR)
        margin = max(margin, 30.0)
        cut.append((a + margin, b - margin))
        total -= length
    return sorted(cut)


class TimeScale:
    """Maps day ordinals to x between ``x0`` and ``x1``, for bars ``spans`` (``(first, after_last)`` ordinals)."""

    def __init__(self, spans: list[tuple[int, int]], x0: float, x1: float, *, open_before: bool = False,
                 open_after: bool = False) -> None:
        points = sorted({d for span in spans for d in span})
        lo, hi = float(points[0]), float(points[-1])
        if hi - lo < 60:
            mid = (lo + hi) / 2
            lo, hi = mid - 30, mid + 30
        cut = _breaks(points, set(spans))
        linear_days = (hi - lo) - sum(b - a for a, b in cut)
        pad = max(0.03 * linear_days, 10.0)
        open_pad = max(0.2 * linear_days, YEAR)  # room for a bar the text leaves open on that side to fade out
        lo, hi = lo - (open_pad if open_before else pad), hi + (open_pad if open_after else pad)
        stretches: list[tuple[float, float, bool]] = []
        cursor = lo
        for a, b in cut:
            stretches.append((cursor, a, False))
            stretches.append((a, b, True))
            cursor = b
        stretches.append((cursor, hi, False))
        width = x1 - x0 - BREAK_PX * len(cut)
        linear = [s for s in stretches if not s[2]]
        spare = max(width - MIN_SEGMENT_PX * len(linear), 0.0)
        linear_total = sum(b - a for a, b, _ in linear) or 1.0
        # a stretch's width: half by its duration, half by how many bar ends fall in it
        ends = [d for span in spans for d in span]
        crowd = [sum(1 for d in ends if a <= d < b) for a, b, _ in linear]
        crowd_total = sum(crowd) or 1
        weights = iter([0.5 * (b - a) / linear_total + 0.5 * n / crowd_total for (a, b, _), n in zip(linear, crowd,
                                                                                                  strict=True)])
        self.segments: list[Segment] = []
        x = x0
        for a, b, is_break in stretches:
            px = BREAK_PX if is_break else MIN_SEGMENT_PX + spare * next(weights)
            self.segments.append(Segment(a, b, x, x + px, is_break))
            x += px
        self.lo, self.hi = lo, hi

    def x(self, day: float) -> float:
        """The x of a day ordinal (clamped to the axis)."""
        for segment in self.segments:
            if day <= segment.hi:
                return segment.x(max(day, segment.lo))
        return self.segments[-1].x1

    @property
    def breaks(self) -> list[Segment]:
        """The compressed stretches of the axis."""
        return [s for s in self.segments if s.is_break]

    def ticks(self) -> list[tuple[float, str]]:
        """``(x, label)`` for each gridline, chosen per linear stretch to be at least 46 px apart."""
        candidates: list[tuple[float, str]] = []
        for segment in self.segments:
            if segment.is_break:
                continue
            room = max((segment.x1 - segment.x0) / TICK_SPACING_PX, 1.0)
            candidates.extend((segment.x(d), label) for d, label in _ticks(segment.lo, segment.hi, room)
                              if segment.lo <= d <= segment.hi)
        gaps = [(b.x0 + b.x1) / 2 for b in self.breaks]
        result: list[tuple[float, str]] = []
        for x, label in candidates:  # labels must not run into a break's label or into each other
            clear_of_breaks = all(abs(x - g) >= _half(label) + BREAK_LABEL_HALF_PX + 4 for g in gaps)
            if clear_of_breaks and (not result or x - result[-1][0] >= _half(label) + _half(result[-1][1]) + 8):
                result.append((x, label))
        return result


def _half(label: str) -> float:
    """Half the drawn width of a tick label."""
    return len(label) * CHAR_PX / 2


def _ticks(lo: float, hi: float, room: float) -> list[tuple[int, str]]:
    first, last = date.fromordinal(max(int(lo) + 1, 1)), date.fromordinal(int(hi))
    span = hi - lo
    for step in YEAR_STEPS:
        if span / (step * YEAR) <= room:
            if step == 1 and span < 2.5 * YEAR and room >= 4:
                break  # room for months
            start = -(-first.year // step) * step
            return [(date(y, 1, 1).toordinal(), str(y)) for y in range(start, last.year + 1, step)]
    for step in MONTH_STEPS:
        if span / (step * 30.44) <= room:
            ticks = []
            y, m = first.year, first.month
            if first.day > 1:
                m += 1
            while True:
                y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
                day = date(y, m, 1)
                if day > last:
                    break
                if (m - 1) % step == 0:
                    label = f"{MONTHS[m]} {y}" if m == 1 or not ticks else MONTHS[m]
                    ticks.append((day.toordinal(), label))
                m += 1
            return ticks
    step = next((s for s in DAY_STEPS if span / s <= room), DAY_STEPS[-1])
    days = range(int(lo) + 1, int(hi) + 1, step)
    return [(d, f"{date.fromordinal(d).day} {MONTHS[date.fromordinal(d).month]}") for d in days]
