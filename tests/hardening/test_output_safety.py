"""Output safety (issue 18): -o never overwrites an input, a link, a FIFO or a device, is refused before any work
when it cannot be written, and a disk that fails mid-write leaves one line and nothing partial."""

from __future__ import annotations

import errno
import os

import pytest


@pytest.fixture
def no_analysis(monkeypatch):
    """Fails the test if any document is analysed: the refusals below come before any work."""
    from chronologue.pipeline import run

    def refuse(*args, **kwargs):
        raise AssertionError("a document was analysed")

    monkeypatch.setattr(run, "analyze_documents", refuse)


def test_o_naming_the_input_is_refused(work, cli, no_analysis):
    before = (work / "a.txt").read_bytes()
    ran = cli("analyze", "a.txt", "--format", "json", "-o", "a.txt")
    assert ran.exit_code == 2
    assert ran.error_lines == ["error: -o a.txt is the input a.txt: writing there would overwrite the document"]
    assert (work / "a.txt").read_bytes() == before


def test_html_report_onto_the_html_input_is_refused(work, cli, no_analysis):
    before = (work / "b.html").read_bytes()
    assert cli("analyze", "b.html", "--format", "html", "-o", "b.html").exit_code == 2
    assert cli("analyze", "b.html", "-o", "./b.html").exit_code == 2
    assert (work / "b.html").read_bytes() == before


def test_a_symlink_is_not_replaced(work, cli, no_analysis):
    (work / "elsewhere.json").write_text("{}", encoding="utf-8")
    (work / "link.json").symlink_to("elsewhere.json")
    ran = cli("analyze", "a.txt", "-o", "link.json")
    assert ran.exit_code == 2 and "link.json is a symbolic link" in ran.stderr
    assert (work / "link.json").is_symlink()
    assert (work / "elsewhere.json").read_text(encoding="utf-8") == "{}"


def test_a_fifo_is_not_replaced(work, cli, no_analysis):
    os.mkfifo(work / "pipe.json")
    ran = cli("analyze", "a.txt", "-o", "pipe.json")
    assert ran.exit_code == 2 and "pipe.json is not a regular file" in ran.stderr
    assert not (work / "pipe.json").is_file()


def test_a_device_is_not_replaced(work, cli, no_analysis):
    ran = cli("analyze", "a.txt", "--format", "json", "-o", os.devnull)
    assert ran.exit_code == 2 and f"{os.devnull} is not a regular file" in ran.stderr
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_a_directory_is_not_made_under_a_file(work, cli, no_analysis):
    ran = cli("analyze", "a.txt", "-o", "a.txt/story.json")
    assert ran.exit_code == 2 and "a.txt is a file" in ran.stderr


def test_an_unwritable_output_is_refused_before_the_analysis(work, cli, no_analysis, monkeypatch):
    import tempfile

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    ran = cli("analyze", "a.txt", "-o", "out/")
    assert ran.exit_code == 2
    assert ran.error_lines == ["error: cannot write in . (Read-only file system): choose another -o"]
    assert not (work / "out").exists()


def test_a_full_disk_gives_one_line_and_nothing_partial(work, cli, monkeypatch):
    from chronologue import files

    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, content):
            self.handle.write(content[:100])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode, **kw: Full(real_fdopen(fd, mode, **kw)))
    ran = cli("analyze", "a.txt", "b.html", "-o", "out/")
    assert ran.exit_code == 1
    assert ran.error_lines == [
        "error: cannot write out/a.json (No space left on device): free some space or choose another -o"
    ]
    assert list((work / "out").iterdir()) == []
