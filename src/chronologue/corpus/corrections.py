"""Curators' corrections, applied on every re-analysis and every resolution of identities.

On a story (before its rows are written and before identities are resolved): ``type`` gives an entity another
type, ``reject`` removes an annotation (an entity with its timeline, an event, a quote, a claim, a timex).
On the identities (after ``resolve``): ``merge`` joins the identities of two members, ``split`` takes a member
out of its identity, ``pin`` moves a place's (or anyone's) point. A member is named by its document's path
and the entity's name there, which survive a re-analysis; an annotation by its document's path, kind and id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from chronologue.corpus.model import CorpusEntity
from chronologue.errors import ChronologueError
from chronologue.model.story import Geo, Story

KINDS = ("merge", "split", "type", "pin", "reject")
ANNOTATIONS = {"entity": "entities", "event": "events", "quote": "quotes", "claim": "claims", "timex": "timexes"}
TYPES = ("PERSON", "PLACE", "ORG", "GROUP", "EVENT", "WORK", "LAW", "MISC")


@dataclass(frozen=True)
class Fix:
    """One correction as the store keeps it (see ``tables.Correction``)."""

    kind: str
    target: dict
    other: dict | None = None
    value: dict | None = None
    author: str = ""
    id: int = 0
    created_at: str = ""


def check(fix: Fix) -> None:
    """A ChronologueError when the correction is not one the store can apply."""
    def bad(problem: str) -> ChronologueError:
        return ChronologueError("E402", f"correction refused: {problem}",
                                "see `chronologue corpus correct --help` for the kinds and their fields")
    if fix.kind not in KINDS:
        raise bad(f"unknown kind '{fix.kind}' (use {', '.join(KINDS)})")
    if not fix.author.strip():
        raise bad("who made it is missing (author)")
    if not isinstance(fix.target, dict) or not fix.target.get("path"):
        raise bad("the target needs the document's path")
    if fix.kind == "reject":
        if fix.target.get("kind") not in ANNOTATIONS or not fix.target.get("id"):
            raise bad(f"a rejected annotation needs its kind ({', '.join(ANNOTATIONS)}) and id")
    elif not fix.target.get("name"):
        raise bad("the target needs the entity's name in that document")
    if fix.kind == "merge" and not (fix.other and fix.other.get("path") and fix.other.get("name")):
        raise bad("a merge needs the other member (path and name)")
    if fix.kind == "type" and (fix.value or {}).get("type") not in TYPES:
        raise bad(f"a type change needs one of {', '.join(TYPES)}")
    if fix.kind == "pin":
        lat, lon = (fix.value or {}).get("lat"), (fix.value or {}).get("lon")
        if not (isinstance(lat, int | float) and isinstance(lon, int | float)) \
                or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise bad("a pin needs lat in [-90, 90] and lon in [-180, 180]")


def apply_to_story(story: Story, path: str, fixes: Iterable[Fix]) -> Story:
    """The story with this document's type changes and rejections applied (a copy when any applies)."""
    mine = [f for f in fixes if f.target.get("path") == path and f.kind in ("type", "reject")]
    if not mine:
        return story
    story = story.model_copy(deep=True)
    for fix in mine:
        if fix.kind == "type":
            for entity in story.entities:
                if entity.name == fix.target["name"]:
                    entity.type = cast(dict, fix.value)["type"]  # validate(): a type change has a value
            continue
        field_name, wanted = ANNOTATIONS[fix.target["kind"]], fix.target["id"]
        setattr(story, field_name, [a for a in getattr(story, field_name) if a.id != wanted])
        if fix.target["kind"] == "entity":
            story.timelines = [t for t in story.timelines if t.entity != wanted]
        if fix.target["kind"] == "event":
            for timeline in story.timelines:
                timeline.events = [e for e in timeline.events if e != wanted]
    return story.model_validate(story.model_dump(by_alias=True))  # fresh look-up indexes


@dataclass
class _Identity:
    entity: CorpusEntity
    members: list = field(default_factory=list)


def _refresh(entity: CorpusEntity) -> CorpusEntity:
    names = [m.name for m in sorted(entity.members, key=lambda m: -m.mentions)]
    aliases = [n for n in dict.fromkeys(names) if n != entity.name]
    return entity.model_copy(update={"aliases": aliases, "mentions": sum(m.mentions for m in entity.members),
                                     "documents": len({m.document for m in entity.members})})


def apply_to_identities(entities: Sequence[CorpusEntity], paths: dict[str, str],
                        fixes: Iterable[Fix]) -> list[CorpusEntity]:
    """The identities with the merges, splits and pins applied in the order they were made; ``paths`` maps a
    document id (``d3``) to its path. Ids are given again afterwards by the caller."""
    groups = [e.model_copy(deep=True) for e in entities]

    def find(member: dict) -> tuple[CorpusEntity, list] | None:
        for group in groups:
            found = [m for m in group.members
                     if paths.get(m.document) == member.get("path") and m.name == member.get("name")]
            if found:
                return group, found
        return None

    for fix in fixes:
        if fix.kind not in ("merge", "split", "pin"):
            continue
        hit = find(fix.target)
        if hit is None:
            continue
        group, found = hit
        if fix.kind == "pin":
            pin = cast(dict, fix.value)  # validate(): a pin has a value
            group.geo = Geo(lat=pin["lat"], lon=pin["lon"], source_id=f"correction:{fix.id}")
        elif fix.kind == "split" and len(found) < len(group.members):
            group.members = [m for m in group.members if m not in found]
            groups[groups.index(group)] = _refresh(group)
            alone = CorpusEntity(id="", type=group.type, name=found[0].name, members=found,
                                 geo=group.geo if group.type == "PLACE" else None)
            groups.append(_refresh(alone))
        elif fix.kind == "merge":
            other = find(fix.other or {})
            if other is None or other[0] is group or other[0].type != group.type:
                continue
            group.members = group.members + other[0].members
            if group.geo is None:
                group.geo = other[0].geo
            groups.remove(other[0])
            groups[groups.index(group)] = _refresh(group)
    return groups
