"""The events stage on texts written for it: participants, places, stated and narrative bounds, timelines."""

from __future__ import annotations

from datetime import date

from test_events_support import bounds, build_story, by_trigger, events_of, names, run_events

from chronologue.annotators.events.timelines import build_timelines

JULY_1941 = ("July 1941", "1941-07-01", "1941-07-31")


def test_pronouns_and_our_hero_resolve_to_persons() -> None:
    story = events_of(
        "Ivan Sorokin was born in Poltava. Sorokin met Vera Lanska in Kiev. She was arrested in Kharkiv. "
        "Sorokin was arrested too. Our hero, however, escaped from the camp. He was wounded near Uman."
    )
    assert names(story, by_trigger(story, "arrested")) == [("Vera Lanska", "patient")]
    assert names(story, by_trigger(story, "escaped")) == [("Ivan Sorokin", "agent")]
    assert names(story, by_trigger(story, "wounded")) == [("Ivan Sorokin", "patient")]


def test_our_hero_without_a_clear_protagonist_is_the_subject_before() -> None:
    story = events_of("Vera Lanska was sent to the front. Our hero was captured near Vyazma.")
    assert names(story, by_trigger(story, "captured")) == [("Vera Lanska", "patient")]


def test_a_pronoun_follows_the_chain_of_subjects_past_other_names() -> None:
    story = events_of(
        "Ivan Sorokin was sent to Germany. He ended up in a camp where Captain Weber's men built rockets. "
        "He stayed there until 1944."
    )
    stay = by_trigger(story, "stayed")
    assert names(story, stay) == [("Ivan Sorokin", "theme")]
    assert story.entity(stay.place).name == "Germany"  # "there": the place of the event before


def test_roles_places_and_passive_agents() -> None:
    story = events_of("In 1943 Vera Lanska was captured near Vyazma by Captain Weber.")
    capture = by_trigger(story, "captured")
    assert names(story, capture) == [("Vera Lanska", "patient"), ("Captain Weber", "agent")]
    assert story.entity(capture.place).name == "Vyazma"


def test_a_thing_of_a_person_as_subject_brings_the_person_in() -> None:
    story = events_of(
        "Our hero, Ivan Sorokin, fought on, but a few days later the wounded leg fell into the hands of the enemy."
    )
    capture = by_trigger(story, "fell into")
    assert ("Ivan Sorokin", "associate") in names(story, capture)


def test_negated_avoided_hypothetical_and_asked_events_are_left_out() -> None:
    story = events_of(
        "Ivan Sorokin did not escape. He managed to avoid being captured. "
        "He knew that they would arrest him. Who do I defend? He decided to join the partisans."
    )
    assert [e.predicate for e in story.events] == ["join"]


def test_stated_bounds_come_from_the_clause() -> None:
    story = events_of("In July 1941 Ivan Sorokin was sent to the front.", timexes=[JULY_1941])
    assert bounds(story.events[0]) == ("1941-07-01", "1941-07-31", "stated")
    assert story.events[0].time == "t1"


def test_narrative_bounds_lie_between_the_dated_events() -> None:
    story = events_of(
        "In July 1941 Ivan Sorokin was sent to the front. He withdrew towards Kiev. "
        "In September 1941 he was captured near Uman.",
        timexes=[JULY_1941, ("September 1941", "1941-09-01", "1941-09-30")],
    )
    assert bounds(by_trigger(story, "withdrew")) == ("1941-07-01", "1941-09-30", "narrative")


def test_relative_time_counts_from_the_last_dated_event() -> None:
    story = events_of(
        "In July 1941 Ivan Sorokin was sent to the front. A few days later he was captured.",
        timexes=[JULY_1941, ("A few days later", None, None)],
    )
    capture = by_trigger(story, "captured")
    assert bounds(capture) == ("1941-07-02", "1941-08-15", "narrative")
    assert capture.time == "t2"


def test_a_retrospect_keeps_its_own_time_and_does_not_move_the_clock() -> None:
    text = (
        "In July 1941 Ivan Sorokin was sent to the front.\n\n"
        "In 1937 he was imprisoned in Lviv. A few months later he was released.\n\n"
        "Now he withdrew towards Kiev. In September 1941 he was captured."
    )
    story = events_of(
        text,
        timexes=[JULY_1941, ("1937", "1937-01-01", "1937-12-31"), ("A few months later", None, None),
                 ("September 1941", "1941-09-01", "1941-09-30")],
    )
    assert bounds(by_trigger(story, "imprisoned")) == ("1937-01-01", "1937-12-31", "stated")
    assert bounds(by_trigger(story, "released")) == ("1937-01-31", "1938-12-31", "narrative")
    assert bounds(by_trigger(story, "withdrew")) == ("1941-07-01", "1941-09-30", "narrative")


