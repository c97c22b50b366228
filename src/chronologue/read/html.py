"""HTML: the main text of an article page as reader blocks (kicker, title, headings, paragraphs, quotes, captions).

Scripts, navigation, forms, asides and footers are dropped; the article element (or main, or the body) is read
in document order, one block per paragraph; footnotes go to the end.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from chronologue.errors import InputError
from chronologue.model.document import Document, join_blocks

DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "form", "button", "iframe", "svg", "canvas", "select",
    "input", "textarea", "aside", "footer", "menu", "dialog", "object", "embed", "video", "audio", "link", "meta",
)
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|cookie|share|sharing|social|related|comments?|breadcrumbs?|"
    r"advert|ads|promo|newsletter|subscribe|paywall|masthead|site-header|toolbar|pagination)(?:$|[\s_-])",
    re.I,
)
KICKER = re.compile(r"(?:^|[\s_-])(?:kicker|eyebrow|overline|rubric|category|section-label|supertitle|dachzeile)", re.I)
CAPTION_CLASS = re.compile(
    r"(?:^|[\s_-])(?:caption|wp-caption-text|credit|image-credit|photo-credit)(?:$|[\s_-])", re.I
)
FOOTNOTES = re.compile(r"(?:^|[\s_-])(?:footnotes?|endnotes?|notes)(?:$|[\s_-])", re.I)
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre", "dd", "dt",
              "div", "section", "article", "main", "header", "figure", "ul", "ol", "dl", "table", "tr", "td", "th",
              "caption", "address", "details", "summary", "body", "hgroup"}
_SPACE = re.compile(r"\s+")
_HEADING_TAG = re.compile(r"h[1-6]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _classes(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"


def _is_footnote_marker(el: etree._Element) -> bool:
    if el.tag == "sup":
        link = el.find(".//a")
        return link is not None and (link.get("href") or "").startswith("#")
    return el.tag == "a" and "footnote-ref" in _classes(el)


def _inline_text(el: etree._Element) -> str:
    """Text of an element without footnote markers, whitespace collapsed."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            return
        if _is_footnote_marker(node):
            if node.tail:
                parts.append(node.tail)
            return
        if node.tag == "br":
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _clean(root: etree._Element) -> None:
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag in DROP_TAGS or (el.tag in ("div", "section", "header", "ul", "ol") and BOILERPLATE.search(
                _classes(el)) and not el.xpath(".//h1")):
            if el.getparent() is not None:
                el.drop_tree()  # keeps the tail text in place


def _main_element(root: etree._Element) -> etree._Element:
    for xpath in ("//article", "//main", "//*[@itemprop='articleBody']", "//*[@role='main']", "//body"):
        found = root.xpath(xpath)
        if found:
            return max(found, key=lambda e: len(e.text_content())) if xpath == "//article" else found[0]
    return root


def _has_block_children(el: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def _collect(el: etree._Element, parts: list[tuple[str, str, int]], notes: list[tuple[str, str, int]],
             context: str = "") -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    classes = _classes(el)
    if tag in ("ol", "ul", "section", "div", "aside") and FOOTNOTES.search(classes) and context != "footnote":
        for child in el:
            _collect(child, notes, notes, "footnote")
        return
    if _HEADING_TAG.fullmatch(tag):
        level = int(tag[1])
        parts.append((_inline_text(el), "title" if level == 1 else "heading", level))
        return
    if tag == "figcaption" or (CAPTION_CLASS.search(classes) and not _has_block_children(el)):
        parts.append((_inline_text(el), "caption", 0))
        return
    if tag == "blockquote":
        if _has_block_children(el):
            for child in el:
                _collect(child, parts, notes, "quote")
        else:
            parts.append((_inline_text(el), "quote", 0))
        return
    if KICKER.search(classes) and not _has_block_children(el) and len(_inline_text(el).split()) <= 6:
        parts.append((_inline_text(el), "kicker", 0))
        return
    if tag in ("p", "li", "pre", "dd", "dt", "address", "summary", "td", "th") and not _has_block_children(el):
        kind = context or ("list_item" if tag == "li" else "paragraph")
        parts.append((_inline_text(el), kind, 0))
        return
    if not _has_block_children(el) and tag not in ("img", "br", "hr"):
        text = _inline_text(el)
        if text:
            parts.append((text, context or "paragraph", 0))
        return
    if el.text and el.text.strip():
        parts.append((el.text, context or "paragraph", 0))
    for child in el:
        if not isinstance(child.tag, str):
            continue
        _collect(child, parts, notes, context)
        if child.tail and child.tail.strip():
            parts.append((child.tail, context or "paragraph", 0))


def read_html(raw: str, path: str | None = None) -> Document:
    """The reader text and blocks of an HTML page."""
    source = _XML_DECLARATION.sub("", raw)
    try:
        root = lxml.html.fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(
            path or "<html>",
            f"is not readable HTML ({exc})",
            "give an HTML page, or read the file as plain text (--input-format text)",
        ) from None
    page_title = root.findtext(".//title")
    _clean(root)
    main = _main_element(root)
    parts: list[tuple[str, str, int]] = []
    notes: list[tuple[str, str, int]] = []
    if main.tag != "body" and not main.xpath(".//h1"):
        heading = root.xpath("//h1")
        if heading:
            parts.append((_inline_text(heading[0]), "title", 1))
        elif page_title and page_title.strip():
            parts.append((page_title.strip(), "title", 1))
    _collect(main, parts, notes)
    text, blocks = join_blocks(parts + notes)
    if not text.strip():
        raise InputError(path or "<html>", "has no readable text", "is it an article page?")
    return Document(text=text, format="html", blocks=blocks, path=path, markup=True)
