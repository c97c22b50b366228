"""Entity rules of the genre: places spaCy mistypes, whole organisation names, events named after places, given
names, family surnames and alternate place names, each on sentences written for the test."""

from __future__ import annotations

import pytest
from test_entities import analyse

from chronologue.annotators.entities.stage import find_mentions
from chronologue.annotators.names.stage import parse_person_name
from chronologue.model.story import Entity, Story
from chronologue.pipeline.handoffs import Mention

STORY = """A Nurse in the Mountains

Above the Dnieper

In May 1944 she was detained at the bus station in Nowy Sącz and taken to the prison. After the war she taught \
music in Szczecin. In 1943 a separate office for Lithuania was opened. She walked with a smuggler from the village \
of Chochołów. He was deported to Treblinka and later to a camp. He had been held in the camp at Starobilsk and \
shot. Hikers on the slopes of Gęsia Szyja before the war. Units were fighting in the forests around Polesie and \
Rudniki. The treaty was signed in Paris by Kazimierz Sosnkowski and Ivan Maisky. General Kazimierz Pułaski led the \
cavalry. His name is on the lists of the Smolensk massacre published in 1990. On 1 June 1942 the Central Office of \
the Forest Brigades was set up; the Lithuanian Office of the Forest Brigades (Литовское бюро лесных бригад, LOLB) \
followed. The LOLB sent couriers. After the liberation of Lithuania Sosnkowski returned to the army. He served \
near Königsberg (Królewiec).
"""


@pytest.fixture(scope="module")
def story() -> Story:
    return analyse(STORY)


def entity(story: Story, name: str) -> Entity:
    found = [e for e in story.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in story.entities]
    return found[0]


def mention_texts(story: Story, e: Entity) -> list[str]:
    return [story.text[m.start : m.end] for m in e.mentions]


@pytest.mark.parametrize("name", ["Nowy Sącz", "Szczecin", "Treblinka", "Starobilsk"])
def test_a_name_the_gazetteer_resolves_after_a_place_preposition_is_a_place(story: Story, name: str) -> None:
    assert entity(story, name).type == "PLACE"


def test_a_country_is_a_place_and_no_given_name_of_the_surname_after_it(story: Story) -> None:
    assert entity(story, "Lithuania").type == "PLACE"
    assert len(entity(story, "Lithuania").mentions) == 2
    assert "Lithuania Sosnkowski" not in {e.name for e in story.entities}
    assert mention_texts(story, entity(story, "Kazimierz Sosnkowski")) == ["Kazimierz Sosnkowski", "Sosnkowski"]


@pytest.mark.parametrize("name", ["Chochołów", "Gęsia Szyja"])
def test_a_name_after_a_place_noun_and_of_is_a_place(story: Story, name: str) -> None:
    assert entity(story, name).type == "PLACE"


def test_coordinated_places_are_two_places(story: Story) -> None:
    assert entity(story, "Polesie").type == "PLACE"
    assert entity(story, "Rudniki").type == "PLACE"
    assert "Polesie and Rudniki" not in {e.name for e in story.entities}


def test_a_known_place_in_a_short_heading_is_a_place(story: Story) -> None:
    assert entity(story, "Dnieper").type == "PLACE"
    assert "Mountains" not in {e.name for e in story.entities}


def test_organisation_names_with_of_the_chains_are_whole_and_distinct(story: Story) -> None:
    central = entity(story, "Central Office of the Forest Brigades")
    local = entity(story, "Lithuanian Office of the Forest Brigades")
    assert central.type == local.type == "ORG"
    assert central.id != local.id
    assert mention_texts(story, local) == [
        "Lithuanian Office of the Forest Brigades",
        "Литовское бюро лесных бригад",
        "LOLB",
        "LOLB",
    ]
    assert local.attributes["acronyms"] == ["LOLB"]


def test_a_place_with_massacre_is_an_event(story: Story) -> None:
    assert entity(story, "Smolensk massacre").type == "EVENT"


def test_a_given_name_known_from_the_text_joins_the_surname_after_it(story: Story) -> None:
    person = entity(story, "Kazimierz Sosnkowski")
    assert person.type == "PERSON"
    general = entity(story, "Kazimierz Pułaski")
    assert mention_texts(story, general) == ["Kazimierz Pułaski"]


