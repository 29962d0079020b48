"""The events page over a SQLite store whose events table follows the generic store's layout."""

from __future__ import annotations

import warnings

import pytest
from events_cases import event_row, events_table, make_event
from sqlalchemy import MetaData, create_engine

from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.store.schema import articles
from newsgraph.web import WebOptions, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    Store.open(url).close()  # the core schema
    engine = create_engine(url)
    md = MetaData()
    table = events_table(md)
    table.create(engine)
    with engine.begin() as c:
        for aid, pub, text in (("a1", "2024-05-07", "Israeli troops attacked Gaza."),
                               ("a2", "2024-05-07", "Israeli troops attacked Gaza on Tuesday."),
                               ("a3", "2024-05-09", "Russia attacked Ukraine.")):
            c.execute(articles.insert().values(id=aid, text=text, published=pub, published_day=pub, n_entities=0,
                                               n_quotes=0, n_counts=0, record="{}", ingested_at="x", publisher=aid))
        c.execute(table.insert(), [
            event_row(make_event("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 29)), "a1", 0),
            event_row(make_event("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 40)), "a2", 0),
            event_row(make_event("ASSAULT", "Russia", "RUS", "Ukraine", "UKR", None, None, (0, 24)), "a3", 0)])
    engine.dispose()
    with TestClient(create_app(settings=Settings.from_env(db=url), options=WebOptions(), warm=False)) as c:
        yield c


def test_events_page_lists_filters_and_groups(client):
    r = client.get("/events")
    assert r.status_code == 200
    assert "Russia attacked Ukraine." in r.text and "Israeli troops attacked Gaza on Tuesday." in r.text
    assert "Reported by several articles" in r.text and "<svg" in r.text
    r = client.get("/events?country=UKR")
    assert "Russia attacked Ukraine." in r.text and "Israeli troops attacked" not in r.text
    r = client.get("/events?actor=israeli&since=2024-05-01&until=2024-05-07&type=ASSAULT")
    assert "Russia attacked" not in r.text and "Israeli troops attacked Gaza." in r.text
    assert client.get("/events?country=toolong").status_code == 422


def test_events_page_without_events_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with TestClient(create_app(settings=Settings.from_env(db=url), options=WebOptions(), warm=False)) as c:
        r = c.get("/events")
    assert r.status_code == 200 and "No events in this store yet" in r.text
