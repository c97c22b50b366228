"""Every rule file is read here: validated against its schema, with the user's overlay files merged in.

``load("event_anchors")`` returns the parsed ``chronologue/data/event_anchors.toml`` after checking it against
its schema (:mod:`chronologue.rules.schemas`), with the same-named files of the overlay directories merged
in. Overlay directories come from :func:`use_overlays` (the CLI's ``--rules DIR``) or the environment
variable ``CHRONOLOGUE_RULES`` (directories separated by ``os.pathsep``). Merging: a user's entries of a
table of entries (``[[event]]``) come before the packaged ones, so they win where a rule takes the first
match; a user's keys of a plain table (``[month]``) add to or replace the packaged keys.

A file that is no TOML, or an entry that breaks the schema, is a :class:`RuleError` naming the file, the line
and the field.
"""

from __future__ import annotations

import importlib
import os
import pickle
import re
import tomllib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from chronologue.data import DATA_DIR
from chronologue.errors import ChronologueError
from chronologue.lib import prebuilt

if TYPE_CHECKING:
    from pydantic import BaseModel

RULES_ENV = "CHRONOLOGUE_RULES"

# Rule file -> its schema (module.class under chronologue.rules), imported only when a file is checked.
SCHEMAS: dict[str, str] = {
    "bibliography": "schemas_more.Bibliography",
    "claims_chronology": "schemas.ClaimsChronology",
    "claims_contradictions": "schemas.ClaimsContradictions",
    "claims_nonclaims": "schemas.ClaimsNonclaims",
    "claims_numbers": "schemas.ClaimsNumbers",
    "claims_qualifiers": "schemas.ClaimsQualifiers",
    "claims_units": "schemas.ClaimsUnits",
    "entity_groups": "schemas.EntityGroups",
    "entity_known": "schemas.EntityKnown",
    "entity_patterns": "schemas.EntityPatterns",
    "entity_titles": "schemas.EntityTitles",
    "event_anchors": "schemas.EventAnchors",
    "event_gender": "schemas.EventGender",
    "event_lexicon": "schemas.EventLexicon",
    "event_wordnet": "schemas.EventWordnet",
    "figures": "schemas_more.Figures",
    "findings_text": "schemas_more.FindingsText",
    "gazetteer/ranker": "schemas_more.GazetteerRanker",
    "gazetteer/rules": "schemas_more.GazetteerRules",
    "layout": "schemas_more.Layout",
    "licences": "schemas_more.Licences",
    "names_english": "schemas_more.NamesEnglish",
    "names_folding": "schemas_more.NamesFolding",
    "names_given": "schemas_more.NamesGiven",
    "names_scripts": "schemas_more.NamesScripts",
    "names_titles": "schemas_more.NamesTitles",
    "person_nouns": "schemas_more.PersonNouns",
    "place_typing": "schemas_more.PlaceTyping",
    "places_supplement": "schemas_more.PlacesSupplement",
    "quote_cues": "schemas_more.QuoteCues",
    "quote_verbs": "schemas_more.QuoteVerbs",
    "time_holidays": "schemas_more.TimeHolidays",
    "timeline_conflicts": "schemas_more.TimelineConflicts",
    "time_patterns": "schemas_more.TimePatterns",
    "time_vocab": "schemas_more.TimeVocab",
}

_TOML_LINE = re.compile(r"at line (\d+)")
PREBUILT_LAYOUT = 1  # of the prebuilt table: {name: pickle of the packaged file's data}
_overlays: tuple[Path, ...] | None = None  # set by use_overlays; None: read the environment
_caches: list[Callable[..., Any]] = []
F = TypeVar("F", bound=Callable[..., Any])


class RuleError(ChronologueError):
    """A rule file that cannot be used: names the file, the line and what is wrong."""

    def __init__(self, path: Path | str, line: int | None, problem: str, hint: str = "") -> None:
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else str(path)
        super().__init__("E200", f"{where}: {problem}", hint or "fix the rule; each packaged file shows the shape")


