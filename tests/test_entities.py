"""Entities and names stages on text of the genre written for the tests, on the reference article and on fiction."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue import nlp
from chronologue.annotators.entities import stage as entities
from chronologue.annotators.layout import stage as layout
from chronologue.annotators.names import stage as names
from chronologue.lib.coref.mentions import MentionIndex, protagonist
from chronologue.model.story import Entity, Source, Story
from chronologue.pipeline.context import Context
from chronologue.read import read_document

MEMOIR = """Memories of the Eastern Front

The prisoners of the Southern Front

In August 1941 Captain Ivan Sergeyevich Kovalenko (Иван Сергеевич Коваленко) was taken prisoner near Uman. \
His younger brother, Lieutenant Mykola Kovalenko, had been captured a week earlier near Vinnitsa. Kovalenko later \
wrote that the two brothers never met again in captivity.

In the camp at Chełm, Kovalenko met Colonel Aleksandr Zhukovsky, a former staff officer of the Red Army. Zhukovsky \
told him that the Ukrainian Insurgent Army (UPA) was recruiting in the forests of Volhynia and that the NKVD would \
shoot every returning prisoner under Order No. 270. "We are traitors in their eyes," Zhukovsky said. The Germans, \
he added, did not care whether they lived or died. German guards took their boots.

In the spring of 1942 the Wehrmacht moved the officers to Hammelburg. There Mykola Kovalenko appeared again, now \
wearing the uniform of the Russian Liberation Army. Kovalenko refused to join. Later the UPA sent a courier, and \
Zhukovsky went east with him. The USSR, for its part, treated every prisoner as a deserter; the Soviet Union did \
not sign the 1929 convention (source: Bundesarchiv; lic. CC BY-SA 3.0).

After the war Kovalenko emigrated to the United States, where he published his recollections, entitled \
"Years Behind the Wire", in 1958.

Sources:

