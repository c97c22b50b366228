"""The prebuilt tables (chronologue.lib.prebuilt) give exactly what their sources give, and are never used stale."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from chronologue.data import DATA_DIR
from chronologue.lib import language, prebuilt
from chronologue.lib.gazetteer import areas, index
from chronologue.lib.identity import given_names
from chronologue.lib.regex_starts import Continuations, parse
from chronologue.lib.timex import patterns, tagger
from chronologue.rules import loader

TEXTS = {
    "en": "On 3 May 1945 Major Ivan Petrov of the 2nd Army reached Berlin after four years of war.",
    "de": "Am 3. Mai 1945 erreichte Major Iwan Petrow von der 2. Armee nach vier Jahren Krieg Berlin.",
    "fr": "Le 3 mai 1945, le commandant Ivan Petrov de la 2e armée atteignit Berlin après quatre ans de guerre.",
    "ru": "3 мая 1945 года майор Иван Петров из 2-й армии после четырёх лет войны дошёл до Берлина.",
}


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """An empty table directory in force, and no table read before it."""
    monkeypatch.setenv(prebuilt.PREBUILT_ENV, str(tmp_path))
    language._identifier.cache_clear()
    loader._prebuilt.cache_clear()
    areas.areas.cache_clear()
    _forget_given_names()
    yield tmp_path
    language._identifier.cache_clear()
    loader._prebuilt.cache_clear()
    areas.areas.cache_clear()
    _forget_given_names()


def _forget_given_names() -> None:
    for function in (given_names._tables, given_names._index, given_names._spelled_genders):
        function.cache_clear()


def test_the_language_model_prebuilt_classifies_as_the_packaged_one(scratch):
    packaged = language._identifier()
    assert prebuilt.find("langid", [language._model_file()], language.LAYOUT) is None
    language.prebuild()
    language._identifier.cache_clear()
    mapped = language._identifier()
    assert isinstance(mapped.tk_nextmove, memoryview)  # the prebuilt table, not the packaged model again
    for code, text in TEXTS.items():
        assert mapped.classify(text) == packaged.classify(text)
        assert mapped.classify(text)[0] == code


def test_the_gazetteer_prebuilt_finds_the_same_places(scratch):
    shipped = index.read_index()
    index.prebuild()
    mapped = index.read_index()
    assert isinstance(mapped.t.postings, memoryview)
    assert mapped.header == shipped.header and mapped.size == shipped.size
    for key in ("brest", "moscow", "berlin", "new york", "kyiv", "no such place at all"):
        assert mapped.postings(key) == shipped.postings(key)
        places = [i for i, _ in shipped.postings(key)]
        assert [mapped.place(i) for i in places] == [shipped.place(i) for i in places]
    assert mapped.keys_with_prefix("bres") == shipped.keys_with_prefix("bres")
    assert [mapped.place(i) for i in (0, mapped.size // 2)] == [shipped.place(i) for i in (0, mapped.size // 2)]


def test_the_areas_prebuilt_holds_the_table_as_read(scratch):
    read = areas.areas()
    assert prebuilt.find("areas", areas._prebuilt_sources(), areas.PREBUILT_LAYOUT) is None
    areas.prebuild()
    assert prebuilt.find("areas", areas._prebuilt_sources(), areas.PREBUILT_LAYOUT) is not None
    loaded = areas.areas()
    assert loaded is not read and loaded == read
    assert loaded.region_point("texas", "US") == read.region_point("texas", "US") is not None
    assert loaded.country_points["RU"] == read.country_points["RU"]


def test_the_given_names_prebuilt_holds_the_sets_and_index_as_read(scratch):
    sources = given_names._prebuilt_sources()
    assert prebuilt.find("given_names", sources, given_names.PREBUILT_LAYOUT) is None
    read = given_names._tables()
    given_names.prebuild()
    assert prebuilt.find("given_names", sources, given_names.PREBUILT_LAYOUT) is not None
    _forget_given_names()
    loaded = given_names._tables()
    assert loaded is not read and loaded == read
    assert given_names.given_set_ids("Pyotr") == given_names.given_set_ids("Peter") != frozenset()
    assert given_names.given_gender("Zofia") == "female" and given_names.is_known_given("Józef")


def test_the_rules_prebuilt_holds_every_file_as_parsed(scratch):
    assert loader._prebuilt() == {}
    loader.prebuild()
    table = loader._prebuilt()
    assert sorted(table) == sorted(loader.SCHEMAS)
    for name in ("event_anchors", "gazetteer/rules", "licences"):
        data, source = loader._packaged_data(name)
        assert source is None  # read from the table
        assert data == tomllib.loads((DATA_DIR / f"{name}.toml").read_text(encoding="utf-8"))


def test_the_time_rules_plan_prebuilt_is_the_plan_the_rules_make(scratch, monkeypatch):
    monkeypatch.delenv("CHRONOLOGUE_EVENT_ANCHORS", raising=False)
    monkeypatch.delenv("CHRONOLOGUE_RULES", raising=False)
    assert patterns._packaged_plan() is None
    patterns.prebuild()
    plan = patterns._packaged_plan()
    made = patterns._plan(patterns.load_anchors())
    assert plan is not None and plan is not made
    assert plan.alternatives == made.alternatives and plan.sketches == made.sketches
    assert plan.rules == made.rules and plan.by_first == made.by_first and plan.any_first == made.any_first
    assert plan.negatives == made.negatives  # compiled regexes are equal when their flags and programs are
    triggers = tagger.trigger_words((), ("",))
    assert sorted(plan.programs) == sorted([*made.alternatives, tagger.trigger_pattern(triggers)])
    assert not made.programs
    for alternative in made.alternatives:  # each rule's regex, from its program as re compiles it
        assert plan.programs[alternative].compile() == patterns._rule_regex(alternative)
    assert plan.programs[tagger.trigger_pattern(triggers)].compile() == tagger.trigger_regex(triggers)
    for word in ("the ", "last ", "early ", "1\ue000\ue000\ue000 ", "3rd ", "september,"):  # as Continuations says
        afters = [(i, Continuations(parse(plan.sketches[i])).after(word)) for i in plan.by_first[word[0]]]
        assert plan.starts[word] == tuple((i, after) for i, after in afters if after is None or after)
    monkeypatch.setenv("CHRONOLOGUE_EVENT_ANCHORS", str(scratch / "anchors.toml"))
    assert patterns._packaged_plan() is None  # a user's anchors are in force: the plan is made from them
    patterns.compiled.cache_clear()


def test_a_table_is_used_only_while_its_sources_and_layout_are_as_built(scratch):
    source = scratch / "source.txt"
    source.write_text("one", encoding="utf-8")
    built = prebuilt.build("demo", [source], 1, lambda folder: (folder / "data").write_text("1", encoding="utf-8"))
    assert prebuilt.find("demo", [source], 1) == built
    assert (built / "data").read_text(encoding="utf-8") == "1"
    assert prebuilt.find("demo", [source], 2) is None  # another layout of the files
    source.write_text("one more", encoding="utf-8")
    assert prebuilt.find("demo", [source], 1) is None  # the source changed since
    prebuilt.build("demo", [source], 1, lambda folder: (folder / "data").write_text("2", encoding="utf-8"))
    assert (prebuilt.find("demo", [source], 1) / "data").read_text(encoding="utf-8") == "2"


def test_a_build_that_fails_leaves_the_old_table(scratch):
    source = scratch / "source.txt"
    source.write_text("one", encoding="utf-8")
    prebuilt.build("demo", [source], 1, lambda folder: (folder / "data").write_text("1", encoding="utf-8"))

    def broken(folder: Path) -> None:
        (folder / "data").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        prebuilt.build("demo", [source], 1, broken)
    assert (prebuilt.find("demo", [source], 1) / "data").read_text(encoding="utf-8") == "1"
    assert sorted(p.name for p in scratch.iterdir()) == ["demo", "source.txt"]  # no scratch directory left


def test_a_regex_program_compiles_to_the_regex_re_makes_or_is_compiled_anew_for_another_engine():
    import re
    from dataclasses import replace

    from chronologue.lib.regex_programs import Program

    pattern = r"(?P<day>\d{1,2}) (?P<month>[a-z]+)(?:,? (?P<year>\d{4}))?(?![\w])"
    program = Program.of(pattern, re.IGNORECASE)
    regex = program.compile()
    assert regex == re.compile(pattern, re.IGNORECASE)  # equal: same pattern, flags and engine code
    assert regex.match("3 May 1945").groupdict() == {"day": "3", "month": "May", "year": "1945"}
    elsewhere = replace(program, engine=("another interpreter",), code=())
    assert elsewhere.compile() == re.compile(pattern, re.IGNORECASE)
