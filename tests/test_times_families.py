"""The temporal tagger on sentences for every pattern family: exact extents, TIMEX3 values and day bounds."""

from __future__ import annotations

from datetime import date

import pytest

from chronologue.lib.timex import tag


def timexes(text: str, dct: date | None = None) -> list[tuple]:
    return [(text[t.start : t.end], t.type, t.value, t.mod, t.earliest, t.latest, t.anchor) for t in tag(text, dct=dct)]


def one(text: str, dct: date | None = None) -> tuple:
    found = timexes(text, dct)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- years, ranges, eras

@pytest.mark.parametrize(
    "text, expected",
    [
        ("The bridge was built in 1941.", ("1941", "DATE", "1941", None, "1941-01-01", "1941-12-31", "absolute")),
        ("Famine struck in 1941/42 in the region.",
         ("1941/42", "DATE", "1941/1942", None, "1941-01-01", "1942-12-31", "absolute")),
        ("Pompeii was buried in AD 79 by ash.",
         ("AD 79", "DATE", "0079", None, "0079-01-01", "0079-12-31", "absolute")),
        ("Caesar died in 44 BC.", ("44 BC", "DATE", "BC0044", None, "-0043-01-01", "-0043-12-31", "absolute")),
        ("The post-1945 order was new.",
         ("post-1945", "DATE", "1945", "AFTER", "1946-01-01", None, "absolute")),
    ],
)
def test_years(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("During the occupation of 1941–45 the town shrank.",
         [("1941", "1941", "1941-01-01", "1941-12-31"), ("45", "1945", "1945-01-01", "1945-12-31")]),
        ("The Diem era, 1955-1963, ended in a coup.",
         [("1955", "1955", "1955-01-01", "1955-12-31"), ("1963", "1963", "1963-01-01", "1963-12-31")]),
        ("The battle was fought on 31 May-1 June 1916.",
         [("31 May", "1916-05-31", "1916-05-31", "1916-05-31"),
          ("1 June 1916", "1916-06-01", "1916-06-01", "1916-06-01")]),
        ("The hill fell in the Battle of the Imjin River (22-25 April 1951).",
         [("22", "1951-04-22", "1951-04-22", "1951-04-22"),
          ("25 April 1951", "1951-04-25", "1951-04-25", "1951-04-25")]),
        ("Talks ran on March 5-9, 1918 at the border.",
         [("March 5", "1918-03-05", "1918-03-05", "1918-03-05"),
          ("9, 1918", "1918-03-09", "1918-03-09", "1918-03-09")]),
        ("In the Battle of Pusan Perimeter (August-September 1950) the line held.",
         [("August", "1950-08", "1950-08-01", "1950-08-31"),
          ("September 1950", "1950-09", "1950-09-01", "1950-09-30")]),
        ("The First Battle of the Marne (5 September-12 September) saved Paris.",
         [("5 September", None, None, None), ("12 September", None, None, None)]),
    ],
)
def test_a_range_is_a_time_expression_for_each_end(text, expected):
    found = [(f[0], f[2], f[4], f[5]) for f in timexes(text)]
    if expected[0][1] is None:  # no year anywhere: only the extents
        found = [(f[0], None, None, None) for f in found]
    assert found == expected


def test_a_slashed_pair_of_years_stays_one_period():
    assert one("Famine struck in 1941/42 in the region.")[:6] == (
        "1941/42", "DATE", "1941/1942", None, "1941-01-01", "1942-12-31")


def test_apostrophe_year_takes_the_century_of_the_narrative():
    assert timexes("He enlisted in 1939 and was captured in '41.")[1] == (
        "'41", "DATE", "1941", None, "1941-01-01", "1941-12-31", "absolute")


def test_bare_numbers_are_not_years():
    assert timexes("He counted 1500 prisoners and 1200 men, 90 percent of them sick, in article 1941.") == []


# ---------------------------------------------------------------- full dates, in every common order

@pytest.mark.parametrize(
    "text, span",
    [
        ("He was born on 3 June 1920 in a village.", "3 June 1920"),
        ("He was born on June 3, 1920 in a village.", "June 3, 1920"),
        ("He was born on the 3rd of June 1920 in a village.", "the 3rd of June 1920"),
        ("He was born on Thursday, June 3, 1920 in a village.", "Thursday, June 3, 1920"),
        ("He was born on 1920-06-03 in a village.", "1920-06-03"),
        ("He was born on 03.06.1920 in a village.", "03.06.1920"),
        ("He was born on 6/3/1920 in a village.", "6/3/1920"),
    ],
)
def test_full_dates(text, span):
    assert one(text)[:6] == (span, "DATE", "1920-06-03", None, "1920-06-03", "1920-06-03")


