"""Rules as data: TOML files beside this module, each rule with the example it exists for."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent


@cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed data file ``name`` (e.g. ``"licences.toml"``), read once per process."""
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)
