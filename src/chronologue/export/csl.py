"""CSL-JSON: the parsed citations as Citation Style Language items (what Zotero, Pandoc and citeproc read),
valid against the CSL data schema."""

from __future__ import annotations

import json
from typing import Any

from chronologue.export import SUFFIXES
from chronologue.export.names import authors
from chronologue.model.story import Citation, Story

SUFFIX = SUFFIXES["csl"]


def item(citation: Citation) -> dict[str, Any]:
    """One CSL item: a ``book`` when the citation names a publisher or a place of publication, else a
    ``document``; authors as family/given names; the year as ``issued``."""
    entry: dict[str, Any] = {"id": citation.id, "type": "book" if citation.publisher or citation.place else "document"}
    names = []
    for parts in authors(citation):
        name = {"family": " ".join(parts.last), "given": " ".join(parts.first),
                "non-dropping-particle": " ".join(parts.von), "suffix": " ".join(parts.jr)}
        names.append({key: value for key, value in name.items() if value})
    if names:
        entry["author"] = names
    optional = {"title": citation.title, "publisher": citation.publisher, "publisher-place": citation.place}
    entry.update({key: value for key, value in optional.items() if value})
    if citation.year is not None:
        entry["issued"] = {"date-parts": [[citation.year]]}
    return entry


def render(story: Story) -> str:
    """The story's citations as a CSL-JSON array (empty when the text cites nothing)."""
    return json.dumps([item(c) for c in story.citations], ensure_ascii=False, indent=1) + "\n"
