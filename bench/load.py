"""A small load generator for machines without wrk: `python -m bench.load --url ... --seconds 3`.

Bounded in time and in count, loopback only. One thread per connection; Python's GIL makes it slower
than wrk, so its absolute requests/s are lower on fast pages (the ratios in one run still compare).
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit

MAX_REQUESTS = 200_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--cookie", default="")
    args = parser.parse_args()
    parts = urlsplit(args.url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("bench.load only loads the loopback interface")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": args.cookie} if args.cookie else {}
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + args.seconds

    def worker() -> None:
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < deadline and len(latencies) + len(mine) < MAX_REQUESTS:
            start = time.perf_counter()
            connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=20)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                bad += response.status >= 400
            except OSError:
                bad += 1
            finally:
                connection.close()
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        json.dumps(
            {
                "rps": len(latencies) / elapsed,
                "p50": cuts[49],
                "p99": cuts[98],
                "requests": float(len(latencies)),
                "non_2xx": float(failures[0]),
                "errors": 0.0,
            }
        )
    )


if __name__ == "__main__":
    main()
