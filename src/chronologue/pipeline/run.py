"""The public ``analyze`` functions: read, run the annotators that need no parse, parse once, run the rest."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from time import perf_counter

from chronologue.errors import InputError
from chronologue.model.document import Document
from chronologue.model.story import Source, Story
from chronologue.pipeline.builtin import default_registry
from chronologue.pipeline.context import Context
from chronologue.pipeline.registry import Annotator, Registry
from chronologue.pipeline.windows import WindowProgress, parse_documents
from chronologue.read import read_document, read_path

Config = Mapping[str, Mapping[str, object]]


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


def _run_annotators(
    story: Story, ctx: Context, annotators: list[Annotator], timings: dict[str, float] | None
) -> None:
    for annotator in annotators:
        if timings is None:
            annotator.run(story, ctx)
            continue
        started = perf_counter()
        annotator.run(story, ctx)
        timings[annotator.name] = timings.get(annotator.name, 0.0) + perf_counter() - started


def _run(
    document: Document,
    dct: date | None,
    parse: Callable[[Document], object],
    timings: dict[str, float] | None = None,
    registry: Registry | None = None,
    config: Config | None = None,
) -> Story:
    annotators = registry if registry is not None else default_registry()
    story = _new_story(document)
    settings = {name: dict(values) for name, values in (config or {}).items()}
    ctx = Context(dct=dct, blocks=document.blocks, markup=document.markup, config=settings)
    _run_annotators(story, ctx, annotators.before_parse(), timings)
    ctx.doc = parse(document)  # type: ignore[assignment]
    _run_annotators(story, ctx, annotators.after_parse(), timings)
    return story


def analyze(
    text: str,
    *,
    dct: str | date | None = None,
    source_format: str = "text",
    registry: Registry | None = None,
    config: Config | None = None,
) -> Story:
    """Analyse one document given as a string; ``story.text`` is exactly ``text`` for plain text.

    ``registry`` replaces the default annotators (:func:`chronologue.pipeline.builtin.default_registry`, which
    includes those installed packages declare); ``config`` gives annotators settings by name.
    """
    document = read_document(text, source_format)
    return analyze_document(document, dct=dct, registry=registry, config=config)


def analyze_document(
    document: Document,
    *,
    dct: str | date | None = None,
    registry: Registry | None = None,
    config: Config | None = None,
) -> Story:
    """Analyse a document a reader produced."""
    when = parse_dct(dct)
    return _run(document, when, lambda d: next(parse_documents([d])), None, registry, config)


def analyze_file(
    path: str | Path,
    *,
    dct: str | date | None = None,
    source_format: str | None = None,
    registry: Registry | None = None,
    config: Config | None = None,
) -> Story:
    """Read and analyse one file (txt, html or md, by extension unless ``source_format`` says otherwise)."""
    return analyze_document(read_path(path, source_format), dct=dct, registry=registry, config=config)


def analyze_documents(
    documents: Iterable[Document],
    *,
    dct: str | date | None = None,
    batch_size: int = 8,
    timings: dict[str, float] | None = None,
    keep_going: bool = False,
    registry: Registry | None = None,
    config: Config | None = None,
    progress: WindowProgress | None = None,
) -> Iterator[Story | Exception]:
    """Analyse many documents, parsing them with ``nlp.pipe`` (the fast path).

    ``timings``, when given, accumulates the seconds spent in each annotator (for ``bench/``). With ``keep_going``,
    a document whose analysis raises yields the exception in its place and the others go on. A long document is
    parsed in windows (``pipeline.windows``); ``progress`` is told after each of its windows.
    """
    when = parse_dct(dct)
    docs = list(documents)
    parsed = parse_documents(docs, progress, batch_size=batch_size)
    for document in docs:
        doc = next(parsed)
        try:
            yield _run(document, when, lambda _document, parsed_doc=doc: parsed_doc, timings, registry, config)
        except Exception as exc:  # handed to the caller, who names the document
            if not keep_going:
                raise
            yield exc
