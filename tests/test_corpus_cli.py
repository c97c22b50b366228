"""``chronologue corpus`` on the command line: a build into a store, its questions, a correction and the export,
and the usage errors (``corpus X -o X``, neither or both of -o and --store)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronologue.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(DATA / "corpus", root / "in")
    store = str(root / "corpus.db")
    result = runner.invoke(app, ["corpus", str(root / "in"), "--store", store])
    assert result.exit_code == 0, result.output
    return root, store, result.output


def test_build_into_a_store_and_again(built):
    root, store, output = built
    assert "3 analysed, 0 unchanged, 5 people" in output
    again = runner.invoke(app, ["corpus", "build", str(root / "in"), "--store", store])
    assert again.exit_code == 0 and "0 analysed, 3 unchanged" in again.output


def test_questions(built):
    _, store, _ = built
    found = runner.invoke(app, ["corpus", "search", "--store", store, "ferry", "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)["total"] == 3
    dated = runner.invoke(app, ["corpus", "search", "--store", store, "--from", "1903", "--to", "1903"])
    assert "Orłow was born in 1903 in Ozyory." in dated.stdout
    inside = runner.invoke(app, ["corpus", "search", "--store", store, "Lithuania", "--json"])  # no text names it
    kaunas = {Path(h["path"]).name for h in json.loads(inside.stdout)["hits"]}
    assert kaunas == {"orloff-letters.md", "orlow-notebooks.txt"}  # both name Kaunas
    alone = runner.invoke(app, ["corpus", "search", "--store", store, "Lithuania", "--no-within", "--json"])
    assert json.loads(alone.stdout)["total"] == 0
    bad = runner.invoke(app, ["corpus", "search", "--store", store, "--from", "soon"])
    assert bad.exit_code == 2 and "'soon' is not a date" in bad.output
    people = runner.invoke(app, ["corpus", "people", "--store", store])
    assert people.stdout.splitlines()[0] == "5 found"
    person = runner.invoke(app, ["corpus", "person", "--store", store, "p1"])
    assert "as Ivan Orloff in d" in person.stdout and "conflict (after_death)" in person.stdout
    places = runner.invoke(app, ["corpus", "places", "--store", store, "--near", "54.9,23.9,50"])
    assert "Kaunas" in places.stdout and "Moscow" not in places.stdout


def test_correct_and_export(built, tmp_path):
    root, store, _ = built
    letters = str((root / "in" / "orloff-letters.md").resolve())
    kept = runner.invoke(app, ["corpus", "correct", "--store", store, "type", "--path", letters, "--name", "Neman",
                               "--type", "MISC", "--author", "curator"])
    assert kept.exit_code == 0 and "correction 1" in kept.output
    refused = runner.invoke(app, ["corpus", "correct", "--store", store, "pin", "--path", letters, "--name", "Kaunas",
                                  "--lat", "99", "--lon", "0"])
    assert refused.exit_code == 2 and "lat in [-90, 90]" in refused.output
    listed = json.loads(runner.invoke(app, ["corpus", "corrections", "--store", store]).stdout)
    assert [(c["kind"], c["author"]) for c in listed] == [("type", "curator")]
    exported = runner.invoke(app, ["corpus", "export", "--store", store, "-o", str(tmp_path / "out")])
    assert exported.exit_code == 0
    corpus = json.loads((tmp_path / "out" / "corpus.json").read_text(encoding="utf-8"))
    assert len(corpus["documents"]) == 3 and len(corpus["people"]) == 5
    assert json.loads((tmp_path / "out" / "corrections.json").read_text(encoding="utf-8"))[0]["kind"] == "type"
    formats = runner.invoke(app, ["corpus", "export", "--store", store, "-o", str(tmp_path / "tei"), "-f", "TEI",
                                  "--format", "timelinejs"])
    assert formats.exit_code == 0, formats.output
    stories = sorted(p.name for p in (tmp_path / "tei" / "stories").iterdir())
    assert [name for name in stories if name.startswith("orloff-letters.")] == [
        "orloff-letters.json", "orloff-letters.tei.xml", "orloff-letters.timeline.json"]
    assert "<TEI" in (tmp_path / "tei" / "stories" / "orloff-letters.tei.xml").read_text(encoding="utf-8")
    unknown = runner.invoke(app, ["corpus", "export", "--store", store, "-o", str(tmp_path / "x"), "-f", "docx"])
    assert unknown.exit_code == 2 and "unknown format docx" in unknown.output


def test_usage_errors(tmp_path):
    shutil.copytree(DATA / "corpus", tmp_path / "in")
    same = runner.invoke(app, ["corpus", str(tmp_path / "in"), "-o", str(tmp_path / "in")])
    assert same.exit_code == 2 and "is the input" in same.output
    holder = runner.invoke(app, ["corpus", str(tmp_path / "in"), "-o", str(tmp_path)])
    assert holder.exit_code == 2 and "holds it" in holder.output
    neither = runner.invoke(app, ["corpus", str(tmp_path / "in")])
    assert neither.exit_code == 2 and "-o DIR or --store" in neither.output
    assert not any(tmp_path.glob("*.db"))
