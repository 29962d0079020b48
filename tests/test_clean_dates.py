"""Publication dates stated by the furniture that cleaning removes (clean/dates.py)."""

import pytest

from newsgraph.clean import clean_text
from newsgraph.clean.dates import date_in_line, parse_date_line

BODY = ("The minister said on Monday that the talks would resume next week in Geneva.\n\n"
        "Officials declined to comment further on the matter, a spokesman said.")


@pytest.mark.parametrize("text, published, source", [
    ("Friday, January 4, 2019\n\n" + BODY, "2019-01-04", "date line"),
    ("Talks to resume\nPublished: 8 Nov 2023 14:05\n\n" + BODY, "2023-11-08", "date line"),
    ("Talks to resume\nBy Jane Doe, January 4, 2019\n\n" + BODY, "2019-01-04", "byline"),
    ("Talks to resume\n\nNEW YORK, Jan. 5, 2024 /PRNewswire/ -- " + BODY, "2024-01-05", "dateline"),
    # a dateline's month and day without a year: no date is guessed
    ("WASHINGTON, Jan. 4 (Reuters) - " + BODY, None, None),
    (BODY, None, None),
    ("Monday, March 15, 2021\n\n", "2021-03-15", "date line"),  # nothing but the date line
])
def test_published_from_furniture(text, published, source):
    c = clean_text(text)
    assert (c.published, c.published_source) == (published, source)


def test_date_line_is_still_removed():
    c = clean_text("Friday, January 4, 2019\n\n" + BODY)
    assert [(r.text, r.reason) for r in c.removed] == [("Friday, January 4, 2019", "date")]
    assert c.body.startswith("The minister")


@pytest.mark.parametrize("line, iso", [
    ("Tuesday, September 24, 2019", "2019-09-24"),
    ("Updated: 8 Nov 2023 14:05", "2023-11-08"),
    ("2020-02-29", "2020-02-29"),
    ("September 24", None),
])
def test_parse_date_line(line, iso):
    assert parse_date_line(line) == iso


def test_date_in_line():
    assert date_in_line("By Jane Doe | Jan. 4, 2019, 5:00 PM") == "2019-01-04"
    assert date_in_line("By Jane Doe") is None


def test_input_date_wins_and_is_recorded(monkeypatch):
    from newsgraph.analyze import build_article, prepare
    from newsgraph.article import Source
    from newsgraph.readers.base import RawArticle

    p = prepare(RawArticle(source=Source(), text="Friday, January 4, 2019\n\n" + BODY))
    a = build_article(p, None)
    assert (a.published, a.published_source) == ("2019-01-04", "date line")
    p = prepare(RawArticle(source=Source(), text="Friday, January 4, 2019\n\n" + BODY, published="2019-01-05"))
    a = build_article(p, None)
    assert (a.published, a.published_source) == ("2019-01-05", "input")
