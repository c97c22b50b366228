"""Load the identity tables (TOML files in ``chronologue/data``), once per process."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_table(name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``chronologue/data/<name>.toml`` (an empty dict when it does not exist)."""
    resource = resources.files("chronologue.data").joinpath(f"{name}.toml")
    if not resource.is_file():
        return {}
    with resource.open("rb") as handle:
        return tomllib.load(handle)
