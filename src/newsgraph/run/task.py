"""The one unit of work every executor runs, and how inputs are cut into shards.

`analyze_batch(items, settings)` turns a list of RawArticle/ErrorRecord into records.
The local pool sends it batches read by the main process; a Dask worker calls it from
`run_shard` on the batches of the files in its shard. Parallelism never leaks into it.

A shard is a list of input files (directories are expanded here, in the order
read_inputs would read them). Files are the unit because a worker must read its
inputs by itself from a shared path, and a WARC or JSONL archive can only be
streamed from its start: split very large archives into several files to spread one
over more workers. (Locally, one big archive still uses every core: the main
process streams it and hands batches of its articles to the pool.)
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from newsgraph.analyze import analyze_many
from newsgraph.article import Article, ErrorRecord, Source
from newsgraph.readers import RawArticle, read_inputs, walk_files
from newsgraph.settings import Settings

Record = Article | ErrorRecord

__all__ = ["Shard", "ShardError", "Skipped", "analyze_batch", "batched", "plan_shards", "run_shard", "sort_key"]

# A shard closes at this many files or bytes, whichever comes first; a bigger file is a shard alone.
FILES_PER_SHARD = 200
BYTES_PER_SHARD = 64_000_000


class ShardError(ValueError):
    """Inputs that cannot be cut into shards (standard input cannot be read by a remote worker)."""


@dataclass(frozen=True)
class Shard:
    """Files analysed together and written as one part. `base` resolves relative paths on a worker."""

    index: int
    paths: tuple[str, ...]
    base: str = ""

    @property
    def name(self) -> str:
        """Stable across reruns over the same inputs: a finished part is recognised by its name."""
        digest = hashlib.sha1("\n".join(self.paths).encode("utf-8")).hexdigest()[:10]
        return f"part-{self.index:05d}-{digest}"


@dataclass
class Skipped:
    """An input whose article the store already holds: counted by the writer, never parsed."""

    source: Source
    id: str


def analyze_batch(
    items: list[RawArticle | ErrorRecord], settings: Settings, *, skip_stored: str | None = None
) -> list[Record | Skipped]:
    """Records for a batch, in order. The model is loaded once per process (load_pipeline caches it).

    `skip_stored` (a store URL): articles that store already holds come back as Skipped,
    decided after cleaning (the cleaned body's hash is the id) and before parsing, the
    expensive part. The check runs here, in the worker, so the single writer only writes.

    analyze_many already turns an extractor failure into an ErrorRecord for that article;
    should the parser itself fail on the batch, each article is retried alone so that
    only the article that breaks it fails.
    """
    if skip_stored is None:
        return _analyze(items, settings)
    staged = _unstored(items, skip_stored)
    results = iter(_analyze([s for s in staged if not isinstance(s, Skipped)], settings))
    return [s if isinstance(s, Skipped) else next(results) for s in staged]


def _unstored(items: list[RawArticle | ErrorRecord], url: str) -> list:
    """The batch with stored articles as Skipped and the rest cleaned once (Prepared)."""
    from newsgraph.analyze import unless_stored

    has = _store(url).has
    out: list = []
    for item in items:
        kept, stored = unless_stored(item, has)
        out.append(kept if kept is not None else Skipped(item.source, stored))
    return out


_STORES: dict[str, object] = {}


def _store(url: str):
    """One read handle per process and store, opened on first use."""
    if url not in _STORES:
        from newsgraph.store import Store

        _STORES[url] = Store.open(url)
    return _STORES[url]


def _analyze(items: list[RawArticle | ErrorRecord], settings: Settings) -> list[Record]:
    from newsgraph.nlp import load_pipeline

    nlp = load_pipeline(settings.model)
    # memory_zone: the strings a batch adds to the vocabulary are freed after it, so a
    # worker that analyses millions of pages does not grow (records hold plain copies).
    try:
        with nlp.memory_zone():
            return list(analyze_many(items, settings=settings, nlp=nlp))
    except Exception:
        pass  # retried one by one below: only the article that breaks the parser fails
    out: list[Record] = []
    for item in items:
        try:
            with nlp.memory_zone():
                out += analyze_many([item], settings=settings, nlp=nlp)
        except Exception as e:
            source = item.source
            name = source.path or source.url or "<input>"
            out.append(ErrorRecord(source, f"cannot analyse {name!r}: {type(e).__name__}: {e}", code="E305"))
    return out


def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def plan_shards(
    paths: Iterable[str],
    *,
    files_per_shard: int = FILES_PER_SHARD,
    bytes_per_shard: int = BYTES_PER_SHARD,
) -> list[Shard]:
    """Input paths (files, directories) -> shards of files, in read_inputs order."""
    if files_per_shard < 1:
        raise ShardError(f"files per shard must be at least 1, not {files_per_shard}")
    base = os.getcwd()
    shards: list[Shard] = []
    current: list[str] = []
    size = 0
    for path in _expand(paths):
        n = _size(path)
        if current and (len(current) >= files_per_shard or size + n > bytes_per_shard):
            shards.append(Shard(len(shards), tuple(current), base))
            current, size = [], 0
        current.append(path)
        size += n
    if current:
        shards.append(Shard(len(shards), tuple(current), base))
    return shards


def run_shard(shard: Shard, settings: Settings) -> Iterator[Record]:
    """Every record of a shard's files, read and analysed in this process."""
    local = {p: _resolve(p, shard.base) for p in shard.paths}
    inputs = read_inputs(list(local.values()), settings=settings)
    renames = {v: k for k, v in local.items() if k != v}
    for batch in batched(inputs, settings.batch_size):
        for record in analyze_batch(batch, settings):
            if renames:
                _rename(record, renames)
            yield record


def sort_key(record: Record) -> tuple[str, str, str]:
    """A total order over records, to compare runs whose shards finished in any order."""
    kind = "article" if isinstance(record, Article) else "error"
    return (record.source.path or "", kind, record.to_json())


def _expand(paths: Iterable[str]) -> Iterator[str]:
    """The files read_inputs would read, in its order (sorted walk, dot-files skipped).

    A missing path or an unreadable directory stays in the list: the worker that
    reads it reports it as an ErrorRecord, exactly as a local run does.
    """
    for p in paths:
        if p == "-":
            raise ShardError(
                "cannot shard standard input ('-'): remote workers read their inputs from files; "
                "valid: files or directories on a path every worker can read"
            )
        root = Path(p)
        if not root.is_dir():
            yield p
            continue
        for f in walk_files(root):  # the readers' own listing, so shards hold what they would read
            yield str(f.filename) if isinstance(f, OSError) else str(f)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _resolve(path: str, base: str) -> str:
    """A relative path as the planning process meant it, wherever this worker's cwd is."""
    if not base or os.path.isabs(path) or os.path.realpath(os.getcwd()) == os.path.realpath(base):
        return path
    return os.path.join(base, path)


def _rename(record: Record, renames: dict[str, str]) -> None:
    """Records name inputs as the user gave them, not as this worker had to open them."""
    src: Source = record.source
    for local, given in renames.items():
        if src.path and (src.path == local or src.path.startswith(local + os.sep) or src.path.startswith(local + "#")):
            src.path = given + src.path[len(local):]
            if isinstance(record, ErrorRecord):
                record.error = record.error.replace(repr(local), repr(given))
            return


def store_shard(shard: Shard, settings: Settings, *, store_url: str, force: bool) -> dict[str, int]:
    """Runs on a worker: one shard read, analysed and written into the store by this worker."""
    from newsgraph.store.summary import IngestSummary

    store = _store(store_url)
    local = {p: _resolve(p, shard.base) for p in shard.paths}
    renames = {v: k for k, v in local.items() if k != v}
    summary = IngestSummary()

    def records() -> Iterator[Record]:
        for batch in batched(read_inputs(list(local.values()), settings=settings), settings.batch_size):
            for r in analyze_batch(batch, settings, skip_stored=None if force else store_url):
                if renames:
                    _rename(r, renames)
                yield r

    store.ingest(count_skipped(records(), summary, None), force=force, summary=summary)
    return {"articles": summary.ingested, "skipped": summary.skipped, "errors": summary.failed,
            "stats": dict(summary.stats)}


def count_skipped(records: Iterable[Record | Skipped], summary, progress=None) -> Iterator[Record]:
    for r in records:
        if isinstance(r, Skipped):
            summary.skipped += 1
            if progress:
                progress(summary)
            continue
        yield r
