"""`newsgraph load PARTS_DIR`, and the --workers/--dask options of `newsgraph ingest`.

`ingest` itself lives in cli/store.py; it adds these options with add_scale_options
and hands its store to ingest_with_options.
"""

from __future__ import annotations

import argparse
import sys
import time

from newsgraph.run.task import FILES_PER_SHARD
from newsgraph.settings import Settings

_DB_HELP = "store URL: sqlite:///PATH or postgresql://USER@HOST/DB (default: NEWSGRAPH_DB or sqlite:///newsgraph.db)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load", help="store the Parquet parts written by ingest --dask",
        description="Write the records of every finished part in PARTS_DIR (written by `ingest --dask "
                    "--parts PARTS_DIR`) into the store; articles already stored are skipped.")
    p.add_argument("parts_dir", metavar="PARTS_DIR")
    p.add_argument("--force", action="store_true", help="replace articles already stored")
    p.add_argument("--db", metavar="URL", default=None, help=_DB_HELP)
    p.set_defaults(handler=run_load)


def add_scale_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="analysis processes on this machine (default: every core); the main process is the one writer")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="analyse on a Dask cluster instead, e.g. tcp://scheduler:8786 (docs/scale.md)")
    p.add_argument("--parts", metavar="DIR", default=None,
                   help="with --dask: a directory every worker can write; each shard becomes a Parquet part there, "
                        "then loaded into the store (a rerun skips finished parts). Without it the workers write "
                        "straight to a PostgreSQL store")
    p.add_argument("--files-per-shard", type=int, default=FILES_PER_SHARD, metavar="N",
                   help=f"with --dask: input files per shard (default {FILES_PER_SHARD})")


def ingest_with_options(store, args: argparse.Namespace, settings: Settings, progress):
    """What `ingest` runs: the local pool, or a Dask cluster when --dask is given."""
    from newsgraph.run.ingest import ingest_dask, ingest_local
    from newsgraph.store import IngestSummary

    if args.dask is None:
        if args.parts is not None:
            raise ValueError("--parts needs --dask ADDRESS: parts are what cluster workers write")
        return ingest_local(store, args.paths, workers=args.workers, force=args.force, settings=settings,
                            progress=progress)
    if args.workers is not None:
        raise ValueError("--workers is for this machine; with --dask the cluster's workers do the work")
    run, summary = ingest_dask(store, args.paths, scheduler=args.dask, parts_dir=args.parts,
                               files_per_shard=args.files_per_shard, force=args.force, settings=settings,
                               progress=progress)
    where = f"parts in {args.parts!r}" if args.parts else "written by the workers"
    print(f"shards: {run.done} analysed, {run.skipped} already finished, {len(run.failed)} failed "
          f"of {run.shards} ({where})", file=sys.stderr)
    if summary is None:  # the workers wrote straight to the store (or no shard finished)
        summary = IngestSummary(ingested=run.articles, skipped=run.skipped_articles, failed=run.errors,
                                stats=run.stats)
    for name, why in run.failed:
        print(f"  shard failed: {name}: {why} (rerun to retry it)", file=sys.stderr)
        summary.failed += 1
        summary.errors.append((name, why))
    return summary


def run_load(args: argparse.Namespace) -> int:
    from newsgraph.run.ingest import load_parts
    from newsgraph.run.parts import PartsError
    from newsgraph.store import Store, StoreError

    start = time.perf_counter()
    try:
        with Store.open(Settings.from_env(db=args.db).db) as store:
            summary = load_parts(store, args.parts_dir, force=args.force)
    except (PartsError, StoreError) as e:
        print(f"newsgraph: {e}", file=sys.stderr)
        return 2
    secs = time.perf_counter() - start
    print(f"loaded {summary.ingested}, skipped {summary.skipped} (already stored), failed {summary.failed} "
          f"in {secs:.1f} s into {store.name}", file=sys.stderr)
    from newsgraph.cli.summary import stats_lines

    for line in stats_lines(summary.stats):
        print(f"  {line}", file=sys.stderr)
    return 1 if summary.failed else 0
