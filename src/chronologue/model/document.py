"""What a reader hands to the pipeline: the reader text and its blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

# Block kinds a reader may know from markup; plain text leaves them to the layout stage ("paragraph").
BLOCK_KINDS = ("paragraph", "kicker", "title", "heading", "quote", "caption", "list_item", "bibliography", "footnote")


@dataclass(frozen=True)
class Block:
    """One block a reader sees, as a span of the reader text, with what markup says it is."""

    start: int
    end: int
    kind: str = "paragraph"
    level: int = 0  # heading level from markup, 0 when unknown


@dataclass
class Document:
    """Reader text (what the story's ``text`` is) and its blocks in document order."""

    text: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    path: str | None = None
    markup: bool = False  # True when block kinds come from markup (HTML, Markdown)
    sha256: str | None = None  # of the file's bytes, when read from a file


def join_blocks(parts: list[tuple[str, str, int]]) -> tuple[str, list[Block]]:
    """Join (text, kind, level) blocks into reader text: one blank line between blocks."""
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for text, kind, level in parts:
        text = text.strip()
        if not text:
            continue
        if chunks:
            chunks.append("\n\n")
            pos += 2
        chunks.append(text)
        blocks.append(Block(pos, pos + len(text), kind, level))
        pos += len(text)
    return "".join(chunks), blocks
