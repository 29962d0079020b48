"""Byline, dateline and publisher helpers: exact answers on hand-written lines."""

from __future__ import annotations

import pytest

from newsgraph.clean.byline import dateline_prefix, is_person_name, is_place, parse_byline, publisher_in, trailing_agency


@pytest.mark.parametrize("line,expected", [
    ("By JANE DOE, Staff Writer", (["Jane Doe"], None)),
    ("By Jane Doe | Reuters", (["Jane Doe"], "Reuters")),
    ("By Jane Doe and John Roe, Associated Press", (["Jane Doe", "John Roe"], "Associated Press")),
    ("By Jane Doe, John Roe and Bob Lee", (["Jane Doe", "John Roe", "Bob Lee"], None)),
    ("Written by: Jane Doe", (["Jane Doe"], None)),
    ("By Jane Doe in London", (["Jane Doe"], None)),
    ("(Additional reporting by Jane Doe in Kyiv; Editing by John Roe)", (["Jane Doe"], None)),
    ("Von Hans Müller", (["Hans Müller"], None)),
    ("door Jan de Vries", (["Jan de Vries"], None)),
    ("Автор: Иван Петров", (["Иван Петров"], None)),
    ("Por la mañana", None),
    ("By the end of the year, prices rose.", None),
    ("By Monday", None),
])
def test_parse_byline(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize("line,expected", [
    ("BEIRUT, Lebanon (AP) — A blast shook the port.", ("BEIRUT, Lebanon", "AP")),
    ("LONDON, Nov 8 (Reuters) - Shares fell.", ("LONDON", "Reuters")),
    ("WASHINGTON (AFP) - The United States said.", ("WASHINGTON", "AFP")),
    ("WASHINGTON — The president said.", ("WASHINGTON", None)),
    ("Washington, November 8 - U.S. officials said.", ("Washington", None)),
    ("Baku, 9 November - The ministry said.", ("Baku", None)),
    ("NEW YORK, Jan. 5, 2024 /PRNewswire/ -- Acme Corp said.", ("NEW YORK", "PRNewswire")),
    ("(AP) — Two people died.", (None, "AP")),
    ("Officials – including the mayor – said so.", (None, None)),
    ("The mayor said on Monday that roads were closed.", (None, None)),
])
def test_dateline_prefix(line, expected):
    assert dateline_prefix(line) == expected


@pytest.mark.parametrize("text,expected", [
    ("Washington D.C.", True), ("Baku", True), ("Kyiv, Ukraine", True), ("LONDON", True),
    ("Springfield, Ill.", True), ("Aziz Mammadov", False), ("News Line", False), ("Leave a review", False),
])
def test_is_place(text, expected):
    assert is_place(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("Aziz Mammadov", True), ("J. R. Smith", True), ("Ludwig van Beethoven", True), ("Hans Müller", True),
    ("News Line", False), ("Top Stories", False), ("Leave a review", False), ("Washington", False),
    ("Subscription Options", False),
])
def test_is_person_name(text, expected):
    assert is_person_name(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("Blinken spoke on Wednesday, TURAN's Washington correspondent reports from the State Department.", "TURAN"),
    ("Three people were killed, an AFP correspondent in Kabul reported.", "AFP"),
    ("CNN's chief White House correspondent Jim Acosta said the briefing was cancelled.", None),
    ("A CNN reporter asked about the leak.", None),
])
def test_publisher_in(text, expected):
    assert publisher_in(text) == expected


@pytest.mark.parametrize("line,expected", [
    ("— Reuters", "Reuters"), ("Source: AFP", "AFP"), ("(AP)", "AP"), ("Reuters said", None),
])
def test_trailing_agency(line, expected):
    assert trailing_agency(line) == expected
