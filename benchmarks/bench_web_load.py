"""The web server under load with one pathological article (issue 12, item 3).

A real `newsgraph serve` process (NEWSGRAPH_WEB_TIMEOUT=T, `--workers` workers): one
huge article is POSTed to /api/analyze; as soon as it is answered, N ordinary ones at
once. Before, the huge one kept the only worker busy for minutes after its 503 and every
later request got 503 too; now it is answered 503 at T seconds, its worker is killed and
replaced, and the ordinary ones are served. (A request queued behind it waits, and its
wait counts toward its own T: give the server more workers for that.)
Prints each request's status and latency, and the server's peak memory (its process
tree's largest resident size seen).

    python benchmarks/bench_web_load.py [--timeout 20] [--n 8] [--huge-mb 1.9]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_memory import article  # noqa: E402

ORDINARY = ('"We will rebuild," Mayor Ann Lee said on Monday. The council said the bridge would reopen '
            "next week after repairs. At least seven people were injured when it collapsed.")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(port: int, text: str, out: list, i: int) -> None:
    start = time.perf_counter()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/analyze", data=json.dumps({"text": text}).encode(),
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            status = r.status
    except urllib.error.HTTPError as e:
        status = e.code
    out[i] = (status, time.perf_counter() - start)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=int, default=20)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--huge-mb", type=float, default=1.9)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    port = _port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "NEWSGRAPH_WEB_TIMEOUT": str(args.timeout), "NEWSGRAPH_WEB_MAX_BODY": "2000000",
               "NEWSGRAPH_WEB_WORKERS": str(args.workers), "NEWSGRAPH_WEB_QUEUE": str(max(args.n, 8))}
        server = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", f"sqlite:///{tmp}/w.db",
                                   "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            server.stdout.readline()
            deadline = time.monotonic() + 120
            while True:  # the address is printed before uvicorn listens
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles", timeout=5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.3)
            peak = [0]
            done = threading.Event()

            def watch():
                proc = psutil.Process(server.pid)
                while not done.is_set():
                    try:
                        peak[0] = max(peak[0], sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]))
                    except psutil.Error:
                        pass
                    time.sleep(0.2)

            threading.Thread(target=watch, daemon=True).start()
            out: list = [None] * 2
            _post(port, ORDINARY, out, 0)  # the worker is up and the model loaded
            results: list = [None] * (args.n + 1)
            huge = article(args.huge_mb)
            threads = [threading.Thread(target=_post, args=(port, huge, results, 0))]
            threads += [threading.Thread(target=_post, args=(port, ORDINARY, results, i + 1)) for i in range(args.n)]
            threads[0].start()
            threads[0].join()
            for t in threads[1:]:
                t.start()
            for t in threads[1:]:
                t.join()
            done.set()
        finally:
            server.terminate()
            server.communicate(timeout=30)
    print(f"{'request':<10} {'status':>6} {'seconds':>8}")
    for i, (status, secs) in enumerate(results):
        print(f"{'huge' if i == 0 else f'ordinary{i}':<10} {status:>6} {secs:>8.1f}")
    served = sum(1 for s, _ in results[1:] if s == 200)
    print(f"ordinary served: {served}/{args.n}; huge: {results[0][0]} after {results[0][1]:.0f} s "
          f"(limit {args.timeout} s); server peak memory {peak[0] / 1024**3:.2f} GB")
    return 0 if served == args.n and results[0][0] == 503 else 1


if __name__ == "__main__":
    sys.exit(main())
