"""Entity rules of narrative prose: words of address, swallowed common nouns, speech read as a title, full names."""

from __future__ import annotations

from chronologue import nlp
from chronologue.annotators.entities import finder, settle, spans
from chronologue.annotators.entities.stage import find_mentions
from chronologue.model.story import Source, Story
from chronologue.pipeline.handoffs import PRIORITY_RULE, PRIORITY_SPACY, Mention


def _story(text: str) -> Story:
    return Story(source=Source(sha256="0"), text=text)


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in find_mentions(_story(text), nlp.load()(text))]


def _finder(text: str) -> finder.Finder:
    return finder.Finder(_story(text), nlp.load()(text))


def test_a_word_of_address_alone_is_no_person():
    found = _mentions("“Uncle, you are not looking well,” said Harriet. “Son, sit down,” said her mother.")
    assert ("PERSON", "Uncle") not in found
    assert ("PERSON", "Son") not in found
    assert ("PERSON", "Harriet") in found


def test_a_title_before_a_name_still_makes_a_person():
    found = _mentions("“Let me help you, Uncle Walter,” said Harriet.")
    assert ("PERSON", "Walter") in found


def test_lower_case_words_before_a_name_are_no_part_of_it():
    text = "And over this great demesne Rex ruled, and this Hester Marsh knew it."
    assert spans.skip_lower_lead(text, text.index("demesne"), text.index(" ruled")) == text.index("Rex")
    assert spans.skip_lower_lead(text, text.index("this Hester"), text.index(" knew")) == text.index("Hester")
    particle = "the house of von Braun"
    assert spans.skip_lower_lead(particle, particle.index("von"), len(particle)) == particle.index("von")


def test_speech_read_as_a_title_is_no_work_and_offers_its_names():
    text = "“True, Harriet, but years are not all.” “You and Harriet will share it.” He read “The Silent Shore, Again”."
    finder = _finder(text)
    first = text.index("True")
    assert finder._loose_work(first, text.index(", but"))
    assert [(m.type, m.text) for m in finder.candidates] == [("PERSON", "Harriet")]
    assert finder._loose_work(text.index("You and"), text.index(" will"))
    assert [m.text for m in finder.candidates] == ["Harriet", "Harriet"]
    title = text.index("The Silent")
    assert spans.enclosed_in_quotes(text, title, text.index("”.", title))
    assert not spans.enclosed_in_quotes(text, first, text.index(", but"))


def test_a_single_common_word_is_no_work_but_a_title_is():
    text = "She spoke of love and duty. Love was all. He read Middlemoor Chronicles."
    finder = _finder(text)
    assert finder._loose_work(text.index("Love was"), text.index(" was all"))
    assert not finder._loose_work(text.index("Middlemoor"), len(text) - 1)


def test_a_full_name_starting_with_a_persons_name_is_that_person():
    text = "“No,” said Curtis. Curtis frowned. Curtis Waring left. The Happy Family waited for Happy."
    finder = _finder(text)
    people = [Mention(text.index("Curtis."), text.index("Curtis.") + 6, "PERSON", "spacy:PERSON", text="Curtis"),
              Mention(text.index("Happy."), text.index("Happy.") + 5, "PERSON", "spacy:PERSON", text="Happy")]
    full = text.index("Curtis Waring")
    work = Mention(full, full + 13, "WORK", "spacy:WORK_OF_ART", text="Curtis Waring")
    family = text.index("Happy Family")
    org = Mention(family, family + 12, "ORG", "spacy:ORG", text="Happy Family")
    settle._full_names_of_people([*people, work, org], finder)
    assert work.type == "PERSON"
    assert org.type == "ORG"  # after an article: a group's nickname, no full name


def test_a_title_after_a_title_is_no_name():
    found = _mentions("They followed the Reverend Mr. Harlow along the narrow walk.")
    assert ("PERSON", "Harlow") in found
    assert ("PERSON", "Mr") not in found and ("PERSON", "Mr.") not in found


