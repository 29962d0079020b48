"""gdelt-events writer: rows parse by the GDELT 2.0 event codebook's columns."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone

from newsgraph.article import Article, Source
from newsgraph.extract.events_facts import Event, EventActor, EventMention, EventPlace
from newsgraph.writers.gdelt_events import COLUMNS, GdeltEventsWriter


def _article() -> Article:
    text = "Police arrested 45 protesters in Cairo on Tuesday."
    ev = Event(type="COERCE", mode="arrest", cameo="173", trigger="arrested", span=(7, 15), sentence=(0, len(text)),
               contexts=["legal"],
               source=EventActor(name="Police", text="Police", span=(0, 6), country="EGY", sector="COP", code="EGYCOP"),
               target=EventActor(name="protesters", text="45 protesters", span=(16, 29), country="EGY", sector="CVL",
                                 code="EGYCVL"),
               place=EventPlace(name="Cairo", span=(33, 38), country="EGY", lat=30.0444, lon=31.2357),
               date="2024-05-07", counts=[0],
               mentions=[EventMention("arrested", (7, 15), (0, len(text))), EventMention("arrested", (7, 15), (0, 1))])
    un = Event(type="REQUEST", mode="", cameo="100", trigger="urged", span=(0, 1), sentence=(0, 1),
               source=EventActor(name="United Nations", text="The UN", span=(0, 1), country="IGO", code="IGO"))
    return Article(id="abc123", source=Source(url="https://example.org/a"), published="2024-05-08", text=text,
                   facts={"events": [ev, un]})


def _codebook_columns(shared_data) -> list[str]:
    """The column names in the codebook's order (Actor1 fields repeated for Actor2; Geo for Actor2/Action)."""
    md = (shared_data / "gdelt" / "event-codebook.md").read_text(encoding="utf-8")
    md = md[:md.index("## MENTIONS TABLE")]
    # each field is a bullet "- \uf0b7 Name. (type) ..."; the QuadClass text wraps onto a
    # bullet line of its own ("- Conflict.  This field ..."), which is no field
    names = [n.replace("\\_", "_") for n in re.findall(r"^-\s+\W?\s*([A-Za-z0-9\\_]+)\s*\.", md, re.M)]
    names = [n for n in names if n != "Conflict"]
    actor = [n for n in names if n.startswith("Actor1") and "Geo" not in n]
    geo = [n for n in names if n.startswith("Actor1Geo")]
    head = names[:names.index(actor[0])]
    action = names[names.index(actor[-1]) + 1:names.index(geo[0])]
    tail = names[names.index(geo[-1]) + 1:]
    return (head + actor + [a.replace("Actor1", "Actor2") for a in actor] + action + geo
            + [g.replace("Actor1", "Actor2") for g in geo] + [g.replace("Actor1", "Action") for g in geo] + tail)


def test_columns_follow_the_codebook(shared_data):
    assert list(COLUMNS) == _codebook_columns(shared_data)
    assert len(COLUMNS) == 61


def test_rows_parse_by_the_codebook():
    buf = io.StringIO()
    w = GdeltEventsWriter(buf, added=datetime(2024, 5, 8, 12, 0, tzinfo=timezone.utc))
    assert w.write(_article()) == 2
    w.close()
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), fieldnames=list(COLUMNS), delimiter="\t"))
    assert len(rows) == 2
    r = rows[0]
    assert all(len(line.split("\t")) == 61 for line in buf.getvalue().splitlines())
    assert (r["Day"], r["MonthYear"], r["Year"]) == ("20240507", "202405", "2024")
    assert abs(float(r["FractionDate"]) - (2024 + (5 * 30 + 7) / 365)) < 1e-4
    assert (r["Actor1Code"], r["Actor1Name"], r["Actor1CountryCode"], r["Actor1Type1Code"]) == \
        ("EGYCOP", "POLICE", "EGY", "COP")
    assert (r["Actor2Code"], r["Actor2CountryCode"], r["Actor2Type1Code"]) == ("EGYCVL", "EGY", "CVL")
    assert (r["EventCode"], r["EventBaseCode"], r["EventRootCode"], r["QuadClass"]) == ("173", "173", "17", "4")
    assert float(r["GoldsteinScale"]) < 0 and r["NumMentions"] == "2" and r["IsRootEvent"] == "1"
    assert (r["ActionGeo_Type"], r["ActionGeo_Fullname"], r["ActionGeo_CountryCode"]) == ("4", "Cairo", "EG")
    assert (float(r["ActionGeo_Lat"]), float(r["ActionGeo_Long"])) == (30.0444, 31.2357)
    assert int(r["GlobalEventID"]) > 0 and r["DATEADDED"] == "20240508120000"
    assert r["SOURCEURL"] == "https://example.org/a"
    u = rows[1]
    # no event date: the publication day; an IGO is a known group, not a country
    assert u["Day"] == "20240508" and u["Actor1KnownGroupCode"] == "IGO" and u["Actor1CountryCode"] == ""
    assert u["QuadClass"] == "3" and u["Actor2Code"] == ""


def test_ids_are_stable():
    a, b = io.StringIO(), io.StringIO()
    for buf in (a, b):
        GdeltEventsWriter(buf).write(_article())
    assert [x.split("\t")[0] for x in a.getvalue().splitlines()] == [x.split("\t")[0] for x in b.getvalue().splitlines()]
