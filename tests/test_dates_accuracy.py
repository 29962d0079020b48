"""Rules added for TimeML accuracy (issue 14, dates-accuracy): each with a hand-made text."""

from datetime import date

import pytest
import spacy

from newsgraph.extract.dates import extract_dates, trigger_windows
from newsgraph.extract.dates_rules import find, resolve

REF = date(1998, 2, 6)  # a Friday


def values(text, ref=REF, tense=None):
    out = []
    for c in find(text):
        r = resolve(c, text, ref, tense=tense)
        if r is not None:
            out.append((text[c.start:c.end], r.value))
    return out


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_a_spoken_year_is_found_through_the_trigger_windows(blank):
    # no digit and no month near it: the windows must still cover "nineteen"
    doc = blank("The law was passed in nineteen ninety-six by the council.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1998-02-06")] == [("nineteen ninety-six", "1996")]
    assert trigger_windows(doc)


@pytest.mark.parametrize("text, value", [
    ("in January nineteen ninety-seven", "1997-01"),
    ("the winter of nineteen ninety-four", "1994-WI"),
    ("in March two thousand and one", "2001-03"),
])
def test_month_or_season_with_a_spoken_year(text, value):
    assert values(text) == [(text.removeprefix("in "), value)]
