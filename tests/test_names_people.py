"""The names stage on narrative prose: gender of given names and titles, pet forms, surnames shared by a family."""

from __future__ import annotations

from chronologue.annotators.names.stage import build_entities
from chronologue.pipeline.handoffs import Mention


def _mentions(text: str, spans: list[tuple[str, str | None]]) -> list[Mention]:
    """Hand-made person mentions: each (text, title) in text order."""
    mentions, at = [], 0
    for name, title in spans:
        start = text.index(name, at)
        gender = {"Mr.": "male", "Mrs.": "female", "Miss": "female", "Sir": "male", "Lady": "female"}.get(title or "")
        mentions.append(Mention(start, start + len(name), "PERSON", "title" if title else "spacy:PERSON",
                                text=name, rank=title, gender=gender))
        at = start + len(name)
    return mentions


def _people(text: str, spans: list[tuple[str, str | None]]) -> dict[str, list[str]]:
    """Person entities (name -> sorted mention texts) of hand-made mentions."""
    entities = build_entities(_mentions(text, spans))
    return {e.name: sorted(text[m.start:m.end] for m in e.mentions) for e in entities if e.type == "PERSON"}


def test_a_womans_given_name_never_joins_a_mans_title():
    text = "Harriet Pellow wrote to John Pellow. Mr. Pellow read the letter twice."
    people = _people(text, [("Harriet Pellow", None), ("John Pellow", None), ("Pellow", "Mr.")])
    assert people == {"Harriet Pellow": ["Harriet Pellow"], "John Pellow": ["John Pellow", "Pellow"]}


def test_a_mans_given_name_never_joins_a_womans_title():
    text = "Tommy Garside met Edith Garside. Mrs. Garside smiled."
    people = _people(text, [("Tommy Garside", None), ("Edith Garside", None), ("Garside", "Mrs.")])
    assert people == {"Tommy Garside": ["Tommy Garside"], "Edith Garside": ["Edith Garside", "Garside"]}


def test_a_bare_surname_of_a_family_goes_to_the_man():
    text = "Florence Haldane sat with Walter Haldane, her uncle. Florence spoke first. Haldane nodded."
    spans = [("Florence Haldane", None), ("Walter Haldane", None), ("Florence", None), ("Haldane", None)]
    people = _people(text, spans)
    assert people == {
        "Florence Haldane": ["Florence", "Florence Haldane"],
        "Walter Haldane": ["Haldane", "Walter Haldane"],
    }


def test_a_pet_form_joins_the_full_name_the_text_gives():
    text = "Caroline Whitlock boarded the train. Carrie looked out of the window."
    people = _people(text, [("Caroline Whitlock", None), ("Carrie", None)])
    assert people == {"Caroline Whitlock": ["Caroline Whitlock", "Carrie"]}


def test_a_pet_form_alone_joins_its_full_form_alone_and_invents_no_surname():
    text = "Elizabeth laughed. Lizzy, said her father, was the clever one. Tom Harcourt and Meg agreed."
    people = _people(text, [("Elizabeth", None), ("Lizzy", None), ("Tom Harcourt", None), ("Meg", None)])
    assert people == {"Elizabeth": ["Elizabeth", "Lizzy"], "Tom Harcourt": ["Tom Harcourt"], "Meg": ["Meg"]}


def test_a_pet_form_shared_by_two_full_forms_stays_apart():
    text = "Eleanor sang. Helen played. Nell sat alone."
    people = _people(text, [("Eleanor", None), ("Helen", None), ("Nell", None)])
    assert people == {"Eleanor": ["Eleanor"], "Helen": ["Helen"], "Nell": ["Nell"]}


def test_a_pet_form_of_one_gender_never_joins_the_other():
    text = "Thomasina Crewe and Tom Crewe came in. Tommy sat down."
    people = _people(text, [("Thomasina Crewe", None), ("Tom Crewe", None), ("Tommy", None)])
    assert people["Tom Crewe"] == ["Tom Crewe", "Tommy"]


def test_a_bare_surname_after_mr_and_mrs_goes_to_mr():
    text = "Mrs. Dunmore smiled at Mrs. Dunmore's guest. Mr. Dunmore said nothing. Dunmore left."
    spans = [("Dunmore", "Mrs."), ("Dunmore", "Mrs."), ("Dunmore", "Mr."), ("Dunmore", None)]
    entities = build_entities(_mentions(text, spans))
    genders = sorted((e.attributes.get("gender"), len(e.mentions)) for e in entities)
    assert genders == [("female", 2), ("male", 2)]


def test_a_given_name_alone_tells_its_gender():
    text = "William came in. Annie followed. Morel sat down."
    entities = build_entities(_mentions(text, [("William", None), ("Annie", None), ("Morel", None)]))
    genders = {e.name: e.attributes.get("gender") for e in entities}
    assert genders == {"William": "male", "Annie": "female", "Morel": None}


