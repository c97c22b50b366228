"""The batch engine: analyse many documents in this process, in local worker processes, or on a Dask cluster.

Whatever runs them, documents travel as :class:`Task` (the file's bytes, so a remote worker needs no shared
disk) in batches, and come back as :class:`Outcome` (the story JSON as ``chronologue analyze`` writes it, the
HTML report when asked, or the problem). Each worker process loads the spaCy model once and parses its batch
with ``nlp.pipe``; a story does not depend on its batch, so every engine gives the same stories.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context

from chronologue.errors import ChronologueError, InputError
from chronologue.export import exporter
from chronologue.pipeline.run import analyze_documents
from chronologue.read import read_document
from chronologue.read.text import decode_bytes

BATCH = 8  # documents per task: enough for nlp.pipe, small enough to spread over workers
LOCAL = "local"
PRELOAD = "chronologue.corpus.preload"
DASK = "dask"
PR_SET_PDEATHSIG = 1  # prctl(2)


@dataclass(frozen=True)
class Task:
    """One document to analyse: its bytes travel with it."""

    index: int
    path: str
    data: bytes
    format: str
    sha256: str


@dataclass(frozen=True)
class Outcome:
    """What became of a task: the story (JSON) and report (HTML, when asked), or what went wrong."""

    index: int
    story: str | None = None
    report: str | None = None
    problem: str | None = None


def _problem(exc: Exception) -> str:
    """What went wrong, without the file name (the failure names its file)."""
    if isinstance(exc, ChronologueError):
        problem = exc.problem
        if isinstance(exc, InputError) and problem.startswith(f"{exc.path}: "):
            problem = problem[len(exc.path) + 2 :]
        return problem + (f" ({exc.hint})" if exc.hint else "")
    return (f"analysis failed ({type(exc).__name__}: {exc}); this is a bug in chronologue, please report it "
            "with the document")


def analyse_batch(tasks: list[Task], dct: str | None = None, reports: bool = False) -> list[Outcome]:
    """Read and analyse a batch of documents in this process (the unit of work of every engine). When the batch
    as a whole raises, each of its documents is analysed alone, so only the one at fault fails."""
    try:
        return _analyse(tasks, dct, reports)
    except Exception as exc:
        if len(tasks) == 1:
            return [Outcome(tasks[0].index, problem=_problem(exc))]
        return [outcome for task in tasks for outcome in analyse_batch([task], dct, reports)]


def _analyse(tasks: list[Task], dct: str | None, reports: bool) -> list[Outcome]:
    outcomes: dict[int, Outcome] = {}
    readable = []
    for task in tasks:
        try:
            document = read_document(decode_bytes(task.data, task.path), task.format, task.path)
        except ChronologueError as exc:
            outcomes[task.index] = Outcome(task.index, problem=_problem(exc))
            continue
        document.sha256 = task.sha256
        readable.append((task, document))
    if readable:
        # A text in another language is that document's failure, as on the command line (read by the English
        # pipeline it would give a story full of nonsense).
        stories = analyze_documents((d for _, d in readable), dct=dct, batch_size=BATCH, keep_going=True,
                                    english_only=True)
        for (task, _), story in zip(readable, stories, strict=True):
            if isinstance(story, Exception):
                outcomes[task.index] = Outcome(task.index, problem=_problem(story))
                continue
            try:
                report = exporter("html").render(story) if reports else None
                outcomes[task.index] = Outcome(task.index, exporter("json").render(story), report)
            except Exception as exc:  # a report that cannot be drawn fails its document only
                outcomes[task.index] = Outcome(task.index, problem=_problem(exc))
    return [outcomes[task.index] for task in tasks]


def batches(tasks: list[Task], workers: int) -> list[list[Task]]:
    """Tasks in batches of at most ``BATCH``, small enough that every worker gets several."""
    size = max(1, min(BATCH, math.ceil(len(tasks) / (max(workers, 1) * 4))))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a killed build leaves no worker behind); elsewhere
    the executor's own shutdown ends the workers."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def warm() -> None:
    """Load the spaCy model and every annotator's tables in this process (a worker's initialiser: once per worker,
    and in the fork server that workers are forked from); the process dies with its parent."""
    from chronologue.pipeline.run import warm as load_everything

    die_with_parent()
    load_everything()


Done = Callable[[Outcome], None]


def _run_here(groups: list[list[Task]], dct: str | None, reports: bool, done: Done) -> None:
    for group in groups:
        for outcome in analyse_batch(group, dct, reports):
            done(outcome)


def lost(group: list[Task], exc: BaseException) -> list[Outcome]:
    """The outcomes of a batch whose worker failed (it died, or the cluster lost it): each document failed."""
    problem = (f"its worker failed ({type(exc).__name__}: {exc}); analyse it alone with chronologue analyze to "
               "see whether the document is the cause")
    return [Outcome(task.index, problem=problem) for task in group]


def _run_processes(groups: list[list[Task]], dct: str | None, reports: bool, done: Done, workers: int) -> None:
    # Workers are forked from a fork server that has loaded chronologue and the model once (``preload``): a fast
    # start, and no fork of this process, which may hold threads (a progress bar, a server).
    context = get_context("forkserver")
    context.set_forkserver_preload([PRELOAD])
    suspects: list[Task] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm) as pool:
        futures = {pool.submit(analyse_batch, group, dct, reports): group for group in groups}
        for future in as_completed(futures):
            try:
                outcomes = future.result()
            except Exception:  # a worker died and broke the pool: its batch and the waiting ones are tried again
                suspects.extend(futures[future])
                continue
            for outcome in outcomes:
                done(outcome)
    for task in suspects:  # each alone in its own worker: only the document that kills a worker fails
        with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=warm) as pool:
            try:
                outcomes = pool.submit(analyse_batch, [task], dct, reports).result()
            except Exception as exc:
                outcomes = lost([task], exc)
        for outcome in outcomes:
            done(outcome)


def is_dask(scheduler: str) -> bool:
    """Whether a ``--scheduler`` value asks for Dask: ``dask`` (a local cluster) or a scheduler address."""
    return scheduler == DASK or "://" in scheduler


def run(tasks: list[Task], *, dct: str | None = None, reports: bool = False, workers: int = 1,
        scheduler: str = LOCAL, done: Done | None = None) -> list[Outcome]:
    """Analyse ``tasks`` and return their outcomes in task order; ``done`` is called as each one arrives.

    ``scheduler`` is ``local`` (this process, or ``workers`` local processes), ``dask`` (a local Dask cluster of
    ``workers`` processes) or the address of a running Dask scheduler (``tcp://host:8786``).
    """
    outcomes: dict[int, Outcome] = {}

    def collect(outcome: Outcome) -> None:
        outcomes[outcome.index] = outcome
        if done is not None:
            done(outcome)

    if tasks:
        if is_dask(scheduler):
            from chronologue.corpus.dask_engine import run_dask

            run_dask(batches(tasks, workers), dct, reports, collect, scheduler, workers)
        elif scheduler != LOCAL:
            raise ChronologueError("E300", f"unknown scheduler '{scheduler}'",
                                   "use local, dask, or a Dask scheduler address such as tcp://host:8786")
        elif workers > 1 and len(tasks) > 1:
            _run_processes(batches(tasks, workers), dct, reports, collect, workers)
        else:
            _run_here(batches(tasks, 1), dct, reports, collect)
    return [outcomes[task.index] for task in tasks]
