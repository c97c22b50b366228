"""Every rule entry of the identity tables carries an example; run them all.

Folding and script entries: "A = B" must give the same key. Given-name sets: "A = B" are the same person.
Title entries: the example name loses its title into ``PersonName.rank``.
"""

from __future__ import annotations

import pytest

from chronologue.identity import match_score, name_key, parse_person_name, same_person
from chronologue.identity.folding import fold_words
from chronologue.identity.tables import load_table


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


@pytest.mark.parametrize("entry", _entries("names_titles", "title"), ids=lambda entry: entry["example"])
def test_title_example_is_stripped_into_rank(entry):
    parsed = parse_person_name(entry["example"])
    assert parsed.rank
    assert parsed.rank.split()[0] in entry["example"]
    assert parsed.surname and parsed.given


def test_every_entry_has_an_example():
    for table, kinds in (("names_folding", ("letter", "marker", "rewrite")), ("names_scripts", ("cyrillic", "greek")),
                         ("names_given", ("set",)), ("names_titles", ("title",))):
        for entry in _entries(table, *kinds):
            assert entry.get("example"), (table, entry)
