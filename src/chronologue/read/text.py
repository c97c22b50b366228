"""Plain text: UTF-8, a BOM and CRLF aside byte-for-byte the input; blocks are blank-line separated paragraphs."""

from __future__ import annotations

import re

from chronologue.errors import InputError
from chronologue.lib.text import trimmed_span
from chronologue.model.document import Block, Document

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f]")  # control characters other than tab, line feed, form feed


def decode_bytes(data: bytes, path: str) -> str:
    """UTF-8 text of a file, or an error that says why it is not readable text."""
    if not data.strip():
        raise InputError(path, "is empty", "give a document with text in it")
    if b"\x00" in data[:8192]:
        raise InputError(path, "is a binary file, not text", "give a .txt, .html or .md document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"is not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = len(_CONTROL.findall(text))
    if control > max(8, len(text) // 100):
        raise InputError(path, "looks binary (many control characters)", "give a .txt, .html or .md document")
    return text


def paragraph_blocks(text: str) -> list[Block]:
    """Blank-line separated paragraphs, trimmed of surrounding whitespace."""
    blocks = []
    for m in _PARAGRAPH.finditer(text):
        start, end = trimmed_span(text, m.start(), m.end())
        if end > start:
            blocks.append(Block(start, end))
    return blocks


def read_text(raw: str, path: str | None = None) -> Document:
    """A plain-text document: the text itself, paragraphs as blocks."""
    return Document(text=raw, format="text", blocks=paragraph_blocks(raw), path=path)
