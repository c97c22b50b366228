"""The TIMEX3 range of news and financial text (HeidelTime's English resources): quarters, halves, fiscal
years, year-earlier periods in quarter granularity, reference words, parts of day, spelled-out years, decades,
centuries, sets, vague durations, named days with their date, and ISO weeks with two digits."""

from __future__ import annotations

from datetime import date

import pytest

from chronologue.lib.timex import tag

DCT = date(1989, 11, 2)  # a Thursday, in the fourth quarter


def found(text: str, dct: date | None = DCT) -> dict[str, tuple]:
    return {text[t.start : t.end]: (t.type, t.value, t.earliest, t.latest) for t in tag(text, dct=dct)}


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("Profit rose 12% in the third quarter, the company said.", "the third quarter",
         ("DATE", "1989-Q3", "1989-07-01", "1989-09-30")),
        ("Third-quarter profit fell sharply.", "Third-quarter", ("DATE", "1989-Q3", "1989-07-01", "1989-09-30")),
        ("Sales slipped in the fourth quarter of last year.", "the fourth quarter of last year",
         ("DATE", "1988-Q4", "1988-10-01", "1988-12-31")),
        ("Output grew in the first quarter of 1990, the agency expects.", "the first quarter of 1990",
         ("DATE", "1990-Q1", "1990-01-01", "1990-03-31")),
        ("Revenue doubled in the first half, the chairman said.", "the first half",
         ("DATE", "1989-H1", "1989-01-01", "1989-06-30")),
        ("Deaths fell in the second half of 2008.", "the second half of 2008",
         ("DATE", "2008-H2", "2008-07-01", "2008-12-31")),
        ("The company lost money in fiscal 1989.", "fiscal 1989", ("DATE", "FY1989", "1988-07-01", "1990-06-30")),
    ],
)
def test_quarters_halves_and_fiscal_years(text, span, expected):
    assert found(text)[span] == expected


def test_a_year_ago_after_a_quarter_is_that_quarter_a_year_earlier():
    got = found("Net income rose in the third quarter. A year ago, the company lost money.")
    assert got["A year ago"] == ("DATE", "1988-Q3", "1988-07-01", "1988-09-30")
    got = found("Sales rose in the third quarter from the year-earlier period.")
    assert got["the year-earlier period"] == ("DATE", "1988-Q3", "1988-07-01", "1988-09-30")


def test_a_year_ago_without_a_quarter_is_a_year():
    assert found("A year ago the plant was closed.")["A year ago"] == ("DATE", "1988", "1988-01-01", "1988-12-31")


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The museum now holds the letters.", "now", "PRESENT_REF"),
        ("The envoy recently returned from the front.", "recently", "PAST_REF"),
        ("Such raids had happened in the past as well.", "the past", "PAST_REF"),
        ("Talks will continue in the future, the envoy said.", "the future", "FUTURE_REF"),
    ],
)
def test_reference_words(text, span, value):
    assert found(text)[span][1] == value


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The vote is expected tonight in the assembly.", "tonight", "1989-11-02TNI"),
        ("The minister resigned this morning after the vote.", "this morning", "1989-11-02TMO"),
        ("The court met yesterday afternoon in private.", "yesterday afternoon", "1989-11-01TAF"),
        ("The ship docked on the evening of 3 May 1945 with the wounded.", "the evening of 3 May 1945",
         "1945-05-03TEV"),
    ],
)
def test_parts_of_day(text, span, value):
    assert found(text)[span][1] == value


@pytest.mark.parametrize(
    "text, span, expected",
    [
        ("The treaty was signed in nineteen ninety-one in Minsk.", "nineteen ninety-one",
         ("DATE", "1991", "1991-01-01", "1991-12-31")),
        ("The fort was built in eighteen hundred by convicts.", "eighteen hundred",
         ("DATE", "1800", "1800-01-01", "1800-12-31")),
        ("Prices rose throughout the 1990s in the cities.", "the 1990s", ("DATE", "199", "1990-01-01", "1999-12-31")),
        ("In 1930 the crisis began; in the early thirties the villages starved.", "the early thirties",
         ("DATE", "193", "1930-01-01", "1933-04-30")),
        ("Serfdom lasted well into the 19th century.", "the 19th century", ("DATE", "18", "1801-01-01", "1900-12-31")),
        ("The twentieth century was one of wars.", "The twentieth century",
         ("DATE", "19", "1901-01-01", "2000-12-31")),
    ],
)
def test_spelled_years_decades_and_centuries(text, span, expected):
    assert found(text, None)[span][:2] == expected[:2]


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The commandant reported daily to Berlin.", "daily", "P1D"),
        ("Every year the river froze solid.", "Every year", "P1Y"),
        ("Food came twice a week at best.", "twice a week", "P1W"),
        ("Every winter the roads closed.", "Every winter", "XXXX-WI"),
    ],
)
def test_sets(text, span, value):
    assert found(text)[span][:2] == ("SET", value)


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Such epithets were used for years in the press.", "years", "PXY"),
        ("The roads were damaged by years of conflict and neglect.", "years", "PXY"),
        ("It took several months to rebuild the bridge.", "several months", "PXM"),
        ("For two bloody weeks the fighting raged.", "two bloody weeks", "P2W"),
        ("After ten brutal months of the siege the town fell.", "ten brutal months", "P10M"),
    ],
)
def test_durations_with_vague_quantities_and_adjectives(text, span, value):
    assert found(text)[span][:2] == ("DURATION", value)


def test_a_named_day_with_its_date_beside_it_takes_the_date():
    got = found("The airlift peaked on Easter Sunday, 17 April 1949, with a record tonnage.", None)
    assert got["Easter Sunday, 17 April 1949"] == ("DATE", "1949-04-17", "1949-04-17", "1949-04-17")
    got = found("On Easter Sunday, April 16, 1950 the bells rang.", None)
    assert got["Easter Sunday, April 16, 1950"][1] == "1950-04-16"


@pytest.mark.parametrize(
    "text, dct, value, bounds",
    [
        ("Prices fell last week.", date(2000, 1, 15), "2000-W01", ("2000-01-03", "2000-01-09")),
        ("Prices fell this week.", date(2000, 2, 23), "2000-W08", ("2000-02-21", "2000-02-27")),
        ("Lawyers met over the weekend.", date(2000, 1, 10), "2000-W01-WE", ("2000-01-08", "2000-01-09")),
        ("Prices fell two weeks ago.", date(2000, 3, 1), "2000-W07", ("2000-02-14", "2000-02-20")),
    ],
)
def test_iso_weeks_have_two_digits(text, dct, value, bounds):
    (got,) = [(t.value, (t.earliest, t.latest)) for t in tag(text, dct=dct)]
    assert got == (value, bounds)
