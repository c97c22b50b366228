"""Error codes: each one raised is in the table of errors.py, and means one thing."""

from __future__ import annotations

import re
from pathlib import Path

from chronologue.errors import ERROR_CODES

SRC = Path(__file__).resolve().parents[1] / "src" / "chronologue"
CODE = re.compile(r'"(E\d{3})"')


def _codes_by_module() -> dict[str, set[str]]:
    """Each error code written in the package's source (errors.py's table aside), with the modules that raise it."""
    places: dict[str, set[str]] = {"E100": {"errors.py"}}  # InputError carries it
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            places.setdefault(code, set()).add(str(path.relative_to(SRC)))
    return places


def test_every_code_raised_is_in_the_table_and_every_code_of_the_table_is_raised():
    assert sorted(_codes_by_module()) == sorted(ERROR_CODES)


def test_a_code_is_raised_from_one_module():
    """One meaning per code: a code used in two modules is two errors sharing a number."""
    assert {code: where for code, where in _codes_by_module().items() if len(where) > 1} == {}
