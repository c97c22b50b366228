"""IRIs the linked-data exports give things: the source text (by its hash), the story's own objects, GeoNames."""

from __future__ import annotations

import base64
from functools import lru_cache

from chronologue.model.story import Geo, Story

GEONAMES = "https://sws.geonames.org/{}/"


def source_iri(story: Story) -> str:
    """A location-free IRI of the analysed text: its SHA-256 as an RFC 6920 named-information URI."""
    return _named_information(story.source.sha256)


@lru_cache(maxsize=64)
def _named_information(sha256: str) -> str:
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256)).decode().rstrip("=")
    return f"ni:///sha-256;{digest}"


def local_iri(story: Story, local_id: str) -> str:
    """The IRI of one object of the story (an entity, a quote, an annotation): the source IRI with a fragment."""
    return f"{source_iri(story)}#{local_id}"


def geonames_uri(geo: Geo | None) -> str | None:
    """The GeoNames URI of a place geocoded from GeoNames (``geonames:626081``), else None."""
    if geo is None or not geo.source_id.startswith("geonames:"):
        return None
    return GEONAMES.format(geo.source_id.removeprefix("geonames:"))
