"""Narrative time as an anchor: a history told today resolves dates without a year, "that month", "the previous
year", "this day" against the story's time whatever the document date; news keeps the document date; the
speaker's present decides deictic words (the writer's outside quotations, the quoted speaker's inside them);
BC years, seasons and dates with astronomical day bounds."""

from __future__ import annotations

from datetime import date

from chronologue.lib.timex import tag

COPIED = date(2009, 12, 19)  # the day a history was copied from the web: far from the story's time
NEWS_DAY = date(1998, 8, 3)


def found(text: str, dct: date | None = None) -> dict[str, tuple]:
    return {text[t.start : t.end]: (t.value, t.earliest, t.latest, t.anchor) for t in tag(text, dct=dct)}


HISTORY = (
    "The war began in 1914. In 1918 the German army attacked in the spring. On 8 August 1918 the Allies broke "
    "through at Amiens, and Ludendorff called this day the black day of the German army. On 10 August the French "
    "advanced. The following day the Kaiser met his generals. In December the last troops came home; the "
    "previous April had seen the great offensive."
)


def test_a_history_told_today_takes_the_story_time_for_dates_without_a_year():
    got = found(HISTORY, COPIED)
    assert got["this day"] == ("1918-08-08", "1918-08-08", "1918-08-08", "narrative")
    assert got["10 August"] == ("1918-08-10", "1918-08-10", "1918-08-10", "narrative")
    assert got["The following day"] == ("1918-08-11", "1918-08-11", "1918-08-11", "narrative")
    assert got["December"] == ("1918-12", "1918-12-01", "1918-12-31", "narrative")
    assert got["the previous April"] == ("1918-04", "1918-04-01", "1918-04-30", "narrative")


def test_a_month_before_the_story_month_in_the_same_year_is_a_flashback_not_next_year():
    got = found("In June 1941 the offensive stalled. In early April the island had fallen.", COPIED)
    assert got["early April"][:3] == ("1941-04", "1941-04-01", "1941-04-10")


def test_a_month_just_after_a_december_is_the_next_year():
    got = found("On 7 December 1941 the fleet was attacked. In January the Allies met in Washington.", COPIED)
    assert got["January"] == ("1942-01", "1942-01-01", "1942-01-31", "narrative")


def test_one_background_year_in_news_does_not_make_it_a_history():
    text = "The accession treaty, first drafted in 1997, was signed on February 10 by the head of state."
    assert found(text, date(1999, 2, 27))["February 10"] == ("1999-02-10", "1999-02-10", "1999-02-10", "document")


def test_a_year_generations_away_makes_a_history_at_once():
    text = "1936\n\nThe coup failed in the capital. On 21 July the general took command in the south."
    assert found(text, COPIED)["21 July"] == ("1936-07-21", "1936-07-21", "1936-07-21", "narrative")


def test_deictic_words_in_a_history_keep_the_writers_present_outside_quotations():
    text = "In 1965 the war escalated. Historians last year reopened the archives."
    assert found(text, COPIED)["last year"] == ("2008", "2008-01-01", "2008-12-31", "document")


def test_deictic_words_in_a_quotation_take_the_quoted_speakers_present():
    text = 'On 1 May 1975 Thieu spoke bitterly. "Kissinger tricked me into signing the peace two years ago," he said.'
    assert found(text, COPIED)["two years ago"] == ("1973", "1973-01-01", "1973-12-31", "narrative")


def test_the_writers_present_does_not_become_the_story_time():
    text = ("The war began in 1914, spread in 1915 and ended in 1918. Historians last year reopened the archives. "
            "On 11 November the guns fell silent.")
    assert found(text, COPIED)["11 November"][:2] == ("1918-11-11", "1918-11-11")


def test_news_keeps_the_document_date_for_deictic_words_and_dates():
    got = found("Prices rose last week, officials said Friday. On July 12 the bank cut rates.", NEWS_DAY)
    assert got["last week"] == ("1998-W31", "1998-07-27", "1998-08-02", "document")
    assert got["Friday"] == ("1998-07-31", "1998-07-31", "1998-07-31", "document")
    assert got["July 12"] == ("1998-07-12", "1998-07-12", "1998-07-12", "document")


def test_parts_of_day_beside_a_day_or_in_a_narrative():
    text = "On the morning of 31 January 1965 the first jets left. They landed in Vietnam that afternoon."
    got = found(text, COPIED)
    assert got["the morning of 31 January 1965"][:3] == ("1965-01-31TMO", "1965-01-31", "1965-01-31")
    assert got["that afternoon"][:3] == ("1965-01-31TAF", "1965-01-31", "1965-01-31")
    assert found("In 1950 the columns moved only at night.", COPIED)["night"][0] == "XXXX-XX-XXTNI"


def test_past_present_and_future_words_of_a_history():
    got = found("In 1954 the former emperor named him premier; recent victories had made the current regime proud "
                "of future wars.", COPIED)
    assert got["former"][0] == "PAST_REF"
    assert got["recent"][0] == "PAST_REF"
    assert got["current"][0] == "PRESENT_REF"
    assert got["future"][0] == "FUTURE_REF"