def test_until_ends_a_stay_and_the_story_goes_on_from_there() -> None:
    story = events_of(
        "In 1942 Ivan Sorokin was transferred to Bavaria. He stayed there until the fall of 1944. "
        "He lived until the end of the war, and then he emigrated to Canada. Many years later he wrote his memoirs.",
        timexes=[("1942", "1942-01-01", "1942-12-31"), ("the fall of 1944", "1944-09-01", "1944-11-30"),
                 ("the end of the war", "1945-01-01", "1945-09-02"), ("Many years later", None, None)],
        dct=date(2015, 6, 1),
    )
    assert bounds(by_trigger(story, "stayed")) == ("1942-01-01", "1944-11-30", "stated")
    assert bounds(by_trigger(story, "lived")) == ("1944-09-01", "1945-09-02", "stated")
    assert bounds(by_trigger(story, "emigrated")) == ("1945-01-01", "2015-06-01", "narrative")
    assert bounds(by_trigger(story, "wrote")) == ("1947-01-01", "2015-06-01", "narrative")


def test_after_gives_a_start_bound_and_the_horizon_the_end() -> None:
    story = events_of(
        "After the war Vera Lanska found her way to Argentina.",
        timexes=[("the war", "1939-09-01", "1945-09-02")],
        dct=date(2015, 12, 31),
    )
    assert bounds(story.events[0]) == ("1945-09-03", "2015-12-31", "stated")
    assert story.entity(story.events[0].place).name == "Argentina"


def test_captions_and_the_overview_stay_out_of_the_flow() -> None:
    text = (
        "Ivan Sorokin was captured in 1943.\n\n"
        "Camp life\n\n"
        "In July 1941 Ivan Sorokin was sent to the front.\n\n"
        "By the end of 1941 the Germans had captured Vera Lanska.\n\n"
        "A few days later he was captured near Uman."
    )
    story = events_of(
        text,
        timexes=[("1943", "1943-01-01", "1943-12-31"), JULY_1941, ("the end of 1941", "1941-09-01", "1941-12-31"),
                 ("A few days later", None, None)],
        headings=["Camp life"],
        captions=["By the end of 1941 the Germans had captured Vera Lanska."],
    )
    overview, sent, caption, capture = story.events
    assert bounds(overview) == ("1943-01-01", "1943-12-31", "stated")
    assert bounds(caption) == (None, "1941-12-31", "stated")
    assert bounds(capture) == ("1941-07-02", "1941-08-15", "narrative")


def test_timelines_order_each_persons_events_by_their_bounds() -> None:
    text = (
        "In July 1941 Ivan Sorokin was sent to the front.\n\n"
        "In 1937 he was imprisoned in Lviv.\n\n"
        "In September 1941 Vera Lanska and Ivan Sorokin were captured near Uman."
    )
    story = events_of(
        text, timexes=[JULY_1941, ("1937", "1937-01-01", "1937-12-31"), ("September 1941", "1941-09-01",
                                                                          "1941-09-30")]
    )
    ivan = next(e.id for e in story.entities if e.name == "Ivan Sorokin")
    vera = next(e.id for e in story.entities if e.name == "Vera Lanska")
    predicates = {e.id: e.predicate for e in story.events}
    timelines = {t.entity: [predicates[v] for v in t.events] for t in story.timelines}
    assert timelines == {ivan: ["imprison", "transfer", "capture"], vera: ["capture"]}
    assert [t.model_dump() for t in build_timelines(story)] == [t.model_dump() for t in story.timelines]


def test_first_person_in_a_quote_is_its_speaker() -> None:
    from chronologue.model.story import Quote

    text = 'Ivan Sorokin wrote: "In 1942 I escaped from the camp."'
    story = build_story(text)
    start = text.index('"')
    story.quotes.append(Quote(id="q1", start=start, end=len(text), kind="writing", speaker="e1"))
    run_events(story)
    assert names(story, by_trigger(story, "escaped")) == [("Ivan Sorokin", "agent")]


def test_a_time_on_an_event_noun_dates_that_event() -> None:
    story = events_of(
        "In 1954 Ivan Sorokin returned to Lviv, where he lived until his death in 1979.",
        timexes=[("1954", "1954-01-01", "1954-12-31"), ("1979", "1979-01-01", "1979-12-31")],
    )
    assert bounds(by_trigger(story, "lived")) == ("1954-01-01", "1979-12-31", "stated")
    assert bounds(by_trigger(story, "death")) == ("1979-01-01", "1979-12-31", "stated")
    assert names(story, by_trigger(story, "death")) == [("Ivan Sorokin", "patient")]


