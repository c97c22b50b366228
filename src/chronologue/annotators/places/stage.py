"""The places stage: geocodes every PLACE entity with the offline gazetteer, settling ambiguity by context.

For each PLACE entity it sets ``entity.geo`` (``lat``, ``lon``, ``source_id`` such as ``geonames:625144`` or
``supplement:dnieper``) and the attributes ``country`` (ISO 3166-1 alpha-2 code of the modern country; a
historical state gets ``modern_countries`` instead), ``country_name`` (GeoNames' English name of it),
``modern_name`` (GeoNames' main name: ``Kiev`` -> ``Kyiv``) and ``place_kind`` (city, country, river, region,
historical_state...). Context, in two passes: first each entity alone, with the demonyms of its paragraphs
(``Soviet``, ``French``) and of the document; then again with the places found in the first pass, those sharing
a paragraph as context and the rest of the document as background. The index loads on the first story that has
a place; ``ctx.places`` maps entity ids to the chosen candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from chronologue.annotators.places.embedded import (
    PlaceMentions,
    adjective_spans,
    continent_adjective_spans,
    coordinated_places,
    coordinated_with_people,
    coordinated_with_places,
    country_entity,
    dateline_spans,
    drop_spans,
    hyphen_places,
    organisation_places,
    short_place_mentions,
)
from chronologue.annotators.places.typing import person_name_words, retype
from chronologue.lib.gazetteer import Candidate, Gazetteer, fold, gazetteer, ranker
from chronologue.lib.gazetteer.candidate import AREA_KINDS
from chronologue.lib.gazetteer.resolve import Evidence
from chronologue.lib.regex_starts import guarded
from chronologue.lib.text import blank_line_spans
from chronologue.model.story import Entity, Geo, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator
from chronologue.rules import cached
from chronologue.rules import load as load_rules

CONTEXT_MIN_POPULATION = 10_000  # a first-pass place smaller than this is not trusted as context
COORDINATION_TYPES = frozenset({"ORG", "PERSON", "GROUP", "EVENT", "MISC"})  # "Haris and Varzaqan" read as one


def run(story: Story, ctx: Context) -> None:
    """Settle the types the gazetteer can settle, add the places named inside other words, then geocode the
    story's PLACE entities; a country's adjective becomes a mention of the country."""
    retype(story)
    if not story.entities and not story.text:
        return
    gaz = gazetteer()
    paragraphs = _Paragraphs(story)
    adder = PlaceMentions(story)
    _add_embedded(story, gaz, paragraphs, adder)
    chosen, rankings = _geocode(story, gaz, paragraphs)
    _add_adjectives(story, gaz, chosen, adder)
    ctx.places = chosen
    ctx.place_rankings = rankings


def _add_embedded(story: Story, gaz: Gazetteer, paragraphs: _Paragraphs, adder: PlaceMentions) -> None:
    """The places of datelines and inside organisations' names, as PLACE mentions."""
    for start, end in dateline_spans(story.text, paragraphs.starts, gaz):
        name = story.text[start:end]
        adder.add(start, end, name.title() if name.isupper() else name)
    short: set[tuple[int, int]] = set()
    for entity in [e for e in story.entities if e.type in ("ORG", "PERSON")]:
        for start, end in short_place_mentions(story.text, entity, gaz):
            if adder.add(start, end) is not None:
                short.add((start, end))
    drop_spans(story, short, frozenset({"ORG", "PERSON"}))
    people = person_name_words(story)
    for entity in [e for e in story.entities if e.type != "PERSON"]:
        parts = hyphen_places(story.text, entity, gaz)
        for start, end in parts:
            adder.add(start, end)
        if parts and entity.type == "PLACE" and not gaz.readings(entity.name):
            entity.type = "MISC"  # "Russia-Turkey": two places, not one
        if entity.type == "ORG":
            for start, end in organisation_places(story.text, entity, gaz, people):
                adder.add(start, end)
    coordinated: set[tuple[int, int]] = set()
    for entity in [e for e in story.entities if e.type in COORDINATION_TYPES]:
        for start, end in coordinated_places(story.text, entity, gaz, people):
            adder.add(start, end)
            coordinated |= {(m.start, m.end) for m in entity.mentions if m.start <= start and end <= m.end}
    drop_spans(story, coordinated, COORDINATION_TYPES)
    for entity in coordinated_with_people(story.text, story.entities, gaz):
        entity.type = "PERSON"
    candidates = [e for e in story.entities if e.type == "PLACE" or e.type in COORDINATION_TYPES]
    for entity in coordinated_with_places(story.text, candidates, gaz, people):
        entity.type = "PLACE"
        entity.attributes = {}


