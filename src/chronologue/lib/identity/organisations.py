"""One key for the ways an organisation's name is written: ``U.S. Air Force``, ``United States Air Force`` and
``U.S. Air Force C-54`` are one organisation.

The key folds the name (ASCII, lowercase, no leading ``the``), writes every country name or alias the gazetteer
knows (``U.S.``, ``United States``, ``USA``, ``Britain``) as the country's ISO code, and drops trailing
equipment designations (words with a digit: ``C-54``, ``T-34``), which name what the organisation flew or
drove, not the organisation.
"""

from __future__ import annotations

import re
from functools import cache

from chronologue.lib.gazetteer import fold, gazetteer

_DESIGNATION = re.compile(r"(?:\s+\S*\d\S*)+$")


@cache
def _countries() -> tuple[re.Pattern[str], dict[str, str]]:
    gaz = gazetteer()
    names = {fold(name): code for code, name in gaz.country_names.items() if name}
    names.update(gaz.rules.country_aliases)
    names = {k: v for k, v in names.items() if len(k) >= 2}
    alternation = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:the )?(?:{alternation})\b"), names


def organisation_key(name: str) -> str:
    """The comparison key of an organisation's name (see the module docstring)."""
    key = fold(_DESIGNATION.sub("", name.strip()) or name).removeprefix("the ")
    pattern, codes = _countries()
    return pattern.sub(lambda m: "<" + codes[m.group(0).removeprefix("the ")].lower() + ">", key)
