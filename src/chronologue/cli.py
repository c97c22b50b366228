"""The command line: ``chronologue analyze``, ``corpus``, ``serve``, ``schema``, ``timeline``, ``example``."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from chronologue import __version__, outputs
from chronologue.corpus import cli as corpus_cli
from chronologue.errors import ChronologueError
from chronologue.export import FORMATS, exporter
from chronologue.files import write_atomic
from chronologue.lib.text import plural

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: flags show as flags, not with a "<bool>" value to give
    help="Turn historical narratives into structured, sourced, checkable stories.",
)
app.add_typer(corpus_cli.app, name="corpus")
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE = 0, 1, 2
EXAMPLE = Path(__file__).parent / "data" / "examples" / "ferryman.md"


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"chronologue {__version__}\n")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print chronologue's version and exit.")
    ] = False,
    rules: Annotated[list[Path] | None, typer.Option(
        "--rules", metavar="DIR",
        help="A directory of your own rule files (named like chronologue's data/*.toml), merged over ours; "
             "may be given more than once (also CHRONOLOGUE_RULES).")
    ] = None,
) -> None:
    """Turn historical narratives into structured, sourced, checkable stories."""
    if rules:
        from chronologue.rules import use_overlays

        try:
            use_overlays(rules)
        except ChronologueError as exc:
            _fail_usage(_message(exc))


def _message(exc: ChronologueError) -> str:
    return exc.problem + (f" ({exc.hint})" if exc.hint else "")


def _report(exc: ChronologueError) -> None:
    err.print("[red]error:[/red] " + escape(_message(exc)))


def _fail_usage(message: str) -> NoReturn:
    err.print("[red]error:[/red] " + escape(message))
    raise typer.Exit(EXIT_USAGE)


def _check_dct(dct: str | None) -> None:
    """A --dct that is no date is a usage error, reported before any document is read."""
    from chronologue.pipeline.run import parse_dct

    try:
        parse_dct(dct)
    except ChronologueError as exc:
        _fail_usage(_message(exc))


def _check_input_format(input_format: str | None) -> None:
    from chronologue.read import FORMAT_ALIASES

    if input_format is not None and input_format.lower() not in FORMAT_ALIASES:
        _fail_usage(f"unknown input format '{input_format}': use text, html or markdown")


def _plan(files: list[Path], output: str | None, fmt: str | None) -> tuple[str, list[Path | None]]:
    """The format and each input's target, every one checked before any document is read. ``output`` is -o as
    typed: a trailing slash says it is a directory."""
    try:
        into_dir = outputs.writes_into_directory(files, output)
        target = None if output is None else Path(output)
        if target is not None and not into_dir:
            outputs.check_not_input(target, files)
        chosen = outputs.choose_format(fmt, target, into_dir)
        targets = outputs.plan_targets(files, target, chosen, into_dir)
        for target in targets:
            if target is not None:
                outputs.check_target(target, files)
    except outputs.UsageError as exc:
        _fail_usage(str(exc))
    return chosen, targets


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Load what lives as long as the process (the pipeline's modules, spaCy's model) with the cyclic garbage
    collector paused, then freeze it out of the collector's scans (as :func:`chronologue.nlp.load` does the model's):
    the collector would otherwise scan it again and again for nothing, about a tenth of a cold ``analyze``'s own
    cost. Once the model is loaded (a command run again in one process) there is nothing left to load: no pause."""
    from chronologue import nlp

    if nlp.is_loaded() or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _document_failed(path: str, exc: Exception) -> None:
    """One line naming the document and what went wrong with it."""
    if isinstance(exc, ChronologueError):
        _report(exc)
        return
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())
    err.print(
        f"[red]error:[/red] {escape(path)}: analysis failed ({escape(detail)}); this is a bug in chronologue, "
        "please report it with the document"
    )


def _write(target: Path | None, content: str) -> None:
    """Write one output; a disk that refuses it (full, read-only) ends the run with one line, leaving no
    partial file."""
    if target is None:
        sys.stdout.write(content)
        return
    try:
        write_atomic(target, content)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {escape(str(target))} ({escape(exc.strerror or str(exc))}): "
                  "free some space or choose another -o")
        raise typer.Exit(EXIT_DOCUMENT_FAILED) from None


