"""The public ``analyze`` functions: read, run the annotators that need no parse, parse once, run the rest."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from time import perf_counter
from typing import Literal, cast

# spaCy first, before the annotators' modules import it from deep inside their own imports. CPython 3.11 keeps the
# frames of running functions in 16 KiB blocks, each mapped when a call needs it and unmapped when the frame that
# opened it returns; imported that deep, spaCy's import has a loop whose calls cross such a boundary each time. A
# cold `chronologue analyze` of the reference article mapped and unmapped a block 16,800 times (strace; a bare
# process that loads spaCy and parses the article: 1,700), with a page fault or more each time: about 0.08 s of
# system time. With spaCy imported here: 4,400.
import spacy  # noqa: F401

from chronologue.errors import InputError
from chronologue.lib import language
from chronologue.lib.timex import calendar
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
    # The readers set one of the contract's formats; the Source model validates it at run time.
    source_format = cast(Literal["text", "html", "markdown"], document.format)
    source = Source(
        path=document.path, sha256=digest, format=source_format, language=language.identify(document.text)
    )
    return Story(source=source, text=document.text)


def _check_language(document: Document, story: Story) -> None:
    found = story.source.language
    if found not in (language.ENGLISH, language.UNDETERMINED):
        raise InputError(
            document.path or "<text>",
            f"is not in English (its language looks like '{found}'); chronologue's pipeline reads English",
            "--force-language analyses it with the English pipeline anyway",
        )


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


@dataclass
class _Started:
    """A document whose annotators that need no parse have run, waiting for its parse."""

    document: Document
    story: Story
    ctx: Context


def _start(document: Document, dct: date | None, english_only: bool, annotators: Registry, config: Config | None,
           timings: dict[str, float] | None) -> _Started:
    story = _new_story(document)
    if english_only:
        _check_language(document, story)
    settings = {name: dict(values) for name, values in (config or {}).items()}
    ctx = Context(dct=dct, blocks=document.blocks, markup=document.markup, config=settings)
    _run_annotators(story, ctx, annotators.before_parse(), timings)
    return _Started(document, story, ctx)


def _parse_each(documents: list[Document], progress: WindowProgress | None, batch_size: int) -> Iterator[object]:
    """The parse of each document in order, or the exception its parse raised.

    The documents' windows are parsed in batches across documents; when a batch fails, the documents not yet
    parsed are parsed one by one, so that only the one at fault fails."""
    done = 0
    try:
        for doc in parse_documents(documents, progress, batch_size=batch_size):
            done += 1
            yield doc
        return
    except Exception:  # noqa: BLE001 - found again below, document by document
        pass
    for document in documents[done:]:
        parsed: object
        try:
            parsed = next(parse_documents([document], progress, batch_size=batch_size))
        except Exception as exc:  # noqa: BLE001 - handed to the caller with its document
            parsed = exc
        yield parsed


def _analyze_group(
    documents: list[Document], dct: date | None, english_only: bool, annotators: Registry, config: Config | None,
    timings: dict[str, float] | None, progress: WindowProgress | None, batch_size: int,
) -> Iterator[Story | Exception]:
    """Each document's story, or the exception it raised at whatever step (its language, an annotator, the
    parse): every failure stays with its document."""
    started: list[_Started | Exception] = []
    for document in documents:
        try:
            started.append(_start(document, dct, english_only, annotators, config, timings))
        except Exception as exc:  # noqa: BLE001 - the document's own failure, handed to the caller
            started.append(exc)
    parses = _parse_each([s.document for s in started if isinstance(s, _Started)], progress, batch_size)
    for item in started:
        if isinstance(item, Exception):
            yield item
            continue
        doc = next(parses)
        try:
            if isinstance(doc, Exception):
                raise doc
            item.ctx.doc = doc  # type: ignore[assignment]
            _run_annotators(item.story, item.ctx, annotators.after_parse(), timings)
        except Exception as exc:  # noqa: BLE001 - the document's own failure
            yield exc
        else:
            yield item.story


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
    story = next(analyze_documents([document], dct=dct, registry=registry, config=config))
    if isinstance(story, Exception):  # not reached: without keep_going the exception is raised
        raise story
    return story


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
    english_only: bool = False,
) -> Iterator[Story | Exception]:
    """Analyse many documents, parsing them with ``nlp.pipe`` (the fast path), ``batch_size`` documents at a time.

    ``timings``, when given, accumulates the seconds spent in each annotator (for ``bench/``). With ``keep_going``,
    a document whose analysis raises, at whatever step, yields the exception in its place and the others go on. A
    long document is parsed in windows (``pipeline.windows``); ``progress`` is told after each of its windows.

    Every story records the language its text was identified as in ``source.language`` (``und`` when the text
    is too short to tell); with ``english_only`` a document in another language fails with an ``InputError``
    instead of being analysed with the English pipeline (the command line's default; the API analyses it).
    """
    when = parse_dct(dct)
    annotators = registry if registry is not None else default_registry()
    pending = iter(documents)
    while group := list(islice(pending, batch_size)):
        for result in _analyze_group(group, when, english_only, annotators, config, timings, progress, batch_size):
            if isinstance(result, Exception) and not keep_going:
                raise result
            yield result


WARM_TEXT = (
    "The Long Winter\n\nOn 3 May 1945 Major Ivan Petrov of the 2nd Army reached Berlin. \"We walked for four years,\" "
    "he said later; about 300 men had died.\n\nPhoto: Ivan Petrov, 1945 (CC BY-SA 3.0)\n\nBibliography\n\n"
    "Petrov, Ivan. The Road West. Moscow: Nauka, 1961."
)


def warm(registry: Registry | None = None) -> None:
    """Load the spaCy model and every table the annotators read, by analysing a short text once.

    A worker process calls this before its first document, so each document it then gets costs only its
    analysis (the model, the gazetteer and the rule tables are in memory, and shared copy-on-write by workers
    forked from a process that warmed up).
    """
    analyze(WARM_TEXT, registry=registry)
