"""The names stage: the mentions of the entities stage become entities, one per real-world referent.

People are clustered by their names (``people``: full names, surnames, titles, given names). Other mentions
join by their known name (``USSR`` and ``Soviet Union``), an acronym defined in parentheses, or their
normalised text; works join by the content words of their titles, so one book cited under two translated
titles is one work.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from anyascii import anyascii

from chronologue.annotators.names.apart import apart_forms
from chronologue.annotators.names.people import (
    ParsedName,
    Person,
    cluster_people,
    family_plurals,
    parse_person_name,
    several_daughters,
    wife_of,
)
from chronologue.lib.gazetteer import notable_place_id
from chronologue.lib.identity import PersonName
from chronologue.lib.identity import parse_person_name as identity_parse
from chronologue.lib.identity.organisations import organisation_key
from chronologue.lib.unionfind import UnionFind
from chronologue.model.story import Entity, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.handoffs import Mention
from chronologue.pipeline.registry import Annotator

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ParsedName", "build_entities", "mark_relatives", "parse_person_name", "run", "work_key"]

NAME_BODY_ROLES = ("body", "lede", "quote", "caption", "title", "kicker", "heading")
WORK_STOPWORDS = frozenset(
    "a an the of from in on at to for and or with by about into under over as de la le der die das des von z ze w we i"
    " o na".split()
)
WORK_STEM = 5  # "captivity" and "captive" share "capti"
WORK_MIN_SIMILARITY = 0.6


# -- works -------------------------------------------------------------------------------------------------------


def work_key(title: str) -> frozenset[str]:
    """Stems of a title's content words: ``Notes of a captive officer`` -> {notes, capti, offic}."""
    words = re.findall(r"[^\W\d_]+", anyascii(title).lower())
    return frozenset(w[:WORK_STEM] for w in words if w not in WORK_STOPWORDS and len(w) > 1)


