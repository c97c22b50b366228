"""Turns a rule match (its named groups) into a TIMEX3 type/value/mod and inclusive day bounds.

One function per rule ``kind`` (date, offset, relative, duration, set, deictic, event, narrative, vague,
undated), each in the module of its family; each reads the named groups the rule captured and the references
(document date, narrative time) and returns a ``Resolution``, or None when the match is no time expression
after all (a year range that runs backwards). Lookups go through the word tables of time_vocab.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chronologue.lib.timex.common import Groups, Resolution, Scope, apply_part
from chronologue.lib.timex.dates import norm_date
from chronologue.lib.timex.events import norm_event, resolve_event
from chronologue.lib.timex.relative import (
    norm_deictic,
    norm_narrative,
    norm_offset,
    norm_relative,
    norm_undated,
    norm_vague,
)
from chronologue.lib.timex.spans import duration_value, norm_duration, norm_set

HANDLERS: dict[str, Callable[[Any, Groups, Scope], Resolution | None]] = {
    "date": norm_date,
    "offset": norm_offset,
    "relative": norm_relative,
    "duration": norm_duration,
    "set": norm_set,
    "deictic": norm_deictic,
    "narrative": norm_narrative,
    "vague": norm_vague,
    "undated": norm_undated,
}

__all__ = ["HANDLERS", "Resolution", "Scope", "apply_part", "duration_value", "norm_event", "resolve_event"]
