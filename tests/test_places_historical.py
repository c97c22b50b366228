"""Historical and changed place names in locative sentences geocode to the modern place (issue 14).

Each name (German, Polish, Russian and Soviet, Ottoman and Greek, colonial and older English forms; none of them
in the other place tests) goes through the whole pipeline in a sentence that puts it in a locative frame, and
its PLACE entity must lie within 0.5 degrees of the modern town, found in the gazetteer by its modern main name
and country. The frames are those that place things only (``through``, ``in``, ``near``, ``towards``, ``the
outskirts of``); ``to`` and ``from`` also take people (``wrote to Mary``) and do not make an unnamed word a place.
"""

from __future__ import annotations

import pytest

from chronologue import analyze
from chronologue.lib.gazetteer import gazetteer

# former or foreign name -> (modern main name in GeoNames, ISO country code)
HISTORICAL_NAMES = {
    'Reichenberg': ('Liberec', 'CZ'),
    'Budweis': ('České Budějovice', 'CZ'),
    'Pilsen': ('Plzeň', 'CZ'),
    'Olmütz': ('Olomouc', 'CZ'),
    'Troppau': ('Opava', 'CZ'),
    'Kattowitz': ('Katowice', 'PL'),
    'Oppeln': ('Opole', 'PL'),
    'Liegnitz': ('Legnica', 'PL'),
    'Kolberg': ('Kołobrzeg', 'PL'),
    'Thorn': ('Toruń', 'PL'),
    'Graudenz': ('Grudziądz', 'PL'),
    'Beuthen': ('Bytom', 'PL'),
    'Ratibor': ('Racibórz', 'PL'),
    'Schneidemühl': ('Piła', 'PL'),
    'Hermannstadt': ('Sibiu', 'RO'),
    'Klausenburg': ('Cluj-Napoca', 'RO'),
    'Temeswar': ('Timişoara', 'RO'),
    'Ödenburg': ('Sopron', 'HU'),
    'Fünfkirchen': ('Pécs', 'HU'),
    'Gumbinnen': ('Gusev', 'RU'),
    'Pillau': ('Baltiysk', 'RU'),
    'Kaschau': ('Košice', 'SK'),
    'Neusatz': ('Novi Sad', 'RS'),
    'Pernau': ('Pärnu', 'EE'),
    'Windau': ('Ventspils', 'LV'),
    'Stanisławów': ('Ivano-Frankivsk', 'UA'),
    'Łuck': ('Lutsk', 'UA'),
    'Kowel': ('Kovel', 'UA'),
    'Nowogródek': ('Navahrudak', 'BY'),
    'Baranowicze': ('Baranavichy', 'BY'),
    'Drohobycz': ('Drohobych', 'UA'),
    'Kołomyja': ('Kolomyia', 'UA'),
    'Krzemieniec': ('Kremenets', 'UA'),
    'Złoczów': ('Zolochiv', 'UA'),
    'Alma-Ata': ('Almaty', 'KZ'),
    'Stalinabad': ('Dushanbe', 'TJ'),
    'Novonikolayevsk': ('Novosibirsk', 'RU'),
    'Yekaterinodar': ('Krasnodar', 'RU'),
    'Simbirsk': ('Ulyanovsk', 'RU'),
    'Leninakan': ('Gyumri', 'AM'),
    'Kirovabad': ('Ganja', 'AZ'),
    'Tselinograd': ('Astana', 'KZ'),
    'Ivanovo-Voznesensk': ('Ivanovo', 'RU'),
    'Adrianople': ('Edirne', 'TR'),
    'Trebizond': ('Trabzon', 'TR'),
    'Angora': ('Ankara', 'TR'),
    'Brusa': ('Bursa', 'TR'),
    'Uskub': ('Skopje', 'MK'),
    'Philippopolis': ('Plovdiv', 'BG'),
    'Janina': ('Ioannina', 'GR'),
    'Candia': ('Heraklion', 'GR'),
    'Erzerum': ('Erzurum', 'TR'),
    'Diarbekir': ('Diyarbakır', 'TR'),
    'Bombay': ('Mumbai', 'IN'),
    'Madras': ('Chennai', 'IN'),
    'Calcutta': ('Kolkata', 'IN'),
    'Poona': ('Pune', 'IN'),
    'Rangoon': ('Yangon', 'MM'),
    'Saigon': ('Ho Chi Minh City', 'VN'),
    'Batavia': ('Jakarta', 'ID'),
    'Leopoldville': ('Kinshasa', 'CD'),
    'Elisabethville': ('Lubumbashi', 'CD'),
    'Lourenço Marques': ('Maputo', 'MZ'),
    'Fort-Lamy': ("N'Djamena", 'TD'),
    'Stanleyville': ('Kisangani', 'CD'),
    'Peking': ('Beijing', 'CN'),
    'Tientsin': ('Tianjin', 'CN'),
    'Usumbura': ('Bujumbura', 'BI'),
    'Dacca': ('Dhaka', 'BD'),
    'Christiania': ('Oslo', 'NO'),
    'Helsingfors': ('Helsinki', 'FI'),
    'Åbo': ('Turku', 'FI'),
    'Fiume': ('Rijeka', 'HR'),
    'Spalato': ('Split', 'HR'),
}
FRAMES = [
    "The regiment marched through {}, then rested for a week.",
    "Before the war the family lived in {} with their cousins.",
    "At dawn the column withdrew towards {}.",
    "By the evening the refugees had reached the outskirts of {}.",
    "In 1920 he found work in {} as a clerk.",
    "The column halted near {} to wait for orders.",
]
CASES = [(name, FRAMES[i % len(FRAMES)].format(name)) for i, name in enumerate(HISTORICAL_NAMES)]


def test_at_least_sixty_names():
    assert len(HISTORICAL_NAMES) >= 60


@pytest.mark.parametrize(("name", "sentence"), CASES, ids=[c[0] for c in CASES])
def test_historical_name_in_a_locative_sentence_geocodes_within_half_a_degree(name, sentence):
    assert_geocodes_to_modern_town(name, sentence, *HISTORICAL_NAMES[name])


def assert_geocodes_to_modern_town(name: str, sentence: str, modern: str, country: str) -> None:
    """The PLACE entity named ``name`` in ``sentence`` lies within half a degree of the modern town."""
    town = gazetteer()._find_town(modern, country)
    assert town is not None, (modern, country)
    story = analyze(sentence)
    place = next((e for e in story.entities if e.name == name), None)
    assert place is not None and place.type == "PLACE" and place.geo is not None, story.entities
    assert abs(place.geo.lat - town.lat) <= 0.5 and abs(place.geo.lon - town.lon) <= 0.5, (place.geo, town)
