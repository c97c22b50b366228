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

from bisect import bisect_right

from chronologue.lib.gazetteer import Candidate, Gazetteer, fold, gazetteer
from chronologue.lib.gazetteer.candidate import AREA_KINDS
from chronologue.lib.gazetteer.resolve import Evidence
from chronologue.lib.text import blank_line_spans
from chronologue.model.story import Entity, Geo, Story
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator

CONTEXT_MIN_POPULATION = 10_000  # a first-pass place smaller than this is not trusted as context


def run(story: Story, ctx: Context) -> None:
    """Geocode the story's PLACE entities."""
    places = [e for e in story.entities if e.type == "PLACE"]
    if not places:
        return
    gaz = gazetteer()
    paragraphs = _Paragraphs(story)
    demonyms = _demonym_codes(story.text, gaz, paragraphs)
    document_codes = set().union(*demonyms.values()) if demonyms else set()
    seen_in = {e.id: {paragraphs.of(m.start) for m in e.mentions} for e in places}
    names = {e.id: {fold(n) for n in (e.name, *e.aliases)} for e in places}
    local_codes = {e.id: set().union(*(demonyms.get(p, set()) for p in seen_in[e.id])) for e in places}

    first: dict[str, Candidate] = {}
    for entity in places:
        local = Evidence(demonym_codes=set(local_codes[entity.id]))
        found = _resolve(gaz, story, entity, local, Evidence(demonym_codes=set(document_codes)))
        if found is not None and _is_reliable(found):
            first[entity.id] = found

    chosen: dict[str, Candidate] = {}
    for entity in places:
        local = Evidence(demonym_codes=set(local_codes[entity.id]))
        background = Evidence(demonym_codes=set(document_codes))
        for other_id, candidate in first.items():
            if other_id == entity.id or names[other_id] & names[entity.id]:
                continue  # itself, or a namesake entity: it must not vote for its own reading
            (local if seen_in[other_id] & seen_in[entity.id] else background).add(candidate)
        found = _resolve(gaz, story, entity, local, background)
        if found is not None:
            chosen[entity.id] = found
            _annotate(entity, found, gaz.country_names.get(found.country))
    ctx.places = chosen


def _resolve(gaz: Gazetteer, story: Story, entity: Entity, context: Evidence, background: Evidence) -> Candidate | None:
    """The best candidate over every form the entity is written in (name, aliases, mentions, ``the`` + mention)."""
    written = [story.text[m.start : m.end] for m in entity.mentions]
    after_the = [f"the {story.text[m.start : m.end]}" for m in entity.mentions if _follows_the(story.text, m.start)]
    forms = dict.fromkeys([entity.name, *entity.aliases, *written, *after_the])
    best: Candidate | None = None
    for form in forms:
        ranked = gaz.rank(form, context, background)
        if ranked and (best is None or ranked[0].score > best.score):
            best = ranked[0]
    return best


def _follows_the(text: str, start: int) -> bool:
    """Whether a mention follows a definite article (``the Bug``: a river or region rather than a town)."""
    return text[max(0, start - 4) : start].lower() == "the "


def _is_reliable(candidate: Candidate) -> bool:
    """Whether a first-pass result is notable enough to serve as context for the others."""
    return (
        candidate.source_id.startswith("supplement:")
        or candidate.kind in AREA_KINDS
        or candidate.population >= CONTEXT_MIN_POPULATION
    )


def _annotate(entity: Entity, found: Candidate, country_name: str | None) -> None:
    if entity.geo is None:
        entity.geo = Geo(lat=found.lat, lon=found.lon, source_id=found.source_id)
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


def _demonym_codes(text: str, gaz: Gazetteer, paragraphs: _Paragraphs) -> dict[int, set[str]]:
    """Paragraph number -> country codes that demonyms in it point to (one regex pass over the text)."""
    pattern = gaz.rules.demonym_pattern
    found: dict[int, set[str]] = {}
    if pattern is None:
        return found
    table = gaz.rules.demonyms
    for match in pattern.finditer(text):
        codes = table.get(match.group(0).lower())
        if codes:
            found.setdefault(paragraphs.of(match.start()), set()).update(codes)
    return found


ANNOTATOR = Annotator(
    "places",
    run,
    requires=("story.entities", "story.structure"),
    assigns=("story.entities.geo", "ctx.places"),
    description="Places geocoded offline from the gazetteer.",
)