def test_adjectival_and_shared_passives_put_the_subject_in_the_object_role() -> None:
    story = events_of(
        "In 1941 his regiment was encircled near Kiev. In 1946 Ivan Sorokin was sentenced and sent to Kazakhstan."
    )
    assert by_trigger(story, "encircled").predicate == "encircle"
    assert names(story, by_trigger(story, "sent")) == [("Ivan Sorokin", "patient")]


def test_one_relative_time_shared_by_two_clauses_is_counted_once() -> None:
    story = events_of(
        "In June 1941 Ivan Sorokin was sent to the front. A few weeks later his unit was encircled near Kiev "
        "and he fell into captivity.",
        timexes=[("June 1941", "1941-06-01", "1941-06-30"), ("A few weeks later", None, None)],
    )
    assert bounds(by_trigger(story, "encircled")) == ("1941-06-08", "1941-08-29", "narrative")
    assert bounds(by_trigger(story, "fell")) == ("1941-06-08", "1941-08-29", "narrative")


def test_the_sentence_of_an_event_stays_inside_its_paragraph() -> None:
    text = "Chapter three\n\nIvan Sorokin was mobilised in June 1941."
    story = events_of(text, headings=["Chapter three"])
    assert story.snippet(story.events[0].sentence.start, story.events[0].sentence.end) == text[15:]


def test_the_rank_of_a_person_named_before_stands_for_them() -> None:
    story = build_story("Major Ivan Sorokin served near Lviv. In 1941 the major was captured near Uman.")
    story.entities[0].attributes["rank"] = "Major"
    run_events(story)
    assert names(story, by_trigger(story, "captured")) == [("Ivan Sorokin", "patient")]


def test_no_event_of_a_person_lies_before_their_birth() -> None:
    story = events_of(
        "Ivan Sorokin emigrated to Canada.\n\nIvan Sorokin was born in 1912 in Poltava.",
        timexes=[("1912", "1912-01-01", "1912-12-31")],
        captions=["Ivan Sorokin was born in 1912 in Poltava."],
    )
    assert bounds(by_trigger(story, "emigrated")) == ("1912-01-01", None, "narrative")


def test_a_misparsed_sentence_still_dates_and_fills_its_event() -> None:
    # the small English model reads "repatriated" here as an adjective of the name and finds no verb
    story = events_of("In 1945 the British repatriated Oleh Marchenko.", timexes=[("1945", "1945-01-01", "1945-12-31")])
    assert bounds(story.events[0]) == ("1945-01-01", "1945-12-31", "stated")
    assert names(story, story.events[0]) == [("Oleh Marchenko", "patient")]


def test_a_relative_time_before_the_clock_moves_nothing() -> None:
    story = events_of(
        "In May 1942 Ivan Sorokin was released. A few days earlier he had been interrogated by the police. "
        "He returned to Lviv. In 1943 he was arrested.",
        timexes=[("May 1942", "1942-05-01", "1942-05-31"), ("A few days earlier", None, None),
                 ("1943", "1943-01-01", "1943-12-31")],
    )
    assert bounds(by_trigger(story, "interrogated")) == ("1942-04-16", "1942-05-30", "narrative")
    assert bounds(by_trigger(story, "returned")) == ("1942-05-01", "1943-12-31", "narrative")


def test_places_come_from_place_prepositions_and_objects_not_from_the_doer() -> None:
    story = events_of("In 1939 Germany invaded Poland. In 1965 Vera Lanska was awarded a medal of Kazakhstan.")
    assert story.entity(by_trigger(story, "invaded").place).name == "Poland"
    assert by_trigger(story, "awarded").place is None


def test_a_conjunct_read_as_a_past_tense_shares_the_passive_of_its_head() -> None:
    from chronologue import analyze

    story = analyze(
        "Louis Riel surrendered in May 1885. He was tried in Regina in the summer of 1885 and hanged there on "
        "16 November 1885. Ivan Sorokin was arrested in 1937 and escaped in 1938."
    )
    found = {(event.predicate, event.earliest, tuple(p.role for p in event.participants)) for event in story.events}
    assert ("try", "1885-06-01", ("patient",)) in found
    assert ("execute", "1885-11-16", ("patient",)) in found
    assert ("escape", "1938-01-01", ("agent",)) in found  # an active past stays active
