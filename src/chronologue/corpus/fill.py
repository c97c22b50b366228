"""``chronologue corpus INPUT... --store PATH|URL``: analyse the documents into the store, one transaction per
document as each one arrives from the engine, so a build killed at any point is resumed from the first
document that was not stored; unchanged documents (same bytes, chronologue version and options) are skipped.
A document that fails is named with its problem and never takes another down.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from chronologue import __version__
from chronologue.corpus import engine
from chronologue.corpus.build import discover, title_of
from chronologue.corpus.model import Failure
from chronologue.corpus.store import Store, options_json
from chronologue.errors import ChronologueError
from chronologue.model.story import Story
from chronologue.read import format_for


@dataclass
class FillResult:
    """How many documents were analysed now, found unchanged, or failed, and the identities drawn."""

    analysed: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)
    identities: dict[str, int] = field(default_factory=dict)


def document_key(path: Path) -> str:
    """The path a document is stored under: absolute, so a rerun from another folder finds it."""
    return str(path.resolve())


def fill_store(inputs: list[Path], store: Store, *, dct: str | None = None, input_format: str | None = None,
               workers: int = 1, scheduler: str = engine.LOCAL,
               progress: Callable[[str], None] | None = None) -> FillResult:
    """Analyse the documents under ``inputs`` into ``store`` (see the module doc), then resolve identities."""
    result = FillResult()
    options = options_json(dct, input_format)
    paths, failures = discover(inputs)
    result.failed.extend(failures)
    known = store.known()
    tasks: list[engine.Task] = []
    for index, path in enumerate(paths):
        try:
            data = path.read_bytes()
            fmt = format_for(path, input_format)
        except OSError as exc:
            result.failed.append(Failure(path=str(path), problem=f"cannot be read ({exc.strerror})"))
            continue
        except ChronologueError as exc:
            result.failed.append(Failure(path=str(path), problem=exc.problem.removeprefix(f"{path}: ")))
            continue
        digest = hashlib.sha256(data).hexdigest()
        before = known.get(document_key(path))
        if before is not None and (before.sha256, before.pipeline_version, before.options) == (
                digest, __version__, options):
            result.unchanged += 1
            if progress:
                progress(str(path))
            continue
        tasks.append(engine.Task(index, str(path), data, fmt, digest))

    def done(outcome: engine.Outcome) -> None:
        path = paths[outcome.index]
        if outcome.problem is not None:
            result.failed.append(Failure(path=str(path), problem=outcome.problem))
        else:
            story = Story.model_validate_json(cast(str, outcome.story))  # no problem: the story is there
            store.put(document_key(path), story, options, title_of(story, str(path)))
            result.analysed += 1
        if progress:
            progress(str(path))

    engine.run(tasks, dct=dct, workers=workers, scheduler=scheduler, done=done)
    result.failed.sort(key=lambda f: f.path)
    # the identities depend only on the stored stories and the corrections (which redraw them when made)
    result.identities = store.resolve() if result.analysed or not store.identities_drawn() else store.identity_counts()
    return result