Iwan Kowalenko, Lata za drutami, Wydawnictwo Literackie 1991.
"""

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "palij-pow-article.txt"


def analyse(text: str) -> Story:
    """Reader, layout, the one parse, then the entities and names stages."""
    document = read_document(text, "text")
    story = Story(source=Source(sha256="0"), text=document.text)
    ctx = Context(blocks=document.blocks)
    layout.run(story, ctx)
    ctx.doc = nlp.load()(story.text)
    entities.run(story, ctx)
    names.run(story, ctx)
    return story


def texts(story: Story, entity: Entity) -> list[str]:
    return [story.text[m.start : m.end] for m in entity.mentions]


def holding(story: Story, text: str) -> Entity:
    """The one entity with a mention reading exactly ``text``."""
    found = [e for e in story.entities if text in texts(story, e)]
    assert len(found) == 1, f"{text}: {[(e.id, e.name) for e in found]}"
    return found[0]


@pytest.fixture(scope="module")
def memoir() -> Story:
    return analyse(MEMOIR)


def test_two_brothers_stay_apart_and_the_bare_surname_follows_the_protagonist(memoir: Story) -> None:
    ivan = holding(memoir, "Ivan Sergeyevich Kovalenko")
    mykola = holding(memoir, "Mykola Kovalenko")
    assert ivan.id != mykola.id
    assert texts(memoir, mykola) == ["Mykola Kovalenko", "Mykola Kovalenko"]
    assert texts(memoir, ivan) == [
        "Ivan Sergeyevich Kovalenko",
        "Иван Сергеевич Коваленко",
        "Kovalenko",
        "Kovalenko",
        "Kovalenko",
        "Kovalenko",
        "Iwan Kowalenko",
    ]
    assert ivan.name == "Ivan Sergeyevich Kovalenko"
    assert ivan.attributes == {
        "rank": "Captain",
        "given": "Ivan",
        "patronymic": "Sergeyevich",
        "surname": "Kovalenko",
        "gender": "male",
    }
    assert mykola.attributes["rank"] == "Lieutenant"


def test_ranks_are_attributes_not_names(memoir: Story) -> None:
    colonel = holding(memoir, "Aleksandr Zhukovsky")
    assert colonel.name == "Aleksandr Zhukovsky"
    assert colonel.attributes["rank"] == "Colonel"
    assert texts(memoir, colonel) == ["Aleksandr Zhukovsky", "Zhukovsky", "Zhukovsky", "Zhukovsky"]
    assert "Colonel Aleksandr Zhukovsky" in colonel.aliases


def test_acronyms_equivalents_laws_groups_and_credits(memoir: Story) -> None:
    upa = holding(memoir, "Ukrainian Insurgent Army")
    assert (upa.type, texts(memoir, upa)) == ("ORG", ["Ukrainian Insurgent Army", "UPA", "UPA"])
    ussr = holding(memoir, "USSR")
    assert (ussr.type, ussr.name, texts(memoir, ussr)) == ("PLACE", "Soviet Union", ["USSR", "Soviet Union"])
    assert holding(memoir, "Order No. 270").type == "LAW"
    assert holding(memoir, "Germans").type == "GROUP"
    assert holding(memoir, "Bundesarchiv").type == "ORG"
    assert holding(memoir, "Years Behind the Wire").type == "WORK"
    assert holding(memoir, "Wydawnictwo Literackie").type == "ORG"
    assert holding(memoir, "Vinnitsa").type == "PLACE"
    assert holding(memoir, "Uman").type == "PLACE"
    every = {t for e in memoir.entities for t in texts(memoir, e)}
    assert not every & {"German", "CC BY-SA 3.0", "Eastern", "Captain Ivan Sergeyevich Kovalenko"}


def test_reference_index_over_the_memoir(memoir: Story) -> None:
    ivan = holding(memoir, "Ivan Sergeyevich Kovalenko")
    assert protagonist(memoir) == ivan.id
    index = MentionIndex.build(memoir)
    his = memoir.text.index("His younger brother")
    assert index.resolve(memoir.text, his) == ivan.id
    said = memoir.text.index("Zhukovsky said")
    assert index.person_before(said + len("Zhukovsky")) == holding(memoir, "Aleksandr Zhukovsky").id


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference article is not beside the checkout")
def test_reference_article_cast() -> None:
    story = analyse(REFERENCE.read_text(encoding="utf-8"))
    major = holding(story, "Pyotr Nikolaevich Palij")
    assert major.attributes["rank"] == "Major"
    assert "Piotr Nikołajewica Palij" in texts(story, major)
    assert texts(story, major).count("Palij") == 10
    people = {e.name for e in story.entities if e.type == "PERSON"}
    assert people == {"Stalin", "Hitler", "Pyotr Nikolaevich Palij", "Lieutenant Borisov", "General Vlasov"}
    work = holding(story, "Notes of an Officer from Captivity")
    assert texts(story, work) == ["Notes of an Officer from Captivity", "Notes of a captive officer"]
    roa = holding(story, "Russian Liberation Army")
    assert "ROA" in texts(story, roa)
    assert holding(story, "NAR") == holding(story, "Military Experimental Station in Peenemünde")
    assert holding(story, "Peenemünde").type == "PLACE"
    assert holding(story, "Kremlin").type == "ORG"
    assert holding(story, "Kiev").type == "PLACE"
    assert holding(story, "Brest-on-the-Bug").type == "PLACE"
    assert holding(story, "article 193, paragraph 22").type == "LAW"
    assert holding(story, "Operation Barbarossa").type == "EVENT"
    assert holding(story, "Oficyna Wydawnicza Finna").type == "ORG"
    every = {t for e in story.entities for t in texts(story, e)}
    assert not every & {"CC ASA 3.0", "CC ASA 3.00", "German", "Soviet", "the Soviet Union", "stated:“The Soviet Union"}


def test_titles_keep_husband_and_wife_apart() -> None:
    story = analyse(
        "Mr. Pelham came home late. Mrs. Pelham was waiting by the fire with Elizabeth Grey. "
        '"You are late," said Mrs. Pelham. Mr. Pelham smiled at Elizabeth, and Elizabeth laughed.'
    )
    people = [e for e in story.entities if e.type == "PERSON"]
    assert [(e.name, e.attributes.get("gender"), len(e.mentions)) for e in people] == [
        ("Mr. Pelham", "male", 2),  # known only by title and surname: the title is part of the name
        ("Mrs. Pelham", "female", 2),
        ("Elizabeth Grey", "female", 3),
    ]
    assert [e.aliases for e in people] == [[], [], ["Elizabeth"]]  # a bare "Pelham" would name either


SIGNALMAN = Path(__file__).resolve().parent / "data" / "genre" / "signalman.txt"


@pytest.mark.skipif(not SIGNALMAN.exists(), reason="the second genre text is not in tests/data")
def test_second_genre_text_credits_titles_and_bibliography() -> None:
    story = analyse(SIGNALMAN.read_text(encoding="utf-8"))
    found = {(e.type, e.name) for e in story.entities}
    assert {
        ("PERSON", "Mykola Hnatiuk"),
        ("PERSON", "Petro Kravets"),
        ("PERSON", "Timothy Snyder"),
        ("ORG", "Narodowe Archiwum Cyfrowe"),
        ("ORG", "Gestapo"),
        ("ORG", "Smoloskyp"),
        ("ORG", "Yale University Press"),
        ("WORK", "Diary of a signalman"),
        ("WORK", "The Reconstruction of Nations"),
        ("PLACE", "Kovel"),
        ("PLACE", "Winnipeg"),
        ("PLACE", "Kyiv"),
    } <= found
    signalman = holding(story, "Mykola Hnatiuk")
    assert signalman.attributes["rank"] == "Sergeant"
    assert texts(story, signalman).count("Hnatiuk") == 4  # the family in the photo credit is no mention of him
    assert not [e for e in story.entities if e.name.startswith("Engineer") or "2006" in e.name]


def test_greek_and_cyrillic_forms_join_their_person_and_namesakes_stay_apart() -> None:
    story = analyse(
        "The regiment was led by Colonel Georgios Papadakis (Γεώργιος Παπαδάκης). In 1943 the partisans of "
        "Pyotr Palij joined the fighting near Kharkov. A letter signed Пётр Палий reached the committee in May. "
        "Papadakis answered it. Later Семён Тимошенко met Yulia Tymoshenko's grandfather, Ivan Tymoshenko."
    )
    people = [(e.name, texts(story, e), e.attributes.get("gender")) for e in story.entities if e.type == "PERSON"]
    assert people == [
        ("Georgios Papadakis", ["Georgios Papadakis", "Γεώργιος Παπαδάκης", "Papadakis"], "male"),
        ("Pyotr Palij", ["Pyotr Palij", "Пётр Палий"], "male"),
        ("Семён Тимошенко", ["Семён Тимошенко"], "male"),
        ("Yulia Tymoshenko", ["Yulia Tymoshenko"], "female"),
        ("Ivan Tymoshenko", ["Ivan Tymoshenko"], "male"),
    ]


STALINGRAD = """The turning point on the Volga