@app.command()
def analyze(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE", help="Documents to analyse (.txt, .html/.htm, .md/.markdown).")],
    output: Annotated[str | None, typer.Option(
        "-o", "--output", metavar="PATH",
        help="Output file (its extension names the format), or a directory (DIR/) for one file per input.")
    ] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Output format, any case: {', '.join(FORMATS)} (default: from -o's extension, else json).")
    ] = None,
    dct: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="Document date for relative expressions.")] = None,
    input_format: Annotated[str | None, typer.Option(
        "--input-format", metavar="FORMAT", help="text, html or markdown (default: from the extension).")
    ] = None,
    force_language: Annotated[bool, typer.Option(
        "--force-language", help="Analyse a text that is not in English with the English pipeline anyway.")
    ] = False,
) -> None:
    """Analyse documents and write one story per document."""
    with _collector_paused():
        from chronologue import nlp
        from chronologue.pipeline.run import analyze_documents
        from chronologue.read import Document, read_path

    _check_input_format(input_format)
    _check_dct(dct)
    chosen, targets = _plan(files, output, fmt)
    render = exporter(chosen).render
    readable, failed = [], []
    for path, target in zip(files, targets, strict=True):
        try:
            document = read_path(path, input_format)
        except Exception as exc:  # noqa: BLE001 - the document's own failure, named on one line
            failed.append(path)
            _document_failed(str(path), exc)
            continue
        document.path = outputs.display_path(path)
        readable.append((path, document, target))
    if readable:
        with _collector_paused():
            nlp.load()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("analysing", total=len(readable), visible=len(files) > 1)
        windows = progress.add_task("parsing", total=None, visible=False)

        def parsed(document: Document, done: int, total: int) -> None:  # a long document's windows
            progress.update(windows, description=f"parsing {Path(document.path or '').name}", completed=done,
                            total=total, visible=done < total)

        stories = analyze_documents((document for _, document, _ in readable), dct=dct, keep_going=True,
                                    progress=parsed, english_only=not force_language)
        for (path, document, target), story in zip(readable, stories, strict=True):
            progress.update(task, description=f"analysing {path.name}")
            if isinstance(story, Exception):
                failed.append(path)
                _document_failed(document.path or str(path), story)
            else:
                _write(target, render(story))
            progress.advance(task)
    if failed:
        if len(files) > 1:
            names = ", ".join(str(p) for p in failed)
            err.print(f"{len(failed)} of {plural(len(files), 'document')} failed: {escape(names)}")
        raise typer.Exit(EXIT_DOCUMENT_FAILED)


@app.command()
def schema(
    corpus: Annotated[bool, typer.Option("--corpus", help="The corpus file's schema (chronologue.corpus/1).")] = False,
) -> None:
    """Print the JSON Schema of a story (chronologue.story/1), or of a corpus file with --corpus."""
    if corpus:
        from chronologue.corpus import corpus_json_schema as json_schema
    else:
        from chronologue.model.story import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=1) + "\n")


@app.command()
def example(
    output: Annotated[Path, typer.Option(
        "-o", "--output", metavar="DIR", help="Directory for the example's outputs.")] = Path("out"),
) -> None:
    """Analyse the bundled example narrative and write it in every output format (story JSON, HTML report,
    TEI, GeoJSON, CSV, ...)."""
    from chronologue.pipeline.run import analyze_document
    from chronologue.read import read_path

    document = read_path(EXAMPLE)
    document.path = EXAMPLE.name  # the bundled file's name, not where this installation keeps it
    story = analyze_document(document)
    written = []
    for fmt in FORMATS:
        target = output / f"{EXAMPLE.stem}.{exporter(fmt).SUFFIX}"
        _write(target, exporter(fmt).render(story))
        written.append(str(target))
    people = sum(1 for e in story.entities if e.type == "PERSON")
    err.print(
        f"[green]analysed[/green] {EXAMPLE.name}: {people} people, {len(story.entities) - people} other entities, "
        f"{len(story.timexes)} time expressions, {len(story.quotes)} quotes, {len(story.events)} events"
    )
    for path in written:
        err.print(f"  wrote {path}")


@app.command()
def serve(
    store: Annotated[str, typer.Option("--store", help="The corpus store: an SQLite file or a postgresql:// URL.")],
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on (default: this machine only).")] = "127.0.0.1",
    token: Annotated[str | None, typer.Option(envvar="CHRONOLOGUE_TOKEN",
                                              help="Ask for this access token (?token=… once, or a Bearer header).")
                     ] = None,
    max_upload: Annotated[int, typer.Option(min=1, help="Largest request body in bytes.")] = 5_000_000,
) -> None:
    """Browse, search and correct a corpus store in a web browser, with a JSON API (/openapi.json)."""
    from chronologue.web.cli import run_server

    run_server(store, host=host, port=port, token=token, max_upload=max_upload)


def main() -> None:
    """Entry point of the ``chronologue`` console script."""
    try:
        app()
    except ChronologueError as exc:
        _report(exc)
        sys.exit(EXIT_DOCUMENT_FAILED)


@app.command()
def timeline(
    file: Annotated[Path, typer.Argument(
        metavar="FILE", help="Document to analyse (.txt, .html/.htm, .md/.markdown).")],
    person: Annotated[str | None, typer.Option(
        metavar="NAME", help="Whose timeline: a name or part of one (default: the protagonist).")
    ] = None,
    dct: Annotated[str | None, typer.Option(
        metavar="YYYY-MM-DD", help="Document date for relative expressions.")] = None,
) -> None:
    """Print a person's events in time order, with their bounds, place and evidence."""
    from chronologue.pipeline.run import analyze_file
    from chronologue.timeline_view import find_person, print_timeline

    _check_dct(dct)
    story = analyze_file(file, dct=dct)
    chosen = find_person(story, person)
    if chosen is None:
        people = ", ".join(e.name for e in story.entities if e.type == "PERSON") or "none"
        wanted = f"no person called '{person}'" if person else "no person with events"
        _fail_usage(f"{file}: {wanted} (persons found: {people})")
    if not print_timeline(story, chosen, Console(highlight=False)):
        err.print(f"no events found for {chosen.name}")
