"""Distributed runs on a real Dask LocalCluster of two worker processes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from newsgraph.readers import read_inputs
from newsgraph.run import ClusterError, iter_parts, run_dask, run_local, run_shard, sort_key
from newsgraph.settings import Settings

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.model

TEXTS = [
    'The mayor of Springfield, John Smith, said on Monday that the bridge would reopen. '
    '"We will rebuild it," Smith told reporters.',
    "Police in Lyon arrested 12 people after a protest on Saturday, officials said.",
    "Maria Lopez, the health minister, said 40 people were taken to hospital after the fire.",
    "Heavy rain flooded 200 homes in the town of Leeds, the council said on Tuesday.",
    '"The talks were useful," said Ahmed Khan, a spokesman for the ministry, on Wednesday.',
    "Firefighters rescued three children from a burning house in Dublin, the fire service said.",
    "The company said it would cut 1,500 jobs, according to a statement released on Thursday.",
]


@pytest.fixture(scope="module")
def client():
    import cloudpickle

    # The failing shard function below lives in this test module, which the worker
    # processes cannot import: ship it by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for i, text in enumerate(TEXTS):
        sub = root / ("x" if i % 2 else "y")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    (root / "bad.pdf").write_bytes(b"%PDF-1.7 binary")
    return root


def _local(paths: list[str]) -> list:
    return sorted(run_local(read_inputs(paths), workers=1, settings=Settings.from_env()), key=sort_key)


def test_cluster_run_equals_a_local_run_and_reruns_skip_finished_shards(client, corpus: Path, tmp_path: Path):
    paths = [str(corpus)]
    parts = tmp_path / "parts"
    first = run_dask(paths, scheduler=client, parts_dir=parts, files_per_shard=3)
    assert (first.shards, first.skipped, first.done, first.articles, first.errors, first.failed) == (3, 0, 3, 7, 1, [])
    written = sorted(parts.glob("part-*.parquet"))
    assert [p.name[:10] for p in written] == ["part-00000", "part-00001", "part-00002"]
    assert sorted(iter_parts(parts), key=sort_key) == _local(paths)

    mtimes = [p.stat().st_mtime_ns for p in written]
    again = run_dask(paths, scheduler=client, parts_dir=parts, files_per_shard=3)
    assert (again.shards, again.skipped, again.done, again.articles) == (3, 3, 0, 0)
    assert [p.stat().st_mtime_ns for p in written] == mtimes


def fail_on_04(shard, settings):
    """A shard function that breaks on one file, as a crashing reader or worker would."""
    for record in run_shard(shard, settings):
        if record.source.path.endswith("04.txt"):
            raise RuntimeError("worker died on 04.txt")
        yield record


def test_a_failed_shard_loses_nothing_and_the_rerun_does_only_it(client, corpus: Path, tmp_path: Path):
    paths = [str(corpus)]
    parts = tmp_path / "parts"
    broken = run_dask(paths, scheduler=client, parts_dir=parts, files_per_shard=2, shard_fn=fail_on_04)
    assert broken.done == 3 and broken.shards == 4
    assert [(name[:10], why) for name, why in broken.failed] == [("part-00003", "RuntimeError: worker died on 04.txt")]
    # The failed shard left neither a part nor a temporary file behind.
    assert sorted(p.name[:10] for p in parts.iterdir()) == ["part-00000", "part-00001", "part-00002"]

    rerun = run_dask(paths, scheduler=client, parts_dir=parts, files_per_shard=2)
    assert (rerun.skipped, rerun.done, rerun.failed) == (3, 1, [])
    assert sorted(iter_parts(parts), key=sort_key) == _local(paths)


def test_relative_paths_keep_their_names_on_the_workers(client, corpus: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(corpus)
    run_dask(["x", "y/00.txt"], scheduler=client, parts_dir=tmp_path / "parts")
    records = sorted(iter_parts(tmp_path / "parts"), key=sort_key)
    assert [r.source.path for r in records] == [os.path.join("x", n) for n in ("01.txt", "03.txt", "05.txt")] + ["y/00.txt"]
    assert records == _local(["x", "y/00.txt"])


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path):
    with pytest.raises(ClusterError, match=r"cannot connect to Dask scheduler 'tcp://127\.0\.0\.1:9'.*valid: the address"):
        run_dask([str(tmp_path)], scheduler="tcp://127.0.0.1:9", parts_dir=tmp_path / "parts")


def test_cli_ingest_on_the_cluster_via_parts_then_rerun(client, corpus: Path, tmp_path: Path, capsys):
    from newsgraph.cli import main
    from newsgraph.store import Store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    args = ["ingest", str(corpus), "--dask", client.scheduler.address, "--parts", str(tmp_path / "parts"),
            "--files-per-shard", "4", "--db", url]
    assert main(args) == 1  # bad.pdf is an input that fails alone
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"shards: 2 analysed, 0 already finished, 0 failed of 2 (parts in {str(tmp_path / 'parts')!r})"
    assert err[1].startswith("ingested 7, skipped 0 (already stored), failed 1 in ")
    local = [r for r in _local([str(corpus)]) if not hasattr(r, "error")]
    with Store.open(url) as store:
        assert [store.get_article(a.id) for a in local] == local

    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"shards: 0 analysed, 2 already finished, 0 failed of 2 (parts in {str(tmp_path / 'parts')!r})"
    assert err[1].startswith("ingested 0, skipped 7 (already stored), failed 1 in ")


@pytest.mark.postgres
def test_cluster_workers_write_straight_to_postgresql(client, corpus: Path, pg_server, capsys):
    from newsgraph.cli import main
    from newsgraph.store import Store

    url = pg_server.create_database()
    args = ["ingest", str(corpus), "--dask", client.scheduler.address, "--files-per-shard", "3", "--db", url]
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "shards: 3 analysed, 0 already finished, 0 failed of 3 (written by the workers)"
    assert err[1].startswith("ingested 7, skipped 0 (already stored), failed 1 in ")
    local = [r for r in _local([str(corpus)]) if not hasattr(r, "error")]
    with Store.open(url) as store:
        assert [store.get_article(a.id) for a in local] == local
    # Resumable through the store: a rerun parses nothing it holds.
    assert main(args) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1].startswith("ingested 0, skipped 7 (already stored), failed 1 in ")
