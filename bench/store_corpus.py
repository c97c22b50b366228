#!/usr/bin/env python3
"""The corpus store and web app on many documents: fill a store with ``--docs`` generated documents (default
1,000), then time, over HTTP on loopback, full-text and date searches (``/api/search``) and the people page
(``/people?page=N``): p50 and p95 of each. Not a test: numbers depend on the machine.

usage: .venv/bin/python bench/store_corpus.py [--docs 1000] [--workers 2] [--store PATH] [--queries 200]

The documents are made from the test texts' paragraphs (plain text, three to six a document, drawn with a fixed
seed) and a generated paragraph of a life (a name made of given names and surnames, two places, dates), so that
people, places and dates vary as in a real collection. An existing --store is reused (filled incrementally:
its documents are kept in STORE.docs/).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ROOT / "tests" / "data"
GIVEN = ["Anna", "Piotr", "Olena", "Ivan", "Vera", "Jan", "Maria", "Oleh", "Irena", "Tadeusz", "Halina", "Mykola",
         "Sofia", "Andriy", "Zofia", "Pavel", "Lidia", "Stepan", "Ewa", "Bohdan"]
SURNAMES = ["Kowalska", "Nowak", "Marchenko", "Sorokin", "Lanska", "Wiśniewski", "Kravets", "Zielinski",
            "Bondar", "Melnyk", "Orlov", "Lavrenko", "Shevchenko", "Kaminski", "Tkachenko", "Dabrowski",
            "Hrytsenko", "Lewandowski", "Savchenko", "Wojcik", "Kovalenko", "Mazur", "Rudenko", "Pawlak"]
PLACES = ["Lida", "Grodno", "Kaunas", "Minsk", "Vilnius", "Lviv", "Kyiv", "Warsaw", "Krakow", "Odesa", "Riga",
          "Brest", "Pinsk", "Lublin", "Poltava", "Kharkiv", "Gdansk", "Poznan", "Vitebsk", "Mogilev"]
WORDS = ["coal", "ferry", "station", "letters", "camp", "partisans", "train", "river", "bridge", "archive",
         "Orlov", "Орлов", "Kowalska", "Kaunas", "prisoner", "regiment", "factory", "school", "church", "diary"]


def paragraphs() -> list[str]:
    found = []
    for path in sorted(TEXTS.rglob("*")):
        if path.suffix in (".txt", ".md") and path.is_file():
            text = path.read_text(encoding="utf-8")
            found += [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if len(p.split()) > 12]
    return found


def generate(folder: Path, count: int, seed: int = 7) -> None:
    chance, pool = random.Random(seed), paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        given, surname = chance.choice(GIVEN), chance.choice(SURNAMES)
        home, away = chance.sample(PLACES, 2)
        year = chance.randint(1880, 1930)
        life = (f"{given} {surname} was born in {home} in {year}. In {year + chance.randint(15, 30)} {given} "
                f"{surname} moved to {away}, where {given} worked at the {chance.choice(WORDS[:10])}. "
                f"{given} {surname} died in {away} in {year + chance.randint(40, 80)}.")
        body = chance.sample(pool, chance.randint(3, 6))
        title = f"Document {n:04d}: the life of {given} {surname}"
        (folder / f"doc-{n:04d}.txt").write_text("\n\n".join([title, life, *body]) + "\n", encoding="utf-8")


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms ({len(ordered)} requests)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", default=None)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    import httpx
    import uvicorn

    from chronologue.corpus import tables, within
    from chronologue.corpus.fill import fill_store
    from chronologue.corpus.store import open_store
    from chronologue.web.app import create_app, server_config

    work = Path(tempfile.mkdtemp(prefix="chronologue-bench-"))
    docs = Path(args.store).with_suffix(".docs") if args.store else work / "docs"  # kept beside a kept store
    generate(docs, args.docs)
    store = open_store(args.store or work / "corpus.db")
    started = time.perf_counter()
    result = fill_store([docs], store, workers=args.workers)
    took = time.perf_counter() - started
    print(f"fill: {result.analysed} analysed, {result.unchanged} unchanged, {len(result.failed)} failed in "
          f"{took:.0f} s; store holds {store.count(tables.Document)} documents, "
          f"{store.count(tables.Identity)} identities, {store.count(tables.Passage)} passages")

    within.warm()  # as serve() does at start
    server = uvicorn.Server(server_config(create_app(store), port=0))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.1)
    port = server.servers[0].sockets[0].getsockname()[1]
    chance = random.Random(11)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        searches, people = [], []
        total = client.get("/api/people", params={"limit": 1}).json()["total"]
        for _ in range(args.queries):
            params = {"q": " ".join(chance.sample(WORDS, chance.choice([1, 1, 2])))}
            if chance.random() < 0.4:
                start = chance.randint(1880, 1990)
                params.update({"from": str(start), "to": str(start + chance.randint(0, 10))})
            began = time.perf_counter()
            response = client.get("/api/search", params=params)
            searches.append(time.perf_counter() - began)
            assert response.status_code == 200, response.text
            page = chance.randint(1, max(1, total // 50))
            began = time.perf_counter()
            response = client.get("/people", params={"page": page})
            people.append(time.perf_counter() - began)
            assert response.status_code == 200
    server.should_exit = True
    thread.join(timeout=10)
    print(f"search (/api/search): {percentiles(searches)}")
    print(f"people page (/people?page=N, {total} people): {percentiles(people)}")


if __name__ == "__main__":
    sys.exit(main())