def test_months_and_days_without_a_year_follow_the_narrative():
    found = timexes("In July 1941 the front collapsed. In August he was captured. On 22 September he escaped.")
    assert found == [
        ("July 1941", "DATE", "1941-07", None, "1941-07-01", "1941-07-31", "absolute"),
        ("August", "DATE", "1941-08", None, "1941-08-01", "1941-08-31", "narrative"),
        ("22 September", "DATE", "1941-09-22", None, "1941-09-22", "1941-09-22", "narrative"),
    ]


def test_may_as_a_name_or_a_modal_is_no_month():
    assert timexes("Prime Minister Theresa May spoke. May God help them, he wrote.") == []


# ---------------------------------------------------------------- seasons

@pytest.mark.parametrize(
    "text, value, earliest, latest",
    [
        ("He stayed until the fall of 1944.", "1944-FA", "1944-09-01", "1944-11-30"),
        ("He stayed until autumn 1943.", "1943-FA", "1943-09-01", "1943-11-30"),
        ("He stayed through the summer of 1942.", "1942-SU", "1942-06-01", "1942-08-31"),
        ("It was the winter of 1941/42 that broke them.", "1941-WI", "1941-12-01", "1942-02-28"),
        ("He returned in winter 1943/44.", "1943-WI", "1943-12-01", "1944-02-29"),
        ("He returned in the spring of 1945.", "1945-SP", "1945-03-01", "1945-05-31"),
    ],
)
def test_seasons_are_meteorological(text, value, earliest, latest):
    assert one(text)[2:6] == (value, None, earliest, latest)


def test_the_fall_of_a_city_is_no_season():
    assert timexes("After the fall of Kiev the front moved east.") == []


# ---------------------------------------------------------------- parts of periods

@pytest.mark.parametrize(
    "text, value, mod, earliest, latest",
    [
        ("It happened in early 1942.", "1942", "START", "1942-01-01", "1942-04-30"),
        ("It happened in mid-1943.", "1943", "MID", "1943-05-01", "1943-08-31"),
        ("It happened in late 1944.", "1944", "END", "1944-09-01", "1944-12-31"),
        ("It happened at the beginning of 1940.", "1940", "START", "1940-01-01", "1940-04-30"),
        ("It happened in the middle of 1941.", "1941", "MID", "1941-05-01", "1941-08-31"),
        ("It happened by the end of 1941.", "1941", "END", "1941-09-01", "1941-12-31"),
        ("It happened at the end of July 1941.", "1941-07", "END", "1941-07-21", "1941-07-31"),
        ("It happened in mid-July 1941.", "1941-07", "MID", "1941-07-11", "1941-07-20"),
        ("It happened in the first half of 1942.", "1942-H1", None, "1942-01-01", "1942-06-30"),
        ("It happened in the second half of July 1941.", "1941-07", "END", "1941-07-16", "1941-07-31"),
        ("It happened in the first days of September 1939.", "1939-09", "START", "1939-09-01", "1939-09-10"),
        ("It happened in the last days of April 1945.", "1945-04", "END", "1945-04-21", "1945-04-30"),
        ("It happened at the end of the winter of 1941/42.", "1941-WI", "END", "1942-01-30", "1942-02-28"),
    ],
)
def test_parts_of_periods(text, value, mod, earliest, latest):
    assert one(text)[2:6] == (value, mod, earliest, latest)


def test_turn_of_two_years():
    assert one("The front held at the turn of 1942 and 1943.")[4:6] == ("1942-11-01", "1943-02-28")


# ---------------------------------------------------------------- decades and centuries

