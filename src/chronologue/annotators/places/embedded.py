"""Places the text names inside other words: news toponyms that no recogniser gives as a place of their own.

Run by the places stage (after typing, around geocoding). News geoparsing counts as toponyms (TR-News,
``../shared/eval/data/trnews/SOURCE.md``):

- a country named by its adjective (``the Turkish president``, ``Russian hackers``, ``Turkish-Russian
  relations``): the adjective of a country (``gazetteer/areas.tsv`` demonyms) before a word is a mention of the
  country's PLACE entity (made when the text never names the country itself), never of a GROUP; the nominal
  uses (``the Turks``, ``Americans``) stay GROUPs with their country as ``associated_place``;
- a place inside an organisation's name: its first words (``Kentucky State Police``, ``Winnipeg Free Press``),
  its last (``CTV Winnipeg``, ``Environment Canada``) or the words after ``of`` (``University of Manitoba``,
  ``Conference Board of Canada``) when the gazetteer knows them as a region, a country or a town of
  ``EMBEDDED_MIN_POPULATION``; the organisation keeps its own entity, the place is a nested mention;
- a place's name said alone, where the recogniser or the coreference made it a mention of a body or a person
  named after the place (``Queensland`` of ``Queensland Police Service``);
- a place joined by a hyphen to another word (``Russia-Turkey ties``, ``a Canada-wide warrant``, ``the
  U.S.-led campaign``, ``Seattle-based Starbucks``), when the whole is no place of its own (``Stoke-on-Trent``);
- a dateline (``EDMONTON, Ky. (WBKO) --``, ``BERLIN —``, ``DETROIT The ...`` with its dash lost): the capitals
  before the comma, dash or next sentence that open a paragraph, when the gazetteer knows them;
- places coordinated inside one name (``south to Ingham or Townsville``, ``the towns of Haris and Varzaqan``,
  read as one organisation): each conjunct a name of the gazetteer, no person's name, and each next to the one
  before it (readings within ``COORDINATED_KM``: places named together lie together, which ``Marks and
  Spencer`` do not); likewise a name of another type coordinated with a PLACE's mention or with another such
  name (``Foua and Kfraya``, ``Heathrow and Gatwick``) is a place when their readings lie that near; and a
  one-word "place" coordinated with a person named in full (``workers Brent and Lynnette Hain``), never in a
  locative frame (``flights to London and John Smith's``) and no country, region or capital (``Russia and
  Vladimir Putin``), is a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from chronologue.annotators.places.typing import GOVERNING_KINDS, body_words, frame_before
from chronologue.lib.gazetteer import Candidate, Gazetteer, fold
from chronologue.lib.gazetteer.candidate import AREA_KINDS
from chronologue.lib.identity.given_names import is_known_given
from chronologue.lib.regex_starts import guarded
from chronologue.model.story import Entity, Span, Story

EMBEDDED_MIN_POPULATION = 10_000  # a town inside an organisation's name must be at least this large
DATELINE_MIN_POPULATION = 1_000
MAX_PLACE_WORDS = 4
COORDINATED_KM = 300.0
# a word after a country's adjective that shows it is used as a noun (``a 34-year-old German who``)
NOT_MODIFIED = frozenset(
    "who whom whose which that is was are were has have had said says will would did does do of to in on at by for "
    "with from as".split()
)
_MODIFIED_WORD = re.compile(r"(?:\s+|-)([A-Za-z]+)")  # the word an adjective modifies
_ORG_WORD = re.compile(r"[\w&][\w.&'’-]*")
_DATELINE = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?=,| ?[—–]| -|--|\s+\(|\s+[A-Z][a-z])")


def adjective_spans(text: str, gaz: Gazetteer) -> dict[str, list[tuple[int, int]]]:
    """Country code -> the spans where the country's adjective modifies a word (``Turkish troops``)."""
    return _modifier_spans(text, gaz.adjective_pattern, gaz.adjectives, gaz)


