"""The layout stage: kicker, title, lede, headings, body, block quotes, captions and bibliography.

Markup (HTML, Markdown) says what most blocks are; plain text is read by shape: a short category line before
the title is the kicker, the first line is the title, short unpunctuated lines between paragraphs are
headings, a "Sources"/"Bibliography" heading opens the bibliography, a paragraph after a colon-ended one is a
block quote, a paragraph that ends in a picture credit is a caption; a caption and credit pasted inside a body
paragraph are noted as a caption too (the paragraph stays body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from chronologue.lib.credits.captions import find_caption
from chronologue.lib.credits.embedded import find_embedded_captions
from chronologue.model.document import Block
from chronologue.model.story import Heading, Paragraph, Role, Span, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator
from chronologue.rules import cached
from chronologue.rules import load as load_rules

_HEADING_END_OK = re.compile(r"[\w?!\"”»’')]$")
_NO_HEADING_END = re.compile(r"[.,;:…-]$")
_CLOSING_QUOTES = "\"”»’'"
_NO_KICKER_END = re.compile(r"[.,;:?!]$")
_MARKUP_ROLE = {
    "kicker": "kicker",
    "title": "title",
    "heading": "heading",
    "quote": "quote",
    "caption": "caption",
    "bibliography": "bibliography",
    "footnote": "body",
    "list_item": "body",
    "paragraph": "body",
}


@dataclass(frozen=True)
class LayoutRules:
    """The layout data file, compiled."""

    limits: dict[str, int]
    bibliography_heading: re.Pattern[str]
    section_heading: re.Pattern[str]
    bibliography_inline: re.Pattern[str]


@cached
def _rules() -> LayoutRules:
    data = load_rules("layout")
    heading = "|".join(e["pattern"] for e in data["bibliography_heading"])
    inline = "|".join(e["pattern"] for e in data["bibliography_inline"])
    section = "|".join(e["pattern"] for e in data["section_heading"])
    return LayoutRules(
        limits=data["limits"],
        bibliography_heading=re.compile(rf"^(?:{heading})\s*:?$", re.I),
        section_heading=re.compile(rf"^(?:{section})(?:\s*[:.—–-]|\s*$|[ \t]*\n)", re.I),  # not "Book I of his"
        bibliography_inline=re.compile(rf"^(?:{inline})", re.I),
    )


def is_bibliography_heading(line: str) -> bool:
    """Whether a block is the heading of a bibliography section ("Sources", "Further reading", "Source:")."""
    return bool(_rules().bibliography_heading.match(line.strip()))


def is_inline_bibliography(block: str) -> bool:
    """Whether a block is a one-paragraph bibliography ("Source: Author, Title, Publisher 2001.")."""
    return bool(_rules().bibliography_inline.match(block))


def _words(text: str) -> int:
    return len(text.split())


def _one_line(text: str) -> bool:
    return "\n" not in text.strip()


def looks_like_title(text: str) -> bool:
    """A short single line that does not end like a sentence or a lead-in."""
    limits = _rules().limits
    return _one_line(text) and 0 < _words(text) <= limits["title_max_words"] and not _NO_HEADING_END.search(text)


def looks_like_kicker(text: str) -> bool:
    """A short single line with no punctuation at its end (a rubric above the title)."""
    limits = _rules().limits
    return _one_line(text) and _words(text) <= limits["kicker_max_words"] and not _NO_KICKER_END.search(text)


def looks_like_heading(text: str) -> bool:
    """A short single line that does not end like a sentence or a lead-in ("Camp hell", "Who am I fighting for?"),
    also inside quotation marks (a line of dialogue, ``"She would never forgive me."``, is none); or the opening of
    a book's section, however long its title runs (``Chapter VI: The Reverend Arthur Beebe ... Drive Out``)."""
    rules = _rules()
    limits = rules.limits
    text = text.strip()
    if rules.section_heading.match(text) and _words(text) <= limits["section_heading_max_words"]:
        return True
    return (
        _one_line(text)
        and 0 < _words(text) <= limits["heading_max_words"]
        and len(text) <= limits["heading_max_chars"]
        and bool(_HEADING_END_OK.search(text))
        and not _NO_HEADING_END.search(text.rstrip(_CLOSING_QUOTES))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“„«")
    )


def _introduces_quote(text: str, block: Block, role: str) -> bool:
    """A body paragraph that ends in a colon introduces the next paragraph as a block quote ("He recalled:")."""
    return role in ("body", "lede") and text[block.start : block.end].rstrip().endswith(":")