def test_a_given_name_spacy_left_unnamed_starts_a_person():
    text = "When Caroline Meeber boarded the afternoon train, she had four dollars."
    finder = _finder(text)
    finder.given_name_runs()
    names = [(m.type, m.text) for m in finder.candidates]
    assert names in ([("PERSON", "Caroline Meeber")], [])  # [] only when spaCy itself named her
    assert ("PERSON", "Caroline Meeber") in _mentions(text)


def test_no_person_after_an_article_or_a_saint():
    finder = _finder("He had a touch of the Dane about him; they met at St. Peter's.")
    finder.given_name_runs()
    assert finder.candidates == []


def test_a_sentence_opening_word_written_in_lower_case_elsewhere_is_no_person():
    text = "Chirk, chirk, chirk, it went. Harriet listened. Brown came in; the brown dog followed. Brown sat."
    finder = _finder(text)
    chirk = Mention(0, 5, "PERSON", "spacy:PERSON", text="Chirk")
    brown = Mention(text.index("Brown sat"), text.index("Brown sat") + 5, "PERSON", "spacy:PERSON", text="Brown")
    harriet = Mention(text.index("Harriet"), text.index("Harriet") + 7, "PERSON", "spacy:PERSON", text="Harriet")
    settle._capitalised_words_of_speech([chirk, brown, harriet], finder, strong_people={"Brown"})
    assert (chirk.type, brown.type, harriet.type) == ("NONE", "PERSON", "PERSON")


def test_a_name_before_a_word_of_address_is_not_the_one_spoken_to():
    text = "“Waterloo, mother.” “Harriet, you are late.”"
    waterloo = Mention(1, 9, "PERSON", "spacy:PERSON", text="Waterloo")
    harriet = Mention(text.index("Harriet"), text.index("Harriet") + 7, "PERSON", "spacy:PERSON", text="Harriet")
    assert not settle._addressed(text, waterloo)
    assert settle._addressed(text, harriet)


def test_an_owners_name_ends_at_the_possessive():
    found = _mentions("The letters went to Mrs Harlow's London flat on Monday.")
    assert ("PERSON", "Harlow") in found
    assert all("London" not in text for type_, text in found if type_ == "PERSON")


def test_a_place_run_into_a_full_name_is_a_place():
    text = "Two days out from Lisbon Henry Marsh fell ill."
    finder = _finder(text)
    start = text.index("Lisbon")
    assert finder._place_before_full_name(start, text.index(" fell")) == text.index("Henry")
    assert [(m.type, m.text) for m in finder.candidates] == [("PLACE", "Lisbon")]
    assert finder._place_before_full_name(text.index("Henry"), text.index(" fell")) == text.index("Henry")


def test_a_letter_a_feast_or_a_member_of_a_people_alone_is_no_person():
    finder = _finder("Upper Brook Street, London, W. on Michaelmas; the Indian bowed.")
    for word in ("W", "Michaelmas", "Indian", "Marry", "Son"):
        assert settle.bare_address(Mention(0, len(word), "PERSON", "spacy:PERSON", text=word), finder), word
    assert not settle.bare_address(Mention(0, 6, "PERSON", "spacy:PERSON", text="Harlow"), finder)
    assert not settle.bare_address(Mention(0, 1, "PERSON", "title", text="W"), finder)  # after a title


def test_a_place_a_rule_names_is_no_one_spoken_to():
    text = "“Was it the Battle of Marengo, Harriet?” “Marengo, of course!” she said."
    finder = _finder(text)
    battle = text.index("Battle")
    place = text.index("Marengo")
    again = text.index("Marengo", place + 1)
    mentions = [
        Mention(battle, place + 7, "EVENT", "rule:battle_of", PRIORITY_RULE, "Battle of Marengo"),
        Mention(place, place + 7, "PLACE", "rule:battle_of", PRIORITY_RULE, "Marengo", nested=True),
        Mention(again, again + 7, "PERSON", "spacy:PERSON", PRIORITY_SPACY, "Marengo"),
    ]
    settle.settle_types(mentions, finder)
    assert mentions[2].type == "PLACE"
    assert settle._addressed(text, mentions[2])  # a vocative's place, which the rule overrides


