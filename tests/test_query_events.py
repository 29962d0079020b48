"""Store queries over the events table (SQLite, the table laid out by the generic store's convention)."""

from __future__ import annotations

import pytest

from newsgraph.store import query_events
from newsgraph.store import Store
from events_cases import make_event as _ev, store_events


@pytest.fixture
def conn(tmp_path):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    store_events(url)
    with Store.open(url) as store, store.engine.connect() as c:
        yield c


def test_filters(conn):
    assert [r["article_id"] for r in query_events.events(conn)] == ["a3", "a1", "a2"]
    assert [r["article_id"] for r in query_events.events(conn, country="ukr")] == ["a3"]
    assert [r["article_id"] for r in query_events.events(conn, actor="israeli")] == ["a1", "a2"]
    assert [r["article_id"] for r in query_events.events(conn, since="2024-05-08")] == ["a3"]
    assert [r["article_id"] for r in query_events.events(conn, until="2024-05-07", type="assault")] == ["a1", "a2"]
    assert query_events.events(conn, type="PROTEST") == []
    r = query_events.events(conn, country="UKR")[0]
    assert r["sentence_text"] == "Russia attacked Ukraine." and r["day"] == "2024-05-09"


def test_grouped_across_articles(conn):
    g = query_events.grouped(conn)
    assert [(x["type"], x["source_code"], x["target_code"], x["place"], x["day"], x["articles"], x["publishers"])
            for x in g] == [("ASSAULT", "ISRMIL", "PSE", "Gaza", "2024-05-07", 2, 2),
                            ("ASSAULT", "RUSMIL", "UKR", "", "2024-05-09", 1, 1)]
    assert len(query_events.grouped(conn, min_sources=2)) == 1


def test_timeline(conn):
    assert query_events.timeline(conn) == [{"period": "2024-05-07", "type": "ASSAULT", "events": 2},
                                           {"period": "2024-05-09", "type": "ASSAULT", "events": 1}]
    assert query_events.timeline(conn, by="month") == [{"period": "2024-05", "type": "ASSAULT", "events": 3}]
    with pytest.raises(ValueError):
        query_events.timeline(conn, by="week")
