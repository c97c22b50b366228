"""The gender of person entities, for he/she pronouns of event participants.

What the entity stage recorded comes first; else a title or a kinship word next to a mention ("Madame X",
"his wife, X"), a given name of known gender (the identity module's given names, pet forms included), or a
gendered surname ending ("-ska", "-ova" / "-ski", "-ov"). Tables in ``data/event_gender.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from chronologue.data import DATA_DIR
from chronologue.lib.identity.given_names import given_gender
from chronologue.model.story import Entity

DATA = DATA_DIR
# How far before and after a mention a title or a kinship word is looked for.
CUE_REACH = 30


@dataclass(frozen=True)
class GenderCues:
    """Look-up tables of gender cues."""

    titles: dict[str, str]
    roles: dict[str, str]
    endings: tuple[tuple[str, str], ...]  # longest first
    before: re.Pattern[str]
    after: re.Pattern[str]


def _table(rows: list[dict]) -> dict[str, str]:
    return {word: row["gender"] for row in rows for word in row["words"]}


@cache
def cues() -> GenderCues:
    """The gender cues, read once per process."""
    with (DATA / "event_gender.toml").open("rb") as handle:
        data = tomllib.load(handle)
    titles, roles = _table(data.get("title", [])), _table(data.get("role", []))
    endings = tuple(sorted(_table(data.get("ending", [])).items(), key=lambda pair: -len(pair[0])))
    words = "|".join(sorted(map(re.escape, {*titles, *roles}), key=len, reverse=True))
    return GenderCues(
        titles=titles,
        roles=roles,
        endings=endings,
        before=re.compile(rf"\b({words})\.?,?\s*$", re.IGNORECASE),
        after=re.compile(rf"^,\s*(?:the|a|an|his|her|their)?\s*({'|'.join(map(re.escape, roles))})\b", re.IGNORECASE),
    )


def _from_name(name: str, table: GenderCues) -> str | None:
    words = name.split()
    if not words:
        return None
    if len(words) > 1 and given_gender(words[0]):
        return given_gender(words[0])
    last = words[-1].casefold()
    if len(last) > 3:
        for ending, gender in table.endings:
            if last.endswith(ending):
                return gender
    return None


def guess(entity: Entity, text: str) -> str | None:
    """'male', 'female' or None for a person entity."""
    stated = entity.attributes.get("gender")
    if stated in ("male", "female"):
        return stated
    table = cues()
    for mention in entity.mentions[:20]:
        found = table.before.search(text, max(0, mention.start - CUE_REACH), mention.start)
        if found is None:
            found = table.after.match(text[mention.end:mention.end + CUE_REACH])
        if found is not None:
            word = found.group(1).casefold()
            return table.titles.get(word) or table.roles.get(word)
    given = entity.attributes.get("given")
    if isinstance(given, str) and given_gender(given):
        return given_gender(given)
    return _from_name(entity.name, table)
