"""The store's library API, run against SQLite and a real PostgreSQL server (the db_url fixture)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from newsgraph.article import ErrorRecord, Source
from newsgraph.store import SCHEMA_VERSION, Store, StoreError
from newsgraph.store.engine import parse_url
from newsgraph.store.write import normalise, sentence_around
from store_cases import T1, T2, corpus


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        yield s


@pytest.fixture
def filled(store):
    for a in corpus():
        assert store.add(a) is True
    return store


def test_add_is_idempotent_and_get_article_returns_the_exact_record(store):
    a1 = corpus()[0]
    assert store.has(a1.id) is False
    assert store.add(a1) is True
    assert store.add(a1) is False
    assert store.has(a1.id) is True
    assert store.get_article(a1.id) == a1
    assert store.get_article(a1.id).to_json() == a1.to_json()
    assert store.get_article("0000000000000000") is None


def test_force_replaces_the_stored_article(store):
    a1 = corpus()[0]
    store.add(a1)
    changed = corpus()[0]
    changed.title = "Obama on jobs (updated)"
    changed.quotes = []
    assert store.add(changed) is False
    assert store.get_article(a1.id).title == "Obama on jobs"
    assert store.add(changed, force=True) is True
    assert store.get_article(a1.id) == changed
    assert store.quotes() == []
    assert [(e["name"], e["mentions"], e["articles"]) for e in store.entities()] == [
        ("Barack Obama", 2, 1), ("Chicago", 2, 1)]


def test_entities_are_canonical_across_articles(filled):
    rows = [(e["name"], e["type"], e["mentions"], e["articles"], e["quotes"]) for e in filled.entities()]
    assert rows == [
        ("Barack Obama", "PERSON", 4, 2, 2),  # "Obama" alone in article 2 joins the only Obama
        ("Angela Merkel", "PERSON", 1, 1, 1),
        ("Smith", "PERSON", 1, 1, 1),  # two Smiths stored: "Smith" alone stays its own entity
        ("Chicago", "PLACE", 2, 1, 0),
        ("Berlin", "PLACE", 1, 1, 0),  # ties by name
        ("Germany", "PLACE", 1, 1, 0),
        ("John Smith", "PERSON", 1, 1, 0),
        ("Mary Smith", "PERSON", 1, 1, 0),
    ]
    assert [e["name"] for e in filled.entities(type="place", top=2)] == ["Chicago", "Berlin"]
    assert [e["name"] for e in filled.entities(search="smith")] == ["Smith", "John Smith", "Mary Smith"]
    assert [e["name"] for e in filled.entities(top=2, offset=1)] == ["Angela Merkel", "Smith"]


def test_entity_detail(filled):
    obama = filled.entities(search="obama")[0]
    d = filled.entity(obama["id"])
    assert (d["name"], d["type"], d["mentions"], d["articles"], d["n_quotes"]) == ("Barack Obama", "PERSON", 4, 2, 2)
    assert d["titles"] == ["President"]
    assert d["aliases"] == ["Barack Obama", "Obama"]
    assert [q["text"] for q in d["quotes"]] == ["The recovery is real,", "We are winning the fight for jobs,"]
    assert [(c["name"], c["articles"]) for c in d["cooccurring"]] == [
        ("Angela Merkel", 1), ("Berlin", 1), ("Chicago", 1), ("Germany", 1)]
    assert d["timeline"] == [{"period": "2016-05", "mentions": 2}, {"period": "2016-06", "mentions": 2}]
    assert filled.entity(10_000) is None


def test_quotes_by_speaker_search_and_date(filled):
    def texts(**kw):
        return [q["text"] for q in filled.quotes(**kw)]

    assert texts() == ["The recovery is real,", "Germany would help", "We are winning the fight for jobs,",
                       "Taxes are too high,", "the plan was dead"]
    assert texts(speaker="OBAMA") == ["The recovery is real,", "We are winning the fight for jobs,"]
    assert texts(speaker="spokesman") == ["the plan was dead"]  # an unnamed source, by its description
    assert texts(speaker="smith") == ["Taxes are too high,"]
    assert texts(search="job") == ["We are winning the fight for jobs,"]  # stemmed: job ~ jobs
    assert texts(search='"fight for jobs"') == ["We are winning the fight for jobs,"]
    assert texts(search="recovery high") == []  # all words must match
    assert texts(search="obama", speaker="obama") == []
    assert texts(since="2016-06") == ["The recovery is real,", "Germany would help"]
    assert texts(until="2016-05") == ["We are winning the fight for jobs,"]
    assert texts(since="2016-05-04", until="2016-06-14") == ["The recovery is real,", "Germany would help"]
    assert texts(limit=2, offset=1) == ["Germany would help", "We are winning the fight for jobs,"]
    with pytest.raises(ValueError, match=r"since '2016-02-30' is not a date; valid: YYYY, YYYY-MM or YYYY-MM-DD"):
        filled.quotes(since="2016-02-30")


def test_quote_rows_carry_offsets_and_speaker(filled):
    (q,) = filled.quotes(search="winning")
    a1 = corpus()[0]
    assert q["article_id"] == a1.id and q["article_title"] == "Obama on jobs" and q["published"] == "2016-05-03"
    assert T1[q["spans"][0][0]:q["spans"][0][1]] == "We are winning the fight for jobs,"
    assert T1[q["speaker_span"][0]:q["speaker_span"][1]] == "Obama"
    assert T1[q["cue_span"][0]:q["cue_span"][1]] == "said" and q["cue"] == "said" and q["kind"] == "direct"
    assert q["speaker_name"] == "Barack Obama"
    assert q["speaker_entity_id"] == filled.entities(search="barack")[0]["id"]
    assert [x["text"] for x in filled.quotes(entity_id=q["speaker_entity_id"])] == [
        "The recovery is real,", "We are winning the fight for jobs,"]
    assert [x["text"] for x in filled.quotes(article_id=corpus()[1].id)] == ["The recovery is real,", "Germany would help"]


def test_counts_rows_and_periods(filled):
    rows = filled.counts()
    assert [(r["type"], r["number"], r["approximate"], r["object"], r["published"]) for r in rows] == [
        ("EVACUATE", 300, True, "people", "2016-06-14T10:00:00Z"),
        ("ARREST", 12, False, "people", "2016-05-03"),
        ("KILL", 5, False, "people", None),
    ]
    assert rows[0]["sentence"] == "About 300 people were evacuated from Berlin."
    assert T2[rows[0]["span"][0]:rows[0]["span"][1]] == "About 300 people were evacuated"
    assert filled.counts(by="month") == [
        {"period": "2016-05", "type": "ARREST", "total": 12, "reports": 1},
        {"period": "2016-06", "type": "EVACUATE", "total": 300, "reports": 1},
        {"period": None, "type": "KILL", "total": 5, "reports": 1},
    ]
    assert filled.counts(by="day", type="arrest") == [{"period": "2016-05-03", "type": "ARREST", "total": 12, "reports": 1}]
    assert filled.counts(by="month", since="2016-06") == [{"period": "2016-06", "type": "EVACUATE", "total": 300, "reports": 1}]
    with pytest.raises(ValueError, match="by 'week' is not a period; valid: day, month, year"):
        filled.counts(by="week")


def test_articles_listing(filled):
    a1, a2, a3 = corpus()
    assert [(r["id"], r["title"], r["n_quotes"], r["n_entities"]) for r in filled.articles()] == [
        (a2.id, "Recovery", 2, 4), (a1.id, "Obama on jobs", 1, 2), (a3.id, "Smiths", 2, 3)]
    assert [r["title"] for r in filled.articles(search="MERKEL")] == ["Recovery"]
    assert [r["title"] for r in filled.articles(since="2016", until="2016-05-31")] == ["Obama on jobs"]
    assert filled.articles()[1]["path"] == "a1.txt"


def test_network(filled):
    net = filled.network(limit=3)
    names = {n["id"]: n["name"] for n in net["nodes"]}
    assert [(n["name"], n["weight"]) for n in net["nodes"]] == [("Barack Obama", 2), ("Angela Merkel", 1), ("Berlin", 1)]
    assert all(e["source"] < e["target"] for e in net["edges"])
    assert sorted((sorted([names[e["source"]], names[e["target"]]]), e["weight"]) for e in net["edges"]) == [
        (["Angela Merkel", "Barack Obama"], 1), (["Angela Merkel", "Berlin"], 1), (["Barack Obama", "Berlin"], 1)]


def test_ingest_summary_and_errors(store):
    a1, a2, _ = corpus()
    bad = ErrorRecord(Source(path="x.pdf"), "cannot read 'x.pdf': a PDF document, not text, HTML, WARC or JSONL")
    summary = store.ingest([a1, bad, a1, a2])
    assert (summary.ingested, summary.skipped, summary.failed) == (2, 1, 1)
    assert summary.errors == [("x.pdf", bad.error)]
    store.ingest([bad])  # a rerun replaces the input's error instead of piling up copies
    assert [(e["path"], e["error"]) for e in store.errors()] == [("x.pdf", bad.error)]


def test_reopen_keeps_data_and_a_newer_schema_is_refused(db_url):
    a1 = corpus()[0]
    with Store.open(db_url) as s:
        s.add(a1)
    with Store.open(db_url) as s:
        assert s.get_article(a1.id) == a1
    engine = create_engine(parse_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(StoreError) as e:
        Store.open(db_url)
    assert str(e.value) == (f"database {db_url!r} has schema version 99, written by a newer newsgraph; "
                            f"this one reads versions up to {SCHEMA_VERSION}: upgrade newsgraph")


@pytest.mark.parametrize("url, message", [
    ("nonsense://x", "database URL 'nonsense://x' is not supported; valid: sqlite:///PATH or "
                     "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
    ("not a url", "database URL 'not a url' is malformed; valid: sqlite:///PATH or "
                  "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
    ("sqlite://", "database URL 'sqlite://' names no file; valid: sqlite:///PATH or "
                  "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (in-memory databases are not shared)"),
    ("sqlite:////no/such/dir/x.db", "database 'sqlite:////no/such/dir/x.db': directory '/no/such/dir' does not exist"),
])
def test_bad_urls_fail_in_one_line(url, message):
    with pytest.raises(StoreError) as e:
        Store.open(url)
    assert str(e.value) == message


def test_unreachable_and_non_database_urls_name_the_database(tmp_path):
    with pytest.raises(StoreError) as e:
        Store.open("postgresql://someone:secret@127.0.0.1:1/news")
    msg = str(e.value)
    assert msg.startswith("cannot open database 'postgresql://someone:***@127.0.0.1:1/news': ")
    assert "\n" not in msg and "secret" not in msg
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database, just text " * 100)
    with pytest.raises(StoreError) as e:
        Store.open(f"sqlite:///{junk}")
    assert str(e.value) == f"cannot open database 'sqlite:///{junk}': file is not a database"


@pytest.mark.parametrize("name, type, key", [
    ("Barack Obama", "PERSON", "barack obama"),
    ("Dr. José  Núñez", "PERSON", "jose nunez"),
    ("Mr. Trump's", "PERSON", "trump"),
    ("The United Nations", "ORG", "united nations"),
    ("The Hague", "PERSON", "the hague"),
])
def test_normalise(name, type, key):
    assert normalise(name, type) == key


def test_sentence_around():
    t = "First one. Police arrested 12 people! Last line\nnext"
    assert sentence_around(t, t.index("arrested"), t.index(" people")) == "Police arrested 12 people!"
    assert sentence_around(t, 0, 5) == "First one."
    assert sentence_around(t, t.index("Last"), t.index("Last") + 4) == "Last line"


def test_an_older_schema_is_migrated_step_by_step(db_url, monkeypatch):
    from sqlalchemy import inspect

    import newsgraph.store as store_module
    from newsgraph.store import schema

    a1 = corpus()[0]
    with Store.open(db_url) as s:
        s.add(a1)
    # The next version as a future newsgraph would ship it: one more numbered migration.
    now = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now + 1)
    monkeypatch.setitem(schema.MIGRATIONS, now + 1,
                        lambda conn: conn.execute(text("ALTER TABLE articles ADD COLUMN note TEXT")))
    with Store.open(db_url) as s:
        assert s.get_article(a1.id) == a1
        with s.engine.connect() as conn:
            assert schema.current_version(conn) == now + 1
            assert "note" in {c["name"] for c in inspect(conn).get_columns("articles")}
    monkeypatch.setattr(schema, "SCHEMA_VERSION", now)
    with pytest.raises(StoreError, match=f"has schema version {now + 1}, written by a newer newsgraph"):
        Store.open(db_url)
    assert store_module.SCHEMA_VERSION == now


def test_a_version_1_store_gains_error_codes(db_url):
    """v2 adds ingest_errors.code; a v1 database (no such column) is migrated in place."""
    from sqlalchemy import inspect

    from newsgraph.article import ErrorRecord, Source
    from newsgraph.store import schema

    with Store.open(db_url) as s:
        with s.engine.begin() as conn:
            conn.exec_driver_sql("DROP INDEX ix_ingest_errors_code")
            conn.exec_driver_sql("ALTER TABLE ingest_errors DROP COLUMN code")
            conn.execute(schema.meta.update().where(schema.meta.c.key == "schema_version").values(value="1"))
    with Store.open(db_url) as s:
        with s.engine.connect() as conn:
            assert schema.current_version(conn) == 2
            assert "code" in {c["name"] for c in inspect(conn).get_columns("ingest_errors")}
        s.add_many([ErrorRecord(Source(path="a.pdf"), "cannot read 'a.pdf': a PDF document", code="E102")])
        assert [(e["path"], e["code"]) for e in s.errors()] == [("a.pdf", "E102")]
