#!/usr/bin/env python3
"""A bounded load test of the web app on loopback: ``--clients`` concurrent clients (default 50) for
``--seconds`` (default 60), each looping over search, the people page, a person and the API; prints requests,
errors (any status >= 500 or failed connection) and p50/p95/p99. Not a test: numbers depend on the machine.

usage: .venv/bin/python bench/load.py --store corpus.db [--clients 50] [--seconds 60]
       .venv/bin/python bench/load.py --url http://127.0.0.1:8000 ...   (a server already running, loopback only)

With --store the app is started here (uvicorn, 127.0.0.1, a free port) over that store. Every loop stops at the
deadline and after at most --max-requests requests in all, and only loopback addresses are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import random
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

WORDS = ["coal", "ferry", "station", "letters", "camp", "train", "river", "Orlov", "Kaunas", "diary"]


def loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def client(base: str, deadline: float, budget: list[int], seed: int, times: list[float],
                 errors: list[str], people: list[str]) -> None:
    import httpx

    chance = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            choice = chance.random()
            if choice < 0.4:
                path, params = "/api/search", {"q": chance.choice(WORDS)}
            elif choice < 0.6:
                path, params = "/people", {"page": chance.randint(1, 5)}
            elif choice < 0.8 and people:
                path, params = f"/api/people/{chance.choice(people)}", {}
            else:
                path, params = "/search", {"q": chance.choice(WORDS), "from": "1900", "to": "1960"}
            began = time.perf_counter()
            try:
                response = await http.get(path, params=params)
                if response.status_code >= 500:
                    errors.append(f"{response.status_code} {path}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {path}")
            times.append(time.perf_counter() - began)


def run(base: str, clients: int, seconds: float, max_requests: int) -> int:
    import httpx

    people = [p["id"] for p in httpx.get(base + "/api/people", params={"limit": 50}, timeout=30).json()["items"]]
    times: list[float] = []
    errors: list[str] = []
    budget = [max_requests]
    deadline = time.monotonic() + seconds

    async def everyone() -> None:
        await asyncio.gather(*(client(base, deadline, budget, n, times, errors, people) for n in range(clients)))

    began = time.perf_counter()
    asyncio.run(everyone())
    took = time.perf_counter() - began
    ordered = sorted(times)

    def pct(share: float) -> float:
        return ordered[max(0, round(share * len(ordered)) - 1)] * 1000

    print(f"{clients} clients, {took:.0f} s: {len(times)} requests ({len(times) / took:.0f}/s), "
          f"{len(errors)} errors; p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {pct(0.95):.0f} ms, "
          f"p99 {pct(0.99):.0f} ms")
    for error in sorted(set(errors))[:10]:
        print("  error:", error)
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store")
    parser.add_argument("--url")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    if (args.store is None) == (args.url is None):
        parser.error("give --store or --url")
    if args.url is not None:
        if not loopback(args.url):
            parser.error("only loopback addresses (127.0.0.0/8, ::1, localhost) may be loaded")
        return run(args.url.rstrip("/"), args.clients, args.seconds, args.max_requests)

    import uvicorn

    from chronologue.corpus import within
    from chronologue.corpus.store import open_store
    from chronologue.web.app import create_app, server_config

    within.warm()  # as serve() does at start
    server = uvicorn.Server(server_config(create_app(open_store(args.store)), port=0))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.1)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        return run(f"http://127.0.0.1:{port}", args.clients, args.seconds, args.max_requests)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


if __name__ == "__main__":
    sys.exit(main())
