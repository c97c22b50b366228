"""Markdown (CommonMark with footnotes): reader blocks with markup removed, footnotes as paragraphs at the end.

A line-level YAML front matter's ``title:`` becomes the title when the body has no level-1 heading; an image
followed by a short emphasised paragraph makes that paragraph a caption.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from chronologue.errors import InputError
from chronologue.model.document import Document, join_blocks

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_SPACE = re.compile(r"[ \t]+")
_TAG = re.compile(r"<[^>]+>")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(footnote_plugin).enable("table")


def _inline_text(token: Token) -> tuple[str, bool, bool]:
    """(text, has_image, fully_emphasised) of an inline token, markup removed."""
    parts: list[str] = []
    has_image = False
    depth = 0
    emphasised_text = 0
    for child in token.children or []:
        kind = child.type
        if kind in ("em_open", "strong_open"):
            depth += 1
        elif kind in ("em_close", "strong_close"):
            depth -= 1
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
            if depth > 0:
                emphasised_text += len(child.content.strip())
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            has_image = True
        elif kind == "html_inline":
            parts.append(_TAG.sub("", child.content))
    text = _SPACE.sub(" ", "".join(parts)).strip()
    return text, has_image, bool(text) and emphasised_text >= len(text.replace(" ", "")) * 0.8


def read_markdown(raw: str, path: str | None = None) -> Document:
    """The reader text and blocks of a Markdown document."""
    front_title = None
    body = raw
    match = _FRONT_MATTER.match(raw)
    if match:
        body = raw[match.end() :]
        title = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", match.group(1), re.M)
        front_title = title.group(1) if title else None
    tokens = _parser().parse(body)
    parts: list[tuple[str, str, int]] = []
    notes: list[tuple[str, str, int]] = []
    containers: list[str] = []
    heading_level = 0
    after_image = False
    for token in tokens:
        kind = token.type
        if kind in ("blockquote_open", "list_item_open", "footnote_open"):
            containers.append(kind)
        elif kind in ("blockquote_close", "list_item_close", "footnote_close"):
            containers.pop()
        elif kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "inline":
            text, has_image, emphasised = _inline_text(token)
            if heading_level:
                parts.append((text, "title" if heading_level == 1 else "heading", heading_level))
            elif "footnote_open" in containers:
                notes.append((text, "footnote", 0))
            elif "blockquote_open" in containers:
                parts.append((text, "quote", 0))
            elif "list_item_open" in containers:
                parts.append((text, "list_item", 0))
            elif has_image and text:
                parts.append((text, "caption", 0))
            elif after_image and emphasised:
                parts.append((text, "caption", 0))
            else:
                parts.append((text, "paragraph", 0))
            after_image = has_image and not text
        elif kind in ("fence", "code_block"):
            parts.append((token.content, "paragraph", 0))
        elif kind == "html_block":
            text = _SPACE.sub(" ", _TAG.sub("", token.content)).strip()
            if text:
                parts.append((text, "paragraph", 0))
    if front_title and not any(kind == "title" for _, kind, _ in parts):
        parts.insert(0, (front_title, "title", 1))
    text, blocks = join_blocks(parts + notes)
    if not text:
        raise InputError(path or "<markdown>", "has no readable text", "give a document with prose in it")
    return Document(text=text, format="markdown", blocks=blocks, path=path, markup=True)
