"""Rules as data: every ``chronologue/data/*.toml`` read through one loader, checked against its schema, with
the user's overlay directories merged in (see :mod:`chronologue.rules.loader`)."""

from chronologue.rules.loader import RULES_ENV, RuleError, cached, load, overlay_dirs, reset, use_overlays

__all__ = ["RULES_ENV", "RuleError", "cached", "load", "overlay_dirs", "reset", "use_overlays"]
