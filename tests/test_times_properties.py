"""Property tests of the normaliser: no exception on any input, and earliest <= latest always."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chronologue.lib.timex import bounds_of, tag, to_edtf
from chronologue.lib.timex.values import value_of_span

MODS = st.sampled_from([None, "START", "MID", "END", "BEFORE", "AFTER", "APPROX", "ON_OR_BEFORE", "ON_OR_AFTER", "X"])
YEARS = st.integers(min_value=1, max_value=2999)


@st.composite
def timex_values(draw) -> str:
    """TIMEX3-shaped values, valid or not (month 13, day 31 of February, week 60)."""
    y = f"{draw(YEARS):04d}"
    kind = draw(st.sampled_from(["year", "month", "day", "season", "week", "decade", "century", "bc", "range",
                                 "quarter", "time", "ref", "duration"]))
    m, d = draw(st.integers(0, 14)), draw(st.integers(0, 33))
    return {
        "year": y,
        "month": f"{y}-{m:02d}",
        "day": f"{y}-{m:02d}-{d:02d}",
        "season": f"{y}-{draw(st.sampled_from(['SP', 'SU', 'FA', 'WI', 'XX']))}",
        "week": f"{y}-W{draw(st.integers(0, 60))}",
        "decade": y[:3],
        "century": y[:2],
        "bc": f"BC{y}",
        "range": f"{y}/{draw(YEARS):04d}",
        "quarter": f"{y}-Q{draw(st.integers(0, 5))}",
        "time": f"{y}-{m:02d}-{d:02d}T{draw(st.sampled_from(['MO', 'NI', '10:35', '24:00']))}",
        "ref": draw(st.sampled_from(["PRESENT_REF", "PAST_REF", "FUTURE_REF", "XXXX-WXX-5"])),
        "duration": draw(st.sampled_from(["P1Y", "PXM", "PT5H30M"])),
    }[kind]


def ordered(bounds: tuple[str | None, str | None]) -> bool:
    first, last = bounds
    return first is None or last is None or first <= last


@given(st.text(max_size=40), MODS)
def test_bounds_of_any_string_never_raises(text, mod):
    assert ordered(bounds_of(text, mod))


@given(timex_values(), MODS)
def test_bounds_of_timex_values_are_ordered(value, mod):
    first, last = bounds_of(value, mod)
    assert ordered((first, last))
    if first and last and mod is None:
        assert bounds_of(value_of_span_from(first, last))[0] is not None


def value_of_span_from(first: str, last: str) -> str:
    from chronologue.lib.timex import calendar as cal

    def n(iso: str) -> int:
        sign = -1 if iso.startswith("-") else 1
        y, m, d = iso.lstrip("-").split("-")
        return cal.day(sign * int(y), int(m), int(d))

    return value_of_span((n(first), n(last)))


@settings(deadline=None)
@given(timex_values(), MODS)
def test_edtf_is_none_or_parses(value, mod):
    from chronologue.lib.timex.values import valid_edtf

    text = to_edtf(value, mod)
    assert text is None or valid_edtf(text)


@settings(deadline=None)
@given(st.integers(1000, 2099), st.sampled_from(["", "early ", "late ", "mid-", "the end of ", "the first half of "]))
def test_year_bounds_hold_the_year(year, part):
    (t,) = tag(f"It happened in {part}{year} here.") or [None]
    assert t is not None and t.earliest <= t.latest
    assert t.earliest[:4] == f"{year:04d}" and t.latest[:4] == f"{year:04d}"


PIECES = list("0123456789 -/.,'’aAdDeEfFhHlLmMnNoOrRsStTuUwWyY") + [
    " 1941", " July ", " the end of ", " later", " ago", " winter", " the war", " days", " a few", " BC", " AD ",
    " the 1930s", " '41", " Friday", " next", " last", " 22 June", " spring", " In 1944", " after", " of ",
    " two decades earlier", " centuries later", " from October to March", " from", " to", " of that year",
    " 3 May 250 BC"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
       st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))))
def test_tagger_never_raises_and_bounds_are_ordered(text, dct):
    for t in tag(text, dct=dct):
        assert 0 <= t.start < t.end <= len(text)
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.earliest is None or t.latest is None or t.earliest <= t.latest


def test_calendar_dates_are_checked_as_the_edtf_package_checks_them():
    """valid_edtf answers calendar dates and their intervals without the edtf grammar: the same answers."""
    from edtf import parse_edtf

    from chronologue.lib.timex.values import _calendar_dates

    def package(text: str) -> bool:
        try:
            parse_edtf(text)
            return True
        except Exception:  # the edtf parser raises several exception types on bad input
            return False

    texts = ["1941", "1941-06", "1941-06-22", "1944-02-29", "1941-02-29", "1941-02-30", "1941-13", "1941-00",
             "1941-04-31", "1941-06-22/1945-05-09", "1945/1941", "../1942-01-01", "1941-06/..", "../..",
             "1941-06-22/1941-02-30"]
    quick = {text: _calendar_dates(text) for text in texts}
    assert quick["../.."] is None and all(quick[t] is not None for t in texts if t != "../..")
    assert {t: q for t, q in quick.items() if q is not None} == {t: package(t) for t in texts if t != "../.."}
