"""The gazetteer's containment rule (``lib.gazetteer.within``) on real GeoNames entries: a country (or a
historical state, by its modern countries) holds its settlements; a city holds the smaller settlements of its
country within the extent its population gives it; a region, a river or a small town holds nothing."""

from __future__ import annotations

import pytest

from chronologue.lib.gazetteer.within import contains, extent_km, place

BERLIN, TEMPELHOF, SPANDAU, POTSDAM = "geonames:2950159", "geonames:2823538", "geonames:7290252", "geonames:2852458"
GERMANY, KAUNAS, SOVIET_UNION = "geonames:2921044", "geonames:598316", "supplement:soviet-union"


def test_the_places_are_read_by_their_ids():
    berlin = place(BERLIN)
    assert (berlin.name, berlin.kind, berlin.country) == ("Berlin", "city", "DE")
    assert place(SOVIET_UNION).kind == "historical_state"
    assert place("geonames:0") is None and place("admin1:DE:berlin") is None and place(None) is None
    assert round(extent_km(berlin)) == 19 and extent_km(place(TEMPELHOF)) == pytest.approx(2.56, abs=0.01)


@pytest.mark.parametrize(("outer", "inner", "expected"), [
    (BERLIN, TEMPELHOF, True), (BERLIN, SPANDAU, True), (BERLIN, POTSDAM, False), (TEMPELHOF, BERLIN, False),
    (BERLIN, BERLIN, False), (GERMANY, TEMPELHOF, True), (GERMANY, KAUNAS, False), (SOVIET_UNION, KAUNAS, True),
    (SOVIET_UNION, BERLIN, False), (KAUNAS, SOVIET_UNION, False), (TEMPELHOF, SPANDAU, False)])
def test_containment(outer, inner, expected):
    assert contains(place(outer), place(inner)) is expected