def continent_adjective_spans(text: str, gaz: Gazetteer) -> dict[str, list[tuple[int, int]]]:
    """Continent name -> the spans where the continent's adjective modifies a word (``Asian markets``), not a
    people's name (``African American``)."""
    table = gaz.rules.continent_adjectives
    return _modifier_spans(text, _continent_pattern(tuple(sorted(table))), table, gaz)


@cache
def _continent_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    return guarded(re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b")) if words else None


def _modifier_spans(
    text: str, pattern: re.Pattern[str] | None, table: dict[str, str], gaz: Gazetteer
) -> dict[str, list[tuple[int, int]]]:
    found: dict[str, list[tuple[int, int]]] = {}
    if pattern is None:
        return found
    for match in pattern.finditer(text):
        after = _MODIFIED_WORD.match(text, match.end(), match.end() + 40)
        if after is None or after.group(1).lower() in NOT_MODIFIED:
            continue
        if match.group(0) in gaz.rules.continent_adjectives and fold(after.group(1)) in gaz.rules.demonyms:
            continue  # "African American": a people
        found.setdefault(table[match.group(0)], []).append((match.start(), match.end()))
    return found


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _ORG_WORD.finditer(text[start:end])]


def _capitalised(text: str, words: list[tuple[int, int]]) -> bool:
    return all(text[a].isupper() for a, _ in words)


