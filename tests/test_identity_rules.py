"""Every rule entry of the identity tables carries an example; run them all.

Folding and script entries: "A = B" must give the same key. Given-name sets: "A = B" are the same person.
Title entries: the example name loses its title into ``PersonName.rank``.
"""

from __future__ import annotations

import pytest

from chronologue.lib.identity import match_score, name_key, parse_person_name, same_person
from chronologue.lib.identity.folding import fold_words
from chronologue.lib.identity.given_names import given_compatibility, given_gender
from chronologue.lib.identity.tables import load_table


def _entries(table: str, *kinds: str) -> list[dict]:
    data = load_table(table)
    return [entry for kind in kinds for entry in data.get(kind, [])]


def _sides(example: str) -> tuple[str, str]:
    left, _, right = example.partition(" = ")
    assert left and right, f"example must read 'A = B': {example!r}"
    return left, right


FOLDING = _entries("names_folding", "letter", "marker", "rewrite") + _entries("names_scripts", "cyrillic", "greek")


@pytest.mark.parametrize("entry", FOLDING, ids=lambda entry: entry["example"])
def test_folding_example_gives_one_key(entry):
    left, right = _sides(entry["example"])
    if entry.get("scheme"):  # a convention's rule: read both sides in that convention
        conventions = frozenset({entry["scheme"]})
        assert fold_words(left, conventions) == fold_words(right, conventions)
    else:
        assert name_key(left) == name_key(right)


@pytest.mark.parametrize("entry", _entries("names_given", "set"), ids=lambda entry: entry["example"])
def test_given_name_set_example_is_one_person(entry):
    left, right = _sides(entry["example"])
    assert same_person(left, right)
    assert entry["gender"] in {"male", "female"}


@pytest.mark.parametrize("entry", _entries("names_given", "set"), ids=lambda entry: entry["names"][0])
def test_diminutives_match_their_full_name(entry):
    full = entry["names"][0]
    for diminutive in entry.get("diminutives", []):
        assert same_person(f"{diminutive} Ivanov", f"{full} Ivanov"), diminutive
        exact = match_score(f"{full} Ivanov", f"{full} Ivanov")
        assert 0.5 <= match_score(f"{diminutive} Ivanov", f"{full} Ivanov") < exact


ENGLISH = _entries("names_english", "name")


@pytest.mark.parametrize("entry", ENGLISH, ids=lambda entry: entry["example"])
def test_english_name_example_is_one_person(entry):
    left, right = _sides(entry["example"])
    assert same_person(left, right)
    for name in entry["names"]:
        assert given_gender(name) in (entry["gender"], ""), name  # "" only for a form both genders use (Jean)


@pytest.mark.parametrize("entry", ENGLISH, ids=lambda entry: entry["names"][0])
def test_english_pet_forms_match_their_full_name_more_weakly(entry):
    full = entry["names"][0]
    for pet in entry.get("diminutives", []):
        exact = match_score(f"{full} Harlow", f"{full} Harlow")
        assert 0.5 <= match_score(f"{pet} Harlow", f"{full} Harlow") < exact, pet
        assert given_compatibility(pet, full) == pytest.approx(0.85), pet


@pytest.mark.parametrize("entry", _entries("names_english", "plain"), ids=lambda entry: entry["gender"])
def test_plain_english_names_tell_their_gender(entry):
    given, _, surname = entry["example"].partition(" ")
    assert given in entry["names"] and surname
    assert given_gender(given) == entry["gender"]
    different = [name for name in entry["names"] if given_gender(name) == entry["gender"]]
    assert len(different) >= 0.9 * len(entry["names"])
    assert given_compatibility(different[0], different[1]) == 0.0  # one name each, not equivalents


def test_english_pet_forms_keep_genders_apart():
    assert given_gender("Lizzy") == "female"
    assert given_gender("Tommy") == "male"
    assert given_gender("Chris") == ""  # Christopher and Christina
    assert given_compatibility("Harry", "Heinrich") == pytest.approx(0.85)  # joined to the set of Henry
    assert given_compatibility("Carrie", "Elizabeth") == 0.0
    assert not same_person("Tommy Harlow", "Thomasina Harlow")


@pytest.mark.parametrize("entry", _entries("names_titles", "title"), ids=lambda entry: entry["example"])
def test_title_example_is_stripped_into_rank(entry):
    parsed = parse_person_name(entry["example"])
    assert parsed.rank
    assert parsed.rank.split()[0] in entry["example"]
    assert parsed.surname and parsed.given


def test_every_entry_has_an_example():
    for table, kinds in (("names_folding", ("letter", "marker", "rewrite")), ("names_scripts", ("cyrillic", "greek")),
                         ("names_given", ("set",)), ("names_titles", ("title",)),
                         ("names_english", ("name", "plain"))):
        for entry in _entries(table, *kinds):
            assert entry.get("example"), (table, entry)


def test_a_sex_is_read_only_off_a_listed_spelling_not_a_folded_lookalike():
    from chronologue.lib.identity.given_names import given_gender

    assert given_gender("Gyula") == ""  # Hungarian, folds like Italian Giulia: no sex guessed
    assert given_gender("Giulia") == "female"
    assert given_gender("Jozef") == given_gender("Józef") == "male"  # diacritics may go
