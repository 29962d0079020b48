"""Executors: one machine's cores (run_local) and a Dask cluster's workers (run_dask).

Both run the same per-batch function, `analyze_batch`, over the same readers, so a
distributed run's records equal a local run's. docs/scale.md explains the choices.
"""

from newsgraph.run.cluster import ClusterError, RunSummary, run_dask, run_shards
from newsgraph.run.local import LocalPool, RunError, default_workers, run_local
from newsgraph.run.parts import PartsError, iter_parts, write_part
from newsgraph.run.task import Shard, ShardError, analyze_batch, plan_shards, run_shard, sort_key

__all__ = [
    "ClusterError", "LocalPool", "PartsError", "RunError", "RunSummary", "Shard", "ShardError",
    "analyze_batch", "default_workers", "iter_parts", "plan_shards", "run_dask", "run_local",
    "run_shard", "run_shards", "sort_key", "write_part",
]
