"""Number phrases as news writes them: digits, words, vague plurals (no model needed)."""

from __future__ import annotations

import pytest

from newsgraph.extract.numbers import parse_number

CASES = [
    ("18,000", (18000, False)),
    ("18.000", (18000, False)),  # the European thousands separator
    ("1.2 million", (1200000, False)),
    ("2 m", (2000000, False)),  # "2m", split by the tokenizer
    ("1.5 bn", (1500000000, False)),
    ("three", (3, False)),
    ("twenty - five", (25, False)),
    ("two hundred", (200, False)),
    ("two hundred and fifty", (250, False)),
    ("35 thousand", (35000, False)),
    ("two million three hundred thousand", (2300000, False)),
    ("a dozen", (12, False)),
    ("two dozen", (24, False)),
    ("half a million", (500000, False)),
    ("a half million", (500000, False)),
    ("three - and - a - half million", (3500000, False)),
    ("dozens", (24, True)),
    ("scores", (40, True)),
    ("hundreds", (200, True)),
    ("thousands", (2000, True)),
    ("millions", (2000000, True)),
    ("tens of thousands", (20000, True)),
    ("hundreds of thousands", (200000, True)),
    ("several hundred", (300, True)),
    ("a few thousand", (3000, True)),
    # not a whole number of things
    ("18.9", None),
    ("zero", None),
    ("first", None),
    ("half", None),
    ("a", None),
    ("200,0000", None),
]


@pytest.mark.parametrize("words, expected", CASES, ids=[c[0] for c in CASES])
def test_parse_number(words, expected):
    assert parse_number(words.split()) == expected
