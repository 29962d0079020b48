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
