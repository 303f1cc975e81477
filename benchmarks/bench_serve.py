"""`semcomp serve`: warm HTTP queries against a new `semcomp similar` process for each query, and a
load test of slow clients beside fast ones.

Run: `make bench` (or `python benchmarks/bench_serve.py [--index corpus]`). Needs the paragraph index
of the bundled reports. The server runs in this process on the loopback address; every query goes
through HTTP and JSON, as a browser's or a script's would. Under load, ``--slow`` clients each open a
socket and send half a request (or nothing) and wait, ``--fast`` clients in threads query all the
while; their latency is printed as p50/p99, beside the same queries with no slow client. Then a crowd:
``--crowd`` clients (100 and 500 by default) each send one query at the same moment; failures and p99
are printed.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from semcomp import Catalogue
from semcomp.serve import make_server

sys.path.insert(0, str(Path(__file__).parent))
from bench_search import QUERIES


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default="corpus")
    parser.add_argument("--cold", type=int, default=3, help="new `semcomp similar` processes to time")
    parser.add_argument("--slow", type=int, default=50, help="slow clients holding sockets open during the load test")
    parser.add_argument("--fast", type=int, default=4, help="threads sending queries during the load test")
    parser.add_argument("--crowd", type=int, nargs="*", default=[100, 500], help="clients that ask at the same moment")
    args = parser.parse_args()
    started = time.perf_counter()
    server = make_server(Catalogue.open(args.index), port=0)
    ready = time.perf_counter() - started
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/api/similar?"
    rounds: list[list[float]] = []
    for _ in range(3):  # the first round encodes each query; later rounds may find it in the query cache
        rounds.append([])
        for q in QUERIES:
            t = time.perf_counter()
            with urllib.request.urlopen(base + urllib.parse.urlencode({"q": q, "k": 10})) as r:
                hits = json.loads(r.read())
            rounds[-1].append(time.perf_counter() - t)
            assert len(hits) == 10
    quiet = load(base, 0, args.fast)
    loaded = load(base, args.slow, args.fast)
    crowds = {n: crowd(base, n) for n in args.crowd}
    server.shutdown()
    semcomp = str(Path(sys.executable).with_name("semcomp"))
    cold = []
    for q in QUERIES[: args.cold]:
        t = time.perf_counter()
        subprocess.run([semcomp, "similar", q, "-i", args.index, "--json"], check=True, capture_output=True)
        cold.append(time.perf_counter() - t)
    print(f"server ready (index and model loaded, one warm-up query): {ready:.2f} s")
    for name, times in (("new queries", rounds[0]), ("repeated queries", rounds[1] + rounds[2])):
        times.sort()
        print(f"warm HTTP /api/similar, k=10, {name}, {len(times)} requests: median {statistics.median(times) * 1000:.0f} ms, "
              f"p95 {times[int(0.95 * len(times)) - 1] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")  # fmt: skip
    print(f"new `semcomp similar` process per query, {len(cold)} queries: median {statistics.median(cold):.2f} s")
    for slow, times in ((0, quiet), (args.slow, loaded)):
        times.sort()
        print(f"{args.fast} fast clients beside {slow} slow ones, {len(times)} requests: p50 {statistics.median(times) * 1000:.0f} ms,"
              f" p99 {times[int(0.99 * len(times)) - 1] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")  # fmt: skip
    for n, (failures, times) in crowds.items():
        times.sort()
        p99 = f"p99 {times[max(0, int(0.99 * len(times)) - 1)]:.1f} s" if times else "no answer"
        print(f"a crowd of {n} clients asking at once: {failures} failed, {len(times)} answered, {p99}")


def crowd(base: str, clients: int) -> tuple[int, list[float]]:
    """(failures, latencies) of ``clients`` threads that each send one query at the same moment."""
    start = threading.Barrier(clients)
    times: list[float] = []
    failures = [0]

    def client(i: int) -> None:
        start.wait()
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(base + urllib.parse.urlencode({"q": QUERIES[i % len(QUERIES)], "k": 10}), timeout=120) as r:
                r.read()
            times.append(time.perf_counter() - t)
        except OSError:
            failures[0] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return failures[0], times


def load(base: str, slow: int, fast: int, rounds: int = 2) -> list[float]:
    """Latencies of ``fast`` threads each sending every query ``rounds`` times while ``slow`` sockets sit idle
    or half-sent (half of them stop in the middle of their headers)."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(slow)]
    for s in idle[::2]:
        s.sendall(b"GET /api/similar?q=%E6%8B%9B HTTP/1.1\r\nHost: x\r\n")
    times: list[float] = []

    def client(offset: int) -> None:
        for q in (QUERIES[offset:] + QUERIES[:offset]) * rounds:
            t = time.perf_counter()
            with urllib.request.urlopen(base + urllib.parse.urlencode({"q": q, "k": 10}), timeout=60) as r:
                r.read()
            times.append(time.perf_counter() - t)

    threads = [threading.Thread(target=client, args=(i * 3,)) for i in range(fast)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in idle:
        s.close()
    return times


if __name__ == "__main__":
    main()
