"""The corpus store, the same suite on SQLite and on a real PostgreSQL (started here on a private port, removed
afterwards): documents stored once and incrementally, full-text search with snippets (names in any script),
date ranges (BC included), places near a point and in a box, a person's merged timeline with its conflicts,
corrections kept with who and when and applied again after a re-analysis, and the export."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from postgres import binaries, server
from sqlalchemy import create_engine, text

from chronologue.corpus import queries
from chronologue.corpus import tables as t
from chronologue.corpus.conflicts import Dated, conflicts
from chronologue.corpus.corrections import Fix
from chronologue.corpus.dates import bound, day_of
from chronologue.corpus.dump import export_store
from chronologue.corpus.fill import fill_store
from chronologue.corpus.model import Corpus
from chronologue.corpus.store import open_store
from chronologue.errors import ChronologueError
from chronologue.rules import load

DATA = Path(__file__).parent / "data"
ROMAN = "Julius Caesar was killed in Rome in 44 BC. Brutus fled to Athens in 43 BC.\n"
_numbers = itertools.count()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request, tmp_path_factory):
    """A function that gives a new empty database of this backend each time it is called."""
    if request.param == "sqlite":
        root = tmp_path_factory.mktemp("sqlite")
        yield lambda: str(root / f"store{next(_numbers)}.db")
        return
    if binaries() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with server() as url:
        admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")

        def fresh() -> str:
            name = f"store{next(_numbers)}"
            with admin.connect() as connection:
                connection.execute(text(f"CREATE DATABASE {name}"))
            return url.rsplit("/", 1)[0] + "/" + name

        yield fresh
        admin.dispose()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(DATA / "corpus", root / "corpus")
    (root / "corpus" / "rome.txt").write_text(ROMAN, encoding="utf-8")
    return root / "corpus"


@pytest.fixture(scope="module")
def filled(backend, inputs):
    store = open_store(backend())
    result = fill_store([inputs], store)
    return store, result


def key(inputs: Path, name: str) -> str:
    return str((inputs / name).resolve())


def test_every_document_is_stored_once_with_its_rows(filled, inputs):
    store, result = filled
    assert (result.analysed, result.unchanged, result.failed) == (4, 0, [])
    assert sorted(Path(p).name for p in store.known()) == [
        "lavrenko-file.txt", "orloff-letters.md", "orlow-notebooks.txt", "rome.txt"]
    with store.session() as session:
        letters = session.query(t.Document).filter_by(path=key(inputs, "orloff-letters.md")).one()
        assert letters.title == "Letters from the river" and letters.format == "markdown"
        names = {e.name for e in session.query(t.Entity).filter_by(document_id=letters.id)}
        assert {"Ivan Orloff", "Vera Orloff", "Kaunas", "Moscow"} <= names
        assert session.query(t.Mention).count() == sum(len(e.mention_rows) for e in session.query(t.Entity))
    assert result.identities == {"people": 7, "places": 16, "others": 2}


def test_a_rerun_analyses_only_what_changed(filled, backend, inputs, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(inputs, copy)
    store = open_store(backend())
    fill_store([copy], store)
    again = fill_store([copy], store)
    assert (again.analysed, again.unchanged) == (0, 4)
    (copy / "rome.txt").write_text(ROMAN + "Cassius died at Philippi in 42 BC.\n", encoding="utf-8")
    changed = fill_store([copy], store)
    assert (changed.analysed, changed.unchanged) == (1, 3)
    assert store.count(t.Document) == 4


def test_full_text_finds_words_and_names_in_any_script(filled):
    store, _ = filled
    ferry = queries.search(store, "ferry")
    assert ferry.total == 3
    assert {h.title for h in ferry.items} == {"Letters from the river", "The notebooks of the ferryman"}
    assert all(f"{queries.OPEN}ferry{queries.CLOSE}" in h.snippet for h in ferry.items)
    for spelling in ("Орлов", "Orlov", "Orłow"):
        found = queries.search(store, spelling, kinds=["name"])
        plain = [h.snippet.replace(queries.OPEN, "").replace(queries.CLOSE, "") for h in found.items]
        assert len(plain) == 4, spelling
        for name in ("Ivan Orloff", "Iwan Orłow", "Michaił Orłow", "Vera Orloff"):
            assert any(name in snippet for snippet in plain), (spelling, name)
    assert queries.search(store, 'x" OR NEAR(').total == 0, "no query syntax reaches the database"


WITHIN = {"airfield.txt": "Erika Schulz was born in Tempelhof in 1921. In 1948 she worked at the airfield there.\n",
          "gardens.txt": "Karl Brandt was born in Potsdam in 1919 and worked in the palace gardens.\n",
          "ferry.txt": "Otto Lange lived in Kaunas in 1930 and crossed the river by ferry.\n"}


def test_a_place_finds_the_places_inside_it(backend, tmp_path):
    for name, body in WITHIN.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    store = open_store(backend())
    fill_store([tmp_path], store)

    def found(q: str, within: bool = True) -> list[str]:
        return sorted({Path(h.path).name for h in queries.search(store, q, within=within).items})

    # Tempelhof lies 6 km from Berlin's centre, within its 19 km extent; Potsdam, 26 km off, in another state
    assert found("Berlin") == ["airfield.txt"] and found("Berlin", within=False) == []
    berlin = queries.search(store, "Berlin").items
    assert any(f"{queries.OPEN}Tempelhof{queries.CLOSE}" in h.snippet for h in berlin)
    assert found("Germany") == ["airfield.txt", "gardens.txt"]
    assert found("Soviet Union") == found("Lithuania") == ["ferry.txt"]  # a historical state: its countries
    assert found("Berlin airfield") == ["airfield.txt"] and found("Berlin ferry") == []
    assert found("Tempelhof") == ["airfield.txt"] and found("Potsdam") == ["gardens.txt"]  # nothing inside


def test_date_ranges_bc_included(filled):
    store, _ = filled
    rome = queries.search(store, "", "44 BC", "44 BC")
    assert [(h.kind, h.snippet, h.earliest, h.latest) for h in rome.items] == [
        ("timex", "44 BC", "-0043-01-01", "-0043-12-31"), ("event", ROMAN.split(". ")[0] + ".",
                                                            "-0043-01-01", "-0043-12-31")][: rome.total]
    assert rome.total >= 1
    assert queries.search(store, "", "-0043", "-0042").total > rome.total
    born = queries.search(store, "", "1903", "1903")
    assert {(h.kind, h.snippet) for h in born.items} == {("timex", "1903"),
                                                         ("event", "Orłow was born in 1903 in Ozyory.")}
    assert queries.search(store, "ferry", "1950", "1960").total == 0
    assert {h.title for h in queries.search(store, "ferry", "1941", "1942").items} == {
        "Letters from the river", "The notebooks of the ferryman"}
    in_1950 = [h.snippet for h in queries.search(store, "Kaunas", "1950", "1950", kinds=["text"]).items]
    assert any(f"{queries.OPEN}Kaunas{queries.CLOSE} until 1950" in snippet for snippet in in_1950)
    with pytest.raises(ChronologueError, match="not a date"):
        queries.search(store, "", "yesterday")


def test_places_near_a_point_and_in_a_box(filled):
    store, _ = filled
    found = queries.places(store, near=(54.90, 23.90, 200))
    distances = [queries.distance_km(54.90, 23.90, p.lat, p.lon) for p in found]
    assert distances == sorted(distances) and distances[-1] <= 200
    assert {"Kaunas", "Grodno"} <= {p.name for p in found} and "Moscow" not in {p.name for p in found}
    box = {p.name for p in queries.places(store, bbox=(53.0, 22.0, 56.0, 26.0))}
    assert {"Kaunas", "Grodno", "Lida"} <= box and "Rome" not in box and "Moscow" not in box


def test_a_persons_timeline_across_documents_with_conflicts(filled):
    store, _ = filled
    orlov = queries.identities(store, "PERSON", "orloff").items
    ivan = next(p for p in orlov if "Ivan Orloff" in [p.name, *p.aliases])
    identity, members = queries.identity(store, ivan.id)
    assert sorted(Path(d.path).name for _, d in members) == ["orloff-letters.md", "orlow-notebooks.txt"]
    assert identity.confidence == 1.0 and len(identity.evidence) == 2
    merged = queries.timeline(store, ivan.id)
    assert [e.predicate for e in merged.events][:2] == ["born", "write"]
    assert [(c.kind, c.message.split(" (")[0]) for c in merged.conflicts] == [
        ("after_death", "move 1998-01-01 – 1998-12-31")]


def test_people_are_paginated_and_filtered_by_type(filled):
    store, _ = filled
    first, second = queries.identities(store, "PERSON", limit=3), queries.identities(store, "PERSON", limit=3,
                                                                                      offset=3)
    assert first.total == second.total == 7 and len(first.items) == 3
    assert not {p.id for p in first.items} & {p.id for p in second.items}
    assert all(p.type == "PLACE" for p in queries.identities(store, "PLACE").items)


def test_corrections_are_kept_applied_and_survive_a_reanalysis(backend, inputs, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(inputs, copy)
    store = open_store(backend())
    fill_store([copy], store)
    letters, notebooks = key(copy, "orloff-letters.md"), key(copy, "orlow-notebooks.txt")

    def holder(name: str, path: str) -> str:
        return next(m.identity_id for m, d in _members(store) if m.name == name and d.path == path)

    assert holder("Vera Orloff", letters) != holder("Michaił Orłow", notebooks)
    merge = store.correct(Fix("merge", {"path": letters, "name": "Vera Orloff"},
                              {"path": notebooks, "name": "Michaił Orłow"}, author="curator"))
    assert merge.author == "curator" and merge.created_at
    assert holder("Vera Orloff", letters) == holder("Michaił Orłow", notebooks)
    store.correct(Fix("type", {"path": letters, "name": "Neman"}, value={"type": "MISC"}, author="curator"))
    store.correct(Fix("pin", {"path": letters, "name": "Kaunas"}, value={"lat": 54.9, "lon": 23.95},
                      author="curator"))
    store.correct(Fix("split", {"path": letters, "name": "Ivan Orloff"}, author="curator"))
    (copy / "orloff-letters.md").write_text((copy / "orloff-letters.md").read_text() + "\nThe end.\n")
    assert fill_store([copy], store).analysed == 1, "the letters are analysed again"
    assert holder("Vera Orloff", letters) == holder("Michaił Orłow", notebooks)
    assert holder("Ivan Orloff", letters) != holder("Iwan Siergiejewicz Orłow", notebooks)
    with store.session() as session:
        neman = session.query(t.Entity).join(t.Document).filter(t.Document.path == letters,
                                                                 t.Entity.name == "Neman").one()
        assert neman.type == "MISC"
        kaunas = session.get(t.Identity, holder("Kaunas", letters))
        assert (kaunas.lat, kaunas.lon) == (54.9, 23.95)
    event = next(e for e in store.story(store.known()[letters].id)[1].events)
    store.correct(Fix("reject", {"path": letters, "kind": "event", "id": event.id}, author="curator"))
    assert event.id not in [e.id for e in store.story(store.known()[letters].id)[1].events]
    assert [f.kind for f in store.corrections()] == ["merge", "type", "pin", "split", "reject"]


def test_a_correction_that_cannot_apply_is_refused(filled):
    store, _ = filled
    for fix, problem in [(Fix("merge", {"path": "a", "name": "b"}, author="x"), "other member"),
                         (Fix("pin", {"path": "a", "name": "b"}, value={"lat": 91, "lon": 0}, author="x"), "lat"),
                         (Fix("type", {"path": "a", "name": "b"}, value={"type": "DOG"}, author="x"), "type"),
                         (Fix("merge", {"path": "a", "name": "b"}, {"path": "a", "name": "c"}), "who made it"),
                         (Fix("glue", {"path": "a"}, author="x"), "unknown kind")]:
        with pytest.raises(ChronologueError, match=problem):
            store.correct(fix)
    assert store.corrections() == []


def test_export_writes_the_corpus_directory(filled, tmp_path):
    store, _ = filled
    corpus = export_store(store, tmp_path / "out")
    on_disk = Corpus.model_validate_json((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    assert on_disk == corpus and len(corpus.documents) == 4 and len(corpus.people) == 7
    for document in corpus.documents:
        story = json.loads((tmp_path / "out" / document.story).read_text(encoding="utf-8"))
        assert story["source"]["sha256"] == document.sha256
    assert json.loads((tmp_path / "out" / "corrections.json").read_text(encoding="utf-8")) == []


def _members(store):
    with store.session() as session:
        return session.query(t.IdentityMember, t.Document).join(t.Document).all()


@pytest.mark.parametrize("example", load("timeline_conflicts")["example"])
def test_conflict_rules_examples(example):
    events = [Dated(key=f"e{i}", predicate=p, earliest=a, latest=b, place=place or None, document=d)
              for i, (p, a, b, place, d) in enumerate(example["events"])]
    assert sorted({c.kind for c in conflicts(events)}) == example["expect"]


def test_dates_of_the_store():
    assert day_of("-0043-03-15") < day_of("-0043-12-31") < day_of("-0042-01-01") < day_of("0001-01-01")
    assert bound("44 BC", last=False) == day_of("-0043-01-01")
    assert bound("1943-06", last=True) == day_of("1943-06-30")
    assert day_of("1943-02-30") is None
