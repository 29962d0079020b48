"""The dates grammar and resolution (dates_rules) and the extractor over a parse (dates)."""

from datetime import date

import pytest

from newsgraph.extract.dates_rules import find, resolve

REF = date(2019, 1, 4)  # a Friday


def values(text, ref=REF, tense=None):
    out = []
    for c in find(text):
        r = resolve(c, text, ref, tense=tense)
        if r is not None:
            out.append((text[c.start:c.end], r.value, r.type, r.granularity, r.relative))
    return out


@pytest.mark.parametrize("text, expected", [
    ("It happened on January 4, 2019.", [("January 4, 2019", "2019-01-04", "DATE", "day", False)]),
    ("Friday, Jan. 4, 2019", [("Friday, Jan. 4, 2019", "2019-01-04", "DATE", "day", False)]),
    ("They met on 4 January 2019.", [("4 January 2019", "2019-01-04", "DATE", "day", False)]),
    ("It opened in March 2018.", [("March 2018", "2018-03", "DATE", "month", False)]),
    ("Sales rose in 1998.", [("1998", "1998", "DATE", "year", False)]),
    ("the 1990s", [("the 1990s", "199", "DATE", "decade", False)]),
    ("He left last month.", [("last month", "2018-12", "DATE", "month", True)]),
    ("They will vote next year.", [("next year", "2020", "DATE", "year", True)]),
    ("It opened two weeks ago.", [("two weeks ago", "2018-W51", "DATE", "week", True)]),
    ("She arrived yesterday.", [("yesterday", "2019-01-03", "DATE", "day", True)]),
    ("I am here now.", [("now", "PRESENT_REF", "DATE", "ref", True)]),
    ("Talks lasted two weeks.", [("two weeks", "P2W", "DURATION", "duration", False)]),
    ("for the past three years", [("the past three years", "P3Y", "DURATION", "duration", True)]),
    ("The paper appears weekly.", [("weekly", "P1W", "SET", "set", False)]),
    ("It met this week.", [("this week", "2019-W01", "DATE", "week", True)]),
    ("at 3 p.m.", [("3 p.m.", "2019-01-04T15:00", "TIME", "time", True)]),
    ("this morning", [("this morning", "2019-01-04TMO", "TIME", "time", True)]),
    ("the third quarter", [("the third quarter", "2018-Q3", "DATE", "quarter", True)]),
    ("On Dec. 28 they met.", [("Dec. 28", "2018-12-28", "DATE", "day", True)]),  # the nearest year
    ("You may go.", []),  # "may" the verb
    ("2000 people", [("2000", "2000", "DATE", "year", False)]),  # the grammar proposes; the parse rejects
])
def test_grammar_values(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("tense, value", [(None, "2019-01-01"), ("past", "2019-01-01"), ("future", "2019-01-08")])
def test_bare_weekday_follows_tense(tense, value):
    assert values("on Tuesday", tense=tense)[0][1] == value


def test_weekday_of_the_publication_day_is_that_day():
    assert values("on Friday", tense="past")[0][1] == "2019-01-04"


def test_without_a_publication_date():
    assert values("on Tuesday", ref=None)[0][1] == "XXXX-WXX-2"
    assert values("January 4", ref=None)[0][1] == "XXXX-01-04"
    assert values("January 4, 2019", ref=None)[0][1] == "2019-01-04"


@pytest.mark.model
def test_extractor_over_a_parse():
    from newsgraph.extract.dates import extract_dates, sentence_date
    from newsgraph.nlp import load_pipeline

    nlp = load_pipeline("en_core_web_sm")
    doc = nlp("Police arrested 2000 people on Tuesday. The mayor will visit on Tuesday. He spoke in 2018.")
    facts = extract_dates(doc, "2019-01-04")
    assert [(f.text, f.value) for f in facts] == [("Tuesday", "2019-01-01"), ("Tuesday", "2019-01-08"),
                                                 ("2018", "2018")]
    assert facts[0].sentence == (0, 39)
    assert sentence_date(facts, (8, 30)) == "2019-01-01"


@pytest.mark.parametrize("text, value", [
    ("in nineteen ninety-six", "1996"),
    ("the year two thousand", "2000"),
    ("earlier in the year", "2019"),
    ("the nineties", "199"),
])
def test_more_forms(text, value):
    assert values(text)[0][1] == value


def test_two_thousand_people_is_no_year():
    assert values("two thousand people") == []


def test_24_hour_clock_with_a_zone_is_no_year():
    assert values("at about 19:00 local time (1700 UTC)") == [
        ("19:00 local time", "2019-01-04T19:00", "TIME", "time", True),
        ("1700 UTC", "2019-01-04T17:00", "TIME", "time", True)]


def test_a_capitalised_set_word_in_a_name_is_no_set():
    assert values("as reported by Hurriyet Daily News") == []
    assert values("Daily, the ferry leaves.")[0][1] == "P1D"


@pytest.mark.model
def test_clock_takes_the_day_stated_after_it():
    from newsgraph.extract.dates import extract_dates
    from newsgraph.nlp import load_pipeline

    doc = load_pipeline("en_core_web_sm")("At 2:49 a.m. local time on Saturday morning, the capsule was launched.")
    facts = extract_dates(doc, "2019-03-05")
    assert [(f.text, f.value) for f in facts] == [("2:49 a.m. local time", "2019-03-02T02:49"),
                                                 ("Saturday morning", "2019-03-02TMO")]
