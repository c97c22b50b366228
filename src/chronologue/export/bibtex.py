"""BibTeX: the parsed citations as entries written by bibtexparser, non-ASCII letters and TeX's special
characters encoded for LaTeX (so the file works with BibTeX as well as Biber)."""

from __future__ import annotations

from collections import Counter
from string import ascii_lowercase

import bibtexparser
from anyascii import anyascii
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexEncodingMiddleware
from bibtexparser.model import Entry, Field

from chronologue.export import SUFFIXES
from chronologue.export.names import authors
from chronologue.model.story import Citation, Story

SUFFIX = SUFFIXES["bibtex"]


def _key(citation: Citation) -> str:
    """A citation key from the first author's family name and the year, in ASCII letters and digits
    (``palij2015``); the citation's id when it names no author."""
    parts = authors(citation)
    stem = anyascii(" ".join(parts[0].last)) if parts else ""
    stem = "".join(ch for ch in stem.lower() if ch.isalnum())
    return f"{stem}{citation.year or ''}" if stem else citation.id


def entry(citation: Citation, key: str) -> Entry:
    """One BibTeX entry: ``@book`` with a publisher or place of publication, else ``@misc``."""
    names = " and ".join(
        ", ".join(part for part in (" ".join(p.von + p.last), " ".join(p.jr), " ".join(p.first)) if part)
        for p in authors(citation))
    values = {"author": names, "title": citation.title, "publisher": citation.publisher, "address": citation.place,
              "year": str(citation.year) if citation.year is not None else None}
    fields = [Field(name, value) for name, value in values.items() if value]
    return Entry("book" if citation.publisher or citation.place else "misc", key, fields)


def unique_keys(keys: list[str]) -> list[str]:
    """The keys with a, b, c, ... added to each of a repeated one (``snyder2003a``, ``snyder2003b``)."""
    counts, used, unique = Counter(keys), Counter[str](), []
    for key in keys:
        if counts[key] > 1:
            n = used[key]
            unique.append(f"{key}{ascii_lowercase[n] if n < len(ascii_lowercase) else n}")
            used[key] += 1
        else:
            unique.append(key)
    return unique


def render(story: Story) -> str:
    """The story's citations as a BibTeX file (empty when the text cites nothing)."""
    library = Library()
    for citation, key in zip(story.citations, unique_keys([_key(c) for c in story.citations]), strict=True):
        library.add(entry(citation, key))
    return bibtexparser.write_string(library, prepend_middleware=[LatexEncodingMiddleware()])
