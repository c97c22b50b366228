"""The self-contained HTML report (not built yet: a minimal escaped page)."""

from __future__ import annotations

import html

from ..story import Story

SUFFIX = "html"


def render(story: Story) -> str:
    """A minimal page holding the escaped text."""
    return f"<!doctype html><meta charset='utf-8'><pre>{html.escape(story.text)}</pre>\n"
