"""Several real processes on one store: a reader during ingest, two writers at once, a writer killed midway."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsgraph.store import Store
from store_cases import variants

TESTS = Path(__file__).resolve().parent

READER = """
import sys, time
from pathlib import Path
from newsgraph.store import Store
url, stop = sys.argv[1], Path(sys.argv[2])
reads = 0
with Store.open(url) as s:
    while not stop.exists():
        s.quotes(search="winning", limit=5)
        s.quotes(speaker="obama", limit=5)
        s.entities(top=5)
        s.counts(by="month")
        s.articles(limit=5)
        reads += 1
        if reads == 1:
            (stop.parent / "ready").touch()
print(reads)
"""

WRITER = """
import sys
from newsgraph.store import Store
from store_cases import variants
url, n, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with Store.open(url) as s:
    summary = s.ingest(variants(n, start))
print(summary.ingested, summary.skipped, summary.failed)
"""


def _python(code: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def test_a_reader_process_never_sees_a_locked_database_during_ingest(db_url, tmp_path):
    with Store.open(db_url) as store:
        store.ingest(variants(1))  # the reader starts on a populated store
        stop = tmp_path / "stop"
        reader = _python(READER, db_url, str(stop))
        try:
            deadline = time.monotonic() + 120
            while not (tmp_path / "ready").exists():  # the reader is reading before the writes start
                assert reader.poll() is None and time.monotonic() < deadline, reader.stderr.read()
                time.sleep(0.05)
            # One transaction per article: as many commits as possible while the reader reads.
            stored = [store.add(a) for a in variants(40, start=1)]
        finally:
            stop.touch()
            out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        assert int(out) > 1
        assert stored == [True] * 120
        assert len(store.articles(limit=1000)) == 123


def test_two_writer_processes_share_entities_and_skip_each_others_articles(db_url):
    with Store.open(db_url):
        pass  # create the schema first, so the writers race on data, not on migration
    # Overlapping ranges: copies 20-39 are written by both processes.
    a = _python(WRITER, db_url, "40", "0")
    b = _python(WRITER, db_url, "40", "20")
    results = []
    for p in (a, b):
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(tuple(int(x) for x in out.split()))
    assert sum(r[0] for r in results) == 180  # 60 copies x 3 articles, each stored once
    assert sum(r[1] for r in results) == 60  # the 20 shared copies x 3 articles, skipped by one side
    assert all(r[2] == 0 for r in results)
    with Store.open(db_url) as store:
        names = [(e["name"], e["articles"]) for e in store.entities(top=100)]
        assert names[:3] == [("Barack Obama", 120), ("Angela Merkel", 60), ("Smith", 60)]
        assert len(names) == 8


def test_a_killed_ingest_loses_nothing_committed_and_the_next_run_continues(db_url):
    with Store.open(db_url) as store:
        writer = _python(WRITER, db_url, "150", "0")
        try:
            deadline = time.monotonic() + 120
            while len(store.articles(limit=30)) < 30:
                assert writer.poll() is None, writer.stderr.read()
                assert time.monotonic() < deadline
                time.sleep(0.05)
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.communicate()
        stored = store.articles(limit=10_000)
        assert 30 <= len(stored) < 450  # killed midway
        # Every stored article is whole: each transaction held an article and all its rows.
        for row in stored:
            assert len(store.quotes(article_id=row["id"])) == row["n_quotes"]
        summary = store.ingest(variants(150))
        assert (summary.skipped, summary.ingested) == (len(stored), 450 - len(stored))
        assert len(store.articles(limit=10_000)) == 450
