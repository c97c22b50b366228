"""The self-contained HTML report, built in Python (no template engine: fast, and every value escaped).

One module per part: ``markup`` (escaping helpers), ``annotated`` (the highlighted text), ``timescale`` and
``timeline`` (the per-person chart), ``worldmap`` (the map of geocoded places), ``sections`` (index, quotes,
figures, bibliography, findings, header), ``page`` (the whole document with its inlined CSS and JS).
"""

from __future__ import annotations

from chronologue.export.report.page import render_page

__all__ = ["render_page"]
