"""Entity typing after recognition (chronologue.annotators.places.typing): the data file's examples, demonyms
with their associated country, holidays that are no places, people who are no places."""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.rules import load as load_rules

LOCATIVES = load_rules("place_typing")["locative"]


@pytest.mark.parametrize("entry", LOCATIVES, ids=[e["words"][0] for e in LOCATIVES])
def test_locative_examples(entry):
    type_, name = entry["expect"].split(": ")
    story = analyze(entry["example"])
    assert (type_, name) in {(e.type, e.name) for e in story.entities}, story.entities


def test_a_name_in_a_locative_frame_is_a_place_whatever_spacy_said():
    story = analyze("The regiment marched through Schneidemühl, then through Kolberg.")
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    assert set(places) >= {"Schneidemühl", "Kolberg"}
    assert places["Schneidemühl"].attributes["modern_name"] == "Piła"
    assert places["Kolberg"].attributes["modern_name"] == "Kołobrzeg"


def test_a_demonym_as_a_noun_is_a_group_linked_to_its_country():
    story = analyze("The Syrians protested outside the embassy in Ankara on Monday.")
    syrians = next(e for e in story.entities if e.name == "Syrians")
    assert syrians.type == "GROUP" and syrians.geo is None
    assert syrians.attributes["associated_place"]["name"] == "Syria"
    assert syrians.attributes["associated_place"]["country"] == "SY"


def test_a_country_adjective_before_a_word_is_a_mention_of_the_country():
    text = "A Turkish policeman shot the Russian ambassador in Ankara. The Turkish-Russian talks went on in Turkish."
    story = analyze(text)
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    turkey, russia = places["Turkey"], places["Russia"]
    assert [text[m.start : m.end] for m in turkey.mentions] == ["Turkish", "Turkish"]  # not the language
    assert [text[m.start : m.end] for m in russia.mentions] == ["Russian", "Russian"]
    assert turkey.geo.feature == "country" and (turkey.geo.lat, turkey.geo.lon) == (39.0, 35.0)
    language = [e for e in story.entities if e.name == "Turkish"]  # "in Turkish": the language, no place
    assert all(e.type == "GROUP" and [text[m.start :] for m in e.mentions] == ["Turkish."] for e in language)


def test_an_adjective_of_several_countries_is_the_most_populous_ones():
    story = analyze("The French government and American officials met in Geneva.")
    countries = {e.name: e.attributes["country"] for e in story.entities if e.type == "PLACE"}
    assert countries["France"] == "FR" and countries["United States"] == "US"


def test_the_place_inside_an_organisation_name_is_a_place():
    text = (
        "Kentucky State Police said the driver was arrested. A professor at the University of Manitoba "
        "told CTV Winnipeg that the Conference Board of Canada agreed."
    )
    story = analyze(text)
    found = {text[m.start : m.end]: e for e in story.entities if e.type == "PLACE" for m in e.mentions}
    assert set(found) == {"Kentucky", "Manitoba", "Winnipeg", "Canada"}
    assert found["Kentucky"].geo.feature == "region" and found["Canada"].geo.feature == "country"
    assert any(e.type == "ORG" and e.name == "Kentucky State Police" for e in story.entities)
    assert any(e.type == "ORG" and e.name == "University of Manitoba" for e in story.entities)


def test_the_head_word_of_a_facility_name_is_no_place_inside_it():
    # GeoNames has a town called Airport (Hawaii, 28,916 people): the head of an airport's name is not that town
    text = "Ottawa's Macdonald-Cartier International Airport had 41 delays and cancellations."
    story = analyze(text)
    found = {text[m.start : m.end] for e in story.entities if e.type == "PLACE" for m in e.mentions}
    assert "Ottawa" in found and "Airport" not in found


def test_a_dateline_is_a_place_and_a_capital_may_stand_for_its_government():
    text = "OTTAWA — The minister spoke on Monday. Ottawa planned to spend more on health care next year."
    story = analyze(text)
    ottawa = next(e for e in story.entities if e.name == "Ottawa")
    assert ottawa.type == "PLACE" and ottawa.attributes["country"] == "CA"
    assert [text[m.start : m.end] for m in ottawa.mentions] == ["OTTAWA", "Ottawa"]


