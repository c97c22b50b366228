"""What every normaliser shares: the Resolution it returns, the Scope it reads, word lookups, counts, years,
parts of periods (DESIGN.md thirds and halves), and the granularity helpers of offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from chronologue.lib.timex import calendar as cal
from chronologue.lib.timex.anchoring import References
from chronologue.lib.timex.calendar import Interval
from chronologue.lib.timex.resources import lookup_key, vocab
from chronologue.lib.timex.values import value_of_span

Groups = dict[str, str]
VAGUE_COUNT = (1, 10)  # "a few", "several": at least one, at most about ten units


@dataclass
class Resolution:
    """What a time expression means: TIMEX3 fields, day bounds, and how it was anchored."""

    type: str
    value: str | None = None
    mod: str | None = None
    first: int | None = None
    last: int | None = None
    anchor: str | None = None
    reference: bool = False  # may later relative expressions anchor to it?
    open_end: bool = False  # latest bound is the document horizon (after the war, years later)
    named_event: Interval | None = None  # the span of an event the expression names properly (the invasion of X)

    @property
    def span(self) -> Interval | None:
        if self.first is None or self.last is None:
            return None
        return self.first, self.last


@dataclass
class Scope:
    """What a normaliser may consult besides the groups."""

    refs: References
    future: bool = False  # the sentence speaks of the future (weekday and month names resolve forward)
    will: bool = False  # ... of the writer's future (will, shall): then it speaks of the document date's time
    quoted: bool = False  # the expression stands in a quotation (its speaker's present is not the writer's)


def table(name: str) -> dict[str, Any]:
    return vocab().get(name, {})


def word(name: str, text: str | None) -> Any:
    return None if text is None else table(name).get(lookup_key(text))


def number(text: str | None) -> float | None:
    """A count: digits, ``5 1/2``, number words; None for vague counts (a few, several) or no count."""
    if not text:
        return None
    t = text.strip().replace(",", "")
    half = t.endswith(" 1/2")
    t = t.removesuffix(" 1/2")
    try:
        n = float(t)
    except ValueError:
        n = word("number", t)
        if n is None and " " in t:
            a, _, b = t.partition(" ")
            na, nb = word("number", a), word("number", b)
            n = na + nb if isinstance(na, int | float) and isinstance(nb, int | float) else None
        if not isinstance(n, int | float):
            return None
    return n + 0.5 if half else n


def fmt_count(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def year_from(g: Groups, refs: References) -> int | None:
    if g.get("yearwords"):
        return spelled_year(g["yearwords"])
    if g.get("yy"):
        ref = refs.narrative() or ((refs.dct, refs.dct) if refs.dct is not None else None)
        if ref is None:
            return None
        ref_year = cal.ymd(ref[0])[0]  # '99 in a story of 1917 is 1899, '41 in one of 1939 is 1941: the nearest
        candidates = ((ref_year // 100 + k) * 100 + int(g["yy"]) for k in (-1, 0, 1))
        return min(candidates, key=lambda y: abs(y - ref_year))
    text = g.get("year") or g.get("year2") if not g.get("era") and not g.get("era2") else None
    if g.get("era") or g.get("era2"):
        y = int(g.get("year") or g.get("year2"))
        era = lookup_key(g.get("era") or g.get("era2") or "")
        return 1 - y if era.startswith("b") else y
    return int(text) if text else None


def year_value(y: int) -> str:
    return f"{y:04d}" if y > 0 else f"BC{1 - y:04d}"


def part_spec(g: Groups) -> dict[str, Any] | None:
    text = g.get("part")
    if not text:
        return None
    return table("part").get(lookup_key(text).rstrip(" -"))


def apply_part(span: Interval, spec: dict[str, Any] | None, event: bool = False) -> Interval:
    """The part of a period or an event a part-of-period phrase keeps (DESIGN.md thirds and halves)."""
    if not spec:
        return span
    if "days" in spec:
        d0, d1 = spec["days"]
        base = span[1] if spec.get("side") == "end" else span[0]
        return base + d0, base + d1
    share = tuple(spec.get("share", (0.0, 1.0)))
    cap = cal.duration_days(spec.get("cap", "")) if event else None
    if cap and span[0] == span[1]:  # the first months of an act of one day (an invasion): from that day on
        return (span[0], span[0] + cap - 1) if share[0] == 0.0 else (span[0] - cap + 1, span[0])
    first, last = cal.part(span, share)
    if cap:
        if share[0] == 0.0:
            last = min(last, first + cap - 1)
        elif share[1] == 1.0:
            first = max(first, last - cap + 1)
        else:
            mid = (first + last) // 2
            first, last = max(first, mid - cap // 2), min(last, mid + cap // 2)
    return first, last


def finish(res: Resolution, span: Interval | None, value: str | None, part: dict[str, Any] | None) -> Resolution:
    if span is not None:
        span = apply_part(span, part)
        res.first, res.last = span
    res.value = value
    if part and part.get("year_value") and value and re.fullmatch(r"(?:BC)?\d{4}", value):
        res.value = f"{value}-{part['year_value']}"  # the second half of 2008 -> 2008-H2, no mod
    elif part and part.get("mod"):
        res.mod = part["mod"]
    return res


def spelled_year(text: str) -> int | None:
    """A year said in words: "nineteen ninety-one" -> 1991, "eighteen hundred" -> 1800 (year_century and
    number tables)."""
    head, _, rest = lookup_key(text).partition(" ")
    century = word("year_century", head)
    if century is None:
        return None
    if rest == "hundred":
        return century * 100
    total = 0
    for w in rest.split():
        n = word("number", w)
        if not isinstance(n, int):
            return None
        total += n
    return century * 100 + total if 0 < total < 100 else None


def day_value(res: Resolution, n: int, suffix: str = "") -> Resolution:
    res.first = res.last = n
    res.value = value_of_span((n, n)) + suffix
    return res


def unit_code(g: Groups, key: str = "unit") -> str | None:
    return word("unit", g.get(key)) or word("unit_adj", g.get(key))


def coarsen(span: Interval, unit: str) -> Interval:
    """Widen a shifted span to whole units of the offset (two years later -> whole years)."""
    (y1, m1, _), (y2, m2, _) = cal.ymd(span[0]), cal.ymd(span[1])
    if unit in ("Y", "DE", "CE"):
        return cal.year_span(y1, y2)
    if unit in ("M", "Q"):
        return cal.day(y1, m1, 1), cal.month_end(y2, m2)
    return span


def unit_value(span: Interval, unit: str) -> str:
    if unit in ("W", "FN") and span[1] - span[0] == 6:
        iy, iw = cal.iso_week(span[0])
        return f"{year_value(iy)}-W{iw:02d}"
    return value_of_span(span)


REL_SHIFT = {
    "this": 0,
    "that": 0,
    "the same": 0,
    "that same": 0,
    "the current": 0,
    "last": -1,
    "the previous": -1,
    "the preceding": -1,
    "this past": -1,
    "next": 1,
    "the next": 1,
    "the following": 1,
    "the coming": 1,
    "this coming": 1,
}
DAY_UNITS = frozenset({"day", "night", "morning", "evening", "afternoon"})


def day_part_suffix(text: str | None) -> str:
    """The TIMEX3 part-of-day suffix of a word (morning -> TMO, night -> TNI), or "" (day_part table)."""
    code = word("day_part", text)
    return f"T{code}" if code else ""
