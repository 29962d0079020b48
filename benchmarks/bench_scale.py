"""Scale: analysis vs spaCy's floor, 2 workers vs 1, streaming memory, pipeline trimming. One run.

Corpus: wikinews texts + PolNeAR train texts (../shared/data), written as one file each.

  floor    spaCy nlp.pipe over the texts (same model, same batch size): the parse-only cost
  analyze  newsgraph read -> clean -> parse -> extract -> JSONL, in one process (target >= 0.85 x floor)
  workers  the same with a started pool of 2 analysis workers; the main process reads and
           writes (target >= 1.7 x one process)
  memory   `newsgraph ingest --workers 2 --force` into SQLite, a fresh process each, on a JSONL
           archive of the corpus x1 and x4: peak resident memory of all its processes together
           (target: within 15%)
  trim     seconds per pipeline component, and the PolNeAR dev quote figures with and without
           the one component the extractors might do without (the lemmatizer)

    python benchmarks/bench_scale.py [--sections floor,workers,memory,trim] [--limit N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, polnear_texts, require_data, wikinews_texts, write_corpus  # noqa: E402

from newsgraph.nlp import load_pipeline  # noqa: E402
from newsgraph.readers import read_inputs  # noqa: E402
from newsgraph.run import LocalPool, run_local  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402

SECTIONS = ("floor", "workers", "memory", "trim")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sections", default=",".join(SECTIONS))
    ap.add_argument("--limit", type=int, default=None, help="first N articles only (a quick check)")
    ap.add_argument("--memory-corpus", choices=["all", "wikinews"], default="all",
                    help="texts the memory section repeats x1 and x4 (wikinews: a quarter of the work, "
                         "and it holds the corpus's longest articles, which set the peak)")
    args = ap.parse_args(argv)
    sections = set(args.sections.split(","))
    require_data()
    wiki, pol = wikinews_texts(), polnear_texts("train")
    texts = (wiki + pol)[: args.limit]
    settings = Settings.from_env()
    nlp = load_pipeline(settings.model)
    cores = len(os.sched_getaffinity(0))
    print(f"corpus: wikinews {len(wiki)} + polnear train {len(pol)} texts, {len(texts)} used, "
          f"{sum(map(len, texts)):,} characters; model {nlp.meta['name']} {nlp.meta['version']}; "
          f"batch size {settings.batch_size}; {cores} cores; load average {os.getloadavg()[0]:.1f} at start",
          flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(texts, Path(tmp) / "x1")
        rows, tokens = [], None
        if sections & {"floor", "workers"}:
            rows, tokens = _throughput(texts, corpus, Path(tmp), nlp, settings, sections)
            _print_throughput(rows, len(texts), tokens)
        if "memory" in sections:
            _memory(wiki[: args.limit] if args.memory_corpus == "wikinews" else texts, Path(tmp))
        if "trim" in sections:
            _trim(texts, nlp, settings, limit=args.limit)
    return 0


def _throughput(texts, corpus: Path, tmp: Path, nlp, settings: Settings, sections: set[str]):
    """(name, wall seconds, CPU seconds of each process) per run.

    CPU seconds are reported beside wall time because this machine is shared: on busy
    cores wall time measures the neighbours too, while a process's CPU time does not.
    """
    import psutil

    out = tmp / "out.jsonl"
    rows = []
    tokens = 0
    t, c = time.perf_counter(), time.process_time()
    for doc in nlp.pipe(texts, batch_size=settings.batch_size):
        tokens += len(doc)
    rows.append(("spaCy nlp.pipe (floor)", time.perf_counter() - t, [time.process_time() - c]))

    def analyze(records, procs=()) -> tuple[float, list[float]]:
        before = [_cpu(p) for p in procs]
        t, c = time.perf_counter(), time.process_time()
        with open(out, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(rec.to_json() + "\n")
        wall, main = time.perf_counter() - t, time.process_time() - c
        return wall, [main] + [_cpu(p) - b for p, b in zip(procs, before)]

    rows.append(("newsgraph analyze, 1 process",
                 *analyze(run_local(read_inputs([str(corpus)], settings=settings), workers=1, settings=settings))))
    if "workers" in sections:
        with LocalPool(2, settings=settings) as pool:
            pool.warm()  # model loading is a one-off per worker, not throughput
            procs = [psutil.Process(pid) for pid in pool._ex._processes]
            rows.append(("newsgraph analyze, 2 workers",
                         *analyze(pool.imap(read_inputs([str(corpus)], settings=settings)), procs)))
    return rows, tokens


def _cpu(p) -> float:
    t = p.cpu_times()
    return t.user + t.system


def _print_throughput(rows, n: int, tokens: int) -> None:
    print(f"\n{'':32}{'seconds':>9}{'articles/s':>12}{'tokens/s':>11}   CPU seconds per process")
    for name, secs, cpus in rows:
        print(f"{name:32}{secs:9.1f}{n / secs:12.2f}{tokens / secs:11,.0f}   " + " + ".join(f"{c:.1f}" for c in cpus))
    t = {name: (secs, cpus) for name, secs, cpus in rows}
    floor, one = t["spaCy nlp.pipe (floor)"], t["newsgraph analyze, 1 process"]
    print(f"ratio newsgraph analyze / spaCy floor throughput: {floor[0] / one[0]:.2f} wall, "
          f"{floor[1][0] / one[1][0]:.2f} CPU (target >= 0.85)")
    if "newsgraph analyze, 2 workers" in t:
        two = t["newsgraph analyze, 2 workers"]
        # On free cores each process runs on its own: the run lasts as long as its busiest process.
        print(f"speed-up 2 workers / 1 process: {one[0] / two[0]:.2f}x wall; "
              f"{one[1][0] / max(two[1]):.2f}x from CPU time, what free cores would give (target >= 1.7x)")
    print(f"tokens: {tokens:,} (spaCy tokens of the raw texts); load average now {os.getloadavg()[0]:.1f}", flush=True)


def _memory(texts, tmp: Path) -> None:
    """Peak RSS of a whole `newsgraph ingest --workers 2` process tree, on one JSONL archive
    holding the corpus once and one holding it four times (read as a stream, like a WARC)."""
    import json

    archives = {}
    for label, copies in (("corpus x1", 1), ("corpus x4", 4)):
        archives[label] = tmp / f"{label.replace(' ', '')}.jsonl"
        with open(archives[label], "w", encoding="utf-8") as fh:
            for _ in range(copies):
                # The same texts again: --force makes every copy a full analysis and store write.
                for t in texts:
                    fh.write(json.dumps({"text": t}) + "\n")
    print(f"\nmemory corpus: {len(texts)} texts")
    print(f"{'ingest --workers 2 --force':32}{'articles':>9}{'seconds':>9}{'articles/s':>12}"
          f"{'peak RSS MB':>13}{'largest process MB':>20}")
    peaks = {}
    for (label, archive), n in zip(archives.items(), (len(texts), 4 * len(texts))):
        db = tmp / f"{label.replace(' ', '')}.db"
        cmd = [sys.executable, "-m", "newsgraph", "ingest", str(archive), "--workers", "2", "--force",
               "--db", f"sqlite:///{db}"]
        secs, peak, largest, rc, err = _peak_rss(cmd)
        if rc not in (0, 1):
            print(f"{label}: ingest failed ({rc}): {err.strip()[-500:]}")
            return
        peaks[label] = peak
        print(f"{label:32}{n:9}{secs:9.1f}{n / secs:12.2f}{peak / 1e6:13.0f}{largest / 1e6:20.0f}", flush=True)
    grow = peaks["corpus x4"] / peaks["corpus x1"] - 1
    print(f"peak memory x4 vs x1: {grow:+.1%} (target within 15%); "
          f"{archives['corpus x1'].stat().st_size / 1e6:.1f} MB vs {archives['corpus x4'].stat().st_size / 1e6:.1f} MB of JSONL")
    print("command: newsgraph ingest CORPUS.jsonl --workers 2 --force --db sqlite:///FILE (all processes' RSS summed)")


def _peak_rss(cmd: list[str]) -> tuple[float, int, int, int, str]:
    import psutil

    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        ps = psutil.Process(proc.pid)
        peak = largest = 0
        while proc.poll() is None:
            try:
                tree = [ps] + ps.children(recursive=True)
                rss = []
                for p in tree:
                    try:
                        rss.append(p.memory_info().rss)
                    except psutil.Error:
                        pass
                peak, largest = max(peak, sum(rss)), max(largest, max(rss, default=0))
            except psutil.Error:
                pass
            time.sleep(0.2)  # sampling more often costs the measured run a visible share of a core
        secs = time.perf_counter() - t
        err.seek(0)
        return secs, peak, largest, proc.returncode, err.read()


def _trim(texts, nlp, settings: Settings, *, limit: int | None) -> None:
    """Where parse time goes, and what dropping the lemmatizer would cost the quote figures."""
    import spacy

    from newsgraph.evaluate.quotes import evaluate_split
    from newsgraph.nlp import _installed_name

    sample = texts[:300]
    times = {}
    t = time.perf_counter()
    docs = [nlp.make_doc(t) for t in sample]
    times["tokenizer"] = time.perf_counter() - t
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=32))
        times[name] = time.perf_counter() - t
    total = sum(times.values())
    print(f"\nparse time per component (first {len(sample)} texts): " + ", ".join(
        f"{k} {v / total:.0%}" for k, v in times.items()))
    dev = DATA / "polnear" / "dev"
    trimmed = spacy.load(_installed_name(settings.model), exclude=["lemmatizer"])
    trimmed.max_length = nlp.max_length
    print(f"{'PolNeAR dev quotes':32}{'content F1':>11}{'attrib. F1':>11}{'speaker acc':>12}{'seconds':>9}")
    for label, model in (("full pipeline", nlp), ("without lemmatizer", trimmed)):
        t = time.perf_counter()
        scores, _ = evaluate_split(dev, nlp=model, limit=limit)
        secs = time.perf_counter() - t
        print(f"{label:32}{scores.content('all')[2]:11.3f}{scores.attribution('all')[2]:11.3f}"
              f"{scores.speaker_accuracy:12.3f}{secs:9.1f}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
