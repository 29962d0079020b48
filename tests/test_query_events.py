"""Store queries over the events table (SQLite, the table laid out by the generic store's convention)."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import get_type_hints

import pytest
from sqlalchemy import Column, Float, Integer, MetaData, Table, Text, create_engine

from newsgraph.article import EntityRef, Span
from newsgraph.extract.events_facts import Event, EventActor, EventPlace
from newsgraph.store import query_events
from newsgraph.store.schema import articles


def _unwrap(hint):
    """X | None -> X; anything else unchanged."""
    args = getattr(hint, "__args__", ())
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _columns(tp, prefix=""):
    """The generic store's layout: spans NAME_start/_end, nested dataclasses prefixed, refs NAME + NAME_id."""
    out = []
    for f in fields(tp):
        base = _unwrap(get_type_hints(tp)[f.name])
        name = prefix + f.name
        if base is EntityRef:
            out += [(name, Text), (name + "_id", Integer)]
        elif base == Span:
            out += [(name + "_start", Integer), (name + "_end", Integer)]
        elif is_dataclass(base):
            out += _columns(base, name + "_")
        elif base in (int, bool):
            out.append((name, Integer))
        elif base is float:
            out.append((name, Float))
        else:
            out.append((name, Text))
    return out


def _row(ev: Event, article_id: str, seq: int) -> dict:
    row = {"article_id": article_id, "seq": seq}

    def put(obj, prefix, tp):
        for f in fields(tp):
            v = getattr(obj, f.name) if obj is not None else None
            base = _unwrap(get_type_hints(tp)[f.name])
            name = prefix + f.name
            if base == Span:
                row[name + "_start"], row[name + "_end"] = (v or (None, None))
            elif is_dataclass(base):
                put(v, name + "_", base)
            elif base is EntityRef:
                row[name], row[name + "_id"] = v, None
            elif isinstance(v, (list, dict)):
                row[name] = json.dumps(v, default=str)
            else:
                row[name] = v
    put(ev, "", Event)
    return row


def _ev(type_, src, src_c, tgt, tgt_c, place, date, sentence=(0, 10)):
    return Event(type=type_, mode="", cameo="190", trigger="attacked", span=(0, 1), sentence=sentence,
                 source=EventActor(name=src, text=src, span=(0, 1), country=src_c, sector="MIL", code=src_c + "MIL"),
                 target=EventActor(name=tgt, text=tgt, span=(0, 1), country=tgt_c, code=tgt_c) if tgt else None,
                 place=EventPlace(name=place) if place else None, date=date)


@pytest.fixture
def conn():
    engine = create_engine("sqlite://")
    md = MetaData()
    articles.to_metadata(md)
    ev_table = Table("events", md, Column("id", Integer, primary_key=True), Column("article_id", Text),
                     Column("seq", Integer), *[Column(n, t) for n, t in _columns(Event)])
    md.create_all(engine)
    with engine.begin() as c:
        for aid, pub, text in (("a1", "2024-05-07", "Israeli troops attacked Gaza."),
                               ("a2", "2024-05-07", "Israeli troops attacked Gaza on Tuesday."),
                               ("a3", "2024-05-09", "Russia attacked Ukraine.")):
            c.execute(articles.insert().values(id=aid, text=text, published=pub, published_day=pub, n_entities=0,
                                               n_quotes=0, n_counts=0, record="{}", ingested_at="x",
                                               publisher={"a1": "AP", "a2": "Reuters", "a3": "AP"}[aid]))
        rows = [_row(_ev("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 29)), "a1", 0),
                _row(_ev("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 40)), "a2", 0),
                _row(_ev("ASSAULT", "Russia", "RUS", "Ukraine", "UKR", None, None, (0, 24)), "a3", 0)]
        c.execute(ev_table.insert(), rows)
    with engine.connect() as c:
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