In the autumn of 1942 Marshal Georgy Konstantinovich Zhukov arrived at Stalingrad. Zhukov (Жуков) was accompanied \
by Nikita Khrushchev, then a political commissar. The 62nd Army under General Vasily Chuikov held the ruins of the \
city. Chuikov later wrote a memoir titled "The Beginning of the Road". German sources call the marshal Schukow, \
Polish historians write Żukow.

Operation Uranus began on 19 November 1942. Within four days the 6th Army of Field Marshal Friedrich Paulus was \
encircled. Operation Winter Storm, the relief attempt of Erich von Manstein, failed in December. Paulus surrendered \
on 31 January 1943, and the Battle of Stalingrad ended two days later.

Literature:

Wasilij Czujkow, Początek drogi, Wydawnictwo MON, Warszawa 1962.
Antony Beevor, Stalingrad, Viking, London 1998.
"""


def test_spellings_of_one_surname_units_operations_and_a_two_line_bibliography() -> None:
    story = analyse(STALINGRAD)
    marshal = holding(story, "Georgy Konstantinovich Zhukov")
    assert texts(story, marshal) == ["Georgy Konstantinovich Zhukov", "Zhukov", "Жуков", "Schukow", "Żukow"]
    assert marshal.attributes["rank"] == "Marshal"
    chuikov = holding(story, "Vasily Chuikov")
    assert texts(story, chuikov) == ["Vasily Chuikov", "Chuikov", "Wasilij Czujkow"]
    found = {(e.type, e.name) for e in story.entities}
    assert {
        ("ORG", "62nd Army"),
        ("ORG", "6th Army"),
        ("PERSON", "Friedrich Paulus"),
        ("EVENT", "Operation Uranus"),
        ("EVENT", "Operation Winter Storm"),
        ("EVENT", "Battle of Stalingrad"),
        ("WORK", "The Beginning of the Road"),
        ("WORK", "Początek drogi"),
        ("WORK", "Stalingrad"),
        ("ORG", "Wydawnictwo MON"),
        ("ORG", "Viking"),
        ("PERSON", "Antony Beevor"),
    } <= found
    assert not [e for e in story.entities if "Field Marshal" in e.name or e.name == "Początek"]


def test_a_lone_cyrillic_surname_joins_its_person_and_the_stage_runs_without_a_parse() -> None:
    text = "Marshal Georgy Zhukov took Berlin. The Russian papers wrote Жуков on every page."
    story = analyse(text)
    marshal = holding(story, "Georgy Zhukov")
    assert texts(story, marshal) == ["Georgy Zhukov", "Жуков"]
    bare = Story(source=Source(sha256="0"), text=text)
    ctx = Context()
    entities.run(bare, ctx)
    names.run(bare, ctx)
    assert [(e.type, e.name, e.aliases) for e in bare.entities] == [
        ("PERSON", "Georgy Zhukov", ["Marshal Georgy Zhukov", "Жуков"])
    ]


def test_a_diminutive_joins_the_full_name_and_a_namesake_stays_apart() -> None:
    story = analyse(
        'Pyotr Ivanov came home in 1945. His mother cried: "Petya, you are alive!" Petya smiled. '
        "Later Pavel Ivanov arrived."
    )
    people = [(e.name, texts(story, e)) for e in story.entities if e.type == "PERSON"]
    assert people == [("Pyotr Ivanov", ["Pyotr Ivanov", "Petya", "Petya"]), ("Pavel Ivanov", ["Pavel Ivanov"])]


def test_a_surname_spacy_calls_a_nation_is_a_person_when_it_acts() -> None:
    text = (
        "Hnatko was born in Lutsk. Hnatko worked for the railway. In 1941 Hnatko saw the Germans arrive. "
        "Later Hnatko fled."
    )
    story = analyse(text)
    assert [(e.type, e.name, len(e.mentions)) for e in story.entities] == [
        ("PERSON", "Hnatko", 4),
        ("PLACE", "Lutsk", 1),
        ("GROUP", "Germans", 1),
    ]


def test_a_name_spoken_to_or_speaking_is_a_person_even_when_it_is_also_a_town() -> None:
    story = analyse(
        "“Charlotte, do you hear me?” asked Lucy. Lucy waited by the window. "
        "“Oh, Charlotte, we must stop now,” said Lucy. “Very well,” said Turkey."
    )
    kinds = {e.name: e.type for e in story.entities}
    assert kinds["Charlotte"] == "PERSON"
    assert kinds["Turkey"] == "PERSON"
    assert kinds["Lucy"] == "PERSON"


def test_a_nation_the_text_uses_as_a_people_is_a_group_even_when_it_speaks_or_acts() -> None:
    story = analyse(
        "In June 1825 the Dutch began to build a road past the village. The Dutch answered with a net of forts. "
        "According to a Dutch report, about 200,000 Javanese died. Adisa worked for the Dutch."
    )
    kinds = {e.name: e.type for e in story.entities}
    assert kinds["Dutch"] == "GROUP"
    assert kinds["Javanese"] == "GROUP"
    assert "PERSON" not in {kinds["Dutch"], kinds["Javanese"]}


def test_a_name_that_was_born_and_died_is_a_person_whatever_the_tagger_called_it() -> None:
    story = analyse(
        "The prince of the hills. Diponegoro, the Java War and the road. Diponegoro was born in Yogyakarta in 1785. "
        "In 1822 Diponegoro became one of the guardians of the boy sultan. Diponegoro died in Makassar in 1855."
    )
    people = [e for e in story.entities if e.type == "PERSON" and e.name == "Diponegoro"]
    assert len(people) == 1
    assert not [e for e in story.entities if e.name == "Diponegoro" and e.type != "PERSON"]


def test_particles_and_the_given_names_before_them_belong_to_the_person() -> None:
    story = analyse(
        "The new governor-general, Johannes van den Bosch, forced the villages to grow coffee. "
        "General Hendrik Merkus de Kock built forts. In March De Kock received the prince."
    )
    names = {e.name: texts(story, e) for e in story.entities if e.type == "PERSON"}
    assert "Johannes van den Bosch" in names
    kock = next(v for k, v in names.items() if k.endswith("de Kock"))
    assert "De Kock" in kock


def test_a_birth_name_joins_the_person_and_never_becomes_their_name() -> None:
    story = analyse(
        "Kwesi Appiah was born in Elmina in 1902 as Kwesi Kobina Arthur. Kwesi Appiah later taught in Accra. "
        "Nana was born Efua Serwaa Boateng on 2 May 1911. Nana married Kwesi Appiah in 1930. Rachel was born Jewish."
    )
    people = {e.name: sorted(set(texts(story, e))) for e in story.entities if e.type == "PERSON"}
    assert people["Kwesi Appiah"] == ["Kwesi Appiah", "Kwesi Kobina Arthur"]
    assert "Jewish" not in {t for names in people.values() for t in names}


def test_a_country_that_declares_stays_a_place_and_a_name_ends_before_an_article() -> None:
    story = analyse(
        "Diponegoro was born in 1785. In 1973 Indonesia declared Diponegoro a National Hero. "
        "“Go,” said Turkey to the boy."
    )
    kinds = {e.name: e.type for e in story.entities}
    assert kinds["Indonesia"] == "PLACE"
    assert kinds["Diponegoro"] == "PERSON"
    assert kinds["Turkey"] == "PERSON"
    assert not [name for name in kinds if " a " in name]


def test_a_place_word_anywhere_in_a_name_makes_it_a_place() -> None:
    text = (Path(__file__).parent / "data" / "heldout" / "ferry.md").read_text(encoding="utf-8")
    story = analyse(text[: text.index("## Fifteen years later")])  # spaCy calls it a person there
    kinds = {e.name: e.type for e in story.entities}
    assert kinds["Upper Fort Garry"] == "PLACE"
    assert not [name for name, kind in kinds.items() if kind == "PERSON" and "Fort" in name]


def test_a_given_name_the_bibliography_gives_starts_a_name_spacy_left_unnamed() -> None:
    from chronologue import analyze_file

    story = analyze_file(Path(__file__).parent / "data" / "heldout" / "amber.html")
    at = story.text.index("Aldona Petrauskienė was nineteen")  # spaCy names no one there; the sources do
    person = next(e for e in story.entities if any(m.start == at for m in e.mentions))
    assert person.type == "PERSON"
    assert story.text[at : next(m.end for m in person.mentions if m.start == at)] == "Aldona Petrauskienė"


def test_a_place_named_again_in_brackets_before_a_comma_is_one_place() -> None:
    story = analyse(
        "She was born in 1928 in a small town south-west of Czernowitz (Cernăuți, today Chernivtsi). "
        "In 1944 the family moved to Czernowitz."
    )
    places = [sorted(set(texts(story, e))) for e in story.entities if e.type == "PLACE"]
    assert ["Cernăuți", "Chernivtsi", "Czernowitz"] in places
    assert not [e.name for e in story.entities if "(" in e.name]


def test_toader_is_fyodor_in_another_language() -> None:
    from chronologue.lib.identity import same_person

    assert same_person("Toader Popescu", "Fyodor Popescu")
