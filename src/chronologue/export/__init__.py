"""Output formats: each module exposes ``render(story) -> str`` and its file ``SUFFIX``."""

from __future__ import annotations

import importlib
from types import ModuleType

# format name -> module under chronologue.export
FORMATS = {"json": "json_story", "html": "html_report", "tei": "tei", "geojson": "geojson", "csv": "csv_table"}


def exporter(fmt: str) -> ModuleType:
    """The module that writes ``fmt``; raises KeyError for an unknown format."""
    return importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