def organisation_places(text: str, entity: Entity, gaz: Gazetteer, people: set[str]) -> list[tuple[int, int]]:
    """The spans of places inside the mentions of an organisation (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    for mention in entity.mentions:
        words = _words(text, mention.start, mention.end)
        if len(words) < 2:
            continue
        found = None
        for k in range(min(MAX_PLACE_WORDS, len(words) - 1), 0, -1):  # the first words
            if _capitalised(text, words[:k]) and _is_embedded_place(text[words[0][0] : words[k - 1][1]], gaz, people):
                found = (words[0][0], words[k - 1][1])
                break
        if found is None:
            of = [i for i, (a, b) in enumerate(words) if text[a:b] == "of"]
            for i in of:
                rest = words[i + 1 : i + 1 + MAX_PLACE_WORDS]
                for k in range(len(rest), 0, -1):
                    name = text[rest[0][0] : rest[k - 1][1]]
                    if _capitalised(text, rest[:k]) and _is_embedded_place(name, gaz, people):
                        found = (rest[0][0], rest[k - 1][1])
                        break
                if found:
                    break
        if found is None:
            for j in range(max(1, len(words) - MAX_PLACE_WORDS), len(words)):  # the last words
                tail = words[j:]
                if text[words[j - 1][0] : words[j - 1][1]] == "of":
                    continue
                if _capitalised(text, tail) and _is_embedded_place(text[tail[0][0] : tail[-1][1]], gaz, people):
                    found = (tail[0][0], tail[-1][1])
                    break
        if found is not None:
            spans.append(found)
    return spans


def short_place_mentions(text: str, entity: Entity, gaz: Gazetteer) -> list[tuple[int, int]]:
    """The mentions of an organisation or a person named after a place that are the place's name alone, the
    name's leading words (``Queensland`` beside ``Queensland Police Service``, ``Edmonton`` beside the radio show
    ``Edmonton AM``): said alone, the name is the place's, not a short form of the body's (a person's given name
    excepted: ``Victoria`` of ``Victoria Smith``)."""
    spans = []
    for mention in entity.mentions:
        written = text[mention.start : mention.end]
        if written == entity.name or not entity.name.startswith(written + " ") or not gaz.is_known_place(written):
            continue
        if entity.type == "PERSON" and is_known_given(written):
            continue
        spans.append((mention.start, mention.end))
    return spans


def _is_embedded_place(name: str, gaz: Gazetteer, people: set[str]) -> bool:
    key = fold(name)
    if any(word in body_words() for word in name.split()):
        return False  # "University of Manitoba": the body is no place, the place comes after "of"
    if key in people or key in gaz.rules.namesakes or key in gaz.rules.region_aliases or name.isupper():
        return False
    if gaz.is_known_place(name):
        return True
    best = next(iter(gaz.alone(name)), None)
    return (
        best is not None and best.main_name and (best.kind in AREA_KINDS or best.population >= EMBEDDED_MIN_POPULATION)
    )


_HYPHEN_PART = re.compile(r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*")


def hyphen_places(text: str, entity: Entity, gaz: Gazetteer) -> list[tuple[int, int]]:
    """The spans of the notable places joined by hyphens inside the mentions of ``entity`` (module docstring)."""
    spans = []
    for mention in entity.mentions:
        written = text[mention.start : mention.end]
        if "-" not in written or gaz.readings(written):
            continue
        offset = mention.start
        for piece in written.split("-"):
            part = _HYPHEN_PART.fullmatch(piece.rstrip("."))
            name = part.group(0) if part else ""
            if name and (gaz.is_known_place(name) or fold(name) in gaz.rules.country_aliases):
                spans.append((offset, offset + len(name) + (1 if piece.endswith(".") and name != piece else 0)))
            offset += len(piece) + 1
    return spans


def dateline_spans(text: str, paragraph_starts: Iterable[int], gaz: Gazetteer) -> list[tuple[int, int]]:
    """The spans of the places that open a paragraph as a dateline (``BEIRUT —``, ``EDMONTON, Ky.``)."""
    spans = []
    for start in sorted(set(paragraph_starts)):
        lead = len(text[start:]) - len(text[start:].lstrip())
        match = _DATELINE.match(text, start + lead)
        if match is None:
            continue
        name = match.group(1).rstrip(".")
        best = next(iter(gaz.alone(name)), None)
        if best is not None and (best.kind in AREA_KINDS or best.population >= DATELINE_MIN_POPULATION):
            spans.append((match.start(1), match.start(1) + len(name)))
    return spans


_CONJUNCTS = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)")
_CONJUNCT = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}")


def coordinated_places(text: str, entity: Entity, gaz: Gazetteer, people: set[str]) -> list[tuple[int, int]]:
    """The spans of the places coordinated inside the mentions of ``entity`` (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    for mention in entity.mentions:
        written = text[mention.start : mention.end]
        pieces, position = [], 0
        for gap in _CONJUNCTS.finditer(written):
            pieces.append((position, gap.start()))
            position = gap.end()
        pieces.append((position, len(written)))
        if len(pieces) < 2 or not all(_CONJUNCT.fullmatch(written[a:b]) for a, b in pieces):
            continue
        readings = [_readings(written[a:b], gaz, people) for a, b in pieces]
        if all(readings) and all(_near(one, other) for one, other in zip(readings, readings[1:], strict=False)):
            spans += [(mention.start + a, mention.start + b) for a, b in pieces]
    return spans


def _readings(name: str, gaz: Gazetteer, people: set[str]) -> list[Candidate]:
    if fold(name) in people or any(word in body_words() for word in name.split()):
        return []
    return gaz.alone(name)


def _near(one: list[Candidate], other: list[Candidate]) -> bool:
    return any(a.distance_km(b.lat, b.lon) <= COORDINATED_KM for a in one for b in other)


_COORDINATOR = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")


def coordinated_with_places(text: str, entities: list[Entity], gaz: Gazetteer, people: set[str]) -> list[Entity]:
    """The entities of other types (one capitalised name) that the text coordinates with a PLACE's mention or
    with one another, their readings near the other's (see the module docstring)."""
    ends = {m.end: e for e in entities for m in e.mentions}
    readings: dict[str, list[Candidate]] = {}

    def read(entity: Entity) -> list[Candidate]:
        if entity.id not in readings:
            eligible = entity.type == "PLACE" or (
                _CONJUNCT.fullmatch(entity.name) is not None and not is_known_given(entity.name.split()[0])
            )
            readings[entity.id] = _readings(entity.name, gaz, people) if eligible else []
        return readings[entity.id]

    found: dict[str, Entity] = {}
    for entity in entities:
        for m in entity.mentions:
            for end in range(m.start - 1, max(-1, m.start - 9), -1):
                before = ends.get(end)
                if before is None or _COORDINATOR.fullmatch(text, end, m.start) is None or before is entity:
                    continue
                if entity.type == "PLACE" and before.type == "PLACE":
                    continue
                if read(entity) and read(before) and _near(readings[entity.id], readings[before.id]):
                    found.update({e.id: e for e in (entity, before) if e.type != "PLACE"})
    return list(found.values())


def coordinated_with_people(text: str, entities: list[Entity], gaz: Gazetteer) -> list[Entity]:
    """The one-word PLACE entities, never in a locative frame and no country, region or capital (``Russia and
    Vladimir Putin``: a state stands beside its leaders), that the text coordinates with a person named in full
    (``Brent and Lynnette Hain``)."""
    full = [m for e in entities if e.type == "PERSON" and " " in e.name for m in e.mentions]
    starts, ends = {m.start for m in full}, {m.end for m in full}
    found = []
    for entity in entities:
        if entity.type != "PLACE" or " " in entity.name or any(frame_before(text, m.start) for m in entity.mentions):
            continue
        best = next(iter(gaz.alone(entity.name)), None)
        if best is None or best.kind in GOVERNING_KINDS or best.source_id in gaz.capitals:
            continue
        for m in entity.mentions:
            after = _COORDINATOR.match(text, m.end)
            before = next((end for end in range(m.start - 1, max(-1, m.start - 9), -1) if end in ends), None)
            if (after and after.end() in starts and after.group(0).strip(" ,") in {"and", "or"}) or (
                before is not None and _COORDINATOR.fullmatch(text, before, m.start)
            ):
                found.append(entity)
                break
    return found


class PlaceMentions:
    """Adds place mentions to a story: to the PLACE entity of the same name, else to a new PLACE entity."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.taken = {(m.start, m.end) for e in story.entities if e.type == "PLACE" for m in e.mentions}
        numbers = [int(e.id[1:]) for e in story.entities if e.id[:1] == "e" and e.id[1:].isdigit()]
        self.next_number = max(numbers, default=0) + 1

    def add(self, start: int, end: int, name: str | None = None) -> Entity | None:
        """Add the span as a mention of the PLACE entity named ``name`` (the span's text by default)."""
        if (start, end) in self.taken:
            return None
        name = name or self.story.text[start:end]
        key = fold(name)
        entity = next(
            (e for e in self.story.entities if e.type == "PLACE" and any(fold(n) == key for n in (e.name, *e.aliases))),
            None,
        )
        if entity is None:
            entity = self.new(name)
        written = self.story.text[start:end]
        if written != entity.name and written not in entity.aliases:
            entity.aliases.append(written)
        entity.mentions.append(Span(start=start, end=end))
        entity.mentions.sort(key=lambda s: (s.start, s.end))
        self.taken.add((start, end))
        return entity

    def new(self, name: str) -> Entity:
        entity = Entity(id=f"e{self.next_number}", type="PLACE", name=name)
        self.next_number += 1
        self.story.entities.append(entity)
        return entity


def drop_spans(story: Story, spans: set[tuple[int, int]], types: frozenset[str]) -> None:
    """Take ``spans`` from the mentions of the entities of ``types``; an entity left with none goes."""
    kept = []
    for entity in story.entities:
        if entity.type in types:
            left = [m for m in entity.mentions if (m.start, m.end) not in spans]
            if not left:
                continue
            entity.mentions = left
        kept.append(entity)
    story.entities = kept


def country_entity(story: Story, chosen: dict[str, Candidate], code: str) -> Entity | None:
    """The PLACE entity the stage resolved to the country ``code`` itself, if any."""
    for entity in story.entities:
        found = chosen.get(entity.id)
        if entity.type == "PLACE" and found is not None and found.kind == "country" and found.country == code:
            return entity
    return None
