"""Errors for people: each carries a code, what went wrong and what to do about it."""

from __future__ import annotations

# Every error code chronologue raises, with what it means: one meaning per code (tests/test_errors.py holds the
# source to this table).
ERROR_CODES: dict[str, str] = {
    "E001": "the spaCy English pipeline is not installed",
    "E100": "a document cannot be read (or is not in English on the command line)",
    "E200": "a rule file cannot be used (no TOML, or an entry breaks its schema)",
    "E300": "an unknown scheduler for the corpus",
    "E301": "the gazetteer index cannot be read",
    "E302": "the Dask scheduler cannot be reached",
    "E303": "the Dask scheduler was asked for but dask is not installed",
    "E401": "a date in a corpus query is no date",
    "E402": "a correction is refused",
    "E403": "the corpus store cannot be opened",
    "E410": "an event anchors file cannot be read",
    "E411": "an event anchor lacks names or a start date",
    "E412": "a rule of time_patterns.toml has a pattern Python cannot compile",
    "E500": "the annotators cannot run in the registered order",
}


class ChronologueError(Exception):
    """An error a user can act on: ``code`` is stable, ``problem`` says what is wrong, ``hint`` what to do."""

    def __init__(self, code: str, problem: str, hint: str = "") -> None:
        self.code = code
        self.problem = problem
        self.hint = hint
        super().__init__(f"[{code}] {problem}" + (f" ({hint})" if hint else ""))


class InputError(ChronologueError):
    """A document that cannot be read: names the file and the problem."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        super().__init__("E100", f"{path}: {problem}", hint)
