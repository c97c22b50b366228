"""Every example of the gazetteer's data files, run against the real gazetteer (rules.toml, places_supplement.toml)."""

from __future__ import annotations

import re

import pytest

from chronologue.lib.gazetteer import best, fold, gazetteer, is_known_place, lookup
from chronologue.rules import load as load_rules

RULES = load_rules("gazetteer/rules")
SUPPLEMENT = load_rules("places_supplement")["place"]
WORD = re.compile(r"[\w'’-]+")


def _ids(entries: list[dict], key: str) -> list[str]:
    return [str(e.get(key) or e.get("id") or e.get("names", [e.get("country")])[0]) for e in entries]


@pytest.mark.parametrize("rule", RULES["name_form"], ids=_ids(RULES["name_form"], "id"))
def test_name_form_examples(rule):
    assert rule["name"] in rule["example"]
    match = re.compile(rule["pattern"], re.IGNORECASE).match(rule["name"])
    assert match is not None
    assert (match.group("place"), match.group("river")) == (rule["place"], rule["river"])
    assert lookup(rule["name"]), rule["name"]


def test_a_name_form_reads_the_river_even_inflected():
    gaz = gazetteer()
    (reading,) = gaz.readings("Kobryn-on-the-Bug")
    assert reading.key == "kobryn"
    assert reading.river is not None and reading.river.source_id == "supplement:western-bug"
    (reading,) = gaz.readings("Włodawa nad Bugiem")
    assert reading.key == "wlodawa" and reading.river.source_id == "supplement:western-bug"
    (reading,) = gaz.readings("Rostov-na-Donu")  # a GeoNames name as a whole: no need to split it
    assert reading.key == "rostov na donu" and reading.river is None


@pytest.mark.parametrize("rule", RULES["river_connector"], ids=["connectors"])
def test_river_connector_examples(rule):
    assert rule["name"] in rule["example"]
    assert best(rule["name"]).name == rule["geonames_name"]
    assert best(rule["name"].split(" on ")[0]).name != rule["geonames_name"], "the river is what finds it"


@pytest.mark.parametrize("rule", RULES["affix"], ids=_ids(RULES["affix"], "id"))
def test_affix_examples(rule):
    assert rule["name"] in rule["example"]
    stripped = re.compile(rule["pattern"], re.IGNORECASE).sub("", rule["name"], count=1)
    assert stripped == rule["stripped"]
    found = best(rule["name"])
    # the affix leads to the place of the kind it hints at (``Smolensk region`` the region), else to the same
    # place as the bare name
    assert found.kind in rule.get("prefer", []) or found.source_id == best(rule["stripped"]).source_id, found


@pytest.mark.parametrize("rule", RULES["demonym"], ids=_ids(RULES["demonym"], "words"))
def test_demonym_examples(rule):
    words = set(WORD.findall(rule["example"]))
    assert words & set(rule["words"]), rule["example"]
    table = gazetteer().rules.demonyms
    assert all(table[fold(w)] == frozenset(rule["countries"]) for w in rule["words"])
    pattern = gazetteer().rules.demonym_pattern
    assert pattern is not None and pattern.search(rule["example"])


@pytest.mark.parametrize("rule", RULES["country_alias"], ids=_ids(RULES["country_alias"], "country"))
def test_country_alias_examples(rule):
    assert any(name in rule["example"] for name in rule["names"])
    for name in rule["names"]:
        found = best(name)
        assert found is not None and found.kind == "country" and found.country == rule["country"], name


@pytest.mark.parametrize("rule", RULES["namesake"], ids=["people", "given-names"])
def test_namesake_examples(rule):
    assert any(name in rule["example"] for name in rule["names"])
    assert not any(is_known_place(name) for name in rule["names"])


def test_surname_shape_examples():
    for rule in RULES["surname_shape"]:
        assert rule["name"] in rule["example"]
        assert re.match(rule["pattern"], rule["name"])
        assert lookup(rule["name"]), "the surname shape only affects is_known_place"
        assert not is_known_place(rule["name"])


def _mention_in(entry: dict) -> str:
    names = sorted({entry["name"], *entry.get("names", [])}, key=len, reverse=True)
    return next(n for n in names if n in entry["example"])


@pytest.mark.parametrize("entry", SUPPLEMENT, ids=[e["id"] for e in SUPPLEMENT])
def test_supplement_examples(entry):
    mention = _mention_in(entry)
    demonyms = [w for w in WORD.findall(entry["example"]) if fold(w) in gazetteer().rules.demonyms]
    found = best(mention, context=demonyms)
    assert found is not None and found.source_id == f"supplement:{entry['id']}", (mention, found)
    assert ("lat" in entry) == ("source" in entry), "hand-given coordinates name their source"
    assert ("lat" in entry) != ("at" in entry), "a point comes from lat/lon or from a GeoNames town, not both"
    assert -90 <= found.lat <= 90 and -180 <= found.lon <= 180


def test_supplement_ids_are_unique_and_rivers_have_a_course():
    ids = [e["id"] for e in SUPPLEMENT]
    assert len(ids) == len(set(ids))
    rivers = [e for e in SUPPLEMENT if e["kind"] == "river"]
    assert len(rivers) >= 10
    assert all(len(e["course"]) >= 3 for e in rivers)
    assert len(best("Dnieper").points) == len(next(e for e in rivers if e["id"] == "dnieper")["course"])


EXONYMS = load_rules("places_supplement").get("exonym", [])


@pytest.mark.parametrize("entry", EXONYMS, ids=[e["names"][0] for e in EXONYMS])
def test_exonym_examples_geocode_to_their_town(entry):
    from chronologue import analyze

    assert entry["source"] and entry["language"], "an exonym names its language and its source"
    name = next(n for n in entry["names"] if n in entry["example"])
    town = gazetteer()._find_town(*entry["town"].split("/"))
    story = analyze(entry["example"])
    place = next(e for e in story.entities if e.name == name)
    assert place.type == "PLACE" and place.geo is not None, place
    assert place.geo.source_id == town.source_id, (place.geo, town)


REGION_ALIASES = load_rules("gazetteer/rules").get("region_alias", [])


@pytest.mark.parametrize("entry", REGION_ALIASES, ids=[e["country"] for e in REGION_ALIASES])
def test_region_alias_examples(entry):
    from chronologue import analyze

    assert entry["source"]
    story = analyze(entry["example"])
    places = {e.name: e for e in story.entities if e.type == "PLACE"}
    abbreviation = next(a.rstrip(".") for r in entry["regions"].values() for a in r if a in entry["example"])
    region, town = places[abbreviation], places[entry["town"]]
    assert region.attributes["modern_name"] == entry["expect_region"] and region.geo.feature == "region"
    assert town.attributes["country"] == entry["country"]
    # of the towns so named, the one nearest the region (a region stands at its own middle, not at a town)
    namesakes = [c for c in gazetteer().raw(fold(entry["town"])) if c.kind == "city"]
    nearest = min(namesakes, key=lambda c: c.distance_km(region.geo.lat, region.geo.lon))
    assert town.geo.source_id == nearest.source_id, (town.geo, nearest)
    assert not is_known_place(abbreviation)  # an abbreviation is no evidence that a bare word is a place


@pytest.mark.parametrize("rule", RULES["non_place"], ids=_ids(RULES["non_place"], "names"))
def test_non_place_examples(rule):
    assert any(name.lower() in rule["example"].lower() for name in rule["names"])
    for name in rule["names"]:
        assert lookup(name) == [] and not is_known_place(name), name
