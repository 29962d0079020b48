"""`newsgraph events` and `newsgraph export --format gdelt-events` over a prepared SQLite store."""

from __future__ import annotations

import json

import pytest
from events_cases import event_row, events_table, make_event
from sqlalchemy import MetaData, create_engine

from newsgraph.article import Article
from newsgraph.cli import main
from newsgraph.store import Store
from newsgraph.store.schema import articles
from newsgraph.writers.gdelt_events import COLUMNS


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    Store.open(url).close()
    engine = create_engine(url)
    table = events_table(MetaData())
    table.create(engine)
    evs = {"a1": make_event("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 29)),
           "a2": make_event("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 40)),
           "a3": make_event("ASSAULT", "Russia", "RUS", "Ukraine", "UKR", None, None, (0, 24))}
    with engine.begin() as c:
        for aid, pub, text in (("a1", "2024-05-07", "Israeli troops attacked Gaza."),
                               ("a2", "2024-05-07", "Israeli troops attacked Gaza on Tuesday."),
                               ("a3", "2024-05-09", "Russia attacked Ukraine.")):
            record = Article(id=aid, text=text, published=pub, facts={"events": [evs[aid]]}).to_json()
            c.execute(articles.insert().values(id=aid, text=text, published=pub, published_day=pub, n_entities=0,
                                               n_quotes=0, n_counts=0, record=record, ingested_at="x", publisher=aid))
        c.execute(table.insert(), [event_row(evs[a], a, 0) for a in ("a1", "a2", "a3")])
    engine.dispose()
    return url


def test_events_command(db, capsys):
    assert main(["events", "--db", db, "--country", "ukr", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["type"], r["source_name"], r["target_country"], r["sentence"]) for r in rows] == \
        [("ASSAULT", "Russia", "UKR", "Russia attacked Ukraine.")]
    assert main(["events", "--db", db, "--grouped", "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    assert [(g["source_code"], g["articles"]) for g in groups] == [("ISRMIL", 2), ("RUSMIL", 1)]


def test_export_gdelt_events(db, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(out), "--format", "gdelt-events", "--db", db]) == 0
    lines = (out / "events.gdelt.csv").read_text().splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == len(COLUMNS) for line in lines)
    days = sorted(dict(zip(COLUMNS, line.split("\t")))["Day"] for line in lines)
    assert days == ["20240507", "20240507", "20240509"]