def test_past_words_are_left_to_news_annotation_in_news():
    assert "former" not in found("The former president said Friday he would run again.", NEWS_DAY)


# ---------------------------------------------------------------- BC


def test_bc_season_has_astronomical_day_bounds():
    got = found("Hannibal crossed the Ebro in the spring of 218 BC with his army.")
    assert got["the spring of 218 BC"] == ("BC0218-SP", "-0217-03-01", "-0217-05-31", "absolute")


def test_bc_date_and_a_month_of_the_story_in_a_bc_year():
    got = found("Caesar won at Pharsalus on 9 August 48 BC. In October he reached Alexandria.")
    assert got["9 August 48 BC"] == ("BC0048-08-09", "-0047-08-09", "-0047-08-09", "absolute")
    assert got["October"] == ("BC0048-10", "-0047-10-01", "-0047-10-31", "narrative")


def test_bc_year_and_a_winter_after_it():
    got = found("In 216 BC Hannibal won at Cannae. That winter he stayed in Capua.")
    assert got["216 BC"][:3] == ("BC0216", "-0215-01-01", "-0215-12-31")
    assert got["That winter"][:3] == ("BC0216-WI", "-0215-12-01", "-0214-02-28")


def test_an_offset_from_a_bc_year_counts_astronomically():
    got = found("The peace was signed in 241 BC. Two years later Carthage lost Sardinia.")
    assert got["Two years later"][:3] == ("BC0239", "-0238-01-01", "-0238-12-31")


def test_a_count_of_decades_or_centuries_from_the_story_names_a_decade_or_century():
    got = found("On 8 March 1965 the marines landed. Almost two decades earlier Ho had warned the French. "
                "The deployment of March grew by December.", COPIED)
    assert got["Almost two decades earlier"][:3] == ("194", "1940-01-01", "1949-12-31")
    # so wide a flashback is background: the next month keeps the story's year
    assert got["March"] == ("1965-03", "1965-03-01", "1965-03-31", "narrative")
    got = found("The town was founded in 1650. Two centuries later it burned.", COPIED)
    assert got["Two centuries later"][:3] == ("18", "1800-01-01", "1899-12-31")
    # counted from the document date, "a decade ago" stays a year (TempEval-3 annotates it so)
    assert found("A decade ago the plant closed.", NEWS_DAY)["A decade ago"][:3] == ("1988", "1988-01-01", "1988-12-31")


def test_a_date_of_that_year_takes_the_year_referred_to():
    got = found("The war began in April 1861, and on July 25 of that year Congress passed the resolution.", COPIED)
    assert got["July 25 of that year"] == ("1861-07-25", "1861-07-25", "1861-07-25", "narrative")
    got = found("Kiev fell in 1941. On the 6th of November of the following year the front moved.", COPIED)
    assert got["the 6th of November of the following year"][:3] == ("1942-11-06", "1942-11-06", "1942-11-06")
    got = found("The island was taken in 1955; on 24 January of the same year Congress voted.", COPIED)
    assert got["24 January of the same year"][:3] == ("1955-01-24", "1955-01-24", "1955-01-24")


def test_a_range_of_months_is_placed_as_a_whole_around_the_story_time():
    text = ("In January 1945 the offensive resumed, and Manila fell later that month. In Burma the British fought "
            "from October to March, then took Rangoon by May 3.")
    got = found(text, COPIED)
    assert got["October"] == ("1944-10", "1944-10-01", "1944-10-31", "narrative")
    assert got["March"] == ("1945-03", "1945-03-01", "1945-03-31", "narrative")
    assert got["May 3"][:3] == ("1945-05-03", "1945-05-03", "1945-05-03")
    # within one year the range keeps its order; in news the document's year decides
    got = found("The dry season ran from January to April, the pilots said.", NEWS_DAY)
    assert got["January"][:3] == ("1998-01", "1998-01-01", "1998-01-31")
    assert got["April"][:3] == ("1998-04", "1998-04-01", "1998-04-30")


def test_a_date_without_a_year_continues_the_dated_line_past_one_aside_to_an_earlier_month():
    text = ("On 13 July 1793 Marat was murdered. The war, waged since August 1792, went badly. On 24 June the "
            "Convention had adopted a constitution, and on 17 August it voted the levy.")
    got = found(text, COPIED)
    assert got["24 June"][:3] == ("1793-06-24", "1793-06-24", "1793-06-24")
    assert got["17 August"][:3] == ("1793-08-17", "1793-08-17", "1793-08-17")
    # more than one reference back is a new thread: the story restarts in 1914 and goes on from there
    text = ("The war ended on 11 November 1918. In August 1914 the armies marched. In 1915 Italy "
            "joined in May. On 5 August Warsaw fell.")
    assert found(text, COPIED)["5 August"][:3] == ("1915-08-05", "1915-08-05", "1915-08-05")


