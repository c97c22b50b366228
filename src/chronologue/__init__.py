"""chronologue: historical narratives -> structured, sourced, checkable stories.

Analyse a text, then read the story or write it in another format:

    >>> import chronologue
    >>> story = chronologue.analyze_file("palij-pow-article.txt")  # or analyze(text), analyze_document(doc)
    >>> [e.name for e in story.entities if e.type == "PLACE"][:3]
    ['Soviet Union', 'Russia', 'Brest-on-the-Bug']
    >>> quote = next(q for q in story.quotes if q.speaker)
    >>> story.speaker(quote).name                            # the Entity who says it (story.entity(quote.speaker))
    'Pyotr Nikolaevich Palij'
    >>> tei = chronologue.render(story, "tei")               # a str; any name in chronologue.FORMATS
    >>> tei[:38]
    '<?xml version="1.0" encoding="UTF-8"?>'
    >>> sorted(chronologue.FORMATS)[:4]
    ['annotations', 'bibtex', 'csl', 'csv']

The story (``chronologue.Story``, JSON schema ``chronologue.story/1``) holds the text and its entities, timexes,
quotes, claims, figures, citations, events, findings and timelines; every span is a pair of code-point offsets
into ``story.text``, and objects point to entities by id: ``story.entity(id)`` returns the Entity. See
``help(chronologue.Story)`` for its fields and ``story.model_dump(mode="json")`` for the JSON.

Formats (``chronologue.FORMATS``): json, html, tei (TEI P5), geojson, csv, timelinejs (TimelineJS), csl
(CSL-JSON), bibtex, annotations (W3C Web Annotation JSON-LD), lpf (Linked Places Format), timeml (TIMEX3 inline).
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronologue.export import FORMATS, render
    from chronologue.model.story import SCHEMA_ID
    from chronologue.model.story import Story as Story  # public, but kept out of __all__: see below
    from chronologue.pipeline.run import analyze, analyze_document, analyze_documents, analyze_file

# help(chronologue) documents every name listed here in full; the Story class would bring pydantic's BaseModel
# methods with it, so it is described in the docstring above and by help(chronologue.Story) instead
__all__ = ["FORMATS", "SCHEMA_ID", "analyze", "analyze_document", "analyze_documents", "analyze_file", "render"]
__version__ = "0.1.0"

# Each public name is imported from its module on first use, so that a command (or a module) that needs only
# part of chronologue, or only its version, does not import the pipeline, spaCy and every annotator.
_HOMES = {
    "FORMATS": "chronologue.export",
    "render": "chronologue.export",
    "SCHEMA_ID": "chronologue.model.story",
    "Story": "chronologue.model.story",
    "analyze": "chronologue.pipeline.run",
    "analyze_document": "chronologue.pipeline.run",
    "analyze_documents": "chronologue.pipeline.run",
    "analyze_file": "chronologue.pipeline.run",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'chronologue' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # found at once from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
