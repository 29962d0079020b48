"""The events page over a SQLite store whose events table follows the generic store's layout."""

from __future__ import annotations

import warnings

import pytest
from events_cases import store_events

from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.web import WebOptions, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture
def client(tmp_path):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    store_events(url, publisher_is_id=True)
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


def test_events_page_of_an_empty_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with TestClient(create_app(settings=Settings.from_env(db=url), options=WebOptions(), warm=False)) as c:
        r = c.get("/events")
    assert r.status_code == 200 and "No events found." in r.text  # the generic store always has the table


def test_events_page_maps_resolved_places(tmp_path):
    """Events whose place the places extractor resolved are drawn on the page's map."""
    from events_cases import make_event

    from newsgraph.article import Article
    from newsgraph.extract.events_facts import EventPlace

    url = f"sqlite:///{tmp_path / 'map.db'}"
    ev = make_event("ASSAULT", "Russia", "RUS", "Ukraine", "UKR", "Kharkiv", "2024-05-09", (0, 24))
    ev.place = EventPlace(name="Kharkiv", lat=49.98, lon=36.25)
    with Store.open(url) as s:
        s.add(Article(id="b1", text="Russia attacked Kharkiv.", published="2024-05-09", facts={"events": [ev]}))
    with TestClient(create_app(settings=Settings.from_env(db=url), options=WebOptions(), warm=False)) as c:
        page = c.get("/events").text
    assert "events-map" in page and "Kharkiv: 1 event (ASSAULT)" in page
    assert 'cx="216.25" cy="40.02"' in page  # lon + 180, 90 - lat
