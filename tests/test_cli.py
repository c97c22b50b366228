"""The CLI: outputs per input, exit codes, atomic writes, clear one-line errors, the schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
STORY = "Captain Jan Nowak served near Lida in 1941.\n\nIn the spring of 1942 he was arrested.\n"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chronologue", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def inputs(tmp_path):
    a = tmp_path / "in" / "a.txt"
    a.parent.mkdir()
    a.write_text(STORY, encoding="utf-8")
    b = tmp_path / "in" / "b.html"
    b.write_text((DATA / "article.html").read_text(encoding="utf-8"), encoding="utf-8")
    return a, b


def test_several_inputs_go_to_dir_by_stem(inputs, tmp_path):
    out = tmp_path / "out"
    result = run("analyze", *map(str, inputs), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    story = json.loads((out / "b.json").read_text(encoding="utf-8"))
    assert story["schema"] == "chronologue.story/1"
    assert story["source"]["format"] == "html"
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["text"] == STORY


def test_analyze_imports_only_what_it_uses(inputs, tmp_path):
    """A cold ``chronologue analyze`` pays for no web app, store, XML library or other output format."""
    script = ("import sys; from chronologue.cli import main; sys.argv = ['chronologue', *sys.argv[1:]]\n"
              "try:\n    main()\nfinally:\n    print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", script, "analyze", str(inputs[0]), "-o", str(tmp_path / "a.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stderr.split())
    assert "chronologue.annotators.quotes.stage" in loaded and "chronologue.export.json_story" in loaded
    unused = {"fastapi", "sqlalchemy", "alembic", "lxml", "dask", "distributed", "bibtexparser", "chronologue.web",
              "chronologue.corpus.store", "chronologue.export.html_report", "chronologue.export.tei",
              "chronologue.export.report"}
    assert not unused & loaded


def test_written_story_round_trips_through_the_model(inputs):
    from chronologue.model.story import Story

    data = json.loads(run("analyze", str(inputs[1])).stdout)
    assert Story.model_validate(data).model_dump(mode="json") == data


def test_schema_is_printed():
    schema = json.loads(run("schema").stdout)
    assert schema["$id"] == "chronologue.story/1"
    assert {"text", "entities", "timexes", "quotes", "claims", "figures", "citations", "events", "findings"} <= set(
        schema["properties"]
    )


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("latin1.txt", "Zamo\u015b\u0107 w czasie wojny".encode("cp1250"), "not UTF-8"),
        ("missing.txt", None, "no such file"),
    ],
)
def test_bad_input_one_line_error_no_output(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out.json"
    result = run("analyze", str(path), "-o", str(out))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and problem in lines[0]
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_one_bad_document_does_not_stop_the_others(inputs, tmp_path):
    bad = tmp_path / "in" / "c.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out"
    result = run("analyze", str(inputs[0]), str(bad), "-o", str(out))
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]


def test_usage_errors_exit_2(inputs):
    assert run("analyze", str(inputs[0]), "--format", "pdf").returncode == 2
    assert run("analyze", *map(str, inputs)).returncode == 2
    assert run("analyze", str(inputs[0]), "--dct", "yesterday").returncode == 2


def test_example_job_writes_story_and_report(tmp_path):
    result = run("example", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    story = json.loads((tmp_path / "out" / "ferryman.json").read_text(encoding="utf-8"))
    assert story["structure"]["title"].startswith("The ferryman's winter")
    assert (tmp_path / "out" / "ferryman.html").stat().st_size > 1000
    assert not [p for p in os.listdir(tmp_path / "out") if p.endswith(".tmp")]


def test_a_crashing_stage_fails_only_its_document(inputs, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from chronologue import cli
    from chronologue.pipeline import builtin
    from chronologue.pipeline.registry import Annotator

    def explode(story, ctx):
        if story.source.format == "html":
            raise RuntimeError("boom")

    registry = builtin.builtin_registry().add(Annotator("explode", explode))
    monkeypatch.setattr(builtin, "_default", registry)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli.app, ["analyze", *map(str, inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert "b.html: analysis failed (RuntimeError: boom)" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]


def test_analyze_run_again_in_one_process_leaves_the_collector_alone(tmp_path, monkeypatch):
    """The cold start's collector pause (cli._collector_paused) freezes only what a first analyze loads: once the
    model is loaded, another analyze in the same process pauses and freezes nothing."""
    import gc

    from typer.testing import CliRunner

    from chronologue import nlp
    from chronologue.cli import app

    (tmp_path / "a.txt").write_text("Anna Roe was born in Lviv in 1921.\n", encoding="utf-8")
    nlp.load()
    calls: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
    ran = CliRunner().invoke(app, ["analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "a.json")])
    assert ran.exit_code == 0, ran.output
    assert gc.isenabled() and calls == []
