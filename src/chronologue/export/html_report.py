"""The self-contained HTML report: highlighted text, entity index, timelines, map, quotes, figures,
bibliography and findings in one file that needs no network (see ``export/report``)."""

from __future__ import annotations

from chronologue.export import SUFFIXES
from chronologue.export.report import render_page
from chronologue.model.story import Story

SUFFIX = SUFFIXES["html"]


def render(story: Story) -> str:
    """The report of ``story`` as one HTML document."""
    return render_page(story)
