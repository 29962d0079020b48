"""Store commands end to end: ingest through the real pipeline, query output formats, export readers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsgraph.cli import main
from newsgraph.store import Store
from store_cases import corpus

ARTICLE_A = """Mayor Ana Lopez opened the new bridge in Springfield on Monday.
"This bridge will carry our city for a hundred years," Lopez said at the ceremony.
Police said 14 people were arrested after a protest near the river.
"""
ARTICLE_B = """The city council of Springfield voted on Tuesday to raise the budget for schools.
Council member Tom Baker said the vote was a victory for families.
"""


@pytest.fixture
def filled_url(db_url):
    with Store.open(db_url) as s:
        s.ingest(corpus())
    return db_url


@pytest.mark.model
def test_ingest_runs_the_pipeline_skips_stored_inputs_and_show_matches_analyze(db_url, tmp_path, capsys, nlp):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a.txt").write_text(ARTICLE_A)
    (docs / "b.txt").write_text(ARTICLE_B)
    (docs / "c.pdf").write_bytes(b"%PDF-1.4 not an article")
    assert main(["ingest", str(docs), "--db", db_url]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("ingested 2, skipped 0 (already stored), failed 1 in ")
    assert err[1] == f"  failed: cannot read '{docs / 'c.pdf'}': a PDF document, not text, HTML, WARC or JSONL"
    # Per-step statistics, merged over the run, by step and code.
    assert "  errors: E102 binary data, a PDF or an image: not text, HTML, WARC or JSONL 1" in err
    assert any(line.startswith("  entities: facts ") for line in err)

    # Stored inputs are skipped before parsing: this rerun never loads a spaCy pipeline at all.
    assert main(["ingest", str(docs), "--db", db_url, "--workers", "1", "--model", "en_core_web_nonexistent"]) == 1
    assert capsys.readouterr().err.startswith("ingested 0, skipped 2 (already stored), failed 1 in ")

    assert main(["analyze", str(docs / "a.txt"), "--format", "jsonl"]) == 0
    analysed = capsys.readouterr().out
    record = json.loads(analysed)
    assert main(["show", record["id"], "--db", db_url, "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == analysed
    assert main(["show", "ffffffffffffffff", "--db", db_url]) == 1
    with Store.open(db_url) as s:
        assert capsys.readouterr().err == f"newsgraph: no article 'ffffffffffffffff' in {s.name}\n"
        assert s.get_article(record["id"]).to_json() == analysed.strip()
        assert sorted(r["path"] for r in s.articles()) == [str(docs / "a.txt"), str(docs / "b.txt")]
        assert [e["path"] for e in s.errors()] == [str(docs / "c.pdf")]
    # --force analyses again and replaces
    assert main(["ingest", str(docs / "a.txt"), "--db", db_url, "--force"]) == 0
    assert capsys.readouterr().err.startswith("ingested 1, skipped 0 (already stored), failed 0 in ")


def test_quotes_command_formats(filled_url, capsys):
    assert main(["quotes", "--speaker", "obama", "--db", filled_url, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    with Store.open(filled_url) as s:
        assert rows == s.quotes(speaker="obama")
    assert [r["text"] for r in rows] == ["The recovery is real,", "We are winning the fight for jobs,"]

    assert main(["quotes", "--search", "jobs", "--db", filled_url, "--format", "csv"]) == 0
    (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["text"] == "We are winning the fight for jobs," and row["speaker_name"] == "Barack Obama"
    assert json.loads(row["spans"]) == rows[1]["spans"]

    assert main(["quotes", "--since", "2016-06", "--db", filled_url]) == 0
    out = capsys.readouterr().out
    assert "The recovery is real," in out and "Germany would help" in out and "winning" not in out


def test_entities_and_counts_commands(filled_url, capsys):
    assert main(["entities", "--type", "PERSON", "--top", "2", "--db", filled_url, "--format", "json"]) == 0
    assert [(e["name"], e["quotes"], e["mentions"], e["articles"]) for e in json.loads(capsys.readouterr().out)] == [
        ("Barack Obama", 2, 4, 2), ("Angela Merkel", 1, 1, 1)]
    assert main(["counts", "--by", "month", "--db", filled_url, "--format", "csv"]) == 0
    assert capsys.readouterr().out == ("period,type,total,reports\n2016-05,ARREST,12,1\n2016-06,EVACUATE,300,1\n"
                                       ",KILL,5,1\n")
    assert main(["counts", "--type", "kill", "--db", filled_url]) == 0
    assert "Five people were killed in the blast." in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["quotes", "--db", "mysql://x/y"], "newsgraph: database URL 'mysql://x/y' is not supported; valid: "
                                       "sqlite:///PATH or postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE\n"),
    (["entities", "--db", "sqlite:////no/such/dir/n.db"],
     "newsgraph: database 'sqlite:////no/such/dir/n.db' does not exist (no file '/no/such/dir/n.db'); "
     "valid: a store `newsgraph ingest` wrote (check --db or NEWSGRAPH_DB)\n"),
    (["ingest", "x.txt", "--db", "sqlite:////no/such/dir/n.db"],
     "newsgraph: database 'sqlite:////no/such/dir/n.db': directory '/no/such/dir' does not exist\n"),
])
def test_bad_database_urls_give_one_line(args, message, capsys):
    assert main(args) == 2
    assert capsys.readouterr().err == message


def test_default_database_comes_from_settings(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    assert main(["entities", "--format", "json"]) == 2  # a query never creates the store it reads
    assert "database 'sqlite:///newsgraph.db' does not exist" in capsys.readouterr().err
    Store.open().close()
    assert (tmp_path / "newsgraph.db").is_file()
    assert main(["entities", "--format", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"
    monkeypatch.setenv("NEWSGRAPH_DB", f"sqlite:///{tmp_path / 'other.db'}")
    Store.open().close()
    assert main(["entities", "--format", "json"]) == 0
    assert (tmp_path / "other.db").is_file()


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_export_is_read_as_is_by_duckdb_and_pandas(filled_url, tmp_path, fmt, capsys):
    import duckdb
    import pandas as pd

    out = tmp_path / "export"
    assert main(["export", str(out), "--format", fmt, "--db", filled_url]) == 0
    from newsgraph.extract.registry import generic

    # the core tables, then one per registered extractor with its own table
    names = ["articles", "entities", "entity_aliases", "entity_titles", "article_entities", "mentions",
             "quotes", "quote_speakers", "counts", "ingest_errors", *(ex.name for ex in generic())]
    assert capsys.readouterr().out.split() == [str(out / f"{n}.{fmt}") for n in names]
    assert {"dates", "places", "events", "tone"} <= set(names)
    reader = "read_parquet" if fmt == "parquet" else "read_json_auto"
    q = duckdb.sql(f"SELECT text, spans FROM {reader}('{out / f'quotes.{fmt}'}') ORDER BY id").fetchall()
    assert q[0] == ("We are winning the fight for jobs,", [[44, 78]])
    assert duckdb.sql(f"SELECT count(*) FROM {reader}('{out / f'entities.{fmt}'}')").fetchall() == [(8,)]
    df = pd.read_parquet(out / "counts.parquet") if fmt == "parquet" else pd.read_json(out / "counts.jsonl", lines=True)
    assert sorted(zip(df["type"], df["number"])) == [("ARREST", 12), ("EVACUATE", 300), ("KILL", 5)]
    arts = pd.read_parquet(out / "articles.parquet") if fmt == "parquet" else pd.read_json(out / "articles.jsonl", lines=True)
    assert sorted(arts["title"]) == ["Obama on jobs", "Recovery", "Smiths"]
    assert "record" not in arts.columns
    assert (out / f"ingest_errors.{fmt}").is_file()
    if fmt == "parquet":  # an empty table still carries its schema
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out / 'ingest_errors.parquet'}')").fetchall() == [(0,)]
