"""Error codes: each one raised is in the table of errors.py, and means one thing."""

from __future__ import annotations

import re
from pathlib import Path

from chronologue.errors import ERROR_CODES

SRC = Path(__file__).resolve().parents[1] / "src" / "chronologue"
CODE = re.compile(r'"(E\d{3})"')


def test_every_code_raised_is_in_the_table_and_every_code_of_the_table_is_raised():
    raised: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            raised.setdefault(code, set()).add(str(path.relative_to(SRC)))
    raised.setdefault("E100", set()).add("errors.py")  # InputError carries it
    assert sorted(raised) == sorted(ERROR_CODES)


def test_a_code_is_raised_from_one_module():
    """One meaning per code: a code used in two modules is two errors sharing a number."""
    places: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for code in CODE.findall(path.read_text(encoding="utf-8")):
            places.setdefault(code, set()).add(str(path.relative_to(SRC)))
    assert {code: where for code, where in places.items() if len(where) > 1} == {}
