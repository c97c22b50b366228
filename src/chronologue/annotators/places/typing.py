"""Entity typing after recognition: what the gazetteer and the text around a name say about its type.

Run by the places stage on the story's entities before it geocodes them:

- a name in a locative frame (``through X``, ``in X``, ``the outskirts of X``: ``data/place_typing.toml``)
  that the gazetteer knows as a notable place is a PLACE, whatever the recogniser called it (spaCy calls
  former and foreign town names ORG, PERSON or EVENT), unless the document knows the name as a person's
  (a surname of a person named in full, a name after a title);
- a holiday or feast (the named days of ``data/time_holidays.toml``: ``Easter Sunday``) is a time, never a
  place: a PLACE of that name becomes MISC with ``holiday = true``;
- a demonym or adjective of a country (``Turkish``, ``Russians``: the demonyms of ``gazetteer/rules.toml``) is
  never the place itself: it is a GROUP (a PLACE of that name becomes one) and carries its country as
  ``attributes["associated_place"]`` (``country``, ``name``, ``lat``, ``lon``, ``source_id``) for the map.
"""

from __future__ import annotations

import re
from functools import cache

from chronologue.data import load_toml
from chronologue.lib.gazetteer import Gazetteer, fold, gazetteer
from chronologue.model.story import Entity, Story

TYPING_FILE = "place_typing.toml"
RETYPED_FROM = frozenset({"ORG", "PERSON", "EVENT", "MISC", "WORK"})
DEMONYM_TYPES = frozenset({"GROUP", "MISC", "PLACE"})


@cache
def locative_frame() -> re.Pattern[str]:
    """A pattern matching a locative frame that ends right where a name starts."""
    words = [w for entry in load_toml(TYPING_FILE)["locative"] for w in entry["words"]]
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?:^|[^\w'’])(?:{alternation})\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def holidays() -> frozenset[str]:
    """The folded names of the named days (holidays, feasts)."""
    return frozenset(fold(name) for name in load_toml("time_holidays.toml")["holiday"])


def in_locative_frame(text: str, start: int) -> bool:
    """Whether the words right before ``start`` put the name there in a locative frame."""
    return bool(locative_frame().search(text, max(0, start - 40), start))


def retype(story: Story) -> None:
    """Settle the types of the story's entities by the rules of the module docstring."""
    if not story.entities:
        return
    gaz = gazetteer()
    people = _person_name_words(story)
    for entity in story.entities:
        key = fold(entity.name)
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
        if entity.type in RETYPED_FROM and key not in people and _is_place_in_frame(story.text, entity, gaz):
            entity.type = "PLACE"


def _is_place_in_frame(text: str, entity: Entity, gaz: Gazetteer) -> bool:
    framed = any(in_locative_frame(text, m.start) for m in entity.mentions)
    return framed and gaz.is_known_place(entity.name)


def _person_name_words(story: Story) -> set[str]:
    """Folded surnames of the people named in full (``Ruth Miller`` -> ``miller``) and their full names."""
    words: set[str] = set()
    for entity in story.entities:
        if entity.type != "PERSON":
            continue
        for name in (entity.name, *entity.aliases):
            parts = name.split()
            if len(parts) >= 2:
                words.add(fold(parts[-1]))
                words.add(fold(name))
    return words


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
