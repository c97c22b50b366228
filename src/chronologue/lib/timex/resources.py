"""The tagger's data: word tables, rules, named days and event anchors, read once from ``chronologue/data``.

Event anchors: the bundled ``event_anchors.toml`` plus any files named by the environment variable
``CHRONOLOGUE_EVENT_ANCHORS`` (paths separated by ``os.pathsep``) or passed to ``load_anchors(extra=...)``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from chronologue.errors import ChronologueError
from chronologue.rules import cached, overlay_dirs
from chronologue.rules import load as load_rules

ANCHORS_ENV = "CHRONOLOGUE_EVENT_ANCHORS"
_SPACES = re.compile(r"\s+")


def _data(name: str) -> dict[str, Any]:
    return load_rules(name.removesuffix(".toml"))


@lru_cache(maxsize=8192)  # the same few hundred words again and again
def lookup_key(text: str) -> str:
    """The form under which words are looked up: lower case, no dots, single spaces, hyphens as spaces."""
    return _SPACES.sub(" ", text.lower().replace(".", "").replace("-", " ").replace("’", "'")).strip()


@cached
def vocab() -> dict[str, dict[str, Any]]:
    """The word tables of time_vocab.toml (and the named days), keyed by lookup_key of each word."""
    raw = _data("time_vocab.toml")
    raw["holiday"] = _data("time_holidays.toml")["holiday"]
    return {table: {lookup_key(k): v for k, v in entries.items()} for table, entries in raw.items()}


@cached
def raw_words() -> dict[str, list[str]]:
    """The words of each table as written (for building patterns)."""
    raw = _data("time_vocab.toml")
    raw["holiday"] = _data("time_holidays.toml")["holiday"]
    return {table: list(entries) for table, entries in raw.items()}


@cached
def rules() -> dict[str, Any]:
    """time_patterns.toml: sub-patterns, rules and negative rules."""
    return _data("time_patterns.toml")


@cached
def holidays() -> dict[str, dict[str, Any]]:
    return _data("time_holidays.toml")["holiday"]


@dataclass(frozen=True)
class EventAnchor:
    """A historical event with its dates and the source of those dates."""

    names: tuple[str, ...]
    start: str
    end_first: str
    end: str
    source: str
    generic: tuple[str, ...] = field(default_factory=tuple)
    period: bool = False  # the name is itself a time expression (the interwar period)


def _anchor_files(extra: tuple[str, ...]) -> list[Path]:
    paths = [Path(p) for p in os.environ.get(ANCHORS_ENV, "").split(os.pathsep) if p.strip()]
    return paths + [Path(p) for p in extra]


def load_anchors(extra: tuple[str, ...] = ()) -> tuple[EventAnchor, ...]:
    """Event anchors: user files (env CHRONOLOGUE_EVENT_ANCHORS, then ``extra``) first, then the bundled table."""
    return _load_anchors(tuple(extra), anchors_env_key())


@lru_cache(maxsize=8)
def _load_anchors(extra: tuple[str, ...], env_key: tuple[str, ...]) -> tuple[EventAnchor, ...]:
    tables = [(str(path), _read_user_table(path)) for path in _anchor_files(extra)]
    tables.append(("event_anchors.toml", _data("event_anchors.toml")))  # user entries first: they win
    anchors = []
    for where, table in tables:
        for entry in table.get("event", []):
            _check_entry(where, entry)
            end = entry.get("end", entry["start"])
            end_first, end_last = (end[0], end[-1]) if isinstance(end, list) else (end, end)
            anchors.append(
                EventAnchor(
                    names=tuple(entry.get("names", [])),
                    start=entry["start"],
                    end_first=end_first,
                    end=end_last,
                    source=entry.get("source", ""),
                    generic=tuple(entry.get("generic", [])),
                    period=bool(entry.get("period", False)),
                )
            )
    return tuple(anchors)


def _read_user_table(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ChronologueError(
            "E410",
            f"event anchors file {path} cannot be read: {exc}",
            f"fix the file or unset {ANCHORS_ENV}; see chronologue/data/event_anchors.toml for the shape",
        ) from exc


def _check_entry(where: str, entry: dict[str, Any]) -> None:
    names = entry.get("names") or entry.get("generic")
    if not names or not isinstance(entry.get("start"), str):
        raise ChronologueError(
            "E411",
            f"{where}: an [[event]] entry needs names and a start date (got {entry!r:.120})",
            'write e.g. names = ["the Winter War"], start = "1939-11-30", end = "1940-03-13", source = "..."',
        )


def anchors_env_key() -> tuple[str, ...]:
    """A cache key for the anchor files in force: the environment's and the user's rule directories."""
    return (os.environ.get(ANCHORS_ENV, ""), *map(str, overlay_dirs()))