def _similar_works(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / len(a | b) >= WORK_MIN_SIMILARITY or (shared >= 2 and shared / min(len(a), len(b)) >= 0.75)


# -- everything else ---------------------------------------------------------------------------------------------


_POSSESSIVE_END = re.compile(r"['’]s$")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


def _plain_key(mention: Mention) -> str:
    if mention.canonical:
        return mention.canonical.lower()
    text = _POSSESSIVE_END.sub("", mention.text)
    text = _LEADING_THE.sub("", text)
    return " ".join(anyascii(text).lower().split())


def _cluster_others(mentions: list[Mention]) -> list[list[Mention]]:
    """Non-person mentions grouped by known name, acronym, normalised text and notable place; works by title."""
    union = UnionFind(len(mentions))
    position = {id(m): i for i, m in enumerate(mentions)}
    first_by_key: dict[tuple[str, str], int] = {}
    works: list[tuple[frozenset[str], int]] = []
    for i, mention in enumerate(mentions):
        family = "WORK" if mention.type == "WORK" else "OTHER"
        key = (family, _plain_key(mention))
        if key in first_by_key:
            union.join(first_by_key[key], i)
        else:
            first_by_key[key] = i
        if mention.alias_of is not None and id(mention.alias_of) in position:
            union.join(position[id(mention.alias_of)], i)
        if mention.type == "PLACE":  # "Kiev" and "Kyiv", "Lemberg" and "Lviv": one place of the gazetteer
            place_id = notable_place_id(mention.text)
            if place_id:
                key = ("PLACE-ID", place_id)
                if key in first_by_key:
                    union.join(first_by_key[key], i)
                else:
                    first_by_key[key] = i
        if mention.type == "ORG":  # "U.S. Air Force", "United States Air Force", "U.S. Air Force C-54"
            key = ("ORG-KEY", organisation_key(mention.text))
            if key in first_by_key:
                union.join(first_by_key[key], i)
            else:
                first_by_key[key] = i
        if mention.type == "WORK":
            stems = work_key(mention.text)
            for other_stems, j in works:
                if _similar_works(stems, other_stems):
                    union.join(j, i)
                    break
            works.append((stems, i))
    groups: dict[int, list[Mention]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(union.find(i), []).append(mention)
    return list(groups.values())


# -- entities ----------------------------------------------------------------------------------------------------


def _latin(text: str) -> bool:
    return anyascii(text) == text or all(ord(ch) < 0x0370 for ch in text)


def _parts(text: str) -> PersonName:
    """The parts of a name (rank, given name, patronymic, surname), by the identity library."""
    return identity_parse(text)


def _person_entity(person: Person) -> tuple[str, list[Mention], dict[str, Any]]:
    mentions = person.mentions

    def preference(m: Mention) -> tuple[int, int, int, int, int, int]:
        # another name the text gives ("born Sahle Maryam", "known as Tuppence") never becomes the entity's name
        return (m.role in NAME_BODY_ROLES, m.alias_of is None, _latin(m.text), len(m.text.split()),
                not m.text.isupper(), -m.start)

    best = max(mentions, key=preference)
    name = best.text
    attributes: dict[str, Any] = {}
    ranks = [m.rank for m in sorted(mentions, key=lambda m: m.start) if m.rank]
    if ranks:
        attributes["rank"] = ranks[0]
        if len(set(ranks)) > 1:
            attributes["ranks"] = list(dict.fromkeys(ranks))
    parsed = _parts(best.text)
    for key in ("given", "patronymic", "surname"):
        value = getattr(parsed, key)
        if value:
            attributes[key] = value
    if person.gender:
        attributes["gender"] = person.gender
    if "," in name and parsed.given and parsed.surname:
        name = " ".join(part for part in (parsed.given, parsed.patronymic, parsed.surname) if part)  # "Snyder, Timothy"
    titles = list(dict.fromkeys(m.rank for m in mentions if m.rank))
    married = all(wife_of(m, parse_person_name(m.text)) for m in mentions)
    if len(titles) == 1 and titles[0] != name and (married or not person.givens and " " not in name):
        name = f"{titles[0]} {name}"  # "Mr. Bennet", "General Tilney", "Mrs. Newland Archer": the title tells apart
    return name, mentions, attributes


def _other_entity(group: list[Mention]) -> tuple[str, str, dict[str, Any]]:
    types = Counter(m.type for m in group)
    rule_types = Counter(m.type for m in group if not m.source.startswith(("spacy", "repeat")))
    type_ = (rule_types or types).most_common(1)[0][0]
    canonical = next((m.canonical for m in group if m.canonical), None)
    if canonical:
        name = canonical
    else:
        texts = Counter(m.text for m in group if m.source != "acronym")
        body = Counter(m.text for m in group if m.source != "acronym" and m.role in NAME_BODY_ROLES)
        pool = body or texts or Counter(m.text for m in group)
        name = max(pool, key=lambda t: (pool[t], len(t)))
    attributes: dict[str, Any] = {}
    acronyms = sorted({m.text for m in group if m.source == "acronym" or (m.text.isupper() and len(m.text) <= 8)})
    if acronyms and any(a != name for a in acronyms):
        attributes["acronyms"] = [a for a in acronyms if a != name]
    return type_, name, attributes


def _titled_start(text: str, mention: Mention) -> int:
    """Where a person's mention starts: with its title before a surname alone (``Mr. Bennet`` and ``Mrs. Bennet``
    are told apart by it), after it before a full name (``Captain Ivan Kovalenko``: the rank is an attribute)."""
    rank = mention.rank
    if not rank or mention.type != "PERSON" or " " in mention.text.strip():
        return mention.start
    before = text[max(0, mention.start - len(rank) - 2):mention.start]
    gap = len(before) - len(before.rstrip())
    if 1 <= gap <= 2 and before.rstrip().endswith(rank):
        return mention.start - gap - len(rank)
    return mention.start


def _forms(mention: Mention) -> tuple[str, ...]:
    """The forms a mention names its entity by: its text, and with its title (``Captain Ivan Kovalenko``, ``Ivan
    Kovalenko``); a surname alone only with its title (``Mr. Emerson``: the text's bare ``Emerson`` may be his son)."""
    if not mention.rank:
        return (mention.text,)
    titled = f"{mention.rank} {mention.text}"
    return (titled,) if mention.type == "PERSON" and " " not in mention.text.strip() else (mention.text, titled)


def build_entities(mentions: list[Mention], text: str | None = None, doc: Doc | None = None) -> list[Entity]:
    """Entities (ids ``e1, e2, ...`` in order of first mention) from the mentions of the entities stage; with the
    ``text``, a person's mention spans its title too; with the parse (``doc``), people the text coordinates stay
    apart. A family named in the plural is a group of its own."""
    families = family_plurals(mentions, text)
    daughters = several_daughters([m for m in mentions if id(m) in families])
    if families:
        mentions = [replace(m, type="GROUP") if id(m) in families else m for m in mentions]
    people = [m for m in mentions if m.type == "PERSON"]
    others = [m for m in mentions if m.type != "PERSON"]
    drafts: list[tuple[int, str, str, list[Mention], dict[str, Any]]] = []
    for person in cluster_people(people, apart_forms(people, doc) if doc is not None else None, daughters):
        name, group, attributes = _person_entity(person)
        drafts.append((min(m.start for m in group), "PERSON", name, group, attributes))
    for group in _cluster_others(others):
        type_, name, attributes = _other_entity(group)
        drafts.append((min(m.start for m in group), type_, name, group, attributes))
    drafts.sort(key=lambda d: d[0])
    entities = []
    for number, (_, type_, name, group, attributes) in enumerate(drafts, start=1):
        spans = sorted({(_titled_start(text, m) if text else m.start, m.end) for m in group})
        ordered = sorted(group, key=lambda m: m.start)
        forms = [form for m in ordered for form in _forms(m)]
        aliases = list(dict.fromkeys(form for form in forms if form != name))
        entities.append(
            Entity.model_validate(  # one validation in the core per entity: cheaper than a model per span
                {
                    "id": f"e{number}",
                    "type": type_,
                    "name": name,
                    "aliases": aliases,
                    "mentions": [{"start": a, "end": b} for a, b in spans],
                    "attributes": attributes,
                }
            )
        )
    return entities


def mark_relatives(mentions: list[Mention], doc: Doc) -> None:
    """Flag the person mentions in apposition to a possessed noun: ``his brother Ivan Horvat``, ``her son, Peter``."""
    for mention in mentions:
        if mention.type != "PERSON":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and any(c.dep_ == "poss" for c in root.head.children):
            mention.relative = True


def run(story: Story, ctx: Context) -> None:
    """Cluster the mentions into ``story.entities``."""
    mentions = ctx.mentions
    if ctx.doc is not None:
        mark_relatives(mentions, ctx.doc)
    story.entities.extend(build_entities(mentions, story.text, ctx.doc))


ANNOTATOR = Annotator(
    "names",
    run,
    requires=("ctx.mentions", "ctx.doc"),
    assigns=("story.entities",),
    description="Mentions become entities, one per real-world referent.",
)
