"""One bad document never fails a good one, whichever engine runs them (this process, two worker processes, a
local Dask cluster): every good document is stored and every bad one is named with its own problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chronologue.corpus.fill import fill_store
from chronologue.corpus.store import open_store

DATA = Path(__file__).parent / "data"
BAD = {
    "binary.txt": (b"\x00\x01\x02\xff\xfe binary", "binary file"),
    "empty.txt": (b"", "is empty"),
    "latin1.txt": ("Café in München, 1943.\n".encode("latin-1"), "is not UTF-8"),
    "german.txt": ("Im Sommer 1943 ging Iwan mit seiner Schwester nach Kaunas, wo sie bei einer Familie wohnten, "
                   "die ihnen Arbeit in der Mühle gab. Erst nach dem Krieg kehrten sie zurück.\n".encode(),
                   "is not in English"),
}
# Documents that once crashed the pipeline and are now read and analysed like any other.
HARD = {
    "number.txt": f"There were {'9' * 309} men.\n".encode(),
    "control.html": b"<p><script></script>\x08</p><p>Ivan went to Kaunas in 1943.</p>",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bad") / "docs"
    shutil.copytree(DATA / "corpus", root)
    for name, (data, _) in BAD.items():
        (root / name).write_bytes(data)
    for name, data in HARD.items():
        (root / name).write_bytes(data)
    return root


@pytest.mark.parametrize("workers, scheduler", [
    (1, "local"), (2, "local"), pytest.param(2, "dask", marks=pytest.mark.slow)])
def test_bad_documents_fail_alone(folder, tmp_path, workers, scheduler):
    store = open_store(tmp_path / "corpus.db")
    result = fill_store([folder], store, workers=workers, scheduler=scheduler)
    assert sorted(Path(p).name for p in store.known()) == sorted(
        ["lavrenko-file.txt", "orloff-letters.md", "orlow-notebooks.txt", *HARD]
    )  # the good ones, and only they
    failed = {Path(f.path).name: f.problem for f in result.failed}
    assert sorted(failed) == sorted(BAD)
    for name, (_, problem) in BAD.items():
        assert problem in failed[name], name
    assert len(set(failed.values())) == len(BAD), "each its own problem"
