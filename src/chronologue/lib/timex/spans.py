"""Durations (three weeks, a few months -> PXM) and sets (every winter, twice a week, daily)."""

from __future__ import annotations

from typing import Any

from chronologue.lib.timex.common import Groups, Resolution, Scope, fmt_count, lookup_key, number, unit_code, word

# ------------------------------------------------------------------------------------------------ durations and sets

_DURATION_UNIT = {
    "D": ("D", 1),
    "W": ("W", 1),
    "M": ("M", 1),
    "Y": ("Y", 1),
    "DE": ("Y", 10),
    "CE": ("Y", 100),
    "Q": ("M", 3),
    "FN": ("W", 2),
    "WE": ("D", 2),
    "H": ("TH", 1),
    "MIN": ("TM", 1),
    "S": ("TS", 1),
}


def duration_value(count: float | None, unit: str) -> str:
    """TIMEX3 duration: P3W, PXM, P20Y (two decades), PT5H30M, PXDE (decades)."""
    letter, factor = _DURATION_UNIT.get(unit, ("D", 1))
    time = letter.startswith("T")
    letter = letter[-1]
    if count is None:
        return ("PT" if time else "P") + "X" + ({"DE": "DE", "CE": "CE"}.get(unit, letter))
    total = count * factor
    if not float(total).is_integer():
        if letter == "H":
            return f"PT{int(total)}H{round((total % 1) * 60)}M"
        if letter == "Y":
            return f"P{round(total * 12)}M"
        if letter == "D":
            return f"PT{round(total * 24)}H"
    return ("PT" if time else "P") + fmt_count(total) + letter


def norm_duration(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    unit = unit_code(g)
    if unit is None:
        text = lookup_key(g.get("unit") or "").removesuffix(" long")
        unit = word("unit", text)
        if unit is None:
            return None
    res = Resolution(type="DURATION", anchor=None)
    if g.get("share"):  # a quarter of an hour, three quarters of a century
        quarters = 3 if lookup_key(g["share"]) == "three" else 1
        res.value = f"PT{15 * quarters}M" if unit == "H" else duration_value(25 * quarters, "Y")
        return res
    count = number(g.get("num")) if g.get("num") else None
    if g.get("num") is None and rule.name in ("past_single", "coming_single"):  # the past year, the next decade
        count = 1
    if g.get("num2") and g.get("unit2") and count is not None:
        unit2 = unit_code(g, "unit2")
        count2 = number(g["num2"])
        if unit2 == "M" and unit == "Y" and count2 is not None:
            res.value = f"P{int(count * 12 + count2)}M"
            return res
    if "and a half" in lookup_key(g.get("_text") or "") and count is not None:
        count += 0.5
    res.value = duration_value(count, unit)
    approx = word("approx", g.get("approx"))
    if approx:
        res.mod = approx
    return res


_SET_UNIT = {
    "D": "P1D",
    "W": "P1W",
    "M": "P1M",
    "Y": "P1Y",
    "DE": "P10Y",
    "CE": "P100Y",
    "Q": "P3M",
    "FN": "P2W",
    "WE": "P1W",
    "H": "PT1H",
    "MIN": "PT1M",
    "S": "PT1S",
}


def norm_set(rule: Any, g: Groups, scope: Scope) -> Resolution | None:
    res = Resolution(type="SET")
    if g.get("freq"):
        res.value = word("frequency", g["freq"])
    elif g.get("season"):
        res.value = f"XXXX-{word('season', g['season'])}"
    elif g.get("weekday"):
        res.value = f"XXXX-WXX-{word('weekday', g['weekday']) or word('weekday_abbr', g['weekday'])}"
    elif g.get("month"):
        res.value = f"XXXX-{word('month', g['month']):02d}"
    else:
        unit = unit_code(g)
        if unit is None:
            return None
        count = number(g.get("num")) if g.get("num") else None
        res.value = duration_value(count, unit) if count and count != 1 else _SET_UNIT[unit]
    return res
