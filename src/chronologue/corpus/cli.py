"""``chronologue corpus``: build a corpus (a directory with ``-o``, or a store with ``--store``), and ask the store
(``search``, ``people``, ``person``, ``places``), correct it (``correct``) and export it (``export``).

``chronologue corpus INPUT... --store S`` is the build: a first argument that names no subcommand is a build's.
"""

from __future__ import annotations

import getpass
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, NoReturn, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from typer.core import TyperGroup

from chronologue.errors import ChronologueError
from chronologue.export import FORMATS
from chronologue.lib.text import plural

EXIT_DOCUMENT_FAILED, EXIT_USAGE = 1, 2
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


class BuildByDefault(TyperGroup):
    """A group whose first argument, when it names no subcommand, starts the ``build`` subcommand."""

    # typer 0.29 types this hook with its vendored, private click Context, of which typer.Context is the
    # public subclass; there is no public name for the base to annotate with
    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["build", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=BuildByDefault, no_args_is_help=True, add_completion=False,
                  help="Build a corpus of documents, then search, correct and export it.")
StoreOption = Annotated[str, typer.Option("--store", help="The store: an SQLite file or a postgresql:// URL.")]


def fail_usage(message: str) -> NoReturn:
    err.print("[red]error:[/red] " + escape(message))
    raise typer.Exit(EXIT_USAGE)


def _message(exc: ChronologueError) -> str:
    return exc.problem + (f" ({exc.hint})" if exc.hint else "")


def open_or_fail(target: str):
    """The store, or a usage error naming it."""
    from chronologue.corpus.store import open_store

    try:
        return open_store(target)
    except ChronologueError as exc:
        fail_usage(_message(exc))


def check_output(inputs: list[Path], output: Path) -> None:
    """``-o`` must be a directory that is neither an input nor holds one (every document would be skipped)."""
    if output.exists() and not output.is_dir():
        fail_usage(f"{output} is a file: -o names the corpus directory")
    target = output.resolve()
    for item in inputs:
        source = item.resolve()
        if source == target or source.is_relative_to(target):
            fail_usage(f"-o {output} is the input {item} or holds it: choose another directory for the corpus")


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Directories (searched recursively) and documents.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The corpus directory to write.")] = None,
    store: Annotated[str | None, typer.Option(
        "--store", help="Fill this store instead (an SQLite file or a postgresql:// URL).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (or Dask workers).")] = 1,
    scheduler: Annotated[str, typer.Option(
        help="local (this machine), dask (a local Dask cluster) or a Dask scheduler address (tcp://host:8786).")
    ] = "local",
    reports: Annotated[bool, typer.Option("--reports", help="Also write each document's HTML report (-o).")] = False,
    dct: Annotated[str | None, typer.Option(help="Document date (YYYY-MM-DD) for relative expressions.")] = None,
    input_format: Annotated[
        str | None, typer.Option("--input-format", help="text, html or markdown (default: from the extension).")
    ] = None,
) -> None:
    """Analyse every .txt/.html/.htm/.md/.markdown under the inputs, with one identity per person, place and
    organisation across the documents: into OUT/ (-o: stories and corpus.json) or into a store (--store).
    Unchanged documents are not analysed again; a killed build resumes where it stopped (--store)."""
    from chronologue.corpus.engine import LOCAL, is_dask
    from chronologue.pipeline.run import parse_dct
    from chronologue.read import FORMAT_ALIASES

    try:
        parse_dct(dct)
    except ChronologueError as exc:
        fail_usage(_message(exc))
    if input_format is not None and input_format.lower() not in FORMAT_ALIASES:
        fail_usage(f"unknown input format '{input_format}': use text, html or markdown")
    if scheduler != LOCAL and not is_dask(scheduler):
        fail_usage(f"unknown scheduler '{scheduler}': use local, dask or an address such as tcp://host:8786")
    if (output is None) == (store is None):
        fail_usage("name where the corpus goes: -o DIR or --store PATH|URL (one of them)")
    if output is not None:
        check_output(inputs, output)
    opened = open_or_fail(store) if store is not None else None
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("analysing", total=None)

        def advance(path: str) -> None:
            progress.update(task, description=f"analysed {Path(path).name}", advance=1)

        if opened is not None:
            from chronologue.corpus.fill import fill_store

            result = fill_store(inputs, opened, dct=dct, input_format=input_format, workers=workers,
                                scheduler=scheduler, progress=advance)
        else:
            from chronologue.corpus import build_corpus

            built = build_corpus(inputs, output, dct=dct, input_format=input_format, workers=workers,
                                 scheduler=scheduler, reports=reports, progress=advance)
    if opened is not None:
        failed, found = result.failed, result.identities
        # opened is set only when a store was named
        summary = (f"[green]store[/green] {escape(cast(str, store))}: {result.analysed} analysed, {result.unchanged} "
                   f"unchanged, {found['people']} people, {found['places']} places, {found['others']} other "
                   "entities")
    else:
        failed, corpus = built.failed, built.corpus
        summary = (f"[green]corpus[/green] {escape(str(output))}: {plural(len(corpus.documents), 'document')} "
                   f"({built.analysed} analysed, {built.reused} unchanged), {len(corpus.people)} people, "
                   f"{len(corpus.places)} places, {len(corpus.others)} other entities")
    for failure in failed:
        err.print(f"[red]error:[/red] {escape(failure.path)}: {escape(failure.problem)}")
    err.print(summary)
    if failed:
        err.print(f"{plural(len(failed), 'document')} failed: " + ", ".join(escape(f.path) for f in failed))
        raise typer.Exit(EXIT_DOCUMENT_FAILED)