@pytest.mark.parametrize(
    "text, value, mod, earliest, latest",
    [
        ("Prices fell in the 1930s.", "193", None, "1930-01-01", "1939-12-31"),
        ("Prices fell in the early 1930s.", "193", "START", "1930-01-01", "1933-04-30"),
        ("Prices fell in the late 1920s.", "192", "END", "1926-09-01", "1929-12-31"),
        ("Prices fell in the mid-1930s.", "193", "MID", "1933-05-01", "1936-08-31"),
        ("Prices fell in the first half of the 1930s.", "193", "START", "1930-01-01", "1934-12-31"),
        ("Serfdom lasted into the 19th century.", "18", None, "1800-01-01", "1899-12-31"),
        ("Serfdom lasted into the eighteenth century.", "17", None, "1700-01-01", "1799-12-31"),
        ("Serfdom lasted into the early 20th century.", "19", "START", "1900-01-01", "1933-04-30"),
    ],
)
def test_decades_and_centuries(text, value, mod, earliest, latest):
    assert one(text)[2:6] == (value, mod, earliest, latest)


def test_decade_words_and_the_turn_of_the_century_take_the_century_of_the_narrative():
    assert timexes("In 1935 he moved; in the early thirties he had starved.")[1] == (
        "the early thirties", "DATE", "193", "START", "1930-01-01", "1933-04-30", "narrative")
    assert timexes("In 1898 the family left; at the turn of the century they settled.")[1] == (
        "the turn of the century", "DATE", "1900", "APPROX", "1897-01-01", "1903-12-31", "narrative")


# ---------------------------------------------------------------- durations and sets

@pytest.mark.parametrize(
    "text, span, value, mod",
    [
        ("He was imprisoned for nearly a year.", "nearly a year", "P1Y", "LESS_THAN"),
        ("He was imprisoned for three weeks.", "three weeks", "P3W", None),
        ("He was imprisoned for a few months.", "a few months", "PXM", None),
        ("Such epithets were used for decades.", "decades", "PXDE", None),
        ("The talks took about five hours.", "about five hours", "PT5H", "APPROX"),
        ("The talks took 5 1/2 hours.", "5 1/2 hours", "PT5H30M", None),
        ("A five-year plan was announced.", "five-year", "P5Y", None),
        ("Over the past three months nothing moved.", "the past three months", "P3M", None),
    ],
)
def test_durations(text, span, value, mod):
    assert one(text) == (span, "DURATION", value, mod, None, None, None)


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("Meals gave only a few hundred calories a day.", "a day", "P1D"),
        ("Every winter the river froze.", "Every winter", "XXXX-WI"),
        ("Every Monday the roll was called.", "Every Monday", "XXXX-WXX-1"),
        ("The commandant reported weekly to Berlin.", "weekly", "P1W"),
        ("Food came twice a week at best.", "twice a week", "P1W"),
    ],
)
def test_sets(text, span, value):
    assert one(text) == (span, "SET", value, None, None, None, None)


def test_ages_are_no_durations():
    assert timexes("A 44-year-old clerk and his 6-year-old son were held.") == []


# ---------------------------------------------------------------- narrative anchoring

def test_relative_expressions_follow_the_narrative():
    found = timexes("In June 1941 the war began. A few days later he was captured. Two years later he escaped.")
    assert found[1] == ("A few days later", "DATE", "1941", None, "1941-06-02", "1941-07-10", "narrative")
    assert found[2] == ("Two years later", "DATE", "1943", None, "1943-01-01", "1943-12-31", "narrative")


def test_next_and_that_season():
    found = timexes("In June 1941 he was drafted. The next spring he was wounded. That winter he froze.")
    assert found[1][:6] == ("The next spring", "DATE", "1942-SP", None, "1942-03-01", "1942-05-31")
    assert found[2][:6] == ("That winter", "DATE", "1941-WI", None, "1941-12-01", "1942-02-28")


def test_a_relative_expression_skips_a_coarse_flashback():
    text = ("In the second half of July 1941 he was sent to the front. In the first half of the 1930s he had been "
            "in prison. But a few days later he was captured.")
    assert timexes(text)[2][4:6] == ("1941-07-17", "1941-08-10")


def test_onset_of_winter_then_the_spring():
    text = "At the end of July 1941 he was taken. With the onset of winter typhus came. In the spring they left."
    found = timexes(text)
    assert found[1] == ("the onset of winter", "DATE", "1941-WI", "START", "1941-12-01", "1941-12-30", "narrative")
    assert found[2] == ("the spring", "DATE", "1942-SP", None, "1942-03-01", "1942-05-31", "narrative")


def test_at_that_time_and_years_later():
    text = "In March 1942 he was moved. At that time the camp was full. Years later he wrote about it in 1960."
    found = timexes(text)
    assert found[1] == ("that time", "DATE", "1942-03", None, "1942-03-01", "1942-03-31", "narrative")
    assert found[2] == ("Years later", "DATE", None, None, "1943-03-01", "1960-12-31", "narrative")