def test_a_bare_surname_stays_with_the_person_the_text_follows_not_a_brother_named_in_passing():
    from chronologue import analyze

    story = analyze(
        "Stjepan Horvat was born in 1911 in a village below the hills. In 1942 he was arrested together with his "
        "brother Ivan Horvat and taken to the camp. Horvat himself survived the war."
    )
    people = {e.name: [(story.text[m.start:m.end], m.kind) for m in e.mentions]
              for e in story.entities if e.type == "PERSON"}
    assert people["Stjepan Horvat"] == [
        ("Stjepan Horvat", "name"), ("he", "pronoun"), ("his", "pronoun"), ("Horvat", "name"),
    ]
    assert people["Ivan Horvat"] == [("his brother", "nominal"), ("Ivan Horvat", "name")]


def test_a_bare_surname_goes_to_the_man_titled_by_it_not_his_sister_named_in_full():
    text = "Mr. Ashdown rode over. Miss Ashdown wrote a letter to Julia Ashdown. Ashdown laughed at it."
    spans = [("Ashdown", "Mr."), ("Ashdown", "Miss"), ("Julia Ashdown", None), ("Ashdown", None)]
    entities = build_entities(_mentions(text, spans))
    held = sorted((e.attributes.get("gender"), len(e.mentions)) for e in entities)
    assert held == [("female", 2), ("male", 2)]


def test_a_word_the_text_titles_as_a_surname_is_that_surname_alone_not_a_given_name():
    text = "Talbot Royce was at home. Captain Talbot called. Talbot stayed for dinner."
    people = _people(text, [("Talbot Royce", None), ("Talbot", "Captain"), ("Talbot", None)])
    assert people == {"Talbot Royce": ["Talbot Royce"], "Captain Talbot": ["Talbot", "Talbot"]}


def test_a_titled_given_name_joins_only_a_person_who_bears_that_title():
    text = "Mr. Henry Oakes preached. Sir Henry Vane listened. Mr. Oakes bowed. Sir Henry yawned."
    spans = [("Henry Oakes", "Mr."), ("Henry Vane", "Sir"), ("Oakes", "Mr."), ("Henry", "Sir")]
    people = _people(text, spans)
    assert people == {"Henry Oakes": ["Henry Oakes", "Oakes"], "Henry Vane": ["Henry", "Henry Vane"]}


def test_a_rank_and_a_womans_title_of_one_surname_stay_apart_in_either_order():
    text = "Colonel Fenwick dined. Mrs. Fenwick sang. Mrs. Hale sang. Major Hale dined."
    spans = [("Fenwick", "Colonel"), ("Fenwick", "Mrs."), ("Hale", "Mrs."), ("Hale", "Major")]
    entities = build_entities(_mentions(text, spans))
    assert sorted(len(e.mentions) for e in entities) == [1, 1, 1, 1]


def test_a_family_named_in_the_plural_is_a_group_not_a_person():
    text = ("Jane Lorimer called on the Miss Hatherleys. Emma Hatherley was out. Then came the\nLovell Pryces. "
            "Mrs. Lovell Pryce sat down. Miss Williams and Sarah Williams stayed.")
    spans = [("Jane Lorimer", None), ("Hatherleys", "Miss"), ("Emma Hatherley", None), ("Lovell Pryces", None),
             ("Lovell Pryce", "Mrs."), ("Williams", "Miss"), ("Sarah Williams", None)]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.type, e.name) for e in entities) == [
        ("GROUP", "Hatherleys"), ("GROUP", "Lovell Pryces"), ("PERSON", "Emma Hatherley"),
        ("PERSON", "Jane Lorimer"), ("PERSON", "Mrs. Lovell Pryce"), ("PERSON", "Sarah Williams"),
    ]


def test_two_rulers_of_one_number_share_no_name():
    text = "Mansa Musa II sent envoys. Askia Daoud II received them. Musa II waited."
    people = _people(text, [("Mansa Musa II", None), ("Askia Daoud II", None), ("Musa II", None)])
    assert people == {"Mansa Musa II": ["Mansa Musa II", "Musa II"], "Askia Daoud II": ["Askia Daoud II"]}


def test_a_daughter_titled_miss_before_her_full_name_is_not_the_lady_of_her_surname():
    text = "Miss Maria Hartley played the harp. Lady Hartley watched her daughter."
    people = _people(text, [("Maria Hartley", "Miss"), ("Hartley", "Lady")])
    assert people == {"Maria Hartley": ["Maria Hartley"], "Lady Hartley": ["Hartley"]}


def test_two_titles_of_one_surname_without_a_full_name_are_two_people():
    text = "General Tilney frowned. Mr. Tilney smiled. Captain Tilney laughed. Mr. Tilney left. Tilney stayed."
    spans = [("Tilney", "General"), ("Tilney", "Mr."), ("Tilney", "Captain"), ("Tilney", "Mr."), ("Tilney", None)]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.name, len(e.mentions)) for e in entities) == [
        ("Captain Tilney", 1), ("General Tilney", 1), ("Mr. Tilney", 3)]


