"""Documents on a Dask cluster (``pip install 'dask[distributed]'``): a local one, or a running scheduler.

Each worker loads the spaCy model once (a worker plugin), then runs batches of documents as futures.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable

from chronologue.corpus.engine import DASK, PRELOAD, Outcome, Task, analyse_batch, lost, warm
from chronologue.errors import ChronologueError

try:
    import dask
    from distributed import Client, LocalCluster, as_completed
    from distributed.diagnostics.plugin import WorkerPlugin
    from distributed.utils import get_mp_context
except ImportError:  # the optional extra is not installed
    # the usual optional-import fallback: mypy sees the names as the classes they would be
    Client = LocalCluster = as_completed = get_mp_context = None  # type: ignore[misc,assignment]
    WorkerPlugin = object  # type: ignore[misc,assignment]


# A local cluster's workers run without the statistical profiler: sampling the stacks of a CPU-bound Python
# task every 10 ms costs them throughput, and nobody looks at a dashboard here. They start from a fork server
# that has loaded chronologue and the model once (as the process engine's do), not spawned to load their own.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False, "distributed.worker.multiprocessing-method": "forkserver"}


class LoadModel(WorkerPlugin):
    """Loads the spaCy model when a worker starts, so its first batch does not wait for it."""

    name = "chronologue-load-model"

    def setup(self, worker: object) -> None:
        """Called once on each worker."""
        warm()


def _client(scheduler: str, workers: int):
    if Client is None:
        raise ChronologueError("E303", "the Dask scheduler needs dask and distributed",
                               "install them: pip install 'dask[distributed]' (or pip install -r requirements.lock)")
    if scheduler == DASK:
        with dask.config.set(LOCAL_CONFIG):
            get_mp_context()  # distributed names its own fork server preloads once; chronologue's join them
            multiprocessing.get_context("forkserver").set_forkserver_preload(["distributed", PRELOAD])
            cluster = LocalCluster(n_workers=max(workers, 1) if workers > 1 else os.cpu_count() or 1,
                                   threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="20s"), None
    except OSError as exc:
        raise ChronologueError("E302", f"cannot reach the Dask scheduler at {scheduler} ({exc})",
                               "check the address and that `dask scheduler` runs there") from None


def run_dask(groups: list[list[Task]], dct: str | None, reports: bool, done: Callable[[Outcome], None],
             scheduler: str, workers: int) -> None:
    """Run the batches as Dask futures and hand each outcome to ``done`` as its batch finishes."""
    client, cluster = _client(scheduler, workers)
    try:
        client.register_plugin(LoadModel())
        futures = client.map(analyse_batch, groups, dct=dct, reports=reports, pure=False)
        group_of = {future.key: group for future, group in zip(futures, groups, strict=True)}
        suspects: list[Task] = []
        for future in as_completed(futures):
            try:
                outcomes = future.result()
            except Exception:  # the cluster gave up on this batch (its workers kept dying): each alone again
                suspects.extend(group_of[future.key])
                continue
            for outcome in outcomes:
                done(outcome)
        for task in suspects:
            future = client.submit(analyse_batch, [task], dct=dct, reports=reports, pure=False)
            try:
                outcomes = future.result()
            except Exception as exc:
                outcomes = lost([task], exc)
            for outcome in outcomes:
                done(outcome)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
