"""The figures stage (not built yet: adds nothing)."""

from __future__ import annotations

from ..context import Context
from ..story import Story


def run(story: Story, ctx: Context) -> None:
    """Add this stage's annotations to the story."""
