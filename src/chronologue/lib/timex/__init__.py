"""chronologue's temporal tagger and normaliser: TIMEX3 type/value/mod, EDTF, inclusive day bounds, anchors.

Rules are data (``chronologue/data/time_patterns.toml``, ``time_vocab.toml``, ``time_holidays.toml``,
``event_anchors.toml``). ``tag(text, dct=...)`` returns the time expressions of a text; ``bounds_of(value)``
gives the day bounds of a TIMEX3 value. Users add event anchors with a TOML file of the same shape as
``event_anchors.toml``: pass ``anchors=(path,)`` to ``tag`` or set ``CHRONOLOGUE_EVENT_ANCHORS`` (paths
separated by ``os.pathsep``).
"""

from __future__ import annotations

from chronologue.lib.timex.resources import ANCHORS_ENV, load_anchors
from chronologue.lib.timex.tagger import TaggedTimex, tag
from chronologue.lib.timex.values import bounds_of as _bounds_of
from chronologue.lib.timex.values import to_edtf


def bounds_of(value: str, mod: str | None = None) -> tuple[str | None, str | None]:
    """Inclusive ISO day bounds of a TIMEX3 value: ``bounds_of("1944-FA")`` -> ("1944-09-01", "1944-11-30");
    ``mod`` START/MID/END keeps a third, BEFORE/AFTER open one side. (None, None) when the value has no bounds."""
    return _bounds_of(value, mod)


__all__ = ["ANCHORS_ENV", "TaggedTimex", "bounds_of", "load_anchors", "tag", "to_edtf"]
