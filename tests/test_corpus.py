"""The corpus: documents found and analysed, stories reused when unchanged, failures reported, and people,
places and organisations resolved across documents (spellings and scripts merge, different given names never)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronologue.cli import app
from chronologue.corpus import CORPUS_SCHEMA_ID, Corpus, build_corpus
from chronologue.corpus import build as build_module
from chronologue.corpus.build import discover, story_names
from chronologue.corpus.resolve import resolve
from chronologue.model.story import Entity, Event, Geo, Source, Span, Story, Timeline

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"
EXAMPLE = Path(__file__).parents[1] / "src" / "chronologue" / "data" / "examples" / "ferryman.md"
GENERAL = DATA / "genre" / "general.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "out"
    result = build_corpus([CORPUS, EXAMPLE, GENERAL], out)
    return out, result


def person(corpus: Corpus, name: str):
    return next(p for p in corpus.people if p.name == name)


def test_documents_are_found_analysed_and_described(built):
    out, result = built
    corpus = result.corpus
    assert (result.analysed, result.reused, result.failed) == (5, 0, [])
    assert [Path(d.path).name for d in corpus.documents] == [
        "ferryman.md", "lavrenko-file.txt", "orloff-letters.md", "orlow-notebooks.txt", "general.txt"]
    assert [d.id for d in corpus.documents] == ["d1", "d2", "d3", "d4", "d5"]
    notebooks = corpus.documents[3]
    assert notebooks.title == "The notebooks of the ferryman"
    assert notebooks.sha256 == hashlib.sha256((CORPUS / "orlow-notebooks.txt").read_bytes()).hexdigest()
    assert notebooks.story == "stories/orlow-notebooks.json" and notebooks.report is None
    assert notebooks.counts["people"] == 2
    story = json.loads((out / notebooks.story).read_text(encoding="utf-8"))
    assert story["schema"] == "chronologue.story/1" and story["source"]["sha256"] == notebooks.sha256
    on_disk = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert on_disk["schema"] == CORPUS_SCHEMA_ID
    assert Corpus.model_validate(on_disk) == corpus


def test_one_person_across_spellings_and_scripts(built):
    corpus = built[1].corpus
    orlov = person(corpus, "Ivan Sergeyevich Orlov")
    assert [(m.document, m.name) for m in orlov.members] == [
        ("d1", "Ivan Sergeyevich Orlov"), ("d3", "Ivan Orloff"), ("d4", "Iwan Siergiejewicz Orłow")]
    assert "Иван Сергеевич Орлов" in orlov.aliases and "Iwan Orłow" in orlov.aliases
    assert orlov.documents == 3 and orlov.mentions == sum(m.mentions for m in orlov.members)
    lavrenko = person(corpus, "Anatoly Petrovich Lavrenko")
    assert [(m.document, m.name) for m in lavrenko.members] == [("d2", "Anatolij Ławrenko"),
                                                                ("d5", "Anatoly Petrovich Lavrenko")]
    assert [m.name for m in person(corpus, "Yuri Lavrenko").members] == ["Jurij Ławrenko", "Yuri Lavrenko"]


def test_different_given_names_stay_apart(built):
    corpus = built[1].corpus
    assert [m.name for m in person(corpus, "Mikhail Orlov").members] == ["Mikhail Orlov", "Michaił Orłow"]
    assert [m.name for m in person(corpus, "Vera Orloff").members] == ["Vera Orloff"]
    assert [m.name for m in person(corpus, "Pyotr Lavrenko").members] == ["Pyotr Lavrenko"]
    assert len(corpus.people) == 8


def test_places_merge_by_gazetteer_id_and_others_by_name(built):
    corpus = built[1].corpus
    kaunas = next(p for p in corpus.places if p.name == "Kaunas")
    assert [m.document for m in kaunas.members] == ["d1", "d3", "d4"]
    assert kaunas.geo.source_id == "geonames:598316"
    gestapo = next(o for o in corpus.others if o.name == "Gestapo")
    assert (gestapo.type, [m.document for m in gestapo.members]) == ("ORG", ["d1", "d4"])


def test_merged_timeline_is_sorted_by_bounds(built):
    corpus = built[1].corpus
    timeline = corpus.timeline(person(corpus, "Ivan Sergeyevich Orlov").id)
    first = timeline.events[0]
    assert (first.document, first.predicate, first.earliest, first.latest, first.place) == (
        "d4", "born", "1903-01-01", "1903-12-31", "Ozyory")
    assert {e.document for e in timeline.events} == {"d1", "d3", "d4"}
    dated = [(e.earliest, e.latest) for e in timeline.events if e.earliest]
    assert dated == sorted(dated)
    kaunas = next(p for p in corpus.places if p.name == "Kaunas")
    assert [(e.document, e.predicate) for e in timeline.events if e.place_id == kaunas.id] == [("d1", "move"),
                                                                                              ("d4", "move")]
    summer = next(e for e in timeline.events if e.document == "d3")
    assert summer.sentence.startswith("In the summer of 1942 Ivan Orloff wrote to his sister")


def copy_inputs(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    shutil.copytree(CORPUS, inputs)
    return inputs


def test_unchanged_documents_are_reused(tmp_path):
    inputs, out = copy_inputs(tmp_path), tmp_path / "out"
    first = build_corpus([inputs], out)
    assert (first.analysed, first.reused) == (3, 0)
    stamp = (out / "stories" / "orloff-letters.json").stat().st_mtime_ns
    again = build_corpus([inputs], out)
    assert (again.analysed, again.reused) == (0, 3)
    assert again.corpus == first.corpus
    assert (out / "stories" / "orloff-letters.json").stat().st_mtime_ns == stamp
    letters = inputs / "orloff-letters.md"
    letters.write_text(letters.read_text(encoding="utf-8").replace("2015", "2016"), encoding="utf-8")
    changed = build_corpus([inputs], out)
    assert (changed.analysed, changed.reused) == (1, 2)
    assert changed.corpus.documents[1].sha256 == hashlib.sha256(letters.read_bytes()).hexdigest()


def test_a_new_version_or_other_options_analyse_again(tmp_path, monkeypatch):
    inputs, out = copy_inputs(tmp_path), tmp_path / "out"
    build_corpus([inputs], out)
    assert build_corpus([inputs], out, dct="1990-01-01").analysed == 3
    monkeypatch.setattr(build_module, "__version__", "99.0")
    rebuilt = build_corpus([inputs], out, dct="1990-01-01")
    assert rebuilt.analysed == 3
    assert (rebuilt.corpus.chronologue, rebuilt.corpus.documents[0].chronologue) == ("99.0", "99.0")


def test_reports_are_written_with_the_flag(tmp_path):
    inputs, out = copy_inputs(tmp_path), tmp_path / "out"
    build_corpus([inputs], out)
    result = build_corpus([inputs], out, reports=True)  # reused stories still get their report
    assert result.reused == 3
    assert [d.report for d in result.corpus.documents] == [
        "stories/lavrenko-file.html", "stories/orloff-letters.html", "stories/orlow-notebooks.html"]
    assert (out / "stories" / "orlow-notebooks.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    notebooks = inputs / "orlow-notebooks.txt"
    notebooks.write_text(notebooks.read_text(encoding="utf-8") + "\nHe was buried in Kaunas.\n", encoding="utf-8")
    changed = build_corpus([inputs], out)  # analysed again without reports: its old report goes
    assert [d.report for d in changed.corpus.documents] == [
        "stories/lavrenko-file.html", "stories/orloff-letters.html", None]
    assert not (out / "stories" / "orlow-notebooks.html").exists()


def test_a_failing_document_is_reported_and_the_rest_complete(tmp_path):
    inputs, out = copy_inputs(tmp_path), tmp_path / "out"
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "notes.csv").write_text("not a document\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["corpus", str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert f"error: {inputs / 'empty.txt'}: is empty (give a document" in result.output.replace("\n", "")
    corpus = Corpus.model_validate_json((out / "corpus.json").read_text(encoding="utf-8"))
    assert len(corpus.documents) == 3
    assert [(f.path, f.problem) for f in corpus.failures] == [
        (str(inputs / "empty.txt"), "is empty (give a document with text in it)")]
    assert sorted(p.name for p in (out / "stories").iterdir()) == [
        "lavrenko-file.json", "orloff-letters.json", "orlow-notebooks.json"]
    assert not [p for p in out.rglob("*.tmp")], "no half-written file is left"


def test_discovery_skips_the_output_directory_and_names_clashing_stems(tmp_path):
    inputs = copy_inputs(tmp_path)
    (inputs / "more").mkdir()
    (inputs / "more" / "lavrenko-file.txt").write_text("Anatoly Lavrenko was born in Gomel.", encoding="utf-8")
    (inputs / "out" / "stories").mkdir(parents=True)
    (inputs / "out" / "stories" / "a.html").write_text("<p>a report</p>", encoding="utf-8")
    paths, failures = discover([inputs, tmp_path / "missing"], exclude=inputs / "out")
    assert [p.relative_to(inputs).as_posix() for p in paths] == [
        "lavrenko-file.txt", "more/lavrenko-file.txt", "orloff-letters.md", "orlow-notebooks.txt"]
    assert [(f.path, f.problem) for f in failures] == [(str(tmp_path / "missing"), "no such file or directory")]
    names = story_names(paths)
    assert names[2:] == ["orloff-letters", "orlow-notebooks"]
    assert names[0] != names[1] and names[0].startswith("lavrenko-file-") and names[1].startswith("lavrenko-file-")


def test_cli_corpus_and_schema(tmp_path):
    runner = CliRunner()
    schema = runner.invoke(app, ["schema", "--corpus"])
    assert schema.exit_code == 0 and json.loads(schema.output)["$id"] == "chronologue.corpus/1"
    assert json.loads(runner.invoke(app, ["schema"]).output)["$id"] == "chronologue.story/1"
    bad = runner.invoke(app, ["corpus", str(CORPUS), "-o", str(tmp_path / "o"), "--scheduler", "yarn"])
    assert bad.exit_code == 2 and "unknown scheduler 'yarn'" in bad.output
    bad = runner.invoke(app, ["corpus", str(CORPUS), "-o", str(tmp_path / "o"), "--input-format", "rtf"])
    assert bad.exit_code == 2 and "unknown input format 'rtf'" in bad.output
    assert not (tmp_path / "o").exists()


# Resolution on stories written by hand: the rules, without the pipeline.

def story(*entities: Entity, events: list[Event] | None = None, timelines: list[Timeline] | None = None) -> Story:
    return Story(source=Source(sha256="0" * 64), text="x" * 100, entities=list(entities), events=events or [],
                 timelines=timelines or [])


def who(entity_id: str, name: str, *aliases: str, kind: str = "PERSON", geo: Geo | None = None) -> Entity:
    return Entity(id=entity_id, type=kind, name=name, aliases=list(aliases), mentions=[Span(start=0, end=1)],
                  geo=geo)


def names(groups) -> list[list[tuple[str, str]]]:
    return [[(m.document, m.name) for m in g.members] for g in groups]


def test_a_surname_alone_joins_only_an_unambiguous_person():
    people, *_ = resolve([
        ("d1", story(who("e1", "Ivan Orlov"), who("e2", "Mikhail Orlov"))),
        ("d2", story(who("e1", "Orlov"))),  # which Orlov? neither
        ("d3", story(who("e1", "Lavrenko"))),  # one Lavrenko in the corpus: him
        ("d4", story(who("e1", "Anatoly Lavrenko"), who("e2", "Stalin"))),
        ("d5", story(who("e1", "Stalin"), who("e2", "Zofia"))),
        ("d6", story(who("e1", "Zofia"))),  # a given name alone names nobody across documents
    ])
    assert sorted(names(people)) == sorted([
        [("d1", "Ivan Orlov")], [("d1", "Mikhail Orlov")], [("d2", "Orlov")],
        [("d4", "Anatoly Lavrenko"), ("d3", "Lavrenko")], [("d4", "Stalin"), ("d5", "Stalin")],
        [("d5", "Zofia")], [("d6", "Zofia")]])


def test_every_full_name_of_a_person_must_agree():
    people, *_ = resolve([
        ("d1", story(who("e1", "Pyotr Ivanov", "P. Ivanov"))),
        ("d2", story(who("e1", "Piotr Iwanow"))),
        ("d3", story(who("e1", "Pavel Ivanov"))),  # P. fits Pavel, Pyotr does not
        ("d4", story(who("e1", "Anna Ivanova"))),
    ])
    assert names(people) == [[("d1", "Pyotr Ivanov"), ("d2", "Piotr Iwanow")], [("d3", "Pavel Ivanov")],
                             [("d4", "Anna Ivanova")]]
    assert people[0].id == "p1" and people[0].aliases == ["P. Ivanov", "Piotr Iwanow"]


def test_places_by_gazetteer_id_then_name():
    lviv = Geo(lat=49.84, lon=24.02, source_id="geonames:702550")
    _, places, others, _ = resolve([
        ("d1", story(who("e1", "Lemberg", kind="PLACE", geo=lviv), who("e2", "the Red Army", kind="ORG"))),
        ("d2", story(who("e1", "Lviv", "Lwów", kind="PLACE", geo=lviv), who("e2", "Red Army", kind="ORG"))),
        ("d3", story(who("e1", "Lwów", kind="PLACE"), who("e2", "Red Army", kind="GROUP"))),  # no coordinates
        ("d4", story(who("e1", "Naliboki", kind="PLACE"))),
    ])
    assert names(places) == [[("d1", "Lemberg"), ("d2", "Lviv"), ("d3", "Lwów")], [("d4", "Naliboki")]]
    assert places[0].geo == lviv and (places[0].name, places[0].aliases) == ("Lemberg", ["Lviv", "Lwów"])
    assert [(o.type, [m.document for m in o.members]) for o in others] == [("ORG", ["d1", "d2"]), ("GROUP", ["d3"])]


def test_timeline_merges_by_bounds_with_undated_last():
    def event(event_id: str, earliest: str | None, latest: str | None) -> Event:
        return Event(id=event_id, predicate="move", trigger=Span(start=0, end=1), sentence=Span(start=0, end=5),
                     participants=[], earliest=earliest, latest=latest)

    a = story(who("e1", "Ivan Orlov"), events=[event("v1", "1943-01-01", "1943-12-31"), event("v2", None, None)],
              timelines=[Timeline(entity="e1", events=["v1", "v2"])])
    b = story(who("e3", "Iwan Orłow"), events=[event("v1", "1941-06-22", "1941-06-22"),
                                              event("v2", "1943-01-01", "1943-03-31")],
              timelines=[Timeline(entity="e3", events=["v1", "v2"])])
    _, _, _, timelines = resolve([("d1", a), ("d2", b)])
    assert [(e.document, e.event) for e in timelines[0].events] == [("d2", "v1"), ("d2", "v2"), ("d1", "v1"),
                                                                    ("d1", "v2")]
