"""Local executor, shard planning and Parquet parts (the real model, real files, real Parquet)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.article import Article, ErrorRecord
from newsgraph.readers import read_inputs
from newsgraph.run import (
    PartsError, Shard, ShardError, iter_parts, plan_shards, run_local, run_shard, sort_key, write_part,
)
from newsgraph.run.local import IN_FLIGHT_PER_WORKER
from newsgraph.settings import Settings

TEXTS = {
    "a/01.txt": 'The mayor of Springfield, John Smith, said on Monday that the bridge would reopen.\n\n'
                '"We will rebuild it," Smith told reporters.\n',
    "a/02.txt": "Police in Lyon arrested 12 people after a protest on Saturday, officials said.\n",
    "a/b/03.txt": "Maria Lopez, the health minister, said 40 people were taken to hospital.\n",
    "04.html": "<html><head><title>Storm</title></head><body><article><p>A storm hit the coast of "
               "Norway on Friday. Three people were killed, the police said.</p></article></body></html>",
    "05.txt": "Heavy rain flooded 200 homes in the town of Leeds, the council said on Tuesday.\n",
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for name, text in TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "06.pdf").write_bytes(b"%PDF-1.4 not an article")
    (root / ".hidden.txt").write_text("skipped, as read_inputs skips it", encoding="utf-8")
    return root


def test_shards_follow_read_inputs_order_and_group_files(corpus: Path):
    shards = plan_shards([str(corpus), str(corpus / "missing.txt")], files_per_shard=2)
    names = [[os.path.relpath(p, corpus) for p in s.paths] for s in shards]
    assert names == [["04.html", "05.txt"], ["06.pdf", "a/01.txt"], ["a/02.txt", "a/b/03.txt"], ["missing.txt"]]
    assert [s.index for s in shards] == [0, 1, 2, 3]
    # The same inputs plan the same part names: that is how a rerun finds finished shards.
    again = plan_shards([str(corpus), str(corpus / "missing.txt")], files_per_shard=2)
    assert [s.name for s in again] == [s.name for s in shards]
    assert shards[0].name.startswith("part-00000-")


def test_a_file_over_the_byte_limit_is_a_shard_alone(corpus: Path):
    shards = plan_shards([str(corpus)], files_per_shard=10, bytes_per_shard=150)
    sizes = [[os.path.relpath(p, corpus) for p in s.paths] for s in shards]
    assert sizes == [["04.html"], ["05.txt", "06.pdf"], ["a/01.txt"], ["a/02.txt"], ["a/b/03.txt"]]


def test_stdin_cannot_be_sharded():
    with pytest.raises(ShardError, match=r"cannot shard standard input \('-'\)"):
        plan_shards(["-"])


@pytest.mark.model
def test_two_workers_equal_one_worker_in_input_order(corpus: Path):
    paths = [str(corpus), str(corpus / "missing.txt")]
    settings = Settings.from_env(batch_size=2)
    one = list(run_local(read_inputs(paths), workers=1, settings=settings))
    two = list(run_local(read_inputs(paths), workers=2, settings=settings))
    assert two == one  # same records, same order: the main process writes in input order
    kinds = [(os.path.relpath(r.source.path, corpus), type(r).__name__) for r in one]
    assert kinds == [
        ("04.html", "Article"), ("05.txt", "Article"), ("06.pdf", "ErrorRecord"), ("a/01.txt", "Article"),
        ("a/02.txt", "Article"), ("a/b/03.txt", "Article"), ("missing.txt", "ErrorRecord"),
    ]
    assert one[2].error == f"cannot read {str(corpus / '06.pdf')!r}: a PDF document, not text, HTML, WARC or JSONL"
    assert one[1].text == TEXTS["05.txt"].strip()


@pytest.mark.model
def test_local_pool_streams_its_input(corpus: Path):
    """The pool pulls a bounded number of inputs ahead of what it has returned (memory stays flat)."""
    files = sorted(p for p in corpus.rglob("*.txt") if not p.name.startswith("."))
    pulled = 0

    def inputs():
        nonlocal pulled
        for i in range(40):
            for rec in read_inputs([str(files[i % len(files)])]):
                pulled += 1
                yield rec

    settings = Settings.from_env(batch_size=2)
    seen_at_first = None
    n = 0
    for _ in run_local(inputs(), workers=2, settings=settings):
        if seen_at_first is None:
            seen_at_first = pulled
        n += 1
    assert n == 40
    # In flight: at most IN_FLIGHT_PER_WORKER x workers batches, plus the batch being assembled.
    assert seen_at_first <= (IN_FLIGHT_PER_WORKER * 2 + 1) * 2 < 40


@pytest.mark.model
def test_part_round_trip_and_run_shard_equal_a_local_run(corpus: Path, tmp_path: Path):
    settings = Settings.from_env()
    (shard,) = plan_shards([str(corpus)])
    counts = write_part(tmp_path / "parts", shard, run_shard(shard, settings))
    stats = counts.pop("stats")
    assert counts == {"articles": 5, "errors": 1}
    part = tmp_path / "parts" / f"{shard.name}.parquet"
    # Per-step statistics travel in the part's footer, for the loader to merge.
    from newsgraph.run.parts import part_stats

    assert part_stats(part) == stats and stats["errors.E102"] == 1 and stats["entities.facts"] >= 5
    table = pq.read_table(part)
    assert table.column_names == ["seq", "kind", "id", "path", "record"]
    assert table.column("kind").to_pylist() == ["article", "article", "error", "article", "article", "article"]
    loaded = list(iter_parts(tmp_path / "parts"))
    local = list(run_local(read_inputs([str(corpus)]), workers=1, settings=settings))
    assert loaded == local
    assert [r.id for r in loaded if isinstance(r, Article)] == table.column("id").drop_null().to_pylist()


def test_a_part_killed_while_writing_leaves_nothing(tmp_path: Path):
    shard = Shard(0, ("x.txt",))

    def dying():
        from newsgraph.article import Source

        yield ErrorRecord(Source(path="x.txt"), "cannot read 'x.txt': test")
        raise KeyboardInterrupt  # the worker is stopped mid-shard

    with pytest.raises(KeyboardInterrupt):
        write_part(tmp_path, shard, dying())
    assert sorted(os.listdir(tmp_path)) == []
    # A worker killed outright (no cleanup) leaves its temporary file: the next write removes it.
    (tmp_path / f".{shard.name}.0badc0de.tmp").write_bytes(b"half a part")
    assert write_part(tmp_path, shard, iter([])) == {"articles": 0, "errors": 0, "stats": {}}
    assert sorted(os.listdir(tmp_path)) == [f"{shard.name}.parquet"]


def test_load_refuses_a_directory_without_parts(tmp_path: Path):
    with pytest.raises(PartsError, match=r"no part-\*\.parquet files in it"):
        list(iter_parts(tmp_path))
    with pytest.raises(PartsError, match="not a directory"):
        list(iter_parts(tmp_path / "nope"))


def test_records_sort_the_same_whatever_order_they_came_in(corpus: Path):
    records = list(read_inputs([str(corpus / "06.pdf"), str(corpus / "nope")]))
    assert sorted(records, key=sort_key) == sorted(reversed(records), key=sort_key)


@pytest.mark.model
def test_an_archive_is_spread_over_the_pool(tmp_path: Path):
    """One JSONL file still uses every worker: the main process streams it, batches go to the pool."""
    import json

    archive = tmp_path / "news.jsonl"
    with open(archive, "w", encoding="utf-8") as fh:
        for i, text in enumerate(TEXTS.values()):
            if not text.startswith("<"):
                fh.write(json.dumps({"text": text, "url": f"https://example.org/{i}"}) + "\n")
        fh.write("not json\n")
    settings = Settings.from_env(batch_size=1)
    one = list(run_local(read_inputs([str(archive)]), workers=1, settings=settings))
    two = list(run_local(read_inputs([str(archive)]), workers=2, settings=settings))
    assert two == one
    assert [type(r).__name__ for r in one] == ["Article"] * 4 + ["ErrorRecord"]
    assert [r.source.url for r in one[:4]] == [f"https://example.org/{i}" for i in (0, 1, 2, 4)]
