"""Fixtures of the hardening suite: the command line run in this process, in a fresh working directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

STORY = "Captain Jan Nowak served near Lida in 1941.\n\nIn the spring of 1942 he was arrested and taken to Minsk.\n"
HTML = "<html><body><h1>Lida</h1><p>Jan Nowak served near Lida in 1941 with his regiment.</p></body></html>"


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """A working directory holding a.txt (English prose) and b.html."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    return tmp_path


@pytest.fixture
def cli():
    """``cli("analyze", "a.txt", ...)``: the command's exit code, stdout and stderr."""
    from typer.testing import CliRunner

    from chronologue.cli import app

    def invoke(*args: str) -> Ran:
        result = CliRunner().invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Ran(result.exit_code, result.stdout, result.stderr)

    return invoke
