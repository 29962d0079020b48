"""Executors wired to the store: what `newsgraph ingest --workers/--dask` and `newsgraph load` call.

Locally the main process is the store's single writer and the pool only analyses.
On a cluster the workers write Parquet parts that this process then loads (the
single writer again), or, with PostgreSQL and no parts directory, each worker writes
its own records straight to the database, which takes concurrent writers.
"""

from __future__ import annotations

from itertools import chain

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from newsgraph.readers import read_inputs
from newsgraph.run.cluster import ClusterError, RunSummary, run_dask
from newsgraph.run.local import run_local
from newsgraph.run.parts import iter_parts
from newsgraph.run.task import FILES_PER_SHARD, Record, Shard, Skipped, analyze_batch, batched, count_skipped
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.store import Store
    from newsgraph.store.summary import IngestSummary

__all__ = ["ingest_local", "ingest_dask", "load_parts"]

Progress = Callable[["IngestSummary"], None]


def ingest_local(store: Store, paths: Iterable[str], *, workers: int | None = None, force: bool = False,
                 settings: Settings | None = None, progress: Progress | None = None) -> IngestSummary:
    """Read, analyse on `workers` processes (default: every core) and store, skipping stored articles."""
    settings = settings or Settings.from_env()
    if workers == 1:
        return store.ingest_paths(paths, force=force, settings=settings, progress=progress)
    from newsgraph.store.summary import IngestSummary

    summary = IngestSummary()
    records = run_local(read_inputs(paths, settings=settings), workers=workers, settings=settings,
                        skip_stored=None if force else _url(store))
    return store.ingest(count_skipped(records, summary, progress), force=force, progress=progress, summary=summary)


def load_parts(store: Store, parts_dir: str | Path, *, force: bool = False,
               progress: Progress | None = None) -> IngestSummary:
    """Write every finished part into the store; articles it already holds are skipped.
    The per-step statistics come from the parts' footers (the records' JSON has none)."""
    from newsgraph.run.parts import part_stats
    from newsgraph.store.summary import IngestSummary

    summary = IngestSummary()
    records = iter_parts(parts_dir)  # checks the directory before anything is read
    first = next(records, None)
    for part in sorted(Path(parts_dir).glob("part-*.parquet")):
        summary.stats.update(part_stats(part))
    chained = records if first is None else chain([first], records)
    return store.ingest(chained, force=force, progress=progress, summary=summary, count=False)


def ingest_dask(store: Store, paths: Iterable[str], *, scheduler: Any, parts_dir: str | Path | None = None,
                files_per_shard: int = FILES_PER_SHARD, force: bool = False, settings: Settings | None = None,
                progress: Progress | None = None,
                on_shard: Callable[[str, dict[str, int] | None, str | None], None] | None = None,
                ) -> tuple[RunSummary, IngestSummary | None]:
    """Analyse on a Dask cluster. With `parts_dir`: parts written there, then loaded here by this
    process. Without: PostgreSQL only, the workers write straight to the store (no IngestSummary)."""
    settings = settings or Settings.from_env()
    if parts_dir is not None:
        run = run_dask(paths, scheduler=scheduler, parts_dir=parts_dir, settings=settings,
                       files_per_shard=files_per_shard, on_shard=on_shard)
        # Finished parts are stored even when a shard failed: nothing done is lost, and the
        # rerun analyses only the failed shards (the store skips what it already holds).
        return run, load_parts(store, parts_dir, force=force, progress=progress) if run.done or run.skipped else None
    if store.dialect != "postgresql":
        raise ClusterError(
            f"workers cannot write to {store.name} straight: several machines need a PostgreSQL store; "
            "valid: a postgresql:// store, or --parts DIR (then the records are loaded into this store)"
        )
    from newsgraph.run.cluster import run_dask_to_store

    return run_dask_to_store(paths, scheduler=scheduler, store_url=_url(store), settings=settings,
                             files_per_shard=files_per_shard, force=force, on_shard=on_shard), None


def _url(store: Store) -> str:
    """The store's full URL (password included) for worker processes to open their own handle."""
    return store.engine.url.render_as_string(hide_password=False)

