"""The store and its commands under bad input (issue 12): errors kept per line, ranges and
types validated the same way for the CLI and the API, no database made up by a query."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgraph.article import ErrorRecord, Source
from newsgraph.cli import main
from newsgraph.store import Store, StoreError
from newsgraph.store.query import MAX_INT
from store_cases import corpus


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as s:
        s.ingest(corpus())
        yield s


def test_a_failed_jsonl_line_keeps_its_error_when_a_later_line_succeeds(store):
    a1 = corpus()[0]
    bad = ErrorRecord(Source(path="feed.jsonl", format="jsonl", line=1), "cannot read 'feed.jsonl' line 1: invalid JSON")
    good = replace(a1, source=Source(path="feed.jsonl", format="jsonl", line=2))
    store.ingest([bad])
    store.ingest([good], force=True)
    assert [(e["path"], e["error"]) for e in store.errors()] == [("feed.jsonl", bad.error)]
    # ... until that line itself succeeds.
    store.ingest([replace(a1, source=Source(path="feed.jsonl", format="jsonl", line=1))], force=True)
    assert store.errors() == []


def test_two_failed_lines_of_one_file_keep_two_rows(store):
    errs = [ErrorRecord(Source(path="f.jsonl", format="jsonl", line=n), f"line {n} bad") for n in (1, 2)]
    store.ingest(errs)
    assert sorted(e["error"] for e in store.errors()) == ["line 1 bad", "line 2 bad"]


@pytest.mark.parametrize("call, message", [
    (lambda s: s.articles(offset=2**63), f"offset {2**63} is out of range; valid: an integer from 0 to {MAX_INT}"),
    (lambda s: s.quotes(limit=2**64), f"limit {2**64} is out of range; valid: an integer from 1 to {MAX_INT}"),
    (lambda s: s.quotes(entity_id=2**63), f"entity_id {2**63} is out of range; valid: an integer from 1 to {MAX_INT}"),
    (lambda s: s.entity(2**70), f"entity id {2**70} is out of range; valid: an integer from 1 to {MAX_INT}"),
    (lambda s: s.counts(type="FOO"), "type 'FOO' is not valid; valid: KILL, WOUND, ARREST, KIDNAP, DISPLACE, "
                                     "EVACUATE, PROTEST, AFFECT (any case)"),
    (lambda s: s.entities(type="people"), "type 'people' is not valid; valid: PERSON, ORG, PLACE, GROUP, EVENT, "
                                          "LAW, PRODUCT, WORK_OF_ART, LANGUAGE (any case)"),
])
def test_store_queries_refuse_values_out_of_range(store, call, message):
    with pytest.raises(ValueError) as e:
        call(store)
    assert str(e.value) == message


def test_types_match_case_insensitively(store):
    assert store.counts(type="arrest") == store.counts(type="ARREST") != []
    assert store.entities(type="person") == store.entities(type="PERSON") != []


def test_cli_counts_with_an_unknown_type_exits_2_like_the_api_says_422(store, capsys):
    assert main(["counts", "--type", "FOO", "--db", str(store.engine.url)]) == 2
    assert "type 'FOO' is not valid; valid: KILL, WOUND" in capsys.readouterr().err
    assert main(["counts", "--type", "arrest", "--db", str(store.engine.url), "--format", "json"]) == 0


@pytest.mark.parametrize("command", [["quotes"], ["entities"], ["counts"], ["show", "abc"], ["export", "out"]])
def test_query_commands_refuse_a_database_that_does_not_exist(tmp_path, capsys, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--db", "sqlite:///nope.db"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsgraph: database 'sqlite:///nope.db' does not exist (no file 'nope.db')")
    assert not (tmp_path / "nope.db").exists()


def test_a_zero_byte_file_is_not_a_store_for_queries(tmp_path, capsys):
    (tmp_path / "zero.db").write_bytes(b"")
    assert main(["quotes", "--db", f"sqlite:///{tmp_path / 'zero.db'}"]) == 2
    assert "is an empty file (0 bytes), not a newsgraph store" in capsys.readouterr().err
    assert (tmp_path / "zero.db").stat().st_size == 0


def test_a_sqlite_file_without_a_store_is_refused_but_ingest_still_creates(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="holds no newsgraph store"):
        Store.open(f"sqlite:///{other}", create=False)
    Store.open(f"sqlite:///{tmp_path / 'new.db'}").close()  # the default (ingest) creates
    Store.open(f"sqlite:///{tmp_path / 'new.db'}", create=False).close()


def test_a_version_1_store_gains_the_count_kind_columns(tmp_path):
    from sqlalchemy import inspect, text

    url = f"sqlite:///{tmp_path / 'v1.db'}"
    with Store.open(url) as s:
        s.add(corpus()[0])
        with s.engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_counts_kind"))
            for col in ("kind", "part_of", "mentions"):
                conn.execute(text(f"ALTER TABLE counts DROP COLUMN {col}"))
            conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    with Store.open(url) as s:
        with s.engine.connect() as conn:
            assert {"kind", "part_of", "mentions"} <= {c["name"] for c in inspect(conn).get_columns("counts")}
        assert [(r["number"], r["kind"]) for r in s.counts()] == [(12, "incident")]


# -- the query commands' paging, order and kinds (CLI) ---------------------------------------------

def _json(capsys):
    import json

    return json.loads(capsys.readouterr().out)


def test_cli_offset_sort_and_kind(store, capsys):
    db = str(store.engine.url)
    assert main(["entities", "--db", db, "--format", "json", "--sort", "name", "--top", "2"]) == 0
    names = [e["name"] for e in _json(capsys)]
    assert names == sorted(names, key=str.lower) and len(names) == 2
    assert main(["entities", "--db", db, "--format", "json", "--sort", "NAME", "--top", "1", "--offset", "1"]) == 0
    assert [e["name"] for e in _json(capsys)] == names[1:]
    assert main(["quotes", "--db", db, "--format", "json", "--kind", "indirect"]) == 0
    assert {q["kind"] for q in _json(capsys)} == {"indirect"}
    assert main(["quotes", "--db", db, "--format", "json", "--sort", "oldest", "--limit", "1"]) == 0
    assert _json(capsys)[0]["published"].startswith("2016-05")
    assert main(["counts", "--db", db, "--format", "json", "--sort", "number", "--offset", "1"]) == 0
    assert [r["number"] for r in _json(capsys)] == [12, 5]
    assert main(["counts", "--db", db, "--kind", "statistic", "--by", "month"]) == 0
    assert "(summed: counts of kind statistic; --kind all for every kind" in capsys.readouterr().err
    assert main(["quotes", "--db", db, "--sort", "loudest"]) == 2
    assert "sort 'loudest' is not valid; valid: newest, oldest, speaker (any case)" in capsys.readouterr().err
    assert main(["quotes", "--db", db, "--offset", str(2**63)]) == 2
    assert "offset 9223372036854775808 is out of range" in capsys.readouterr().err


def test_show_accepts_an_id_prefix(store, capsys):
    db = str(store.engine.url)
    a1 = corpus()[0]
    assert main(["show", a1.id[:6], "--db", db, "--format", "json"]) == 0
    assert '"id": "' + a1.id in capsys.readouterr().out
    assert main(["show", "0000", "--db", db]) == 1
    assert "no article '0000'" in capsys.readouterr().err
    assert main(["show", "ab", "--db", db]) == 1
    assert "give at least 4 characters" in capsys.readouterr().err


def test_show_with_an_ambiguous_prefix_lists_the_ids(store, capsys, monkeypatch):
    monkeypatch.setattr(Store, "article_ids", lambda self, prefix, limit=10: ["abcd1", "abcd2"])
    assert main(["show", "abcd", "--db", str(store.engine.url)]) == 1
    assert "'abcd' is the start of several article ids" in capsys.readouterr().err


def test_ingest_clock_starts_after_the_model_and_gives_an_eta():
    from newsgraph.cli.store import IngestClock

    t = [100.0]
    clock = IngestClock(total=10, now=lambda: t[0])
    assert clock.describe(0) == "0/10 inputs, 0.0 articles/s"
    t[0] = 130.0  # 30 s of model loading before the first article: not counted
    assert clock.tick(1) is True and clock.tick(1) is False
    t[0] = 132.0
    assert clock.rate(5) == 2.0 and clock.eta(5) == 2.5
    assert clock.describe(5) == "5/10 inputs, 2.0 articles/s, 2 s left"
    assert IngestClock(total=None, now=lambda: t[0]).eta(3) is None


def test_count_inputs_knows_files_not_archives(tmp_path):
    from newsgraph.readers import count_inputs

    (tmp_path / "d").mkdir()
    for n in ("a.txt", "b.html", ".hidden"):
        (tmp_path / "d" / n).write_text("x")
    assert count_inputs([str(tmp_path / "d")]) == 2
    (tmp_path / "d" / "c.jsonl").write_text("{}")
    assert count_inputs([str(tmp_path / "d")]) is None
    assert count_inputs(["-"]) is None
