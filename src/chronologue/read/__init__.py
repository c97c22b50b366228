"""Readers: input formats -> reader text and the blocks a reader sees."""

from __future__ import annotations

import hashlib
from pathlib import Path

from chronologue.errors import InputError
from chronologue.model.document import Block, Document
from chronologue.read.text import decode_bytes, read_text

FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
}
FORMAT_ALIASES = {
    "text": "text",
    "txt": "text",
    "html": "html",
    "htm": "html",
    "md": "markdown",
    "markdown": "markdown",
}

__all__ = ["Block", "Document", "FORMAT_BY_SUFFIX", "format_for", "read_document", "read_path"]


def format_for(path: str | Path, declared: str | None = None) -> str:
    """The input format of a path: the declared one if given, else from the extension (plain text by default)."""
    if declared:
        try:
            return FORMAT_ALIASES[declared.lower()]
        except KeyError:
            raise InputError(str(path), f"unknown input format '{declared}'", "use text, html or markdown") from None
    return FORMAT_BY_SUFFIX.get(Path(path).suffix.lower(), "text")


def read_document(raw: str, source_format: str = "text", path: str | None = None) -> Document:
    """Reader text and blocks of an already decoded document."""
    fmt = FORMAT_ALIASES.get(source_format.lower(), source_format)
    if fmt == "text":
        return read_text(raw, path)
    if fmt == "html":
        from chronologue.read.html import read_html

        return read_html(raw, path)
    if fmt == "markdown":
        from chronologue.read.markdown import read_markdown

        return read_markdown(raw, path)
    raise InputError(path or "<text>", f"unknown input format '{source_format}'", "use text, html or markdown")


def read_path(path: str | Path, source_format: str | None = None) -> Document:
    """Read a file from disk; errors name the file and the problem."""
    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file", "check the path")
    if p.is_dir():
        raise InputError(str(path), "is a directory, not a document", "name the files inside it")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})", "check that you may read the file") from exc
    fmt = format_for(p, source_format)
    raw = decode_bytes(data, str(path))
    document = read_document(raw, fmt, str(path))
    document.sha256 = hashlib.sha256(data).hexdigest()
    return document
