"""chronologue's own annotators in running order: the only module that knows them all."""

from __future__ import annotations

from chronologue.annotators.citations import stage as citations
from chronologue.annotators.claims import stage as claims
from chronologue.annotators.coref import stage as coref
from chronologue.annotators.entities import stage as entities
from chronologue.annotators.events import stage as events
from chronologue.annotators.figures import stage as figures
from chronologue.annotators.findings import stage as findings
from chronologue.annotators.layout import stage as layout
from chronologue.annotators.names import stage as names
from chronologue.annotators.places import stage as places
from chronologue.annotators.quotes import stage as quotes
from chronologue.annotators.times import stage as times
from chronologue.pipeline.registry import Annotator, Registry, from_entry_points

BUILTIN: tuple[Annotator, ...] = (
    layout.ANNOTATOR,
    figures.ANNOTATOR,
    entities.ANNOTATOR,
    names.ANNOTATOR,
    places.ANNOTATOR,
    times.ANNOTATOR,
    quotes.ANNOTATOR,
    claims.ANNOTATOR,
    citations.ANNOTATOR,
    events.ANNOTATOR,
    findings.ANNOTATOR,
    coref.ANNOTATOR,
)

_default: Registry | None = None


def builtin_registry() -> Registry:
    """A new registry of chronologue's own annotators only."""
    registry = Registry()
    for annotator in BUILTIN:
        registry.add(annotator)
    return registry


def default_registry() -> Registry:
    """chronologue's annotators plus those installed packages declare (read once per process)."""
    global _default
    if _default is None:
        _default = from_entry_points(builtin_registry())
    return _default
