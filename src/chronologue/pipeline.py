"""Runs the stages in order; the public ``analyze`` lives here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from time import perf_counter

from . import language
from . import nlp as nlp_loader
from .context import Context
from .errors import InputError
from .read import Document, read_document, read_path
from .stages import (
    citations,
    claims,
    entities,
    events,
    figures,
    findings,
    layout,
    names,
    places,
    quotes,
    times,
)
from .story import Source, Story
from .timex import calendar

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
    if dct is None:
        return None
    if isinstance(dct, date):
        return _checked_dct(dct)
    text = str(dct).strip()
    try:
        when = date.fromisoformat(text[:10])
    except ValueError:
        raise InputError("--dct", f"'{dct}' is not a date", "give the document date as YYYY-MM-DD") from None
    return _checked_dct(when)


def _checked_dct(when: date) -> date:
    """A document date the time normaliser's calendar holds (its years end at ``calendar.MAX_YEAR``)."""
    if not calendar.valid_year(when.year):
        raise InputError(
            "--dct", f"'{when.isoformat()}' is past the last year chronologue's calendar holds ({calendar.MAX_YEAR})",
            "give the document's real date",
        )
    return when


def _new_story(document: Document) -> Story:
    digest = document.sha256 or hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    source = Source(
        path=document.path, sha256=digest, format=document.format, language=language.identify(document.text)
    )
    return Story(source=source, text=document.text)


def _check_length(document: Document) -> None:
    if len(document.text) > nlp_loader.MAX_CHARS:
        raise InputError(
            document.path or "<text>",
            f"is too long ({len(document.text):,} characters of text; chronologue reads at most "
            f"{nlp_loader.MAX_CHARS:,} per document)",
            "split it into parts, a chapter or an article each",
        )


def _check_language(document: Document, story: Story) -> None:
    found = story.source.language
    if found not in (language.ENGLISH, language.UNDETERMINED):
        raise InputError(
            document.path or "<text>",
            f"is not in English (its language looks like '{found}'); chronologue's pipeline reads English",
            "--force-language analyses it with the English pipeline anyway",
        )


def _run_stages(story: Story, ctx: Context, stages: list[tuple[str, Stage]], timings: dict[str, float] | None) -> None:
    for name, stage in stages:
        if timings is None:
            stage(story, ctx)
            continue
        started = perf_counter()
        stage(story, ctx)
        timings[name] = timings.get(name, 0.0) + perf_counter() - started


@dataclass
class _Run:
    """A document on its way through the stages: its story, its context and the tokens waiting for the parse."""

    story: Story
    ctx: Context
    tokens: object


def _start(document: Document, dct: date | None, english_only: bool, timings: dict[str, float] | None) -> _Run:
    _check_length(document)
    story = _new_story(document)
    if english_only:
        _check_language(document, story)
    ctx = Context(dct=dct, blocks=document.blocks, markup=document.markup)
    _run_stages(story, ctx, STAGES_BEFORE_PARSE, timings)
    return _Run(story, ctx, nlp_loader.prepare(document.text, document.blocks))


def _parse_each(tokens: list[object], batch_size: int) -> list[object]:
    """The parse of each tokenised document, or the exception that document's parse raised.

    ``nlp.pipe`` parses a batch at once; when it fails the documents are parsed one by one, so that only the
    one at fault fails."""
    nlp = nlp_loader.load()
    try:
        return list(nlp.pipe(tokens, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - found again below, document by document
        parsed: list[object] = []
        for doc in tokens:
            try:
                parsed.append(nlp(doc))
            except Exception as exc:  # noqa: BLE001 - handed to the caller with its document
                parsed.append(exc)
        return parsed


def _analyze_batch(
    documents: list[Document], dct: date | None, batch_size: int, timings: dict[str, float] | None,
    english_only: bool,
) -> list[Story | Exception]:
    results: list[_Run | Story | Exception] = []
    for document in documents:
        try:
            results.append(_start(document, dct, english_only, timings))
        except Exception as exc:  # noqa: BLE001 - the document's own failure, handed to the caller
            results.append(exc)
    runs = [r for r in results if isinstance(r, _Run)]
    for run, doc in zip(runs, _parse_each([r.tokens for r in runs], batch_size), strict=True):
        run.tokens = None
        run.ctx.doc = doc
    finished: list[Story | Exception] = []
    for result in results:
        if isinstance(result, _Run):
            try:
                if isinstance(result.ctx.doc, Exception):
                    raise result.ctx.doc
                _run_stages(result.story, result.ctx, STAGES_AFTER_PARSE, timings)
                result = result.story
            except Exception as exc:  # noqa: BLE001 - the document's own failure
                result = exc
        finished.append(result)
    return finished


def analyze(text: str, *, dct: str | date | None = None, source_format: str = "text") -> Story:
    """Analyse one document given as a string; ``story.text`` is exactly ``text`` for plain text."""
    document = read_document(text, source_format)
    return analyze_document(document, dct=dct)


def analyze_document(document: Document, *, dct: str | date | None = None) -> Story:
    """Analyse a document a reader produced."""
    return next(analyze_documents([document], dct=dct))


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
    english_only: bool = False,
) -> Iterator[Story | Exception]:
    """Analyse many documents, parsing them with ``nlp.pipe`` (the fast path), ``batch_size`` at a time.

    ``timings``, when given, accumulates the seconds spent in each stage (for ``bench/``). With ``keep_going``,
    a document whose analysis raises, at whatever stage (its length, its language, the parse, a stage), yields
    the exception in its place and the others go on. Every story records the language its text was identified
    as in ``source.language`` (``und`` when the text is too short to tell); with ``english_only`` a document
    in another language fails with an ``InputError`` instead of being analysed with the English pipeline.
    """
    nlp_loader.load()
    when = parse_dct(dct)
    pending: list[Document] = []
    for document in documents:
        pending.append(document)
        if len(pending) < batch_size:
            continue
        yield from _settle(_analyze_batch(pending, when, batch_size, timings, english_only), keep_going)
        pending = []
    if pending:
        yield from _settle(_analyze_batch(pending, when, batch_size, timings, english_only), keep_going)


def _settle(results: list[Story | Exception], keep_going: bool) -> Iterator[Story | Exception]:
    for result in results:
        if isinstance(result, Exception) and not keep_going:
            raise result
        yield result
