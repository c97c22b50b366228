"""Historical and changed place names of other regions in locative sentences geocode to the modern place.

A second set beside tests/test_places_historical.py (whose names are Central and Eastern European for the most
part): Habsburg, Ottoman, Russian and Soviet, Chinese postal, Indian, Japanese colonial, African colonial and
Latin American former names, none of them in the other tests. First run, before any change for them: 52 of 56
within 0.5 degrees; the four misses were gazetteer gaps (Hankow, Keijo, Taihoku: exonyms added to the supplement
with their sources) and Vila Rica, left out because a living Brazilian town bears that name. The expected point
is the modern town's in the gazetteer (GeoNames), found by its main name and country.
"""

from __future__ import annotations

import pytest
from test_places_historical import FRAMES, assert_geocodes_to_modern_town

# former or foreign name -> (modern main name in GeoNames, ISO country code)
WORLD_NAMES = {
    # Habsburg
    'Esseg': ('Osijek', 'HR'),
    'Großwardein': ('Oradea', 'RO'),
    'Trient': ('Trento', 'IT'),
    'Görz': ('Gorizia', 'IT'),
    # Ottoman
    'Aintab': ('Gaziantep', 'TR'),
    'Urfa': ('Şanlıurfa', 'TR'),
    'Nicomedia': ('İzmit', 'TR'),
    'Dedeagatch': ('Alexandroupoli', 'GR'),
    # Russian and Soviet
    'Gorky': ('Nizhniy Novgorod', 'RU'),
    'Ordzhonikidze': ('Vladikavkaz', 'RU'),
    'Zhdanov': ('Mariupol', 'UA'),
    'Krasnovodsk': ('Türkmenbaşy', 'TM'),
    'Ashkhabad': ('Ashgabat', 'TM'),
    'Stalino': ('Donetsk', 'UA'),
    'Dnepropetrovsk': ('Dnipro', 'UA'),
    'Kirovograd': ('Kropyvnytskyi', 'UA'),
    # Chinese
    'Canton': ('Guangzhou', 'CN'),
    'Nanking': ('Nanjing', 'CN'),
    'Chungking': ('Chongqing', 'CN'),
    'Amoy': ('Xiamen', 'CN'),
    'Mukden': ('Shenyang', 'CN'),
    'Tsingtao': ('Qingdao', 'CN'),
    'Soochow': ('Suzhou', 'CN'),
    'Foochow': ('Fuzhou', 'CN'),
    'Hankow': ('Wuhan', 'CN'),
    'Sian': ('Xi’an', 'CN'),
    # Indian and South Asian
    'Benares': ('Varanasi', 'IN'),
    'Cawnpore': ('Kanpur', 'IN'),
    'Trivandrum': ('Thiruvananthapuram', 'IN'),
    'Baroda': ('Vadodara', 'IN'),
    'Simla': ('Shimla', 'IN'),
    'Jubbulpore': ('Jabalpur', 'IN'),
    'Lyallpur': ('Faisalabad', 'PK'),
    # East Asian, Japanese colonial
    'Keijo': ('Seoul', 'KR'),
    'Taihoku': ('Taipei', 'TW'),
    # African colonial
    'Nova Lisboa': ('Huambo', 'AO'),
    'Sá da Bandeira': ('Lubango', 'AO'),
    'Luluabourg': ('Kananga', 'CD'),
    'Coquilhatville': ('Mbandaka', 'CD'),
    'Fort Jameson': ('Chipata', 'ZM'),
    'Gwelo': ('Gweru', 'ZW'),
    'Umtali': ('Mutare', 'ZW'),
    'Fort Victoria': ('Masvingo', 'ZW'),
    'Port-Étienne': ('Nouadhibou', 'MR'),
    'Philippeville': ('Skikda', 'DZ'),
    'Bône': ('Annaba', 'DZ'),
    'Orléansville': ('Chlef', 'DZ'),
    'Mogador': ('Essaouira', 'MA'),
    'Tananarive': ('Antananarivo', 'MG'),
    'Vila Cabral': ('Lichinga', 'MZ'),
    # Latin American
    'Ciudad Trujillo': ('Santo Domingo', 'DO'),
    'Villa Cisneros': ('Dakhla', 'EH'),
    'Desterro': ('Florianópolis', 'BR'),
    'Cap-Français': ('Cap-Haïtien', 'HT'),
    'Angostura': ('Ciudad Bolívar', 'VE'),
}
CASES = [(name, FRAMES[i % len(FRAMES)].format(name)) for i, name in enumerate(WORLD_NAMES)]


def test_at_least_fifty_names_of_other_regions():
    assert len(WORLD_NAMES) >= 50


@pytest.mark.parametrize(("name", "sentence"), CASES, ids=[c[0] for c in CASES])
def test_former_name_of_another_region_geocodes_within_half_a_degree(name, sentence):
    assert_geocodes_to_modern_town(name, sentence, *WORLD_NAMES[name])