def test_a_name_followed_by_who_is_a_person():
    text = "I write of Pelloby, who was a clerk. They sailed on the Kestrel, who was fast."
    finder = _finder(text)
    clerk = Mention(text.index("Pelloby"), text.index("Pelloby") + 7, "ORG", "spacy:ORG", text="Pelloby")
    ship = Mention(text.index("Kestrel"), text.index("Kestrel") + 7, "ORG", "spacy:ORG", text="Kestrel")
    settle.settle_types([clerk, ship], finder)
    assert (clerk.type, ship.type) == ("PERSON", "ORG")  # "the Kestrel, who": a ship spoken of as a person


def test_a_common_word_opening_a_quotation_is_no_body():
    text = "“Recognition, sir, is all I ask.” He wanted recognition."
    finder = _finder(text)
    word = Mention(1, 12, "ORG", "spacy:ORG", text="Recognition")
    settle._capitalised_words_of_speech([word], finder, set())
    assert word.type == "NONE"


def test_a_name_after_a_preposition_is_not_spoken_to():
    text = "When in Lisbon, I visited the museum. “Harriet, I must go.”"
    lisbon = Mention(text.index("Lisbon"), text.index("Lisbon") + 6, "PLACE", "spacy:GPE", text="Lisbon")
    harriet = Mention(text.index("Harriet"), text.index("Harriet") + 7, "PERSON", "spacy:PERSON", text="Harriet")
    assert not settle._addressed(text, lisbon)
    assert settle._addressed(text, harriet)


def test_a_name_after_the_plains_of_is_a_place():
    assert _mentions("To the east lay the plains of Vorlanc, lost in the mist.") == [("PLACE", "Vorlanc")]


def test_a_titled_band_of_people_is_a_group_not_a_work():
    text = "The Merry Crew had their supper. Later the Merry Crew sang. He read “The Silent Shore” twice."
    finder = _finder(text)
    first, later = text.index("Merry"), text.index("Merry", text.index("Later"))
    shore = text.index("The Silent")
    crew = [Mention(first, first + 10, "WORK", "spacy:WORK_OF_ART", text="Merry Crew"),
            Mention(later, later + 10, "WORK", "spacy:WORK_OF_ART", text="Merry Crew")]
    work = Mention(shore, shore + 16, "WORK", "spacy:WORK_OF_ART", text="The Silent Shore")
    _speakers, actors = finder.subjects()
    settle._bands_of_people([*crew, work], finder, actors)
    assert [m.type for m in crew] == ["GROUP", "GROUP"]  # the first acts: every occurrence is the band
    assert work.type == "WORK"


def test_the_widow_is_a_title():
    found = _mentions("Then the Widow Harlow rang the bell for supper.")
    assert ("PERSON", "Harlow") in found


def test_a_heading_that_opens_with_an_article_is_no_person():
    from chronologue import analyze

    story = analyze("The Miller of Kalnik\n\nStjepan Horvat was born in 1911. He ran the mill for forty years.")
    people = [e.name for e in story.entities if e.type == "PERSON"]
    assert "The Miller of Kalnik" not in people and "Stjepan Horvat" in people


def test_a_name_followed_by_its_original_in_another_script_is_that_person():
    from chronologue import analyze

    story = analyze("Family archives\n\nThe girl from Drama\n\nDespina Mavrou (Δέσποινα Μαύρου) was eleven when the "
                    "Bulgarian soldiers marched into Drama.")
    person = next(e for e in story.entities if e.type == "PERSON")
    assert person.name == "Despina Mavrou" and "Δέσποινα Μαύρου" in person.aliases


def test_a_nickname_or_nom_de_guerre_given_after_a_name_is_that_persons():
    from chronologue import analyze
    from chronologue.rules import load as load_rules

    for cue in load_rules("entity_patterns")["alias_cue"]:
        alias = cue["expect"].partition(":")[2].strip()
        story = analyze(cue["example"])
        person = next(e for e in story.entities if e.type == "PERSON" and alias != e.name)
        assert alias in person.aliases, (cue["example"], person)
