"""Build a corpus directory: analyse every document (reusing unchanged stories), write each story (and
report), resolve who and what the documents share, and write ``corpus.json``.

Layout of ``OUT/``: ``corpus.json`` (schema ``chronologue.corpus/1``), ``stories/<stem>.json`` and, with
reports, ``stories/<stem>.html``. Every file is written atomically.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from chronologue import __version__
from chronologue.corpus import engine
from chronologue.corpus.model import Corpus, DocumentEntry, Failure, Options
from chronologue.corpus.resolve import resolve
from chronologue.errors import ChronologueError
from chronologue.export import exporter
from chronologue.files import write_atomic
from chronologue.model.story import Story
from chronologue.read import format_for

SUFFIXES = frozenset({".txt", ".html", ".htm", ".md", ".markdown"})
CORPUS_FILE = "corpus.json"
STORIES = "stories"


@dataclass
class BuildResult:
    """The corpus written, and how many documents were analysed now or reused from the last run."""

    corpus: Corpus
    analysed: int = 0
    reused: int = 0
    failed: list[Failure] = field(default_factory=list)


def discover(inputs: list[Path], exclude: Path | None = None) -> tuple[list[Path], list[Failure]]:
    """The documents named or found (recursively, by suffix) under the inputs, each once, sorted by path;
    a missing input is a failure. Nothing under ``exclude`` (the output directory) is taken."""
    found: dict[Path, Path] = {}
    failures = []
    skip = exclude.resolve() if exclude is not None else None
    for item in inputs:
        if item.is_dir():
            candidates = [p for p in item.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                          and not any(part.startswith(".") for part in p.relative_to(item).parts)]
        elif item.exists():
            candidates = [item]
        else:
            failures.append(Failure(path=str(item), problem="no such file or directory"))
            continue
        for path in candidates:
            resolved = path.resolve()
            if skip is not None and resolved.is_relative_to(skip):
                continue
            found.setdefault(resolved, path)
    return sorted(found.values(), key=str), failures


def story_names(paths: list[Path]) -> list[str]:
    """The file name (without suffix) of each document's story: its stem, made unique when stems clash."""
    stems = [p.stem for p in paths]
    counts = {s: stems.count(s) for s in set(stems)}
    return [s if counts[s] == 1 else f"{s}-{hashlib.sha256(str(p).encode()).hexdigest()[:8]}"
            for s, p in zip(stems, paths, strict=True)]


def load_corpus(out: Path) -> Corpus | None:
    """The corpus of an earlier run in ``out``, or None (none, or unreadable: then everything is analysed)."""
    try:
        return Corpus.model_validate_json((out / CORPUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def title_of(story: Story, path: str) -> str:
    structure = story.structure
    if structure.title:
        return structure.title
    if structure.headings:
        return structure.headings[0].text
    return Path(path).stem


def counts(story: Story) -> dict[str, int]:
    """How many people, places, other entities and annotations a story holds."""
    people = sum(1 for e in story.entities if e.type == "PERSON")
    places = sum(1 for e in story.entities if e.type == "PLACE")
    return {"people": people, "places": places, "other_entities": len(story.entities) - people - places,
            "timexes": len(story.timexes), "quotes": len(story.quotes), "claims": len(story.claims),
            "events": len(story.events), "findings": len(story.findings), "characters": len(story.text)}


def _reusable(previous: Corpus | None, options: Options, out: Path) -> dict[str, DocumentEntry]:
    if previous is None or previous.chronologue != __version__ or previous.options != options:
        return {}
    return {d.path: d for d in previous.documents if d.chronologue == __version__ and (out / d.story).is_file()}


def build_corpus(inputs: list[Path], out: Path, *, dct: str | None = None, input_format: str | None = None,
                 workers: int = 1, scheduler: str = engine.LOCAL, reports: bool = False,
                 progress: Callable[[str], None] | None = None) -> BuildResult:
    """Analyse the documents under ``inputs`` into the corpus directory ``out`` (see the module doc).

    A document whose bytes (sha256), the chronologue version and the options are those of the last run is not
    analysed again: its story is reused. ``progress`` is called with each document's path as it is done.
    """
    options = Options(dct=dct, input_format=input_format)
    paths, failures = discover(inputs, exclude=out)
    names = story_names(paths)
    earlier = _reusable(load_corpus(out), options, out)
    tasks: list[engine.Task] = []
    stories: dict[int, Story] = {}
    reused = 0
    for index, path in enumerate(paths):
        try:
            data = path.read_bytes()
            fmt = format_for(path, input_format)
        except OSError as exc:
            failures.append(Failure(path=str(path), problem=f"cannot be read ({exc.strerror})"))
            continue
        except ChronologueError as exc:  # an unknown --input-format
            failures.append(Failure(path=str(path), problem=exc.problem.removeprefix(f"{path}: ")))
            continue
        digest = hashlib.sha256(data).hexdigest()
        before = earlier.get(str(path))
        if before is not None and before.sha256 == digest:
            try:
                stories[index] = Story.model_validate_json((out / before.story).read_text(encoding="utf-8"))
                reused += 1
                if progress:
                    progress(str(path))
                continue
            except (OSError, ValueError):
                pass  # a damaged story: analyse again
        tasks.append(engine.Task(index, str(path), data, fmt, digest))
    fresh: set[int] = set()

    def done(outcome: engine.Outcome) -> None:
        path = paths[outcome.index]
        if outcome.problem is not None:
            failures.append(Failure(path=str(path), problem=outcome.problem))
        else:
            story = cast(str, outcome.story)  # an outcome without a problem carries its story
            write_atomic(out / STORIES / f"{names[outcome.index]}.json", story)
            report = out / STORIES / f"{names[outcome.index]}.html"
            if outcome.report is not None:
                write_atomic(report, outcome.report)
            else:  # a report of an earlier version of the document would mislead
                report.unlink(missing_ok=True)
            stories[outcome.index] = Story.model_validate_json(story)
            fresh.add(outcome.index)
        if progress:
            progress(str(path))

    engine.run(tasks, dct=dct, reports=reports, workers=workers, scheduler=scheduler, done=done)
    documents: list[DocumentEntry] = []
    for index in sorted(stories):
        story, name = stories[index], names[index]
        story_file, report_file = f"{STORIES}/{name}.json", f"{STORIES}/{name}.html"
        if index not in fresh:  # reused: its file may have had another name, its report may be missing
            before = earlier[str(paths[index])]
            if before.story != story_file:
                write_atomic(out / story_file, exporter("json").render(story))
            if reports and not (out / report_file).is_file():
                write_atomic(out / report_file, exporter("html").render(story))
        documents.append(DocumentEntry(
            id=f"d{len(documents) + 1}", path=str(paths[index]), sha256=story.source.sha256,
            format=story.source.format, title=title_of(story, str(paths[index])), story=story_file,
            report=report_file if (out / report_file).is_file() else None, chronologue=__version__,
            counts=counts(story),
        ))
    people, places, others, timelines = resolve([(d.id, stories[i]) for d, i in zip(documents, sorted(stories),
                                                                                    strict=True)])
    failures.sort(key=lambda f: f.path)
    corpus = Corpus(chronologue=__version__, options=options, documents=documents, people=people, places=places,
                    others=others, timelines=timelines, failures=failures)
    write_atomic(out / CORPUS_FILE, json.dumps(corpus.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n")
    return BuildResult(corpus, analysed=len(fresh), reused=reused, failed=failures)
