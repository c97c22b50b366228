"""Errors for people: each carries a code, what went wrong and what to do about it."""

from __future__ import annotations


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