def test_a_year_given_next_carries_the_story_on_into_it():
    text = ("In March 1926 Chiang purged the party. By early 1927 the army had reached the Yangtze. On April 7 the "
            "leaders met, and on April 12 Chiang turned on the communists.")
    got = found(text, COPIED)
    assert got["April 7"][:3] == ("1927-04-07", "1927-04-07", "1927-04-07")
    assert got["April 12"][:3] == ("1927-04-12", "1927-04-12", "1927-04-12")
    # a part of the same year does not: the story is still in 1949 ("late 1949" is an aside ahead)
    text = ("Beijing fell on January 31, 1949, and on April 21 the army crossed the river. The government, gone by "
            "late 1949, left Nanjing on April 23.")
    assert found(text, COPIED)["April 23"][:3] == ("1949-04-23", "1949-04-23", "1949-04-23")


def test_a_plan_in_a_history_does_not_move_the_story_there():
    text = ("On 10 March 1975 the offensive began; the town was to open the road for a campaign planned for 1976. "
            "The defence collapsed on 11 March, and on 1 April the retreat became a rout.")
    got = found(text, COPIED)
    assert got["1976"][:3] == ("1976", "1976-01-01", "1976-12-31")
    assert got["11 March"][:3] == ("1975-03-11", "1975-03-11", "1975-03-11")
    assert got["1 April"][:3] == ("1975-04-01", "1975-04-01", "1975-04-01")
    # "would" in a history as often tells what then happened: the story goes on from its dates
    text = ("On 12 September 1918 the Third Army won at Havrincourt. Further advances would follow on 18 September, "
            "and a day later the French took Essigny.")
    assert found(text, COPIED)["a day later"][:3] == ("1918-09-19", "1918-09-19", "1918-09-19")


def test_the_first_or_last_week_of_a_month_is_part_of_that_month_not_last_week():
    got = found("In 1918 the pressure grew. During the last week of August the front gave way.", COPIED)
    assert got["the last week of August"] == ("1918-08", "1918-08-25", "1918-08-31", "narrative")
    got = found("In the first week of May 1945 the war ended.", COPIED)
    assert got["the first week of May 1945"][:3] == ("1945-05", "1945-05-01", "1945-05-07")
    assert found("He left last week.", COPIED)["last week"][:3] == ("2009-W50", "2009-12-07", "2009-12-13")


def test_a_season_naming_an_offensive_is_tagged_but_does_not_move_the_story():
    got = found("In March 1918 the Germans attacked. The German Spring Offensive of 1918 broke the line. The summer "
                "offensive failed, and in early April the front held.", COPIED)
    assert got["Spring"][:3] == ("1918-SP", "1918-03-01", "1918-05-31")
    assert got["The summer"][:3] == ("1918-SU", "1918-06-01", "1918-08-31")
    # the story is still in March 1918: April follows it, not the summer the offensive is named after
    assert got["early April"][:3] == ("1918-04", "1918-04-01", "1918-04-10")


def test_a_part_of_the_year_or_month_of_the_story():
    got = found("The Assembly met on 2 April 1791, and before the end of the year it was dissolved.", COPIED)
    assert got["the end of the year"] == ("1791", "1791-09-01", "1791-12-31", "narrative")
    got = found("The army reached Dunkirk in May 1940 and left by the end of the month.", COPIED)
    assert got["the end of the month"] == ("1940-05", "1940-05-21", "1940-05-31", "narrative")
    got = found("In 1944 the Allies landed. In the first half of the year they had prepared.", COPIED)
    assert got["the first half of the year"][:3] == ("1944-H1", "1944-01-01", "1944-06-30")
    assert "the end of the year" not in found("It was the end of the year of the dragon.", COPIED)


def test_for_the_next_year_is_a_stretch_of_time_the_next_year_a_date():
    got = found("The war ended in 1920. Fighting went on for the next year in Siberia.", COPIED)
    assert got["the next year"][:3] == ("P1Y", None, None)
    got = found("The war ended in 1920. The next year the last troops left.", COPIED)
    assert got["The next year"] == ("1921", "1921-01-01", "1921-12-31", "narrative")


def test_a_background_clause_does_not_take_the_story_back_but_may_carry_it_forward():
    from chronologue import analyze

    def values(text: str) -> dict[str, str | None]:
        story = analyze(text)
        return {story.text[t.start:t.end]: t.value for t in story.timexes}

    born = values("The revolt began at Kumasi on 28 March 1900. Yaa Asantewaa, born in 1840, led the siege. In June "
                  "the relief column arrived. On 15 July it broke through.")
    assert born == {"28 March 1900": "1900-03-28", "1840": "1840", "June": "1900-06", "15 July": "1900-07-15"}
    annexed = values("In 1900 war came to Ashanti, which the British had annexed in 1896. In June the fort held out. "
                     "The governor (1897-1900) waited for help.")
    assert annexed["June"] == "1900-06"
    forward = values("On 28 March 1900 the governor reached Kumasi. His escort, which arrived on 30 March, camped "
                     "outside. The next day the siege began.")
    assert forward["The next day"] == "1900-03-31"