@app.command()
def export(
    store: StoreOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="The directory.")],
    formats: Annotated[list[str] | None, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help="Also write each story in this format (any case; repeatable): " + ", ".join(FORMATS) + ".")] = None,
) -> None:
    """Write the store as a corpus directory: corpus.json, stories/ (corrected, as JSON and in every --format)
    and corrections.json."""
    from chronologue.corpus.dump import export_store

    if output.exists() and not output.is_dir():
        fail_usage(f"{output} is a file: -o names the corpus directory")
    chosen = [f.lower() for f in formats or []]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        fail_usage(f"unknown format {', '.join(unknown)}: use {', '.join(FORMATS)}")
    corpus = export_store(open_or_fail(store), output, chosen)
    err.print(f"[green]exported[/green] {len(corpus.documents)} documents, {len(corpus.people)} people to "
              f"{escape(str(output))}")


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=1, default=str) + "\n")


@app.command()
def search(
    store: StoreOption,
    query: Annotated[str, typer.Argument(help="Words to find (names in any script and spelling).")] = "",
    date_from: Annotated[str | None, typer.Option("--from", help="From (1943, 1943-06, 44 BC).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="To (inclusive).")] = None,
    kind: Annotated[list[str] | None, typer.Option(help="Only text, quote, name or caption passages.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    within: Annotated[bool, typer.Option(help="A place's name also finds the places inside it.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Full-text search with snippets, within documents dated in a range; with no words, what is in the range."""
    from chronologue.corpus import queries

    try:
        page = queries.search(open_or_fail(store), query, date_from, date_to, kind, limit, within=within)
    except ChronologueError as exc:
        fail_usage(_message(exc))
    if as_json:
        _print_json({"total": page.total, "hits": [asdict(h) for h in page.items]})
        return
    out.print(f"{page.total} found")
    for hit in page.items:
        snippet = escape(hit.snippet).replace(queries.OPEN, "[bold]").replace(queries.CLOSE, "[/bold]")
        when = f" ({hit.earliest} – {hit.latest})" if hit.earliest else ""
        out.print(f"d{hit.document} {escape(hit.title or hit.path)} · {hit.kind}{escape(when)}: {snippet}")


@app.command()
def people(
    store: StoreOption,
    type_: Annotated[str, typer.Option("--type", help="PERSON, PLACE, ORG, … or ALL.")] = "PERSON",
    query: Annotated[str, typer.Option("--q", help="Part of a name.")] = "",
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Identities across documents, most mentioned first, with their documents and confidence."""
    from chronologue.corpus import queries

    found = queries.identities(open_or_fail(store), None if type_ == "ALL" else type_, query, limit, offset)
    out.print(f"{found.total} found")
    for identity in found.items:
        out.print(f"{identity.id} {escape(identity.name)} · {identity.type} · {identity.documents} documents · "
                  f"{identity.mentions} mentions · confidence {identity.confidence:.1f}")


@app.command()
def person(store: StoreOption, identity_id: Annotated[str, typer.Argument(help="p1, l3, …")]) -> None:
    """One identity's documents and, for a person, the merged timeline with its conflicts."""
    from chronologue.corpus import queries

    opened = open_or_fail(store)
    found = queries.identity(opened, identity_id)
    if found is None:
        fail_usage(f"no identity {identity_id} in the store (see chronologue corpus people)")
    identity, members = found
    out.print(f"{identity.id} {escape(identity.name)} ({identity.type}), confidence {identity.confidence:.1f}")
    for member, document in members:
        out.print(f"  as {escape(member.name)} in d{document.id} {escape(document.title or document.path)}")
    merged = cast(queries.PersonTimeline, queries.timeline(opened, identity_id))  # the identity was found above
    for entry in merged.events if identity.type == "PERSON" else []:
        when = f"{entry.earliest or '…'} – {entry.latest or '…'}" if entry.earliest or entry.latest else "undated"
        out.print(f"  {escape(when)} {escape(entry.predicate)} {escape(entry.place or '')}: {escape(entry.sentence)}")
    for conflict in merged.conflicts if identity.type == "PERSON" else []:
        out.print(f"  [yellow]conflict[/yellow] ({conflict.kind}): {escape(conflict.message)}")


@app.command()
def places(
    store: StoreOption,
    bbox: Annotated[str | None, typer.Option(help="south,west,north,east in degrees.")] = None,
    near: Annotated[str | None, typer.Option(help="lat,lon,km: within km of a point.")] = None,
) -> None:
    """Located places in a box or near a point."""
    from chronologue.corpus import queries

    def numbers(text: str | None, count: int, what: str) -> tuple[float, ...] | None:
        if text is None:
            return None
        try:
            values = tuple(float(v) for v in text.split(","))
        except ValueError:
            values = ()
        if len(values) != count:
            fail_usage(f"--{what} takes {count} numbers separated by commas")
        return values

    box = cast(tuple[float, float, float, float] | None, numbers(bbox, 4, "bbox"))  # 4 numbers or None
    point = cast(tuple[float, float, float] | None, numbers(near, 3, "near"))  # 3 numbers or None
    found = queries.places(open_or_fail(store), box, point)
    for place in found:
        out.print(f"{place.id} {escape(place.name)} ({place.lat:.4f}, {place.lon:.4f}) · {place.documents} documents")


@app.command()
def correct(
    store: StoreOption,
    kind: Annotated[str, typer.Argument(help="merge, split, type, pin or reject.")],
    path: Annotated[str, typer.Option(help="The document (its path as stored).")],
    name: Annotated[str | None, typer.Option(help="The entity's name in that document.")] = None,
    other_path: Annotated[str | None, typer.Option(help="merge: the other member's document.")] = None,
    other_name: Annotated[str | None, typer.Option(help="merge: the other member's name.")] = None,
    new_type: Annotated[str | None, typer.Option("--type", help="type: the new type (PERSON, ORG, …).")] = None,
    lat: Annotated[float | None, typer.Option(help="pin: latitude.")] = None,
    lon: Annotated[float | None, typer.Option(help="pin: longitude.")] = None,
    annotation: Annotated[str | None, typer.Option(help="reject: KIND:ID (entity:e3, event:v2, quote:q1).")] = None,
    author: Annotated[str | None, typer.Option(help="Who corrects (default: the user name).")] = None,
) -> None:
    """Keep a correction in the store; it is applied now and on every later analysis."""
    from chronologue.corpus.corrections import Fix

    target: dict = {"path": path}
    if kind == "reject":
        kind_, _, id_ = (annotation or "").partition(":")
        target.update(kind=kind_, id=id_)
    else:
        target["name"] = name
    other = {"path": other_path, "name": other_name} if kind == "merge" else None
    value = {"type": new_type} if kind == "type" else {"lat": lat, "lon": lon} if kind == "pin" else None
    try:
        kept = open_or_fail(store).correct(Fix(kind=kind, target=target, other=other, value=value,
                                               author=author or getpass.getuser()))
    except ChronologueError as exc:
        fail_usage(_message(exc))
    err.print(f"[green]correction {kept.id}[/green] kept ({escape(kept.kind)} by {escape(kept.author)})")


@app.command()
def corrections(store: StoreOption) -> None:
    """Print every correction (JSON), oldest first."""
    _print_json([asdict(f) for f in open_or_fail(store).corrections()])
