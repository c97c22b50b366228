"""``chronologue timeline``: a person's events as a table in the terminal, and clear errors."""

from __future__ import annotations

from typer.testing import CliRunner

from chronologue.cli import app

STORY = (
    "Captain Ivan Sorokin served near Lviv in 1939.\n\n"
    "In 1937 he was imprisoned in Kharkiv.\n\n"
    "In the spring of 1942 Sorokin escaped from the camp. Sorokin emigrated to Canada in 1949.\n"
)


def test_timeline_prints_the_protagonists_events_in_time_order(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["timeline", str(path)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Timeline of" in result.output and "Sorokin" in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("│")]
    predicates = [row.split("│")[5].strip() for row in rows]
    assert predicates == ["imprison", "serve", "escape", "emigrate"]


def test_timeline_of_an_unknown_person_names_the_persons_found(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["timeline", str(path), "--person", "Nobody"])
    assert result.exit_code == 2
    assert "no person called 'Nobody'" in result.output and "Sorokin" in result.output
