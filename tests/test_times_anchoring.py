"""The temporal tagger's anchoring: history told today versus news, the war the narrative is in, offsets from
the narrative time by preposition, day counts after a flashback, and quarters that are no time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chronologue.lib.timex import tag

GENRE = Path(__file__).parent / "data" / "genre"

TODAY = date(2019, 5, 1)


def found(text: str, dct: date | None = None) -> dict[str, tuple]:
    """Each tagged expression (by its text) with its type, value, day bounds and anchor."""
    return {text[t.start : t.end]: (t.type, t.value, t.earliest, t.latest, t.anchor) for t in tag(text, dct=dct)}


# ---------------------------------------------------------------- calendar expressions: history vs news


def test_day_and_month_in_a_history_told_today_take_the_story_year():
    got = found("The war began in September 1939. On 17 September the Red Army crossed the border.", TODAY)
    assert got["17 September"] == ("DATE", "1939-09-17", "1939-09-17", "1939-09-17", "narrative")


def test_month_and_season_after_a_bare_story_year_take_that_year():
    got = found("In 1939 the war began. In October the city fell, and that winter the river froze.", TODAY)
    assert got["October"] == ("DATE", "1939-10", "1939-10-01", "1939-10-31", "narrative")


def test_weekday_in_a_history_takes_the_story_day_not_the_document_date():
    got = found("The town was shelled on 5 March 1943. On Monday the order came to leave.", TODAY)
    assert got["Monday"] == ("DATE", "1943-03-01", "1943-03-01", "1943-03-01", "narrative")


def test_news_dates_without_a_year_keep_the_document_year():
    got = found("On 17 September the council met. Yesterday it voted. In March the mayor resigned.", TODAY)
    assert got["17 September"] == ("DATE", "2018-09-17", "2018-09-17", "2018-09-17", "document")
    assert got["Yesterday"] == ("DATE", "2019-04-30", "2019-04-30", "2019-04-30", "document")
    assert got["March"] == ("DATE", "2019-03", "2019-03-01", "2019-03-31", "document")


def test_a_background_year_in_news_does_not_move_a_weekday():
    text = "The mayor resigned on Friday, officials said today. The hall was built in 1931. On Monday the works began."
    got = found(text, TODAY)
    assert got["1931"][1] == "1931"
    assert got["Monday"] == ("DATE", "2019-04-29", "2019-04-29", "2019-04-29", "document")


def test_deictic_words_in_a_history_still_anchor_to_the_document_date():
    got = found("The war began in September 1939. Today the town remembers its dead.", TODAY)
    assert got["Today"] == ("DATE", "2019-05-01", "2019-05-01", "2019-05-01", "document")


def test_future_clause_keeps_the_document_year():
    got = found("The treaty was drafted in July 1997 and 1996. The states will join on 12 March.", TODAY)
    assert got["12 March"][1] == "2019-03-12"


# ---------------------------------------------------------------- the war the narrative is in


def test_the_war_is_the_one_that_began_within_the_narrative_month():
    got = found("When the enemy attacked in June 1941, he was at the border. On the first day of the war he fled.")
    assert got["the first day of the war"] == ("DATE", "1941-06-22", "1941-06-22", "1941-06-22", "event")


def test_the_war_in_a_coarse_year_stays_the_one_already_under_way():
    got = found("In 1941 he was at the border. On the first day of the war he fled.")
    assert got["the first day of the war"][1] == "1939-09-01"


def test_the_war_after_a_named_invasion_is_the_war_it_began():
    got = found("After the invasion of the USSR he was at the border. On the first day of the war he fled.")
    assert got["the first day of the war"][1] == "1941-06-22"
    got = found("After the invasion of Poland he hid. On the first day of the war he was in the capital.")
    assert got["the first day of the war"][1] == "1939-09-01"


# ---------------------------------------------------------------- offsets by preposition


def test_within_days_is_a_date_after_the_narrative_time():
    got = found("After the attack in June 1941 the bridge changed hands within days.")
    assert got["within days"] == ("DATE", "1941", "1941-06-01", "1941-07-10", "narrative")


def test_within_a_few_months_stays_a_duration():
    got = found("In September 1939 she was at school. Within a few months she was a courier.")
    assert got["a few months"] == ("DURATION", "PXM", None, None, None)


def test_a_few_days_after_a_clause_is_a_date_from_the_narrative_time():
    got = found("He was seized at the end of September 1939, a few days after the troops entered the town.")
    assert got["a few days after"] == ("DATE", "1939", "1939-09-22", "1939-10-10", "narrative")


def test_exact_days_after_a_clause_stay_a_duration():
    assert found("In May 1940 the shop closed, 13 days after the owner fled.")["13 days"][:2] == ("DURATION", "P13D")


# ---------------------------------------------------------------- day counts after a flashback


def test_day_count_returns_from_a_flashback_to_the_last_full_date():
    text = (
        "On the night of 13 April 1940 the police came. Her father had been seized at the end of September 1939, "
        "a few days after the troops entered. She learned in the 1990s that he died in the spring of 1940. "
        "The train left two days later."
    )
    assert found(text)["two days later"] == ("DATE", "1940-04-15", "1940-04-15", "1940-04-15", "narrative")


def test_day_count_follows_a_later_month_not_an_earlier_full_date():
    text = "On 5 March 1944 he was caught. In July 1944 the camp closed. Three days later he escaped."
    assert found(text)["Three days later"][2:4] == ("1944-07-04", "1944-08-03")


# ---------------------------------------------------------------- winters named by one year


def test_winter_of_a_year_after_the_autumn_before_is_the_coming_winter():
    got = found("In the autumn of 1943 he was moved. In the winter of 1944 the camp was full.")
    assert got["the winter of 1944"] == ("DATE", "1944-WI", "1943-12-01", "1944-02-29", "absolute")


def test_winter_of_a_year_after_its_summer_is_the_winter_it_begins():
    got = found("In June 1941 he was captured. In the winter of 1941 the camp was full.")
    assert got["the winter of 1941"][2:4] == ("1941-12-01", "1942-02-28")


# ---------------------------------------------------------------- quarters


def test_quarter_in_a_number_or_a_share_is_no_time():
    assert found("The region lost two and a quarter million people. Three quarters of the wounded died.") == {}
    assert found("A quarter of the men were ill.") == {}


def test_quarter_with_a_time_context_is_a_time():
    got = found("He waited a quarter of an hour. In the first quarter of 1942 output fell. Reports came quarterly.")
    assert got["a quarter of an hour"] == ("DURATION", "PT15M", None, None, None)
    assert got["the first quarter of 1942"][1:4] == ("1942-Q1", "1942-01-01", "1942-03-31")
    assert got["quarterly"][:2] == ("SET", "P3M")


@pytest.mark.parametrize("name", ["pilot.txt", "signalman.txt"])
def test_a_genre_history_with_a_document_date_keeps_every_value(name):
    text = (GENRE / name).read_text(encoding="utf-8")
    plain = [(t.start, t.value, t.earliest) for t in tag(text)]
    dated = [(t.start, t.value, t.earliest) for t in tag(text, dct=TODAY)]
    assert dated == plain


def test_may_after_a_preposition_is_the_month_and_after_a_name_is_none():
    got = found("In May 1940 the camp opened. Since May the town was quiet. Minister Theresa May spoke later.")
    assert got["May"] == ("DATE", "1940-05", "1940-05-01", "1940-05-31", "narrative")
    assert list(got) == ["May 1940", "May"]


def test_an_attributive_month_takes_the_year_of_its_noun_phrase():
    got = found("The exhibition recalls the April deportation of 1940 from the border towns.", TODAY)
    assert got["April"] == ("DATE", "1940-04", "1940-04-01", "1940-04-30", "absolute")


def test_a_date_in_a_photo_caption_does_not_move_the_storys_time() -> None:
    from chronologue import analyze

    story = analyze(
        "# The winter\n\nIn the winter of 1941 the family lived in two rooms.\n\n"
        "![The house](house.jpg)\n\n*The house in the village, around 1935 (photo: family archive)*\n\n"
        "The following spring the father came back from the front.\n",
        source_format="markdown",
    )
    spring = next(t for t in story.timexes if story.text[t.start:t.end].lower().startswith("the following spring"))
    assert spring.value == "1942-SP"