def _plain_roles(text: str, blocks: list[Block]) -> list[str]:
    """Roles of plain-text blocks, read by their shape."""
    snippets = [text[b.start : b.end] for b in blocks]
    roles = ["body"] * len(blocks)
    if not blocks:
        return roles
    first_body = 0
    if len(blocks) > 2 and looks_like_kicker(snippets[0]) and looks_like_title(snippets[1]):
        roles[0], roles[1], first_body = "kicker", "title", 2
    elif len(blocks) > 1 and looks_like_title(snippets[0]):
        roles[0], first_body = "title", 1
    in_bibliography = False
    for i in range(first_body, len(blocks)):
        snippet = snippets[i]
        if is_bibliography_heading(snippet) and i + 1 < len(blocks):
            roles[i], in_bibliography = "heading", True
            continue
        if in_bibliography:
            roles[i] = "bibliography"
            continue
        if is_inline_bibliography(snippet):
            roles[i] = "bibliography"
            continue
        follows_body = i + 1 < len(blocks) and not looks_like_heading(snippets[i + 1])
        if looks_like_heading(snippet) and follows_body and not snippet.endswith(")"):
            roles[i] = "heading"
        elif i > first_body and _introduces_quote(text, blocks[i - 1], roles[i - 1]):
            roles[i] = "quote"
    if first_body < len(blocks) and roles[first_body] == "body":
        roles[first_body] = "lede"
    return roles


def _markup_roles(text: str, blocks: list[Block]) -> list[str]:
    """Roles of blocks whose kinds markup gave; a bibliography heading turns what follows into bibliography."""
    roles = [_MARKUP_ROLE.get(b.kind, "body") for b in blocks]
    if "title" not in roles and blocks and roles[0] == "heading":
        roles[0] = "title"
    title_at = roles.index("title") if "title" in roles else -1
    if title_at > 0 and roles[title_at - 1] == "body":
        before = blocks[title_at - 1]
        if looks_like_kicker(text[before.start : before.end]):
            roles[title_at - 1] = "kicker"
    in_bibliography = False
    for i, block in enumerate(blocks):
        snippet = text[block.start : block.end]
        if roles[i] == "heading" or block.kind == "footnote":
            in_bibliography = roles[i] == "heading" and is_bibliography_heading(snippet)
        elif in_bibliography or (roles[i] == "body" and is_inline_bibliography(snippet)):
            roles[i] = "bibliography"
        elif block.kind == "paragraph" and i > 0 and _introduces_quote(text, blocks[i - 1], roles[i - 1]):
            roles[i] = "quote"
    after_title = title_at + 1
    if 0 <= after_title < len(blocks) and roles[after_title] == "body":
        roles[after_title] = "lede"
    return roles


def run(story: Story, ctx: Context) -> None:
    """Give every block a role; set kicker, title, lede and headings; note the captions for the figures stage."""
    text = story.text
    blocks = ctx.blocks
    roles = _markup_roles(text, blocks) if ctx.markup else _plain_roles(text, blocks)
    captions = []
    for i, block in enumerate(blocks):
        if roles[i] in ("heading", "title", "kicker", "bibliography"):
            continue
        caption = find_caption(text, block.start, block.end, caption_block=roles[i] == "caption")
        if roles[i] != "caption" and (caption is None or not caption.whole_block):
            captions += find_embedded_captions(text, block.start, caption.start if caption else block.end)
        if caption is None:
            continue
        captions.append(caption)
        if caption.whole_block:
            roles[i] = "caption"
    ctx.captions = captions
    structure = story.structure
    for block, role in zip(blocks, roles, strict=True):
        structure.paragraphs.append(Paragraph(start=block.start, end=block.end, role=cast(Role, role)))
        snippet = text[block.start : block.end].strip()
        if role == "kicker" and structure.kicker is None:
            structure.kicker = snippet
        elif role == "title" and structure.title is None:
            structure.title = snippet
        elif role == "heading":
            structure.headings.append(Heading(text=snippet, start=block.start, end=block.end))
        elif role == "lede" and structure.lede is None:
            structure.lede = Span(start=block.start, end=block.end)


ANNOTATOR = Annotator(
    "layout",
    run,
    requires=("ctx.blocks",),
    assigns=("story.structure", "ctx.captions"),
    parse=False,
    description="Kicker, title, lede, headings, paragraph roles; the captions in the blocks.",
)
