"""Atomic writes of text and bytes."""

from __future__ import annotations

from pathlib import Path

from chronologue.files import write_atomic


def test_text_is_written_as_utf8_and_replaces_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "story.json"
    write_atomic(target, "old")
    write_atomic(target, "Zürich “quoted”\n")
    assert target.read_bytes() == "Zürich “quoted”\n".encode()
    assert [p.name for p in target.parent.iterdir()] == ["story.json"]  # no temporary file left behind


def test_bytes_are_written_as_they_are(tmp_path: Path) -> None:
    target = tmp_path / "index.gz"
    write_atomic(target, b"\x1f\x8b\x00\r\n")
    assert target.read_bytes() == b"\x1f\x8b\x00\r\n"
