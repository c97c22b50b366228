"""Issue 17's command-line defects, each as a user met it: the format -o names, --version, flags, case, usage
errors, plurals and local paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronologue import __version__
from chronologue.export import FORMATS, exporter
from chronologue.outputs import UsageError, choose_format


def test_the_format_comes_from_the_extension_of_o(work, cli):
    ran = cli("analyze", "a.txt", "-o", "story.html")
    assert ran.exit_code == 0, ran.stderr
    assert (work / "story.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_format_the_extension_contradicts_is_a_usage_error(work, cli):
    ran = cli("analyze", "a.txt", "--format", "html", "-o", "story.json")
    assert ran.exit_code == 2
    assert ran.error_lines == [
        "error: --format html but -o story.json is named for json: name the file .html, or leave out --format"
    ]
    assert not (work / "story.json").exists()


def test_an_extension_no_format_has_is_a_usage_error_without_format(work, cli):
    ran = cli("analyze", "a.txt", "-o", "story.txt")
    assert ran.exit_code == 2 and "'.txt' is no output format's extension" in ran.stderr
    assert not (work / "story.txt").exists()
    assert cli("analyze", "a.txt", "--format", "json", "-o", "story.txt").exit_code == 0
    assert json.loads((work / "story.txt").read_text(encoding="utf-8"))["schema"] == "chronologue.story/1"


def test_several_inputs_and_a_file_like_o_is_a_usage_error_not_a_directory(work, cli):
    ran = cli("analyze", "a.txt", "b.html", "-o", "one.json")
    assert ran.exit_code == 2 and "2 inputs but -o one.json names a file" in ran.stderr
    assert not (work / "one.json").exists()


def test_a_trailing_slash_makes_o_a_directory_for_one_input(work, cli):
    assert cli("analyze", "a.txt", "-o", "out/").exit_code == 0
    assert [p.name for p in (work / "out").iterdir()] == ["a.json"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_is_accepted_in_any_case(fmt):
    assert choose_format(fmt.upper(), None, False) == fmt
    assert choose_format(fmt.title(), Path(f"out.{exporter(fmt).SUFFIX}"), False) == fmt


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_formats_extension_names_it_or_asks_which(fmt):
    suffix = exporter(fmt).SUFFIX
    sharing = [f for f in FORMATS if exporter(f).SUFFIX == suffix]
    path = Path(f"story.{suffix}")
    if len(sharing) == 1:
        assert choose_format(None, path, False) == fmt
    elif suffix in sharing:  # .json is json's, though another format writes JSON too
        assert choose_format(None, path, False) == suffix
    else:
        with pytest.raises(UsageError, match="say which with --format"):
            choose_format(None, path, False)


def test_format_in_capitals_writes_that_format(work, cli):
    ran = cli("analyze", "a.txt", "--format", "HTML", "-o", "x.html")
    assert ran.exit_code == 0, ran.stderr
    assert (work / "x.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_unknown_input_format_exits_2(work, cli):
    ran = cli("analyze", "a.txt", "--input-format", "docx")
    assert ran.exit_code == 2
    assert ran.error_lines == ["error: unknown input format 'docx': use text, html or markdown"]


def test_version(cli):
    ran = cli("--version")
    assert ran.exit_code == 0 and ran.stdout == f"chronologue {__version__}\n"


@pytest.mark.parametrize("command", ["analyze", "corpus", "schema", "serve", "timeline", "example"])
def test_help_shows_flags_as_flags(cli, command):
    ran = cli(command, "--help")
    assert ran.exit_code == 0
    assert "<bool>" not in ran.stdout


def test_reports_and_force_language_are_flags(cli):
    lines = cli("corpus", "build", "--help").stdout.splitlines()
    assert any(line.split()[:1] == ["--reports"] and line.split()[1] == "Also" for line in lines)
    lines = cli("analyze", "--help").stdout.splitlines()
    assert any(line.split()[:2] == ["--force-language", "Analyse"] for line in lines)


def test_plurals(work, cli):
    (work / "empty.txt").write_text("", encoding="utf-8")
    ran = cli("analyze", "a.txt", "empty.txt", "-o", "out/")
    assert ran.exit_code == 1
    assert ran.error_lines[-1] == "1 of 2 documents failed: empty.txt"
    corpus = cli("corpus", "empty.txt", "a.txt", "-o", "corpus")
    assert corpus.exit_code == 1
    assert corpus.error_lines[-1] == "1 document failed: empty.txt"
    assert ": 1 document (1 analysed" in corpus.stderr


def test_outputs_name_inputs_by_relative_paths(work, cli, tmp_path_factory):
    inside = work / "in" / "a.txt"
    inside.parent.mkdir()
    inside.write_text((work / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("analyze", str(inside), "-o", "in.json").exit_code == 0
    assert json.loads((work / "in.json").read_text(encoding="utf-8"))["source"]["path"] == "in/a.txt"
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "far.txt"
    elsewhere.write_text((work / "a.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("analyze", str(elsewhere), "-o", "far.html").exit_code == 0
    report = (work / "far.html").read_text(encoding="utf-8")
    assert str(elsewhere.parent) not in report and "far.txt" in report


def test_example_names_its_document_without_a_local_path(work, cli):
    assert cli("example", "-o", "ex").exit_code == 0
    story = json.loads((work / "ex" / "ferryman.json").read_text(encoding="utf-8"))
    assert story["source"]["path"] == "ferryman.md"
    assert sorted(p.name for p in (work / "ex").iterdir()) == sorted(
        f"ferryman.{exporter(f).SUFFIX}" for f in FORMATS
    )
