"""A cluster's machines: shards analysed on Dask workers, each written as a Parquet part.

    summary = run_dask(["crawl/"], scheduler="tcp://scheduler:8786", parts_dir="/shared/parts")
    store.ingest(iter_parts("/shared/parts"))      # `newsgraph load PARTS_DIR`

Every worker runs the same `run_shard` as a local run (read its files, analyse them in
batches with `analyze_batch`) and streams the records into its part. A rerun plans the
same shards, skips those whose part exists, and runs only the rest; a shard that fails
(its worker died, a file broke the reader) is reported and leaves no part, so the next
run does it again. The workers need newsgraph and the spaCy model installed, and
PARTS_DIR and the inputs on a path they all can read and write.
"""

from __future__ import annotations

from collections import Counter

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from newsgraph.run.parts import finished, write_part
from newsgraph.run.task import FILES_PER_SHARD, Record, Shard, plan_shards, run_shard
from newsgraph.settings import Settings

__all__ = ["ClusterError", "RunSummary", "run_dask", "run_dask_to_store", "run_shards"]

VALID_SCHEDULER = "the address of a running Dask scheduler, e.g. tcp://scheduler:8786"


class ClusterError(ValueError):
    """A scheduler that cannot be reached or a parts directory that cannot be written: one line."""


@dataclass
class RunSummary:
    shards: int = 0
    skipped: int = 0  # already finished by an earlier run
    done: int = 0
    articles: int = 0
    errors: int = 0  # inputs that could not be analysed (ErrorRecords in the parts)
    skipped_articles: int = 0  # straight-to-store runs: articles the store already held
    failed: list[tuple[str, str]] = field(default_factory=list)  # (part name, why): rerun to retry
    stats: Counter = field(default_factory=Counter)  # per-step statistics, merged over the shards

    @property
    def complete(self) -> bool:
        return not self.failed


def run_dask(
    paths: Iterable[str],
    *,
    scheduler: Any,
    parts_dir: str | Path,
    settings: Settings | None = None,
    files_per_shard: int = FILES_PER_SHARD,
    shard_fn: Callable[[Shard, Settings], Iterator[Record]] = run_shard,
    on_shard: Callable[[str, dict[str, int] | None, str | None], None] | None = None,
) -> RunSummary:
    """Plan shards of `paths`, run the unfinished ones on the cluster, write their parts.

    `scheduler` is an address (tcp://host:8786) or a distributed.Client. `on_shard(name,
    counts, error)` is called as each shard ends. `shard_fn` is the per-shard function
    (records of one shard); it must be importable on the workers.
    """
    settings = settings or Settings.from_env()
    shards = plan_shards(paths, files_per_shard=files_per_shard)
    parts = Path(parts_dir)
    try:
        parts.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ClusterError(f"cannot write parts to {str(parts_dir)!r}: {(e.strerror or str(e)).lower()}") from None
    with _client(scheduler) as client:
        return run_shards(client, shards, parts_dir=str(parts.resolve()), settings=settings,
                          shard_fn=shard_fn, on_shard=on_shard)


def run_shards(client, shards: list[Shard], *, parts_dir: str, settings: Settings,
               shard_fn=run_shard, on_shard=None) -> RunSummary:
    """Run the shards whose part is missing; the others count as skipped."""
    todo = [s for s in shards if not finished(parts_dir, s)]
    summary = _run_tasks(client, todo, _shard_task, (parts_dir, settings, shard_fn), on_shard)
    summary.shards = len(shards)
    summary.skipped += len(shards) - len(todo)
    return summary


def run_dask_to_store(paths: Iterable[str], *, scheduler: Any, store_url: str, settings: Settings | None = None,
                      files_per_shard: int = FILES_PER_SHARD, force: bool = False, on_shard=None) -> RunSummary:
    """Workers write straight to a PostgreSQL store. No parts, no markers: a rerun is resumable
    because each worker skips, before parsing, the articles the store already holds."""
    from newsgraph.run.task import store_shard

    settings = settings or Settings.from_env()
    shards = plan_shards(paths, files_per_shard=files_per_shard)
    with _client(scheduler) as client:
        summary = _run_tasks(client, shards, _store_task, (settings, store_url, force, store_shard), on_shard)
    summary.shards = len(shards)
    return summary


def _run_tasks(client, shards: list[Shard], task, args: tuple, on_shard) -> RunSummary:
    from distributed import as_completed

    summary = RunSummary(shards=len(shards))
    if not shards:
        return summary
    run_id = uuid.uuid4().hex[:8]  # fresh keys: a failed task from an earlier run is not reused
    futures = {client.submit(task, s, *args, key=f"newsgraph-{s.name}-{run_id}", pure=False): s for s in shards}
    for fut in as_completed(futures):
        shard = futures[fut]
        if fut.status == "error":
            exc = fut.exception()
            why = f"{type(exc).__name__}: {exc}"
            summary.failed.append((shard.name, why))
            if on_shard:
                on_shard(shard.name, None, why)
            continue
        counts = fut.result()
        if counts is None:  # another run finished it meanwhile
            summary.skipped += 1
        else:
            summary.done += 1
            summary.articles += counts["articles"]
            summary.errors += counts["errors"]
            summary.skipped_articles += counts.get("skipped", 0)
            summary.stats.update(counts.get("stats") or {})
        if on_shard:
            on_shard(shard.name, counts, None)
        fut.release()
    summary.failed.sort()
    return summary


def _store_task(shard: Shard, settings: Settings, store_url: str, force: bool, fn) -> dict[str, int]:
    return fn(shard, settings, store_url=store_url, force=force)


def _shard_task(shard: Shard, parts_dir: str, settings: Settings, shard_fn) -> dict[str, int] | None:
    """Runs on a worker: one shard -> one part (or nothing, when its part already exists)."""
    if finished(parts_dir, shard):
        return None
    return write_part(parts_dir, shard, shard_fn(shard, settings))


class _client:
    """A Client for an address (closed afterwards), or the caller's own Client as is."""

    def __init__(self, scheduler: Any) -> None:
        self.scheduler = scheduler
        self.own = isinstance(scheduler, str)
        self.client = None

    def __enter__(self):
        if not self.own:
            return self.scheduler
        from distributed import Client

        try:
            self.client = Client(self.scheduler, timeout="15s")
        except (OSError, TimeoutError, ValueError) as e:
            raise ClusterError(f"cannot connect to Dask scheduler {self.scheduler!r}: {e}; valid: {VALID_SCHEDULER}") from None
        return self.client

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