# ---------------------------------------------------------------- event anchors

def test_event_anchored_expressions():
    text = ("At the time of the German invasion of the USSR he was near the border. On the very first day he was "
            "shelled. In the first months of Operation Barbarossa millions were taken.")
    found = timexes(text)
    assert found[0][2:] == ("1941-06-22", None, "1941-06-22", "1941-06-22", "event")
    assert found[1] == ("the very first day", "DATE", "1941-06-22", None, "1941-06-22", "1941-06-22", "narrative")
    assert found[2] == ("the first months of Operation Barbarossa", "DATE", "1941", "START", "1941-06-22",
                        "1941-08-15", "event")


def test_the_war_is_the_war_the_narrative_is_in():
    text = "In 1944 he was in a camp. After the war he emigrated, as the end of the war found him in 2015 in exile."
    found = timexes(text)
    assert found[1] == ("After the war", "DATE", "1945", "AFTER", "1945-05-10", "2015-12-31", "event")
    assert found[2] == ("the end of the war", "DATE", "1945", "END", "1944-11-11", "1945-05-09", "event")


def test_the_war_of_a_1941_story_is_the_german_soviet_war():
    text = ("At the time of the German invasion of the USSR he was near Grodno. In the first days of the war his "
            "battalion was scattered.")
    assert timexes(text)[1] == ("the first days of the war", "DATE", "1941", "START", "1941-06-22", "1941-07-01",
                                "event")


def test_before_the_war():
    assert timexes("In 1938 he married. Before the war he built barges.")[1] == (
        "Before the war", "DATE", "1939", "BEFORE", None, "1939-08-31", "event")


def test_the_war_without_a_narrative_time_is_left_alone():
    assert timexes("After the war he emigrated.") == []


def test_offset_from_an_event():
    assert one("Two years after the Winter War the border moved again.")[2:] == (
        "1942", None, "1942-01-01", "1942-12-31", "event")


def test_user_anchor_file(tmp_path):
    path = tmp_path / "anchors.toml"
    path.write_text('[[event]]\nnames = ["the Great Flood"]\nstart = "1927-04-15"\nend = "1927-08-01"\n'
                    'source = "a local chronicle"\nexample = "After the Great Flood the farm was sold."\n')
    found = tag("Before the Great Flood the farm was rich.", anchors=(str(path),))
    assert [(t.value, t.mod, t.latest, t.anchor) for t in found] == [("1927", "BEFORE", "1927-04-14", "event")]


# ---------------------------------------------------------------- news, against the document date

DCT = date(1998, 8, 7)  # a Friday


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("The ministry said today that talks went on.", "today", "1998-08-07"),
        ("The court ruled yesterday.", "yesterday", "1998-08-06"),
        ("The envoy arrives tomorrow.", "tomorrow", "1998-08-08"),
        ("The embassy was bombed Friday.", "Friday", "1998-08-07"),
        ("The envoy was seen Tuesday.", "Tuesday", "1998-08-04"),
        ("The envoy will arrive Tuesday.", "Tuesday", "1998-08-11"),
        ("Talks resumed last Friday.", "last Friday", "1998-07-31"),
        ("Prices rose last week.", "last week", "1998-W31"),
        ("Prices fell this week.", "this week", "1998-W32"),
        ("Prices will rise next month.", "next month", "1998-09"),
        ("Last year was bad.", "Last year", "1997"),
        ("Two years ago the plant closed.", "Two years ago", "1996"),
        ("11 days ago it reopened.", "11 days ago", "1998-07-27"),
        ("Six weeks ago it was sold.", "Six weeks ago", "1998-W26"),
        ("The museum now holds the letters.", "now", "PRESENT_REF"),
        ("Such raids happened in the past.", "the past", "PAST_REF"),
        ("In March the talks began.", "March", "1998-03"),
        ("Last fall the rains came.", "Last fall", "1997-FA"),
        ("The talks began Oct. 23.", "Oct. 23", "1997-10-23"),
        ("The blast came at about 10:35 a.m. Friday.", "about 10:35 a.m. Friday", "1998-08-07T10:35"),
        ("Lawyers met over the weekend.", "the weekend", "1998-W31-WE"),
    ],
)
def test_news_expressions_resolve_against_the_document_date(text, span, value):
    found = timexes(text, DCT)
    assert [(f[0], f[2]) for f in found] == [(span, value)]