def _add_adjectives(story: Story, gaz: Gazetteer, chosen: dict[str, Candidate], adder: PlaceMentions) -> None:
    """Each country's adjective before a word (``the Turkish president``) as a mention of the country's entity."""
    moved: set[tuple[int, int]] = set()
    for code, spans in adjective_spans(story.text, gaz).items():
        entity = country_entity(story, chosen, code)
        if entity is None:
            country = gaz.country(code)
            if country is None:
                continue
            entity = adder.new(country.name)
            chosen[entity.id] = country
            _annotate(entity, country, gaz.country_names.get(code))
        for start, end in spans:
            if adder.add(start, end, entity.name) is not None:
                moved.add((start, end))
    for name, spans in continent_adjective_spans(story.text, gaz).items():
        continent = next((c for c in gaz.raw(fold(name)) if c.kind == "continent"), None)
        if continent is None:
            continue
        same = [e for e in story.entities if getattr(chosen.get(e.id), "source_id", "") == continent.source_id]
        entity = same[0] if same else None
        if entity is None:
            entity = adder.new(continent.name)
            chosen[entity.id] = continent
            _annotate(entity, continent, None)
        for start, end in spans:
            if adder.add(start, end, entity.name) is not None:
                moved.add((start, end))
    drop_spans(story, moved, frozenset({"GROUP", "MISC"}))


def _geocode(
    story: Story, gaz: Gazetteer, paragraphs: _Paragraphs
) -> tuple[dict[str, Candidate], dict[str, list[Candidate]]]:
    """Each PLACE entity's chosen candidate and its ranking (entity id ->), in two passes (module docstring)."""
    places = [e for e in story.entities if e.type == "PLACE"]
    if not places:
        return {}, {}
    demonyms = _demonym_codes(story.text, gaz, paragraphs)
    document_codes = set().union(*demonyms.values()) if demonyms else set()
    seen_in = {e.id: {paragraphs.of(m.start) for m in e.mentions} for e in places}
    names = {e.id: {fold(n) for n in (e.name, *e.aliases)} for e in places}
    local_codes = {e.id: set().union(*(demonyms.get(p, set()) for p in seen_in[e.id])) for e in places}
    qualifiers = _qualifiers(story.text, places)
    forms = {e.id: _forms(gaz, story, e) for e in places}

    first: dict[str, Candidate] = {}
    for entity in places:
        local = Evidence(demonym_codes=set(local_codes[entity.id]))
        ranked = _ranked(gaz, story, entity, forms[entity.id], local, Evidence(demonym_codes=set(document_codes)))
        if ranked and _is_reliable(ranked[0]):
            first[entity.id] = ranked[0]

    chosen: dict[str, Candidate] = {}
    rankings: dict[str, list[Candidate]] = {}
    counts = _code_counts(first.values())
    for entity in places:
        local = Evidence(demonym_codes=set(local_codes[entity.id]))
        background = Evidence(demonym_codes=set(document_codes), shares=_shares(first, counts, entity.id))
        for other_id, candidate in first.items():
            if other_id == entity.id or names[other_id] & names[entity.id]:
                continue  # itself, or a namesake entity: it must not vote for its own reading
            (local if seen_in[other_id] & seen_in[entity.id] else background).add(candidate)
        qualifier = None
        qualifying = [first[q] for q in qualifiers.get(entity.id, ()) if q in first and q != entity.id]
        if qualifying:
            qualifier = Evidence(areas_count=True)
            for candidate in qualifying:
                qualifier.add(candidate)
        ranked = _ranked(gaz, story, entity, forms[entity.id], local, background, qualifier)
        rankings[entity.id] = ranked
        if ranked and _is_credible(ranked[0]):
            chosen[entity.id] = ranked[0]
            _annotate(entity, ranked[0], gaz.country_names.get(ranked[0].country))
    return chosen, rankings


