"""The story contract as JSON (schema ``chronologue.story/1``)."""

from __future__ import annotations

import json

from chronologue.export import SUFFIXES
from chronologue.model.story import Story

SUFFIX = SUFFIXES["json"]


def render(story: Story) -> str:
    """The story as indented JSON, exactly ``story.model_dump(mode="json")``."""
    return json.dumps(story.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