def cached(function: F) -> F:
    """``functools.cache`` for what is built from rules: cleared with the loader's cache when overlays change."""
    wrapped = cache(function)
    _caches.append(wrapped)
    return wrapped  # type: ignore[return-value]


def overlay_dirs() -> tuple[Path, ...]:
    """The user's rule directories in force: those given to :func:`use_overlays`, else ``CHRONOLOGUE_RULES``."""
    if _overlays is not None:
        return _overlays
    return tuple(Path(p) for p in os.environ.get(RULES_ENV, "").split(os.pathsep) if p)


def use_overlays(directories: Iterable[str | Path] | None) -> None:
    """Read the user's rule files from ``directories`` from now on (each must be a directory); ``None`` goes back
    to the environment variable."""
    global _overlays
    if directories is None:
        _overlays = None
        reset()
        return
    found = tuple(Path(d) for d in directories)
    for directory in found:
        if not directory.is_dir():
            raise RuleError(directory, None, "is no directory of rule files", "give a directory holding *.toml rules")
        for path in sorted(directory.rglob("*.toml")):
            name = path.relative_to(directory).with_suffix("").as_posix()
            if name not in SCHEMAS:
                raise RuleError(path, None, f"no rule file of chronologue is called '{name}.toml'",
                                f"rule files: {', '.join(sorted(SCHEMAS))}")  # fmt: skip
    _overlays = found
    reset()


def reset() -> None:
    """Forget every parsed rule file and everything built from them (after the overlays changed)."""
    _load.cache_clear()
    for function in _caches:
        function.cache_clear()  # type: ignore[attr-defined]


def load(name: str) -> dict[str, Any]:
    """The rule file ``name`` (``"licences"``, ``"gazetteer/rules"``): packaged, validated, overlays merged.

    A fresh copy each call (callers build their own tables from it and may change it); read once per process.
    """
    return pickle.loads(_load(name, overlay_dirs()))  # a deep copy, several times faster than copy.deepcopy


@cache
def _load(name: str, overlays: tuple[Path, ...]) -> bytes:
    """The pickle of the rule file's data, overlays merged."""
    if name not in SCHEMAS:
        raise RuleError(DATA_DIR / f"{name}.toml", None, "is no rule file of chronologue")
    data, packaged = _packaged_data(name)
    sources: list[_Source | None] = [packaged]
    for directory in overlays:
        path = directory / f"{name}.toml"
        if path.is_file():
            user = _Source(path)
            data = merge(data, user.data)
            sources.insert(0, user)
    if len(sources) > 1:  # the packaged files alone are checked by the test suite, not at every start
        check(data, name, [s or _Source(DATA_DIR / f"{name}.toml") for s in sources])
    return pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def _packaged_data(name: str) -> tuple[dict[str, Any], _Source | None]:
    """The packaged file's data, from the prebuilt table when it is current (then without its ``_Source``: read
    again only to name a line in an error), else parsed."""
    table = _prebuilt()
    if name in table:
        return pickle.loads(table[name]), None
    source = _Source(DATA_DIR / f"{name}.toml")
    return source.data, source


def _packaged_files() -> list[Path]:
    return [DATA_DIR / f"{name}.toml" for name in sorted(SCHEMAS)]


@cache
def _prebuilt() -> dict[str, bytes]:
    """The prebuilt table of the packaged rule files, or nothing when it is missing or older than a file."""
    folder = prebuilt.find("rules", _packaged_files(), PREBUILT_LAYOUT)
    if folder is None:
        return {}
    with open(folder / "rules.pickle", "rb") as handle:
        table: dict[str, bytes] = pickle.load(handle)
    return table


