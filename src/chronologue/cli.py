"""The command line: ``chronologue analyze``, ``corpus``, ``serve``, ``schema``, ``timeline``, ``example``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from chronologue.corpus import cli as corpus_cli
from chronologue.errors import ChronologueError
from chronologue.export import FORMATS, exporter
from chronologue.files import write_atomic

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn historical narratives into structured, sourced, checkable stories.",
)
app.add_typer(corpus_cli.app, name="corpus")
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE = 0, 1, 2
EXAMPLE = Path(__file__).parent / "data" / "examples" / "ferryman.md"


def _message(exc: ChronologueError) -> str:
    return exc.problem + (f" ({exc.hint})" if exc.hint else "")


def _report(exc: ChronologueError) -> None:
    err.print("[red]error:[/red] " + escape(_message(exc)))


def _fail_usage(message: str) -> None:
    err.print("[red]error:[/red] " + escape(message))
    raise typer.Exit(EXIT_USAGE)


def _check_dct(dct: str | None) -> None:
    """A --dct that is no date is a usage error, reported before any document is read."""
    from chronologue.pipeline.run import parse_dct

    try:
        parse_dct(dct)
    except ChronologueError as exc:
        _fail_usage(_message(exc))


def output_paths(inputs: list[Path], output: Path | None, fmt: str) -> list[Path | None]:
    """Where each story goes: stdout (None), the named file, or ``DIR/<input stem>.<suffix>``."""
    suffix = exporter(fmt).SUFFIX
    into_dir = output is not None and (len(inputs) > 1 or output.is_dir() or str(output).endswith(("/", "\\")))
    if output is None:
        if len(inputs) > 1:
            _fail_usage("several inputs need -o DIR")
        return [None]
    if not into_dir:
        return [output]
    stems = [p.stem for p in inputs]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        _fail_usage(f"inputs share the name {', '.join(clash)}: their outputs would overwrite each other")
    return [output / f"{p.stem}.{suffix}" for p in inputs]


@app.command()
def analyze(
    files: Annotated[list[Path], typer.Argument(help="Documents to analyse (.txt, .html/.htm, .md/.markdown).")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file, or directory for several inputs.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "json",
    dct: Annotated[str | None, typer.Option(help="Document date (YYYY-MM-DD) for relative expressions.")] = None,
    input_format: Annotated[
        str | None, typer.Option("--input-format", help="text, html or markdown (default: from the extension).")
    ] = None,
) -> None:
    """Analyse documents and write one story per document."""
    if fmt not in FORMATS:
        _fail_usage(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    from chronologue.pipeline.run import analyze_documents
    from chronologue.read import Document, read_path

    _check_dct(dct)
    targets = output_paths(files, output, fmt)
    render = exporter(fmt).render
    readable, failed = [], 0
    for path, target in zip(files, targets, strict=True):
        try:
            readable.append((read_path(path, input_format), target))
        except ChronologueError as exc:
            failed += 1
            _report(exc)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("analysing", total=len(readable), visible=len(files) > 1)
        windows = progress.add_task("parsing", total=None, visible=False)

        def parsed(document: Document, done: int, total: int) -> None:  # a long document's windows
            progress.update(windows, description=f"parsing {Path(document.path or '').name}", completed=done,
                            total=total, visible=done < total)

        stories = analyze_documents((document for document, _ in readable), dct=dct, keep_going=True,
                                    progress=parsed)
        for (document, target), story in zip(readable, stories, strict=True):
            progress.update(task, description=f"analysing {Path(document.path or '').name}")
            if isinstance(story, Exception):
                failed += 1
                err.print(
                    f"[red]error:[/red] {escape(str(document.path))}: analysis failed "
                    f"({escape(type(story).__name__)}: {escape(str(story))}); this is a bug in chronologue, "
                    "please report it with the document"
                )
                progress.advance(task)
                continue
            content = render(story)
            if target is None:
                sys.stdout.write(content)
            else:
                write_atomic(target, content)
            progress.advance(task)
    if failed:
        if len(files) > 1:
            err.print(f"{failed} of {len(files)} documents failed")
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
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory for the example's outputs.")] = Path(
        "out"
    ),
) -> None:
    """Analyse the bundled example narrative and write its story (JSON) and report (HTML)."""
    from chronologue.pipeline.run import analyze_file

    story = analyze_file(EXAMPLE)
    written = []
    for fmt in FORMATS:
        target = output / f"{EXAMPLE.stem}.{exporter(fmt).SUFFIX}"
        write_atomic(target, exporter(fmt).render(story))
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
    file: Annotated[Path, typer.Argument(help="Document to analyse (.txt, .html/.htm, .md/.markdown).")],
    person: Annotated[
        str | None, typer.Option(help="Whose timeline: a name or part of one (default: the protagonist).")
    ] = None,
    dct: Annotated[str | None, typer.Option(help="Document date (YYYY-MM-DD) for relative expressions.")] = None,
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