def test_document_anchor_and_bounds_of_deictic_expressions():
    assert one("The ministry said today that talks went on.", DCT)[4:] == ("1998-08-07", "1998-08-07", "document")
    assert one("Prices rose last week.", DCT)[4:] == ("1998-07-27", "1998-08-02", "document")


def test_datelines_are_tagged():
    assert [t[2] for t in timexes("WASHINGTON, August 11 (Xinhua) -- The talks went on.", DCT)] == ["1998-08-11"]


def test_offsets_after_that_and_same_year():
    found = timexes("On 23 August 1939 the pact was signed. A week after that, Germany invaded Poland. In July of the "
                    "same year he was caught.")
    assert found[1] == ("A week after that", "DATE", "1939-08-30", None, "1939-08-30", "1939-08-30", "narrative")
    assert found[2] == ("July of the same year", "DATE", "1939-07", None, "1939-07-01", "1939-07-31", "narrative")


def test_counted_nouns_are_not_years_and_unanchored_seasons_have_no_bounds():
    assert timexes("150 soldiers and 1942 civilians died.") == []
    assert timexes("In the summer he worked in the fields.") == [
        ("the summer", "DATE", "XXXX-SU", None, None, None, None)]


def test_user_anchor_names_need_not_start_with_the(tmp_path, monkeypatch):
    path = tmp_path / "anchors.toml"
    path.write_text('[[event]]\nnames = ["Operation Harvest Moon"]\nstart = "1965-12-08"\nend = "1965-12-20"\n'
                    'source = "a unit diary"\nexample = "After Operation Harvest Moon the unit rested."\n')
    monkeypatch.setenv("CHRONOLOGUE_EVENT_ANCHORS", str(path))
    found = tag("Two weeks after Operation Harvest Moon the unit rested.")
    assert [(t.value, t.earliest, t.anchor) for t in found] == [("1966-01-03", "1966-01-03", "event")]


def test_day_ranges_parts_of_days_and_named_periods():
    assert one("On the night of 21/22 June 1941 the guards were overrun.")[2:6] == (
        "1941-06-21/1941-06-22", None, "1941-06-21", "1941-06-22")
    assert one("On the morning of 1 September 1939 the shelling began.")[2:6] == (
        "1939-09-01TMO", None, "1939-09-01", "1939-09-01")
    assert one("In the interwar period the town belonged to Poland.")[2:] == (
        "1918/1939", None, "1918-11-11", "1939-08-31", "event")


def test_weekday_tense_follows_the_governing_verb():
    dct = date(2000, 1, 6)  # a Thursday
    said = timexes("They said they would appeal the decision, announced Wednesday.", dct)
    will = timexes("They said they would appeal the decision on Wednesday.", dct)
    assert [f[2] for f in said] == ["2000-01-05"]
    assert [f[2] for f in will] == ["2000-01-12"]


def test_turn_of_a_slashed_year_war_periods_and_day_of_month():
    assert one("At the turn of 1941/1942 typhus broke out.")[4:6] == ("1941-11-01", "1942-02-28")
    found = timexes("In 1943 he was still alive. In the war years he lost everything. In the post-war period he "
                    "worked in a mine.")
    assert found[1][2:] == ("1941/1945", None, "1941-06-22", "1945-05-09", "event")
    assert found[2][2:6] == ("1945", "AFTER", "1945-05-10", None)
    assert timexes("In September 1939 he was drafted, and on the 17th the Soviets came.")[1] == (
        "the 17th", "DATE", "1939-09-17", None, "1939-09-17", "1939-09-17", "narrative")


def test_a_broken_user_anchor_file_says_what_to_do(tmp_path):
    from chronologue.errors import ChronologueError

    path = tmp_path / "anchors.toml"
    path.write_text('[[event]]\nnames = ["the Flood"]\n')
    with pytest.raises(ChronologueError, match="needs names and a start date"):
        tag("After the Flood the farm was sold.", anchors=(str(path),))


def test_a_number_after_a_day_and_month_is_their_year_whatever_noun_follows() -> None:
    text = "On 20 July 1825 soldiers came to the house. About 1200 prisoners were moved."
    assert [(text[x.start : x.end], x.value) for x in tag(text)] == [("20 July 1825", "1825-07-20")]
