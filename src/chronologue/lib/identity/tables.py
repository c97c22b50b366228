"""Load the identity tables (rule files in ``chronologue/data``, through the rules loader)."""

from __future__ import annotations

from typing import Any

from chronologue.rules import load


def load_table(name: str) -> dict[str, Any]:
    """The rule file ``chronologue/data/<name>.toml``, validated, with the user's overlays merged in."""
    return load(name)
