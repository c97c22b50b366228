"""Output formats: each module exposes ``render(story) -> str`` and its file ``SUFFIX``; ``render(story, fmt)``
here writes any of them by name. The suffixes are listed here too (``SUFFIXES``), so that naming an output file
imports no format but the one written."""

# (no ``from __future__ import annotations`` here: it would bind the name ``annotations`` in this package and
# hide the submodule of that name from ``from chronologue.export import annotations``)
import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronologue.model.story import Story

# format name -> module under chronologue.export
FORMATS = {
    "json": "json_story",
    "html": "html_report",
    "tei": "tei",
    "geojson": "geojson",
    "csv": "csv_table",
    "timelinejs": "timelinejs",
    "csl": "csl",
    "bibtex": "bibtex",
    "annotations": "annotations",
    "lpf": "lpf",
    "timeml": "timeml",
}

# format name -> the extension of its files (each module's SUFFIX is this entry)
SUFFIXES = {
    "json": "json",
    "html": "html",
    "tei": "tei.xml",
    "geojson": "geojson",
    "csv": "csv",
    "timelinejs": "timeline.json",
    "csl": "csl.json",
    "bibtex": "bib",
    "annotations": "jsonld",
    "lpf": "lpf.json",
    "timeml": "timeml.xml",
}


def exporter(fmt: str) -> ModuleType:
    """The module that writes ``fmt``; raises KeyError for an unknown format."""
    return importlib.import_module(f"{__name__}.{FORMATS[fmt]}")


def render(story: "Story", fmt: str) -> str:
    """The story written in format ``fmt``, a key of FORMATS in any case (``"tei"``, ``"TEI"``), as a str;
    ``chronologue.render(story, "lpf")`` is the same function. Raises ValueError naming the known formats when
    ``fmt`` is none of them."""
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; known formats: {', '.join(FORMATS)}")
    return exporter(name).render(story)
