"""The batch engines give the same corpus, byte for byte: this process, local worker processes, a local Dask
cluster and a running Dask scheduler reached by address."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronologue.corpus import build_corpus
from chronologue.corpus.engine import Task, batches

CORPUS = Path(__file__).parent / "data" / "corpus"
EXAMPLE = Path(__file__).parents[1] / "src" / "chronologue" / "data" / "examples" / "ferryman.md"
INPUTS = [CORPUS, EXAMPLE]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of a corpus directory, by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("serial")
    result = build_corpus(INPUTS, out, reports=True)
    assert (result.analysed, result.failed) == (4, [])
    return snapshot(out)


def test_batches_spread_documents_over_workers():
    tasks = [Task(i, f"{i}.txt", b"x", "text", "0") for i in range(20)]
    assert [len(b) for b in batches(tasks, 1)] == [5, 5, 5, 5]
    assert [len(b) for b in batches(tasks, 2)] == [3] * 6 + [2]
    assert [t.index for b in batches(tasks, 8) for t in b] == list(range(20))
    assert len(batches(tasks[:3], 4)) == 3


@pytest.mark.slow
def test_worker_processes_give_the_same_corpus(serial, tmp_path):
    result = build_corpus(INPUTS, tmp_path, reports=True, workers=2)
    assert result.analysed == 4
    assert snapshot(tmp_path) == serial


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_same_corpus(serial, tmp_path):
    pytest.importorskip("distributed")
    result = build_corpus(INPUTS, tmp_path, reports=True, workers=2, scheduler="dask")
    assert result.analysed == 4
    assert snapshot(tmp_path) == serial


@pytest.mark.slow
def test_a_dask_scheduler_by_address_gives_the_same_corpus(serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = build_corpus(INPUTS, tmp_path, reports=True, scheduler=cluster.scheduler_address)
    assert result.analysed == 4
    assert snapshot(tmp_path) == serial
