"""Peak memory of analysing one huge article: the bound newsgraph documents (docs/scale.md).

Cases, each analysed by `newsgraph analyze FILE --format jsonl` in a fresh process
(peak RSS from getrusage of the child, model loading included):
  paragraphs   a ~10 MB article of ordinary paragraphs (wikinews texts, repeated)
  one-line     the same text with no line breaks: one gigantic paragraph
Target: at most 2 GB each (before parse() cut texts in pieces, 9.9 MB took 9 GB and grew).

    python benchmarks/bench_memory.py [--mb 10] [--case paragraphs|one-line]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, wikinews_texts  # noqa: E402

TARGET_BYTES = 2 * 1024**3


def article(mb: float) -> str:
    """Ordinary news paragraphs up to `mb` megabytes (just under the 10 MB article limit)."""
    texts = wikinews_texts() if (DATA / "wikinews").is_dir() else [
        'The council said on Monday that the bridge would reopen next week. "We are ready," '
        "Mayor Ann Lee told reporters. At least seven people, including four children, were hurt."]
    limit = int(mb * 1_000_000) - 1000
    parts, size = [], 0
    while size < limit:
        for t in texts:
            parts.append(t.strip())
            size += len(t.encode("utf-8")) + 2
            if size >= limit:
                break
    return "\n\n".join(parts)


def peak_rss(path: Path) -> tuple[int, float, int]:
    """(peak RSS bytes, seconds, exit status) of analysing `path` in a child process."""
    start = time.perf_counter()
    status = subprocess.call([sys.executable, "-m", "newsgraph", "analyze", str(path), "--format", "jsonl"],
                             stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - start
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, secs, status


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0, help="article size in MB (default 10, the limit)")
    ap.add_argument("--case", choices=["paragraphs", "one-line"], action="append")
    args = ap.parse_args(argv)
    text = article(args.mb)
    cases = args.case or ["paragraphs", "one-line"]
    print(f"{'case':<12} {'size':>9} {'peak RSS':>10} {'target':>8} {'seconds':>8}  ok")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            body = text if case == "paragraphs" else " ".join(text.split())
            path = Path(tmp) / f"{case}.txt"
            path.write_text(body, encoding="utf-8")
            # Children's peak is the maximum over all children waited for so far: one case per process.
            out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True)
            rss, secs, status = (float(x) for x in out.stdout.split())
            ok = rss <= TARGET_BYTES and status == 0
            failed += not ok
            print(f"{case:<12} {len(body.encode()) / 1e6:>7.1f}MB {rss / 1024**3:>8.2f}GB {TARGET_BYTES / 1024**3:>6.0f}GB "
                  f"{secs:>8.0f}  {'yes' if ok else 'NO'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        rss, secs, status = peak_rss(Path(sys.argv[2]))
        print(rss, secs, status)
        sys.exit(0)
    sys.exit(main())
