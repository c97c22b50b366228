"""Runs the stages in order; the public ``analyze`` lives here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from time import perf_counter

from chronologue import nlp as nlp_loader
from chronologue.annotators.citations import stage as citations
from chronologue.annotators.claims import stage as claims
from chronologue.annotators.entities import stage as entities
from chronologue.annotators.events import stage as events
from chronologue.annotators.figures import stage as figures
from chronologue.annotators.findings import stage as findings
from chronologue.annotators.layout import stage as layout
from chronologue.annotators.names import stage as names
from chronologue.annotators.places import stage as places
from chronologue.annotators.quotes import stage as quotes
from chronologue.annotators.times import stage as times
from chronologue.errors import InputError
from chronologue.model.story import Source, Story
from chronologue.pipeline.context import Context
from chronologue.read import Document, read_document, read_path

Stage = Callable[[Story, Context], None]

# The stages in order, those that need no parse first. Each reads the story built so far and adds one kind of
# annotation.
STAGES_BEFORE_PARSE: list[tuple[str, Stage]] = [
    ("layout", layout.run),
    ("figures", figures.run),
]
STAGES_AFTER_PARSE: list[tuple[str, Stage]] = [
    ("entities", entities.run),
    ("names", names.run),
    ("places", places.run),
    ("times", times.run),
    ("quotes", quotes.run),
    ("claims", claims.run),
    ("citations", citations.run),
    ("events", events.run),
    ("findings", findings.run),
]


def parse_dct(dct: str | date | None) -> date | None:
    """The document date as a ``date``: accepts ISO ``YYYY-MM-DD`` (or TimeML ``YYYY-MM-DDThh:mm``) strings."""
    if dct is None or isinstance(dct, date):
        return dct
    text = str(dct).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError("--dct", f"'{dct}' is not a date", "give the document date as YYYY-MM-DD") from None


def _new_story(document: Document) -> Story:
    digest = document.sha256 or hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    source = Source(path=document.path, sha256=digest, format=document.format)
    return Story(source=source, text=document.text)


def _run_stages(story: Story, ctx: Context, stages: list[tuple[str, Stage]], timings: dict[str, float] | None) -> None:
    for name, stage in stages:
        if timings is None:
            stage(story, ctx)
            continue
        started = perf_counter()
        stage(story, ctx)
        timings[name] = timings.get(name, 0.0) + perf_counter() - started


def _run(
    document: Document,
    dct: date | None,
    parse: Callable[[Document], object],
    timings: dict[str, float] | None = None,
) -> Story:
    story = _new_story(document)
    ctx = Context(dct=dct, blocks=document.blocks, markup=document.markup)
    _run_stages(story, ctx, STAGES_BEFORE_PARSE, timings)
    ctx.doc = parse(document)
    _run_stages(story, ctx, STAGES_AFTER_PARSE, timings)
    return story


def analyze(text: str, *, dct: str | date | None = None, source_format: str = "text") -> Story:
    """Analyse one document given as a string; ``story.text`` is exactly ``text`` for plain text."""
    document = read_document(text, source_format)
    return analyze_document(document, dct=dct)


def analyze_document(document: Document, *, dct: str | date | None = None) -> Story:
    """Analyse a document a reader produced."""
    nlp = nlp_loader.load()
    return _run(document, parse_dct(dct), lambda d: nlp(nlp_loader.prepare(d.text, d.blocks)))


def analyze_file(path: str | Path, *, dct: str | date | None = None, source_format: str | None = None) -> Story:
    """Read and analyse one file (txt, html or md, by extension unless ``source_format`` says otherwise)."""
    return analyze_document(read_path(path, source_format), dct=dct)


def analyze_documents(
    documents: Iterable[Document],
    *,
    dct: str | date | None = None,
    batch_size: int = 8,
    timings: dict[str, float] | None = None,
    keep_going: bool = False,
) -> Iterator[Story | Exception]:
    """Analyse many documents, parsing them with ``nlp.pipe`` (the fast path).

    ``timings``, when given, accumulates the seconds spent in each stage (for ``bench/``). With ``keep_going``,
    a document whose analysis raises yields the exception in its place and the others go on.
    """
    nlp = nlp_loader.load()
    when = parse_dct(dct)
    docs = list(documents)
    parsed = iter(nlp.pipe((nlp_loader.prepare(d.text, d.blocks) for d in docs), batch_size=batch_size))
    for document in docs:
        doc = next(parsed)
        try:
            yield _run(document, when, lambda _document, parsed_doc=doc: parsed_doc, timings=timings)
        except Exception as exc:  # handed to the caller, who names the document
            if not keep_going:
                raise
            yield exc
