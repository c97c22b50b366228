"""Entity typing after recognition: what the gazetteer and the text around a name say about its type.

Run by the places stage on the story's entities before it geocodes them:

- a name in a locative frame (``through X``, ``in X``, ``the outskirts of X``: ``data/place_typing.toml``)
  that the gazetteer knows (as a notable place, or after a frame that only places things as a town of the
  frame's least population) is a PLACE, whatever the recogniser called it (spaCy calls
  former and foreign town names ORG, PERSON or EVENT), unless the document knows the name as a person's
  (a surname of a person named in full, a name after a title);
- a region's abbreviation after a town and a comma (``Barrie, Ont.``: ``gazetteer/rules.toml``
  [[region_alias]]) is a PLACE;
- a holiday or feast (the named days of ``data/time_holidays.toml``: ``Easter Sunday``) is a time, never a
  place: a PLACE of that name becomes MISC with ``holiday = true``;
- a demonym or adjective of a country (``Turkish``, ``Russians``: the demonyms of ``gazetteer/rules.toml``) is
  no place of its own: it is a GROUP (a PLACE of that name becomes one) and carries its country as
  ``attributes["associated_place"]`` (``country``, ``name``, ``lat``, ``lon``, ``source_id``) for the map; where
  it modifies a word (``the Turkish president``) the stage makes it a mention of the country (``embedded``);
- a "person" whose name ends in a word that heads the names of bodies (``Kentucky State Police``, ``Queensland
  Police Service``: ``data/place_typing.toml`` [[organisation]]) is an organisation;
- an organisation or group whose whole name is a notable place's main name (``Edmonton``, ``OTTAWA``, spaCy's
  NORP ``Aleppo``) is that place; so is a one-word "person" that is a country, a first-order region or a
  national capital (``Ottawa planned to...``: a capital for its government), unless it is a given name or the
  surname of a person the text names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronologue.lib.gazetteer import Gazetteer, fold, gazetteer
from chronologue.lib.gazetteer.candidate import AREA_KINDS
from chronologue.lib.identity.given_names import is_known_given
from chronologue.model.story import Entity, Story
from chronologue.rules import cached
from chronologue.rules import load as load_rules

TYPING_FILE = "place_typing"
RETYPED_FROM = frozenset({"ORG", "PERSON", "EVENT", "MISC", "WORK", "GROUP"})  # a demonym is settled first
DEMONYM_TYPES = frozenset({"GROUP", "MISC", "PLACE"})
GOVERNING_KINDS = frozenset({"country", "state", "region"})  # a one-word "person" of these kinds is the place


@dataclass(frozen=True)
class Frame:
    """Locative words and the least population of a town they make a place (None: a notable place only)."""

    pattern: re.Pattern[str]
    min_population: int | None


@cached
def locative_frames() -> tuple[Frame, ...]:
    """The locative frames of the data file, each a pattern matching the frame right before a name."""
    frames = []
    for entry in load_rules(TYPING_FILE)["locative"]:
        words = sorted(set(entry["words"]), key=len, reverse=True)
        alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        pattern = re.compile(rf"(?:^|[^\w'’])(?:{alternation})\s+(?:the\s+)?$", re.IGNORECASE)
        frames.append(Frame(pattern, entry.get("min_population")))
    return tuple(frames)


@cached
def body_words() -> frozenset[str]:
    """The words that head the names of bodies (``Police``, ``Department``, ``University``)."""
    return frozenset(w for entry in load_rules(TYPING_FILE)["organisation"] for w in entry["words"])


@cached
def holidays() -> frozenset[str]:
    """The folded names of the named days (holidays, feasts)."""
    return frozenset(fold(name) for name in load_rules("time_holidays")["holiday"])


def frame_before(text: str, start: int) -> Frame | None:
    """The locative frame the words right before ``start`` put a name in, or None (most words are in none: one
    pattern of every frame's words tells so before the frames are tried in order)."""
    window = text[max(0, start - 40) : start]
    if not _may_end_in_frame(window) or _any_frame().search(window) is None:
        return None
    return next((f for f in locative_frames() if f.pattern.search(window)), None)


def _may_end_in_frame(window: str) -> bool:
    """False when no frame's pattern can match at the end of ``window``: each ends in a frame word, white space
    and an optional ``the``, so the last word (or the one before ``the``) must end in the last word of a frame's
    words. Cheaper than the search, which tries every position; a word not in ASCII is left to the search (the
    patterns ignore case the regex engine's way)."""
    ends = _frame_word_ends()
    if ends is None:
        return True
    words = window.split()
    if not words or not window[-1].isspace():
        return False
    last = words[-1]
    if last.isascii() and last.lower() == "the" and len(words) > 1:
        words = words[-2:]
    else:
        words = words[-1:]
    return any(not word.isascii() or word.lower().endswith(ends) for word in words)


@cached
def _frame_word_ends() -> tuple[str, ...] | None:
    """The last word of each frame's words, in lower case; None when one is not in ASCII (no quick test then)."""
    ends = {w.split()[-1].lower() for entry in load_rules(TYPING_FILE)["locative"] for w in entry["words"]}
    return tuple(sorted(ends)) if all(end.isascii() for end in ends) else None


@cached
def _any_frame() -> re.Pattern[str]:
    """A pattern matching where any locative frame's pattern matches."""
    return re.compile("|".join(f"(?:{frame.pattern.pattern})" for frame in locative_frames()), re.IGNORECASE)


def retype(story: Story) -> None:
    """Settle the types of the story's entities by the rules of the module docstring."""
    if not story.entities:
        return
    gaz = gazetteer()
    owners = _person_name_owners(story)
    for entity in story.entities:
        key = fold(entity.name)
        persons = owners.get(key, set()) - {entity.id}  # a name is a person's by another entity's name
        if key in holidays():
            if entity.type == "PLACE":
                entity.type = "MISC"
                entity.attributes["holiday"] = True
            continue
        codes = gaz.rules.demonyms.get(key)
        if codes and entity.type in DEMONYM_TYPES:
            entity.type = "GROUP"
            _associate(entity, codes, gaz)
            continue
        if entity.type == "PERSON" and entity.name.split()[-1] in body_words() and " " in entity.name:
            entity.type = "ORG"
            entity.attributes = {}
        if entity.type in RETYPED_FROM and not persons and _is_place_in_frame(story.text, entity, gaz):
            entity.type = "PLACE"
        elif entity.type in ("ORG", "PERSON", "GROUP") and not persons and _is_named_place(entity, gaz):
            entity.type = "PLACE"
            entity.attributes = {}
        elif key in gaz.rules.region_aliases and entity.type != "PLACE" and _after_town(story.text, entity):
            entity.type = "PLACE"
        if entity.type == "PLACE":
            _cut_holiday(story.text, entity)


def _is_named_place(entity: Entity, gaz: Gazetteer) -> bool:
    """An organisation whose whole name is a notable place; a one-word person that is a country, a region or a
    national capital and no given name (the rules of the module docstring)."""
    name = entity.name
    if not name[:1].isupper() or len(name) < 3:
        return False
    if entity.type in ("ORG", "GROUP"):
        name = name.title() if name.isupper() else name
    elif " " in name or entity.attributes.get("rank") or is_known_given(name):
        return False
    if not gaz.is_known_place(name):
        return False
    best = next(iter(gaz.alone(name)), None)
    if best is None or not best.main_name:
        return False  # "Otava" (a publisher) is Ottawa only by an alternate name
    return entity.type != "PERSON" or best.kind in GOVERNING_KINDS or best.source_id in gaz.capitals


def _is_place_in_frame(text: str, entity: Entity, gaz: Gazetteer) -> bool:
    """Whether a mention of ``entity`` stands in a locative frame that the gazetteer's reading of it fits."""
    frames = [f for m in entity.mentions if (f := frame_before(text, m.start)) is not None]
    if not frames:
        return False
    if gaz.is_known_place(entity.name):
        return True
    floors = [f.min_population for f in frames if f.min_population is not None]
    if not floors or fold(entity.name) in gaz.rules.namesakes:
        return False
    best = next(iter(gaz.alone(entity.name)), None)
    return best is not None and (best.kind in AREA_KINDS or best.population >= min(floors))


_ON_DAY = re.compile(r"\s+on\s+(.+)$")


def _cut_holiday(text: str, entity: Entity) -> None:
    """``Helmstedt on Easter Sunday`` (read as a town on a river): the day is no part of the place's name."""
    match = _ON_DAY.search(entity.name)
    if not match or fold(match.group(1)) not in holidays():
        return
    cut = len(entity.name) - match.start()
    entity.name = entity.name[: match.start()]
    entity.aliases = [a for a in entity.aliases if fold(a) != fold(entity.name)]
    for m in entity.mentions:
        if fold(text[m.start : m.end]).endswith(fold(match.group(0))) and m.end - cut > m.start:
            m.end -= cut


_TOWN_COMMA = re.compile(r"[A-Z][\w.'’-]*,\s*$")


def _after_town(text: str, entity: Entity) -> bool:
    """Whether a mention follows a capitalised name and a comma (``Barrie, Ont.``): a region abbreviation there
    qualifies a town."""
    return any(_TOWN_COMMA.search(text, max(0, m.start - 40), m.start) for m in entity.mentions)


def person_name_words(story: Story) -> set[str]:
    """Folded surnames of the people named in full (``Ruth Miller`` -> ``miller``) and their full names."""
    return set(_person_name_owners(story))


def _person_name_owners(story: Story) -> dict[str, set[str]]:
    """Each word of :func:`person_name_words` -> the ids of the PERSON entities that give it: the recogniser's
    own "person" ``Vila Rica`` is no evidence that the text knows Vila Rica as a person's name."""
    owners: dict[str, set[str]] = {}
    for entity in story.entities:
        if entity.type != "PERSON":
            continue
        for name in (entity.name, *entity.aliases):
            parts = name.split()
            if len(parts) >= 2:
                owners.setdefault(fold(parts[-1]), set()).add(entity.id)
                owners.setdefault(fold(name), set()).add(entity.id)
    return owners


def _associate(entity: Entity, codes: frozenset[str], gaz: Gazetteer) -> None:
    """Give a demonym the country it points to (when it points to one) as its associated place."""
    if len(codes) != 1:
        return
    (code,) = codes
    index = gaz.index.header["country_places"].get(code)
    if index is None:
        return
    country = gaz._from_index(index, True)
    entity.attributes["associated_place"] = {
        "country": code,
        "name": country.name,
        "lat": country.lat,
        "lon": country.lon,
        "source_id": country.source_id,
    }