def test_an_alternate_name_in_brackets_joins_its_place(story: Story) -> None:
    place = entity(story, "Königsberg")
    assert place.type == "PLACE"
    assert mention_texts(story, place) == ["Königsberg", "Królewiec"]


def test_a_lone_given_name_is_a_person() -> None:
    story = analyse(
        "The Farm\n\nTogether with her aunt Irena and her cousin Bogdan she left the village. Irena worked in the "
        "fields. Bogdan drove the cart.\n"
    )
    kinds = {e.name: e.type for e in story.entities}
    assert kinds["Irena"] == "PERSON"
    assert kinds["Bogdan"] == "PERSON"


def test_a_given_name_before_a_full_name_of_spacy_is_kept() -> None:
    story = analyse(
        "The General\n\nMajor General Nikolai Ivanovich Sorokin was born in 1899. In 1941 Ivanovich Sorokin "
        "commanded a division.\n"
    )
    people = [e for e in story.entities if e.type == "PERSON"]
    assert [e.name for e in people] == ["Nikolai Ivanovich Sorokin"]
    assert mention_texts(story, people[0]) == ["Nikolai Ivanovich Sorokin", "Ivanovich Sorokin"]


def test_a_patronymic_and_surname_is_read_as_such() -> None:
    parsed = parse_person_name("Ivanovich Sorokin")
    assert (parsed.given, parsed.patronymic, parsed.surname, parsed.gender) == (None, "Ivanovich", "Sorokin", "male")


def test_a_bare_family_surname_goes_to_the_person_of_the_title() -> None:
    story = analyse(
        "Dmitry Sorokin and the war in the forests\n\nDmitry Sorokin was born in 1901 in a small town near the "
        "river, the third child of a large family of railway workers and farmers who had lived there for "
        "generations.\nHis father, Boris Sorokin, was a locomotive driver. In 1937 Boris Sorokin was arrested and "
        "shot.\nIn 1941 Sorokin commanded a rifle division.\n"
    )
    son = entity(story, "Dmitry Sorokin")
    assert mention_texts(story, son)[-1] == "Sorokin"
    assert mention_texts(story, entity(story, "Boris Sorokin")) == ["Boris Sorokin", "Boris Sorokin"]


def test_a_repeated_given_name_before_another_surname_is_not_that_person() -> None:
    story = analyse(
        "The Treaty\n\nGeneral Kazimierz Pułaski led the cavalry. The treaty was signed in Paris by Kazimierz "
        "Sosnkowski and Ivan Maisky.\n"
    )
    general = entity(story, "Kazimierz Pułaski")
    assert mention_texts(story, general) == ["Kazimierz Pułaski"]


def _mentions(text: str) -> list[Mention]:
    from chronologue import nlp
    from chronologue.model.story import Source

    return find_mentions(Story(source=Source(sha256="0"), text=text), nlp.load()(text))


def test_a_country_stays_a_person_when_it_speaks() -> None:
    found = {(m.text, m.type) for m in _mentions("“Very well,” said Turkey. She sent a letter to Lithuania.")}
    assert ("Turkey", "PERSON") in found
    assert ("Lithuania", "PLACE") in found


def test_a_body_with_an_of_tail_in_a_credit_and_two_bodies_under_one_article() -> None:
    story = analyse(
        "The Archive\n\nThe diary is kept today in the Lithuanian Institute and Vilnius Museum in London. "
        "The photograph shows a brigade in 1943 "
        "(source: Lithuanian State Museum of the History of the Forest War, public domain).\n"
    )
    names = {e.name: e.type for e in story.entities}
    assert names["Lithuanian Institute and Vilnius Museum"] == "ORG"
    assert names["Lithuanian State Museum of the History of the Forest War"] == "ORG"


def test_a_person_after_to_without_a_word_of_motion_stays_a_person() -> None:
    text = "She wrote a long letter to Watson. The prisoners were taken to Majdanek."
    found = {(m.text, m.type) for m in _mentions(text)}
    assert ("Watson", "PERSON") in found
    assert ("Majdanek", "PLACE") in found


def test_two_names_of_one_notable_place_are_one_entity() -> None:
    story = analyse(
        "The City\n\nIn 1941 he served in a regiment near Lemberg. Twenty years later he returned to Lviv.\n"
    )
    place = entity(story, "Lemberg")
    assert place.type == "PLACE"
    assert mention_texts(story, place) == ["Lemberg", "Lviv"]
