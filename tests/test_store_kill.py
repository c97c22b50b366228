"""``chronologue corpus --store`` killed with SIGKILL at random points, each kill followed by a rerun: in the
end every document is stored exactly once with all its rows, nothing is orphaned, and each run resumes where the
last stopped. Killing the main process of a ``--workers 2`` build leaves no worker behind."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

PEOPLE = ["Anna Kowalska", "Piotr Nowak", "Olena Marchenko", "Ivan Sorokin", "Vera Lanska", "Jan Wiśniewski"]
PLACES = ["Lida", "Grodno", "Kaunas", "Minsk", "Vilnius", "Lviv"]
DOCUMENTS = 12
ROUNDS = 10
TABLES = ["entities", "timexes", "events", "quotes", "claims", "figures", "citations", "findings", "passages",
          "identity_members"]


def write_documents(folder: Path) -> None:
    folder.mkdir()
    for n in range(DOCUMENTS):
        person, place, other = PEOPLE[n % 6], PLACES[n % 6], PLACES[(n + 2) % 6]
        year = 1900 + 3 * n
        text = (f"The life of {person}\n\n{person} was born in {place} in {year}. In {year + 20} {person.split()[0]} "
                f"moved to {other}, where {person.split()[0]} worked at the railway station.\n\n"
                f"In {year + 40} {person} returned to {place} and died there in {year + 60}.\n")
        (folder / f"life-{n:02d}.txt").write_text(text * (1 + n % 3), encoding="utf-8")


def corpus(folder: Path, store: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "chronologue", "corpus", str(folder), "--store", str(store),
                             *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def stored(store: Path) -> int:
    if not store.exists():
        return 0
    with sqlite3.connect(store) as connection:
        try:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        except sqlite3.OperationalError:  # killed before the schema was made
            return 0


def test_killed_builds_resume_and_store_every_document_once(tmp_path):
    folder, store = tmp_path / "docs", tmp_path / "corpus.db"
    write_documents(folder)
    chance = random.Random(20261207)
    counts = []
    for _ in range(ROUNDS):
        run = corpus(folder, store)
        time.sleep(chance.uniform(1.0, 7.0))
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        counts.append(stored(store))
    assert counts == sorted(counts), "a kill never loses a document stored before"
    before = counts[-1]
    final = corpus(folder, store)
    _, stderr = final.communicate(timeout=600)
    assert final.returncode == 0, stderr.decode()
    assert f"{DOCUMENTS - before} analysed, {before} unchanged" in stderr.decode()
    with sqlite3.connect(store) as connection:
        paths = [row[0] for row in connection.execute("SELECT path FROM documents")]
        assert sorted(Path(p).name for p in paths) == [f"life-{n:02d}.txt" for n in range(DOCUMENTS)]
        for table in TABLES:
            orphans = connection.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN "
                                         "(SELECT id FROM documents)").fetchone()[0]
            assert orphans == 0, table
        without = connection.execute("SELECT count(*) FROM documents WHERE id NOT IN "
                                     "(SELECT document_id FROM passages WHERE kind = 'text')").fetchone()[0]
        assert without == 0, "every document has its passages"
        connection.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
        fts = connection.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'railway'").fetchone()
        assert fts[0] == connection.execute("SELECT count(*) FROM passages WHERE body LIKE '%railway%'").fetchone()[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
def test_workers_die_with_their_parent(tmp_path):
    folder, store = tmp_path / "docs", tmp_path / "corpus.db"
    write_documents(folder)
    run = corpus(folder, store, "--workers", "2")
    parent = psutil.Process(run.pid)
    deadline, children = time.monotonic() + 120, []
    while time.monotonic() < deadline and len(children) < 3 and run.poll() is None:
        children = parent.children(recursive=True)  # the fork server, the resource tracker, the workers
        time.sleep(0.2)
    assert len(children) >= 3, "the build started its workers"
    os.kill(run.pid, signal.SIGKILL)  # the main process alone
    run.wait()
    _, alive = psutil.wait_procs(children, timeout=20)
    for process in alive:  # the test failed: leave nothing behind on the machine either
        process.kill()
    assert alive == [], "workers outlived their parent"
