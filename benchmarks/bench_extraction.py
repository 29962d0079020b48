"""Web input throughput on the 181 article-extraction-benchmark pages, one run.

Reference: trafilatura.extract(html) with default settings, the plain extractor.
Measured: extract_html alone (newsgraph's main text + metadata), reading the pages
from a WARC.gz without extraction, and the full pipeline (`analyze` on the WARC.gz:
read, extract, clean, parse, extract facts). Memory: peak Python allocations while
reading a WARC 1x and 10x the size, which should be the same (streamed, never whole).
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, best_of, require_data  # noqa: E402

import trafilatura  # noqa: E402

from newsgraph.analyze import analyze_many  # noqa: E402
from newsgraph.article import Source  # noqa: E402
from newsgraph.nlp import load_pipeline  # noqa: E402
from newsgraph.readers import read_inputs  # noqa: E402
from newsgraph.readers.base import RawArticle, ReadError  # noqa: E402
from newsgraph.readers.html import extract_html  # noqa: E402
from newsgraph.settings import Settings  # noqa: E402

BENCH = DATA / "article-extraction-benchmark"


def pages() -> list[tuple[str, bytes]]:
    return [(p.name.split(".")[0], gzip.decompress(p.read_bytes())) for p in sorted((BENCH / "html").glob("*.html.gz"))]


def warc_gz(items: list[tuple[str, bytes]], copies: int = 1) -> bytes:
    out = []
    for c in range(copies):
        for key, body in items:
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{c:08d}-{key[:24]}>\r\n"
                    f"WARC-Date: 2019-11-20T00:00:00Z\r\nWARC-Target-URI: https://bench.example/{c}/{key}\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
            out.append(gzip.compress(head + http + b"\r\n\r\n", compresslevel=6, mtime=0))
    return b"".join(out)


def main() -> None:
    require_data()
    items = pages()
    htmls = [body.decode("utf-8") for _, body in items]
    n = len(items)
    settings = Settings.from_env()

    def reference():
        for h in htmls:
            trafilatura.extract(h)

    def newsgraph_extract():
        for h in htmls:
            try:
                extract_html(RawArticle(source=Source(format="html"), html=h))
            except ReadError:
                pass

    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "bench.warc.gz"
        archive.write_bytes(warc_gz(items))
        big = Path(tmp) / "bench10.warc.gz"
        big.write_bytes(warc_gz(items, copies=10))

        def read_only(path=archive):
            for _ in read_inputs([str(path)], settings=settings):
                pass

        nlp = load_pipeline(settings.model)
        list(nlp.pipe(["Warm-up sentence for the model."]))

        def full_pipeline():
            for _ in analyze_many(read_inputs([str(archive)], settings=settings), settings=settings, nlp=nlp):
                pass

        t_ref = best_of(reference)
        t_ext = best_of(newsgraph_extract)
        t_read = best_of(read_only)
        t_full = best_of(full_pipeline, rounds=1)
        peaks = []
        for path in (archive, big):
            tracemalloc.start()
            read_only(path)
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        sizes = (archive.stat().st_size, big.stat().st_size)

    print(f"corpus: article-extraction-benchmark, {n} pages, {sum(len(b) for _, b in items) / 1e6:.1f} MB of HTML")
    print(f"{'':40}{'seconds':>9}{'pages/s':>9}{'vs ref':>8}")
    rows = [("trafilatura.extract default (reference)", t_ref), ("newsgraph extract_html (text+metadata)", t_ext),
            ("read WARC.gz, no extraction", t_read), ("full pipeline: analyze WARC.gz", t_full)]
    for label, t in rows:
        print(f"{label:40}{t:9.2f}{n / t:9.1f}{t_ref / t:8.2f}")
    print(f"peak Python memory reading the WARC.gz: {peaks[0] / 1e6:.1f} MB for {sizes[0] / 1e6:.1f} MB, "
          f"{peaks[1] / 1e6:.1f} MB for {sizes[1] / 1e6:.1f} MB (10x the records)")


if __name__ == "__main__":
    main()
