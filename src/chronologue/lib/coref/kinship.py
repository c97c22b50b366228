"""Kin nouns: who ``his wife``, ``her mother``, ``the father`` or ``her son`` is among the persons a story names.

A family is the persons sharing a surname. A spouse is the titled member of the other sex, and only of a titled
person (Mr. X's wife is Mrs. X; Robert X's titled kin may be his mother); a parent is the titled one (``Mrs.
Morel`` for a mother); a child or a sibling an untitled member (``William Morel``). When the possessor has no
known surname (``Elizabeth``, a daughter named by her given name only) or there is none (``the mother``), the
family is the one the story is about: the surname shared by a titled couple (``Mr. Bennet`` and ``Mrs.
Bennet``), the most named one when there are several; with no couple, ``the mother`` is the story's only titled
woman. A kin who is not one person for certain stays None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chronologue.lib.coref.vocabulary import FEMALE, MALE
from chronologue.model.story import Entity

PARENT_RANKS = frozenset({"mr.", "mr", "mrs.", "mrs", "sir", "lady", "lord", "madame", "monsieur", "herr", "frau"})


@dataclass(frozen=True)
class Member:
    entity: str
    surname: str
    gender: str | None
    titled: bool
    mentions: int


class Families:
    """The story's families, by surname, built once per story."""

    def __init__(self, persons: list[Entity], gender_of: Callable[[str], str | None]) -> None:
        self.members: dict[str, list[Member]] = {}
        for entity in persons:
            surname = str(entity.attributes.get("surname") or "")
            if not surname or not surname[:1].isupper():
                continue
            rank = str(entity.attributes.get("rank") or "").lower()
            member = Member(entity.id, surname, gender_of(entity.id), rank in PARENT_RANKS, len(entity.mentions))
            self.members.setdefault(surname, []).append(member)
        self.surname_of = {m.entity: m.surname for family in self.members.values() for m in family}
        self._focus = self._focal_family()

    def _focal_family(self) -> str | None:
        """The surname of a titled couple (Mr. and Mrs. X), the most named of them; None when there is none."""
        couples = [(sum(m.mentions for m in family), surname) for surname, family in self.members.items()
                   if {m.gender for m in family if m.titled} >= {MALE, FEMALE}]
        return max(couples)[1] if couples else None

    def _titled(self, entity: str | None) -> bool:
        surname = self.surname_of.get(entity or "")
        return any(m.entity == entity and m.titled for m in self.members.get(surname or "", []))

    def kin(self, relation: str, gender: str, owner: str | None) -> str | None:
        """The entity that is ``owner``'s kin of this relation and sex (``owner`` None: the focal family's)."""
        surname = (self.surname_of.get(owner) if owner else None) or self._focus
        candidates = [m for m in self.members.get(surname or "", []) if m.entity != owner and m.gender == gender]
        if relation == "parent":
            candidates = [m for m in candidates if m.titled]
        elif relation in ("child", "sibling"):
            candidates = [m for m in candidates if not m.titled]
        if relation == "spouse" and owner is not None and not self._titled(owner):
            candidates = []
        if len(candidates) == 1:
            return candidates[0].entity
        titled = [m for m in candidates if m.titled]
        if relation == "spouse" and len(titled) == 1 and self._titled(owner):
            return titled[0].entity  # Mr. X's wife is Mrs. X; Robert X's titled kin may be his mother
        if not candidates and relation == "parent" and owner is None:
            # "the mother" in a story of one family: its only titled woman
            titled = [m for family in self.members.values() for m in family if m.titled and m.gender == gender]
            return titled[0].entity if len(titled) == 1 else None
        return None
