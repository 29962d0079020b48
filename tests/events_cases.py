"""Events table rows laid out by the generic store's convention, for the store and web tests."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import get_type_hints

from sqlalchemy import Column, Float, Integer, MetaData, Table, Text

from newsgraph.article import EntityRef, Span
from newsgraph.extract.events_facts import Event, EventActor, EventPlace

__all__ = ["events_table", "event_row", "make_event", "store_events", "SAMPLE"]


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


def event_row(ev: Event, article_id: str, seq: int) -> dict:
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


def make_event(type_, src, src_c, tgt, tgt_c, place, date, sentence=(0, 10)):
    return Event(type=type_, mode="", cameo="190", trigger="attacked", span=(0, 1), sentence=sentence,
                 source=EventActor(name=src, text=src, span=(0, 1), country=src_c, sector="MIL", code=src_c + "MIL"),
                 target=EventActor(name=tgt, text=tgt, span=(0, 1), country=tgt_c, code=tgt_c) if tgt else None,
                 place=EventPlace(name=place) if place else None, date=date)



def events_table(md: MetaData) -> Table:
    return Table("events", md, Column("id", Integer, primary_key=True), Column("article_id", Text),
                 Column("seq", Integer), *[Column(n, t) for n, t in _columns(Event)])


# Three articles, two reporting the same event (same type, actors, place and day).
SAMPLE = [
    ("a1", "2024-05-07", "AP", "Israeli troops attacked Gaza.",
     ("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 29))),
    ("a2", "2024-05-07", "Reuters", "Israeli troops attacked Gaza on Tuesday.",
     ("ASSAULT", "Israeli troops", "ISR", "Gaza", "PSE", "Gaza", "2024-05-07", (0, 40))),
    ("a3", "2024-05-09", "AP", "Russia attacked Ukraine.",
     ("ASSAULT", "Russia", "RUS", "Ukraine", "UKR", None, None, (0, 24))),
]


def store_events(url: str, sample=SAMPLE, *, publisher_is_id: bool = False) -> None:
    """The sample stored the way ingest stores it: records with their events facts, through
    Store.add, so the events table is the generic store's own."""
    from newsgraph.article import Article
    from newsgraph.store import Store

    with Store.open(url) as store:
        for aid, pub, publisher, text, ev in sample:
            store.add(Article(id=aid, text=text, published=pub, publisher=aid if publisher_is_id else publisher,
                              facts={"events": [make_event(*ev)]}))
