"""Titles and bylines (issue 12): site names off titles, long headlines kept as titles,
agency roles out of bylines, an entity's title not among its aliases."""

from __future__ import annotations

import pytest

from newsgraph.clean import clean_text
from newsgraph.clean.byline import parse_byline
from newsgraph.clean.title import strip_site_name

BODY = ("The council said on Monday that the bridge would reopen next week after repairs were finished.\n\n"
        "Officials said the work had cost more than expected and that traffic would be diverted.\n\n"
        "Residents welcomed the news, though some said the delays had hurt local shops.")


@pytest.mark.parametrize("title, publisher, expected", [
    ("Flood waters recede in Lagos - News Nation", None, "Flood waters recede in Lagos"),
    ("Budget passes | Reuters", "Reuters", "Budget passes"),
    ("Budget passes \u2014 example.com", None, "Budget passes"),
    ("Storm hits coast - thousands flee", None, "Storm hits coast - thousands flee"),
    ("Biden - Putin summit ends", None, "Biden - Putin summit ends"),
    ("Plain headline", None, "Plain headline"),
])
def test_site_names_come_off_titles(title, publisher, expected):
    assert strip_site_name(title, publisher) == expected


@pytest.mark.parametrize("headline", [
    "Council says the bridge over the river will reopen next week after repairs that cost more than planned",
    'Mayor says the bridge "will reopen"',
])
def test_a_headline_that_reads_as_prose_is_still_the_title(headline):
    c = clean_text(headline + "\n" + BODY)
    assert c.title == headline and c.body == BODY


def test_a_first_sentence_is_not_taken_for_a_title():
    c = clean_text(BODY)
    assert c.title is None and c.body == BODY


def test_a_title_line_loses_its_site_name_and_a_padded_date_line_is_a_date():
    c = clean_text("Bridge to reopen - Daily Herald\nMonday, March 4, 2019 \t \u00a0\n\n" + BODY)
    assert c.title == "Bridge to reopen"
    assert [(r.text, r.reason) for r in c.removed] == [("Bridge to reopen - Daily Herald", "title"),
                                                        ("Monday, March 4, 2019", "date")]


@pytest.mark.parametrize("line, names", [
    ("By Tom Krisher And Dee-Ann Durbin Ap Auto Writers", ["Tom Krisher", "Dee-Ann Durbin"]),
    ("BY TOM KRISHER AP AUTO WRITER", ["Tom Krisher"]),
    ("By TOM KRISHER, AP Auto Writer", ["Tom Krisher"]),
    ("By Jane Doe, Staff Writers", ["Jane Doe"]),
    ("By Apu Nahasapeemapetilon", ["Apu Nahasapeemapetilon"]),
])
def test_agency_roles_are_not_names(line, names):
    assert parse_byline(line)[0] == names


def test_an_entitys_title_is_not_listed_among_its_aliases(tmp_path):
    from newsgraph.store import Store
    from store_cases import make

    text = "President Obama spoke. The President said jobs were growing."
    a = make(text, title="T", published="2016-01-01",
             entities=[("e1", "Barack Obama", "PERSON", ["President"], [("President Obama", 0), ("President", 1)])])
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as s:
        s.add(a)
        (eid,) = [e["id"] for e in s.entities()]
        found = s.entity(eid)
    assert found["titles"] == ["President"]
    assert found["aliases"] == ["Barack Obama", "President Obama"]