def test_a_holiday_is_not_a_place():
    story = analyze("On Easter Sunday the planes kept landing at Tempelhof in Berlin.")
    easter = [e for e in story.entities if e.name == "Easter Sunday"]
    assert all(e.type != "PLACE" for e in easter)
    berlin = next(e for e in story.entities if e.name == "Berlin")
    assert berlin.type == "PLACE" and berlin.geo.feature == "city"


def test_a_person_named_in_full_is_not_made_a_place_by_a_frame():
    story = analyze("Jack London wrote to his publisher. The letter from London arrived late.")
    assert any(e.type == "PERSON" and e.name == "Jack London" for e in story.entities)


def test_countries_and_regions_stand_at_their_own_points():
    story = analyze("Turkey and Russia met in Ankara. Later he flew from Alberta to Texas.")
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    russia, turkey = places["Russia"].geo, places["Turkey"].geo
    assert russia.feature == "country" and (russia.lat, russia.lon) == (60.0, 100.0)  # not Moscow
    assert turkey.feature == "country" and (turkey.lat, turkey.lon) == (39.0, 35.0)  # not Ankara
    assert places["Alberta"].geo.feature == "region" and places["Alberta"].geo.source_id == "admin1:CA:alberta"
    assert places["Texas"].geo.feature == "region" and places["Texas"].geo.source_id == "geonames:4736286"


def test_a_holiday_after_on_is_no_part_of_a_place_name():
    story = analyze("A transport plane crashed near Helmstedt on Easter Sunday.")
    helmstedt = next(e for e in story.entities if e.type == "PLACE" and e.name.startswith("Helmstedt"))
    assert helmstedt.name == "Helmstedt"
    assert [story.text[m.start : m.end] for m in helmstedt.mentions] == ["Helmstedt"]
    assert helmstedt.attributes["country"] == "DE"


def test_a_middle_initial_is_not_a_patronymic():
    from chronologue.lib.identity import parse_person_name

    miller = parse_person_name("Roger G. Miller")
    assert (miller.given, miller.patronymic, miller.surname) == ("Roger", "", "Miller")
    ivanov = parse_person_name("Pyotr N. Ivanov")  # a Russian name's middle initial is its patronymic's
    assert (ivanov.given, ivanov.patronymic, ivanov.surname) == ("Pyotr", "N.", "Ivanov")


def test_organisation_name_variants_are_one_organisation():
    from chronologue.lib.identity.organisations import organisation_key

    assert organisation_key("U.S. Air Force") == organisation_key("United States Air Force")
    assert organisation_key("U.S. Air Force C-54") == organisation_key("United States Air Force")
    assert organisation_key("Royal Air Force") != organisation_key("United States Air Force")
    story = analyze("The United States Air Force lost planes. A U.S. Air Force C-54 crashed near Helmstedt.")
    forces = [e for e in story.entities if e.type == "ORG"]
    assert len(forces) == 1 and set(forces[0].aliases) == {"U.S. Air Force C-54"}


def test_a_county_stands_at_its_own_point_and_the_united_states_at_their_centre():
    text = "A man was arrested in Metcalfe County, Kentucky. The United States said nothing."
    story = analyze(text)
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    county = places["Metcalfe County"].geo
    assert county.feature == "county" and county.source_id == "admin2:US:kentucky:metcalfe_county"
    assert abs(county.lat - 36.98) < 0.01 and abs(county.lon + 85.61) < 0.01
    us = places["United States"].geo
    assert (us.lat, us.lon) == (39.833, -98.583)


