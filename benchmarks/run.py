"""`make bench`: run every benchmarks/bench_*.py in one process tree, one after another.

Each benchmark measures newsgraph against a reference timed in the same run (ratios,
not absolute seconds: these machines are shared and noisy) and prints its table.
Pass names to run a subset: `python benchmarks/run.py analyze store`; `memory` (bench_memory.py)
checks the documented peak-memory bound for a 10 MB article (<= 2 GB); `web_load`
(bench_web_load.py) a server with one pathological article and N ordinary ones at once.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    benches = sorted(HERE.glob("bench_*.py"))
    if argv:
        benches = [b for b in benches if b.stem.removeprefix("bench_") in argv]
    status = 0
    for bench in benches:
        print(f"\n=== {bench.stem} ===", flush=True)
        status |= subprocess.call([sys.executable, str(bench)], cwd=HERE.parent)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