def _code_counts(candidates: Iterable[Candidate]) -> dict[str, int]:
    """Country code -> how many of ``candidates`` lie in (or stand for) it."""
    counts: dict[str, int] = {}
    for c in candidates:
        for code in c.codes:
            counts[code] = counts.get(code, 0) + 1
    return counts


def _shares(first: dict[str, Candidate], counts: dict[str, int], entity_id: str) -> dict[str, float]:
    """Country code -> the share of the other places of the first pass that lie in (or stand for) it (``counts``:
    :func:`_code_counts` of all of them, the entity's own place taken out here)."""
    own = first.get(entity_id)
    others = len(first) - (own is not None)
    if not others:
        return {}
    left = {code: n - (own is not None and code in own.codes) for code, n in counts.items()}
    return {code: n / others for code, n in left.items() if n}


def _forms(gaz: Gazetteer, story: Story, entity: Entity) -> list[str]:
    """Every form the entity is written in (name, aliases, mentions, ``the`` + mention, mention + kind word), one
    per look-up key, the first written (made once for both passes)."""
    written = [story.text[m.start : m.end] for m in entity.mentions]
    after_the = [f"the {story.text[m.start : m.end]}" for m in entity.mentions if _follows_the(story.text, m.start)]
    with_kind_word = [form for m in entity.mentions if (form := _with_kind_word(gaz, story.text, m.start, m.end))]
    every = [entity.name, *entity.aliases, *written, *after_the, *with_kind_word]
    return list({fold(form): form for form in reversed(every)}.values())


def _ranked(
    gaz: Gazetteer,
    story: Story,
    entity: Entity,
    forms: list[str],
    context: Evidence,
    background: Evidence,
    qualifier: Evidence | None = None,
) -> list[Candidate]:
    """The candidates over every form of an entity (:func:`_forms`), each at its best score over the forms, best
    first."""
    best: dict[str, Candidate] = {}
    for form in forms:
        for c in gaz.rank(form, context, background, qualifier):
            if c.source_id not in best or c.score > best[c.source_id].score:
                best[c.source_id] = c
    if not best:
        part = next((part for part in _known_parts(entity.name) if gaz.is_known_place(part)), None)
        return gaz.rank(part, context, background, qualifier) if part else []
    if entity.mentions and all(_heads_after_the(story.text, m.start, m.end) for m in entity.mentions):
        best = {k: c for k, c in best.items() if c.kind != "city" or fold(c.name).startswith("the ")}
    return sorted(best.values(), key=lambda c: (-c.score, -c.population, c.source_id))


_NEXT = re.compile(r"\s*(?:([A-Za-z]+)|[^\sA-Za-z0-9])")


def _heads_after_the(text: str, start: int, end: int) -> bool:
    """Whether a mention follows ``the`` and heads its noun phrase (data ``place_typing`` [[article_head]]): no
    town's name then (``at the White House a few days before``; not ``the Toronto area``)."""
    if not _follows_the(text, start):
        return False
    after = _NEXT.match(text, end)
    return after is not None and (after.group(1) is None or after.group(1) in article_heads())


@cached
def article_heads() -> frozenset[str]:
    """The words after a name that end its noun phrase (``place_typing`` [[article_head]])."""
    return frozenset(w for entry in load_rules("place_typing")["article_head"] for w in entry["words"])


def _known_parts(name: str) -> list[str]:
    """The capitalised runs of words inside a place name the gazetteer does not know, longest first, the leading
    before the trailing: a recogniser's span often takes in a word of the body or street it names (``West
    Virginia State`` of West Virginia State Police, ``Metcalfe County Fire``, ``Air Berlin``, ``County of
    Brant``), and the place is the rest."""
    words = name.split()
    parts = []
    for size in range(len(words) - 1, 0, -1):
        for run in (words[:size], words[len(words) - size :]):
            if run[0][:1].isupper() and run[-1][:1].isupper():
                parts.append(" ".join(run))
    return parts


_QUALIFIER_GAP = re.compile(r"(?:\s*,\s*|\s+in\s+|\s+\(\s*)")


