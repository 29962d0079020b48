"""Counts that must not be summed blindly (issue 12): parts of a larger figure, match
scores, statistics and past totals, repeated figures; and the phrasings that were missed."""

from __future__ import annotations

import pytest

from newsgraph.article import Count
from newsgraph.extract.counts import _score_spans, extract_counts
from newsgraph.store import Store
from store_cases import make


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return (start, start + len(phrase))


CASES = [
    ("At least seven people were killed, including four children.",
     [Count("KILL", 7, True, "people", (0, 33)), Count("KILL", 4, False, "children", (27, 58), part_of=0)]),
    ("At least seven, including four children, were killed in the attack.",
     [Count("KILL", 7, True, "", (0, 52)), Count("KILL", 4, False, "children", (26, 52), part_of=0)]),
    ("The disease has caused 140 thousand related deaths worldwide.",
     [Count("KILL", 140000, False, "", (23, 50), kind="statistic")]),
    ("Malaria kills 400,000 people each year.",
     [Count("KILL", 400000, False, "people", (8, 28), kind="statistic")]),
    ("The war has killed more than 500,000 people since 2011.",
     [Count("KILL", 500000, True, "people", (12, 43), kind="total")]),
    ("So far 12 people have died in the outbreak.",
     [Count("KILL", 12, False, "people", (7, 26), kind="total")]),
    ("Police said 12 people died in a fire a year ago.",  # "a year ago" is a date, not "a year" (per year)
     [Count("KILL", 12, False, "people", (12, 26))]),
    ("A total of 39 are confirmed dead.", [Count("KILL", 39, False, "", (11, 32))]),
    ("A gunman shot him dead outside the bank.", [Count("KILL", 1, False, "", (9, 22))]),
    ("Two women and a man were injured in the blast.", [Count("WOUND", 3, False, "women", (0, 32))]),
    ("Police said 12 people were killed. The 12 people killed included a police officer.",
     [Count("KILL", 12, False, "people", (12, 33), mentions=[(12, 33), (39, 55)])]),
]


@pytest.mark.model
@pytest.mark.parametrize("text, expected", CASES)
def test_counts_kinds_parts_and_mentions(nlp, text, expected):
    assert extract_counts(nlp(text)) == expected


def test_match_scores_are_found():
    text = "Nadal won 6-7 (4), 6-4, 6-2 and Federer 7-6 (5); 10-15 people were hurt."
    assert [text[a:b] for a, b in _score_spans(text)] == ["6-7 (4), 6-4, 6-2", "7-6 (5)"]


@pytest.mark.model
def test_numbers_in_a_match_score_are_not_counts(nlp):
    assert extract_counts(nlp("She won 6-7 (4), 6-4, 6-2 as fans rallied and 4 protested outside.")) == [
        Count("PROTEST", 4, False, "", (46, 57))]


def test_store_sums_incidents_only_by_default_and_never_a_part(tmp_path):
    text = "At least seven people were killed, including four children. Malaria kills 400,000 people each year."
    a = make(text, title="T", published="2020-01-02",
             counts=[("KILL", 7, True, "people", "At least seven people were killed"),
                     ("KILL", 4, False, "children", "four children"),
                     ("KILL", 400000, False, "people", "kills 400,000 people")])
    a.counts[1].part_of = 0
    a.counts[2].kind = "statistic"
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as s:
        s.add(a)
        assert s.counts(by="month") == [{"period": "2020-01", "type": "KILL", "total": 7, "reports": 1}]
        assert s.counts(by="month", kind="all")[0]["total"] == 400007
        assert s.counts(by="month", kind="STATISTIC")[0]["total"] == 400000
        rows = s.counts(kind="all")
        assert [(r["number"], r["kind"], r["part_of"]) for r in rows] == [(7, "incident", None), (4, "incident", 0),
                                                                          (400000, "statistic", None)]
        with pytest.raises(ValueError, match="kind 'big' is not valid; valid: incident, total, statistic, all"):
            s.counts(kind="big")
        assert s.get_article(a.id) == a
