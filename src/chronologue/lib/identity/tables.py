"""Load the identity tables (TOML files in ``chronologue/data``), once per process."""

from __future__ import annotations

from typing import Any

from chronologue.data import DATA_DIR, load_toml


def load_table(name: str) -> dict[str, Any]:
    """Return the parsed TOML file ``chronologue/data/<name>.toml`` (an empty dict when it does not exist).

    Read through :func:`chronologue.data.load_toml`, so a table other stages read too (``entity_titles``) is
    parsed once.
    """
    filename = f"{name}.toml"
    return load_toml(filename) if (DATA_DIR / filename).is_file() else {}