def test_places_joined_by_a_hyphen_and_regions_without_their_kind_word():
    text = "The attempt to damage Russia-Turkey ties failed. Stores in Jiangsu and in Far North Queensland grew."
    story = analyze(text)
    found = {text[m.start : m.end]: e for e in story.entities if e.type == "PLACE" for m in e.mentions}
    assert found["Russia"].attributes["country"] == "RU" and found["Turkey"].attributes["country"] == "TR"
    assert not any(e.type == "PLACE" and e.name == "Russia-Turkey" for e in story.entities)
    assert found["Jiangsu"].geo.source_id == "admin1:CN:jiangsu_sheng"  # GeoNames' "Jiangsu Sheng"
    assert found["Far North Queensland"].geo.source_id == "admin1:AU:queensland"


ARTICLE_HEADS = load_rules("place_typing")["article_head"]


@pytest.mark.parametrize("entry", ARTICLE_HEADS, ids=[e["expect"] for e in ARTICLE_HEADS])
def test_article_head_examples(entry):
    name, kind = entry["expect"].split(": ")
    story = analyze(entry["example"])
    place = next(e for e in story.entities if e.name == name)
    assert (place.geo.feature if place.geo else "none") == kind, place


def test_a_name_after_the_is_a_town_when_it_modifies_a_noun_or_the_town_has_the_article():
    story = analyze("Rents rose across the Toronto area. The talks were held in The Hague.")
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    assert places["Toronto"].geo.feature == "city" and places["Toronto"].attributes["country"] == "CA"
    assert places["Hague"].attributes["modern_name"] == "The Hague"


def test_places_coordinated_inside_one_name_are_places_when_they_lie_together():
    story = analyze("Police said the men were traveling south to Ingham or Townsville in a white sedan.")
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    assert {"Ingham", "Townsville"} <= set(places) and "Ingham or Townsville" not in {e.name for e in story.entities}
    assert places["Ingham"].attributes["country"] == places["Townsville"].attributes["country"] == "AU"
    story = analyze("She bought a coat at Marks and Spencer on Monday.")
    assert "Spencer" not in {e.name for e in story.entities if e.type == "PLACE"}


def test_an_unknown_place_name_resolves_by_the_known_place_inside_it():
    story = analyze("A truck pulled up alongside them, West Virginia State Police Lt. Michael Baylous said.")
    place = next(e for e in story.entities if e.type == "PLACE")
    assert place.attributes["modern_name"] == "West Virginia" and place.geo.feature == "region"


CONTINENT_ADJECTIVES = load_rules("gazetteer/rules")["continent_adjective"]


@pytest.mark.parametrize("entry", CONTINENT_ADJECTIVES, ids=lambda e: e["example"][:30])
def test_continent_adjective_examples(entry):
    story = analyze(entry["example"])
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    for continent, adjectives in entry["continents"].items():
        if any(adjective in entry["example"] for adjective in adjectives):
            assert places[continent].geo.feature == "continent", places
            written = {story.text[m.start : m.end] for m in places[continent].mentions}
            assert written & set(adjectives), written


def test_a_continent_adjective_before_a_people_is_no_place():
    story = analyze("He was an African American lawyer in Chicago.")
    assert "Africa" not in {e.name for e in story.entities if e.type == "PLACE"}


def test_a_one_word_place_coordinated_with_a_person_named_in_full_is_a_person():
    story = analyze("Retired workers Brent and Lynnette Hain believe the cat is theirs. It travelled from Winnipeg "
                    "to Edmonton on Sunday.")
    types = {e.name: e.type for e in story.entities}
    assert types["Brent"] == "PERSON"
    edmonton = next(e for e in story.entities if e.name == "Edmonton")
    assert edmonton.attributes["country"] == "CA"
    story = analyze("Flights to London and John Smith's visit were cancelled.")
    assert {e.name: e.type for e in story.entities}["London"] == "PLACE"
    story = analyze("Sanctions against Russia and Vladimir Putin were extended on Monday.")
    assert {e.name: e.type for e in story.entities}["Russia"] == "PLACE"


def test_a_dateline_that_lost_its_dash_is_a_place():
    story = analyze("DETROIT The U.S. Transportation Department on Wednesday issued voluntary guidelines.")
    place = next(e for e in story.entities if e.type == "PLACE" and e.mentions[0].start == 0)
    assert place.attributes["modern_name"] == "Detroit"
