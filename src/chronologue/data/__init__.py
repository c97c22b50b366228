"""The packaged data: rule files (read through :mod:`chronologue.rules`), the gazetteer index and examples."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).parent
