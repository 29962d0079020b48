"""The gazetteer's points and entries, and the resolver's article-level rules (hand-made texts).
The index is built once into NEWSGRAPH_CACHE (or the user cache directory) when missing."""

from __future__ import annotations

import pytest

from newsgraph.geo.gazetteer import load
from newsgraph.geo.resolve import Toponym, resolve_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load()


def _tops(text, *names):
    out = []
    for n in names:
        start = text.index(n)
        out.append(Toponym(name=n, forms=[n], spans=[(start, start + len(n))]))
    return out


def test_a_name_contained_once_keeps_that_reading_for_its_other_mentions():
    text = "LONDON, Ky. (WKYT) - Two people were arrested. London police said the car was stolen."
    upper, plain = resolve_toponyms(_tops(text, "LONDON", "London"), text=text)
    assert (upper.record.country_code, upper.record.adm1_name) == ("US", "Kentucky")
    assert (plain.record.country_code, plain.record.adm1_name) == ("US", "Kentucky")
    (alone,) = resolve_toponyms(_tops("London police said the car was stolen.", "London"),
                                text="London police said the car was stolen.")
    assert alone.record.country_code == "GB"


def test_the_datelines_containing_place_decides_the_same_name_in_the_text():
    text = "Two people were arrested. London police said the car was stolen."
    (r,) = resolve_toponyms(_tops(text, "London"), text=text, dateline="LONDON, Ky.")
    assert (r.record.country_code, r.record.adm1_name) == ("US", "Kentucky")
    (r,) = resolve_toponyms(_tops(text, "London"), text=text, dateline="LONDON")
    assert r.record.country_code == "GB"