def _qualifiers(text: str, places: list[Entity]) -> dict[str, set[str]]:
    """Entity id -> ids of the places that qualify it in the text: ``Paris, Texas``, ``Lewisburg in West
    Virginia``, ``Beaver (Pennsylvania)``: a place mention right after one of the entity's mentions."""
    starts = {m.start: e.id for e in places for m in e.mentions}
    found: dict[str, set[str]] = {}
    for entity in places:
        for m in entity.mentions:
            gap = _QUALIFIER_GAP.match(text, m.end)
            if gap and gap.end() in starts:
                found.setdefault(entity.id, set()).add(starts[gap.end()])
    return found


_NEXT_WORD = re.compile(r" ([A-Za-z]+)\b")


def _with_kind_word(gaz: Gazetteer, text: str, start: int, end: int) -> str | None:
    """The mention with the word after it when that word is a kind word of the gazetteer's affix rules
    (``Idlib province``, ``Volga river``): the affix then hints at the kind of place meant."""
    match = _NEXT_WORD.match(text, end)
    if not match:
        return None
    form = text[start : match.end()]
    return form if any(affix.pattern.search(form) for affix in gaz.rules.affixes) else None


def _follows_the(text: str, start: int) -> bool:
    """Whether a mention follows a definite article (``the Bug``: a river or region rather than a town)."""
    return text[max(0, start - 4) : start].lower() == "the "


def _is_credible(candidate: Candidate) -> bool:
    """Whether the best reading of a name may be taken: not a town smaller than ``CONTEXT_MIN_POPULATION`` that
    nothing in the text places in its country or region (``Heathrow`` in a story of London flights is not the
    Florida village of that name, the only Heathrow the gazetteer has: the place meant is one it lacks)."""
    return candidate.kind != "city" or candidate.population >= CONTEXT_MIN_POPULATION or ranker.context_agrees(
        candidate
    )


def _is_reliable(candidate: Candidate) -> bool:
    """Whether a first-pass result is notable enough to serve as context for the others."""
    return (
        candidate.source_id.startswith("supplement:")
        or candidate.kind in AREA_KINDS
        or candidate.population >= CONTEXT_MIN_POPULATION
    )


def _annotate(entity: Entity, found: Candidate, country_name: str | None) -> None:
    if entity.geo is None:
        entity.geo = Geo(lat=found.lat, lon=found.lon, source_id=found.source_id, feature=found.feature)
    if found.country:
        entity.attributes["country"] = found.country
        if country_name:
            entity.attributes["country_name"] = country_name
    elif found.countries:
        entity.attributes["modern_countries"] = list(found.countries)
    entity.attributes["modern_name"] = found.name
    entity.attributes["place_kind"] = found.kind


class _Paragraphs:
    """Paragraph number of an offset: the layout's paragraphs, else blocks separated by blank lines."""

    def __init__(self, story: Story) -> None:
        spans = sorted(p.start for p in story.structure.paragraphs)
        if not spans:
            spans = [start for start, _end in blank_line_spans(story.text)] or [0]
        self.starts = spans

    def of(self, offset: int) -> int:
        """The index of the paragraph holding ``offset`` (the first one's for an offset before it)."""
        return max(0, bisect_right(self.starts, offset) - 1)


_CAPITALISED = guarded(re.compile(r"\b[A-Z][a-z]+\b"))  # guarded: the search skips to the capitals


def _demonym_codes(text: str, gaz: Gazetteer, paragraphs: _Paragraphs) -> dict[int, set[str]]:
    """Paragraph number -> country codes that demonyms in it point to (one pass over the capitalised words)."""
    found: dict[int, set[str]] = {}
    table = gaz.rules.demonyms
    for match in _CAPITALISED.finditer(text):
        codes = table.get(match.group(0).lower())
        if codes:
            found.setdefault(paragraphs.of(match.start()), set()).update(codes)
    return found


ANNOTATOR = Annotator(
    "places",
    run,
    requires=("story.entities", "story.structure"),
    assigns=("story.entities.type", "story.entities.geo", "ctx.places", "ctx.place_rankings"),
    description="Places geocoded offline from the gazetteer.",
)
