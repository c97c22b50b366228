"""The whole report: one HTML document with its CSS and script inlined, and a content security policy that
forbids every request (no fonts, images, scripts or styles from anywhere), so it works offline from disk
and cannot leak a request even if a story held a URL.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache, lru_cache
from importlib import resources

from chronologue.export.report import sections, timeline, worldmap
from chronologue.export.report.annotated import blocks, render_text
from chronologue.export.report.markup import el, esc
from chronologue.model.story import Story

NAV = [("timeline", "Timeline"), ("map", "Map"), ("text", "Text"), ("entities", "Entities"), ("quotes", "Quotes"),
       ("figures", "Figures"), ("bibliography", "Bibliography"), ("findings", "Findings")]


@cache
def asset(name: str) -> str:
    """A file of ``chronologue/export/assets``, read once per process."""
    return (resources.files("chronologue.export") / "assets" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _head() -> tuple[str, str]:
    """The inlined style and script, and the policy that allows exactly them."""
    style, script = asset("report.css"), asset("report.js")
    digest = "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{digest}'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    head = (f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="generator" content="chronologue">'
            f"<style>{style}</style>")
    return head, f"<script>{script}</script>"


def _section(key: str, title: str, body: str, intro: str = "") -> str:
    lead = el("p", intro, class_="intro") if intro else ""
    return el("section", el("h2", esc(title)) + lead + body, id=key, class_="part")


def render_page(story: Story) -> str:
    """The report of ``story`` as one self-contained HTML document."""
    head, script = _head()
    paragraphs = blocks(story)
    where = sections.Locator(paragraphs)
    nav = el("nav", "".join(el("a", esc(name), href=f"#{key}") for key, name in NAV), class_="toc")
    text = el("div", el("article", render_text(story, paragraphs), class_="doc")
              + el("div", sections.legend(story) + sections.claims_table(story, where), class_="side"),
              class_="text-layout")
    parts = [
        sections.header(story), nav,
        "<main>",
        _section("timeline", "Timeline", timeline.section(story),
                 "What happened to whom, in order. Click a row to see its sentence in the text."),
        _section("map", "Map", worldmap.section(story)),
        _section("text", "Text", text),
        _section("entities", "Entities", sections.entity_index(story, where),
                 "Everyone and everything the text names, with every mention (¶ = paragraph)."),
        _section("quotes", "Quotations", sections.quotes(story, where)),
        _section("figures", "Figures", sections.figures(story, where)),
        _section("bibliography", "Bibliography", sections.bibliography(story)),
        _section("findings", "Findings", sections.findings(story)),
        "</main>",
        el("footer", "Made by chronologue from " + esc(story.source.path or "a text")
           + ". Offsets, ids and the full story are in the JSON export.", class_="colophon"),
    ]
    return (f'<!doctype html>\n<html lang="{esc(story.source.language or "en")}"><head><meta charset="utf-8">'
            f"<title>{esc(sections.title_of(story))} · chronologue</title>{head}</head>"
            f"<body>{''.join(parts)}{script}</body></html>\n")
