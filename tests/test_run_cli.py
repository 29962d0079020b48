"""`newsgraph ingest --workers N` and `newsgraph load`: real stores, real worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.article import Article
from newsgraph.cli import main
from newsgraph.readers import read_inputs
from newsgraph.run import run_local, write_part
from newsgraph.run.task import plan_shards, run_shard
from newsgraph.settings import Settings
from newsgraph.store import Store

pytestmark = pytest.mark.model

TEXTS = [
    "The mayor of Springfield, John Smith, said on Monday that the bridge would reopen.",
    "Police in Lyon arrested 12 people after a protest on Saturday, officials said.",
    "Maria Lopez, the health minister, said 40 people were taken to hospital after the fire.",
    "Heavy rain flooded 200 homes in the town of Leeds, the council said on Tuesday.",
    '"The talks were useful," said Ahmed Khan, a spokesman for the ministry, on Wednesday.',
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for i, text in enumerate(TEXTS):
        (root / f"{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    return root


def _stored(url: str, ids: list[str]) -> list[Article | None]:
    with Store.open(url) as store:
        return [store.get_article(i) for i in ids]


def _reference(corpus: Path) -> list[Article]:
    return list(run_local(read_inputs([str(corpus)]), workers=1, settings=Settings.from_env()))


def test_ingest_with_two_workers_stores_what_one_process_would(corpus: Path, tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 'two.db'}"
    # --batch-size 2: five articles make three batches, so the pool really starts.
    assert main(["ingest", str(corpus), "--workers", "2", "--batch-size", "2", "--db", url]) == 0
    assert capsys.readouterr().err.startswith("ingested 5, skipped 0 (already stored), failed 0 in ")
    reference = _reference(corpus)
    assert _stored(url, [a.id for a in reference]) == reference

    # The rerun parses nothing: the workers skip what the store holds.
    assert main(["ingest", str(corpus), "--workers", "2", "--batch-size", "2", "--db", url]) == 0
    assert capsys.readouterr().err.startswith("ingested 0, skipped 5 (already stored), failed 0 in ")


def test_load_writes_parts_into_the_store(corpus: Path, tmp_path: Path, db_url: str, capsys):
    settings = Settings.from_env()
    for shard in plan_shards([str(corpus)], files_per_shard=2):
        write_part(tmp_path / "parts", shard, run_shard(shard, settings))
    assert main(["load", str(tmp_path / "parts"), "--db", db_url]) == 0
    assert capsys.readouterr().err.startswith("loaded 5, skipped 0 (already stored), failed 0 in ")
    reference = _reference(corpus)
    assert _stored(db_url, [a.id for a in reference]) == reference
    assert main(["load", str(tmp_path / "parts"), "--db", db_url]) == 0
    assert capsys.readouterr().err.startswith("loaded 0, skipped 5 (already stored), failed 0 in ")


def test_bad_scale_options_are_one_line(corpus: Path, tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["ingest", str(corpus), "--parts", str(tmp_path / "p"), "--db", url]) == 2
    assert capsys.readouterr().err == "newsgraph: --parts needs --dask ADDRESS: parts are what cluster workers write\n"
    assert main(["ingest", str(corpus), "--workers", "0", "--db", url]) == 2
    assert capsys.readouterr().err == "newsgraph: workers must be at least 1, not 0\n"
    assert main(["load", str(tmp_path), "--db", url]) == 2
    assert capsys.readouterr().err == (
        f"newsgraph: cannot load {str(tmp_path)!r}: no part-*.parquet files in it; "
        "valid: the PARTS_DIR an ingest --dask run wrote\n"
    )


def test_a_killed_ingest_loses_nothing_and_the_rerun_finishes_it(tmp_path: Path):
    import os
    import signal
    import subprocess
    import sys
    import time

    root = tmp_path / "many"
    root.mkdir()
    n = 24
    for i in range(n):
        (root / f"{i:02d}.txt").write_text(f"{TEXTS[i % len(TEXTS)]} It was report number {i}.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(root), "--workers", "2", "--batch-size", "2", "--db", url]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if (tmp_path / "killed.db").exists():
            with Store.open(url) as store:
                stored = len(store.articles(limit=n))
            if stored >= 1:
                break
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)  # the main process and its workers, at once
    proc.wait()
    assert 1 <= stored
    with Store.open(url) as store:
        before = len(store.articles(limit=n))

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0
    assert rerun.stderr.startswith(f"ingested {n - before}, skipped {before} (already stored), failed 0 in ")
    reference = list(run_local(read_inputs([str(root)]), workers=1, settings=Settings.from_env()))
    assert _stored(url, [a.id for a in reference]) == reference