def test_mrs_before_a_mans_full_name_is_his_wife_not_him():
    text = ("Newland Archer bowed. Mrs. Newland Archer smiled. Mr. Archer left. Mrs. Ruth Carver and Ruth Carver "
            "are one woman, and so are Mrs. Kemi Adeyemi and Kemi Adeyemi.")
    spans = [("Newland Archer", None), ("Newland Archer", "Mrs."), ("Archer", "Mr."), ("Ruth Carver", "Mrs."),
             ("Ruth Carver", None), ("Kemi Adeyemi", "Mrs."), ("Kemi Adeyemi", None)]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.name, e.attributes.get("gender", "-"), len(e.mentions)) for e in entities) == [
        ("Kemi Adeyemi", "female", 2), ("Mrs. Newland Archer", "female", 1), ("Newland Archer", "male", 2),
        ("Ruth Carver", "female", 2)]


def test_when_both_generations_are_titled_the_one_woman_named_in_full_takes_only_her_own_title():
    text = ("Catherine Morland ran. Mrs. Morland sewed. Miss Morland laughed. Catherine sang. Ann Hale sat. Mrs. Hale "
            "and Miss Hale came. General Hale bowed to Mr. Hale.")
    spans = [("Catherine Morland", None), ("Morland", "Mrs."), ("Morland", "Miss"), ("Catherine", None),
             ("Ann Hale", None), ("Hale", "Mrs."), ("Hale", "Miss"), ("Hale", "General"), ("Hale", "Mr.")]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.name, len(e.mentions)) for e in entities) == [
        ("Ann Hale", 1), ("Catherine Morland", 3), ("General Hale", 1), ("Miss Hale", 1), ("Mr. Hale", 1),
        ("Mrs. Hale", 1), ("Mrs. Morland", 1)]


def test_a_wife_named_by_her_husbands_name_takes_neither_his_given_name_nor_the_bare_title():
    text = "Robert Ferrars bowed. Mrs. Robert Ferrars smiled. Mrs. Ferrars frowned. Robert laughed."
    spans = [("Robert Ferrars", None), ("Robert Ferrars", "Mrs."), ("Ferrars", "Mrs."), ("Robert", None)]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.name, len(e.mentions)) for e in entities) == [
        ("Mrs. Ferrars", 1), ("Mrs. Robert Ferrars", 1), ("Robert Ferrars", 2)]


def test_another_languages_form_of_a_given_name_alone_is_another_person():
    text = "Maria Lucas sang. Mary played. Maria laughed. Kitty Bennet coughed. Catherine Bennet was Kitty."
    people = _people(text, [("Maria Lucas", None), ("Mary", None), ("Maria", None), ("Kitty Bennet", None),
                            ("Catherine Bennet", None)])
    assert people["Maria Lucas"] == ["Maria", "Maria Lucas"] and people["Mary"] == ["Mary"]


def test_a_given_name_alone_goes_to_the_person_who_bears_it_before_one_named_by_its_pet_form():
    text = "Harry Sandys spoke. Henry Otway listened. Harry laughed. Henry rose."
    people = _people(text, [("Harry Sandys", None), ("Henry Otway", None), ("Harry", None), ("Henry", None)])
    assert people == {"Harry Sandys": ["Harry", "Harry Sandys"], "Henry Otway": ["Henry", "Henry Otway"]}


def test_a_given_name_alone_joins_through_a_full_name_not_through_a_pet_form_that_joined_alone():
    text = "Katharine Hilbery read. Kit smiled. Christopher sat."
    people = _people(text, [("Katharine Hilbery", None), ("Kit", None), ("Christopher", None)])
    assert people == {"Katharine Hilbery": ["Katharine Hilbery", "Kit"], "Christopher": ["Christopher"]}


def test_miss_and_the_surname_goes_to_no_daughter_named_in_full_when_the_text_names_several():
    text = ("Marianne Dashwood sang. Mrs. Dashwood sewed. Miss Dashwood read. Marianne laughed. The Miss Dashwoods "
            "walked out.")
    spans = [("Marianne Dashwood", None), ("Dashwood", "Mrs."), ("Dashwood", "Miss"), ("Marianne", None),
             ("Dashwoods", "Miss")]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.type, e.name, len(e.mentions)) for e in entities) == [
        ("GROUP", "Dashwoods", 1), ("PERSON", "Marianne Dashwood", 2), ("PERSON", "Miss Dashwood", 1),
        ("PERSON", "Mrs. Dashwood", 1)]


def test_a_plural_form_the_text_makes_a_family_once_is_a_family_wherever_it_stands_untitled():
    text = ("Ada Lorne dined with the Thorleys. These Thorleys were rich, and Thorleys never walk. Mr. Pryce and "
            "Sarah Williams came; the Williams boy stayed, and Williams laughed.")
    spans = [("Ada Lorne", None), ("Thorleys", None), ("Thorleys", None), ("Thorleys", None), ("Pryce", "Mr."),
             ("Sarah Williams", None), ("Williams", None), ("Williams", None)]
    entities = build_entities(_mentions(text, spans), text)
    assert sorted((e.type, e.name, len(e.mentions)) for e in entities) == [
        ("GROUP", "Thorleys", 3), ("PERSON", "Ada Lorne", 1), ("PERSON", "Mr. Pryce", 1),
        ("PERSON", "Sarah Williams", 3)]
