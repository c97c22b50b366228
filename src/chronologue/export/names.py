"""A citation's authors as name parts (given, particle, family, suffix), split by BibTeX's own rules with
bibtexparser: "Snyder, Timothy" and "Timothy Snyder" both give family Snyder, given Timothy."""

from __future__ import annotations

from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts, split_multiple_persons_names

from chronologue.model.story import Citation


def authors(citation: Citation) -> list[NameParts]:
    """The citation's authors ("A and B" are two), each split into its parts; none without an author."""
    if not citation.author:
        return []
    return [parse_single_name_into_parts(name, strict=False) for name in split_multiple_persons_names(citation.author)]