def prebuild() -> Path:
    """Parse every packaged rule file once, for :mod:`chronologue.lib.prebuilt` (each file is checked against its
    schema first: a table is never built from a file the test suite would refuse)."""

    def write(folder: Path) -> None:
        table = {}
        for name in sorted(SCHEMAS):
            check_packaged(name)
            table[name] = pickle.dumps(_Source(DATA_DIR / f"{name}.toml").data, protocol=pickle.HIGHEST_PROTOCOL)
        with open(folder / "rules.pickle", "wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)

    _prebuilt.cache_clear()
    return prebuilt.build("rules", _packaged_files(), PREBUILT_LAYOUT, write)


def schema(name: str) -> type[BaseModel]:
    """The schema of the rule file ``name``."""
    module, _, model = SCHEMAS[name].partition(".")
    return getattr(importlib.import_module(f"chronologue.rules.{module}"), model)


def check(data: dict[str, Any], name: str, sources: list[_Source] | None = None) -> None:
    """Raise :class:`RuleError` for the first value of ``data`` that breaks the schema of ``name``, naming the file
    (of ``sources``, users' files first) and line that wrote it."""
    from pydantic import ValidationError

    try:
        schema(name).model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        files = sources if sources is not None else [_Source(DATA_DIR / f"{name}.toml")]
        raise _blame(files, tuple(error["loc"]), error["msg"]) from exc


def check_packaged(name: str) -> None:
    """Check the packaged rule file ``name`` against its schema (the test suite does, for every file)."""
    check(_Source(DATA_DIR / f"{name}.toml").data, name)


class _Source:
    """One rule file as written: its path, text and parsed data."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(path, None, f"cannot be read ({exc})") from exc
        try:
            self.data: dict[str, Any] = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            found = _TOML_LINE.search(str(exc))
            raise RuleError(path, int(found.group(1)) if found else None, f"is no valid TOML ({exc})") from exc


def _blame(sources: list[_Source], location: tuple[Any, ...], message: str) -> RuleError:
    """The error for the file that wrote the value at ``location`` of the merged data (users' files first)."""
    field = ".".join(str(part) for part in location)
    index = location[1] if len(location) > 1 and isinstance(location[1], int) else None
    for source in sources:
        value = source.data.get(str(location[0])) if location else None
        if value is None:
            continue
        if index is not None and isinstance(value, list):
            if index >= len(value):
                index -= len(value)  # merged lists hold the users' entries first, in the order of ``sources``
                continue
            line = line_of(source.text, (location[0], index, *location[2:]))
            return RuleError(source.path, line, f"{field}: {message}")
        return RuleError(source.path, line_of(source.text, location), f"{field}: {message}")
    return RuleError(sources[-1].path, None, f"{field}: {message}")


def merge(base: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``user`` merged in: entries of the user's tables first, keys of plain tables replaced."""
    merged = dict(base)
    for key, value in user.items():
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list):
            merged[key] = [*value, *old]
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        else:
            merged[key] = value
    return merged


def line_of(text: str, location: tuple[Any, ...]) -> int | None:
    """The line of ``text`` where the value at ``location`` (``("event", 2, "start")``) is written, if found."""
    if not location:
        return None
    lines = text.splitlines()
    table, rest = str(location[0]), location[1:]
    row = 0
    if rest and isinstance(rest[0], int):  # the n-th [[table]] entry
        headers = [i for i, line in enumerate(lines) if line.strip() == f"[[{table}]]"]
        if rest[0] >= len(headers):
            return None
        row, rest = headers[rest[0]], rest[1:]
    elif rest and f"[{table}.{rest[0]}]" in {line.strip().replace('"', "") for line in lines}:  # [holiday."X"]
        row = next(i for i, line in enumerate(lines) if line.strip().replace('"', "") == f"[{table}.{rest[0]}]")
        rest = rest[1:]
    else:
        header = next((i for i, line in enumerate(lines) if line.strip() == f"[{table}]"), None)
        if header is None:
            key = re.compile(rf"^\s*{re.escape(table)}\s*=")
            return next((i + 1 for i, line in enumerate(lines) if key.match(line)), None)
        row = header
    if rest:
        key = re.compile(rf"^\s*[\"']?{re.escape(str(rest[0]))}[\"']?\s*=")
        for i in range(row + 1, len(lines)):
            if lines[i].lstrip().startswith("["):
                break
            if key.match(lines[i]):
                return i + 1
    return row + 1
