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


@pytest.mark.parametrize("text, tense, value", [
    ("on Thanksgiving Day", "past", "1997-11-27"),  # the fourth Thursday of November
    ("on Thanksgiving", "future", "1998-11-26"),
    ("by Christmas", None, "1997-12-25"),  # the nearest to 1998-02-06
    ("last Christmas", None, "1997-12-25"),
    ("Christmas 1996", None, "1996-12-25"),
    ("on the Fourth of July", None, "1998-07-04"),
    ("New Year’s Eve", "future", "1998-12-31"),
    ("Memorial Day", "future", "1998-05-25"),  # the last Monday of May
    ("Labor Day", "future", "1998-09-07"),  # the first Monday of September
    ("Election Day", "future", "1998-11-03"),  # the Tuesday after the first Monday of November
    ("Good Friday", "future", "1998-04-10"),  # Easter 1998 was April 12
    ("Easter Sunday", "past", "1997-03-30"),
])
def test_holidays(text, tense, value):
    found = values(text, tense=tense)
    assert len(found) == 1 and found[0][1] == value


def test_a_holiday_without_a_publication_date():
    assert values("on Christmas Eve", ref=None) == [("Christmas Eve", "XXXX-12-24")]
    assert values("on Thanksgiving", ref=None) == [("Thanksgiving", None)]


def test_good_friday_is_not_a_bare_friday():
    assert values("on Good Friday") == [("Good Friday", "1998-04-10")]


@pytest.fixture(scope="module")
def nlp():
    from newsgraph.nlp import load_pipeline

    return load_pipeline("en_core_web_sm")


@pytest.mark.model
def test_a_plan_that_had_been_scheduled_is_in_the_past(nlp):
    # published Monday 1989-10-30: the offer "had been scheduled to expire" the Friday before
    doc = nlp("The offer had been scheduled to expire Friday.")
    assert [f.value for f in extract_dates(doc, "1989-10-30")] == ["1989-10-27"]
    doc = nlp("The offer is scheduled to expire Friday.")
    assert [f.value for f in extract_dates(doc, "1989-10-30")] == ["1989-11-03"]


@pytest.mark.model
def test_a_possessive_weekday_ignores_the_present_tense(nlp):
    doc = nlp("Its share before Friday's purchases is less than 5%.")
    assert [f.value for f in extract_dates(doc, "1989-10-30")] == ["1989-10-27"]


@pytest.mark.model
def test_a_month_and_day_follow_a_clear_tense_only_far_from_the_publication_date(nlp):
    # November: "the year ended March 31" is the March before, not the nearer one ahead
    doc = nlp("The unit had revenue of $76 million for the year ended March 31.")
    assert [f.value for f in extract_dates(doc, "1989-11-01")] == ["1989-03-31"]
    # a fortnight ahead stays the nearest, whatever the tagger says of the tense
    doc = nlp("The dividend was declared payable Nov. 17.")
    assert [f.value for f in extract_dates(doc, "1989-11-01")] == ["1989-11-17"]


@pytest.mark.model
def test_expected_and_infinitives_are_not_past(nlp):
    doc = nlp("The closing, which is expected in December, was approved.")
    assert [f.value for f in extract_dates(doc, "1989-11-02")] == ["1989-12"]
    doc = nlp("He announced an agreement to acquire the bank in January.")
    assert [f.value for f in extract_dates(doc, "1989-11-02")] == ["1990-01"]


def test_the_year_ended_a_day_is_no_current_year():
    assert values("for the year ended March 31", ref=date(1989, 11, 1), tense="past") == [("March 31", "1989-03-31")]
    assert values("earlier in the year") == [("earlier in the year", "1998")]


def test_a_decimal_is_no_year():
    assert values("The index closed at 2082.1, down from 1678.5.") == []


@pytest.mark.parametrize("text, tense, ref, value", [
    ("this past spring", None, date(1989, 10, 30), "1989-SP"),  # the latest that is over
    ("last spring", None, date(1989, 10, 30), "1988-SP"),  # the previous year's, as TimeBank has it
    ("next summer", None, date(1989, 10, 30), "1990-SU"),
    ("next summer", None, date(1989, 3, 1), "1989-SU"),
    ("in the early summer", "past", date(1989, 10, 26), "1989-SU"),
    ("in the spring", "past", date(1998, 2, 6), "1997-SP"),  # not begun yet: last year's
    ("in the spring", "future", date(1998, 2, 6), "1998-SP"),
    ("in the winter", "past", date(1998, 1, 20), "1997-WI"),  # the one begun in December
])
def test_seasons(text, tense, ref, value):
    found = values(text, ref=ref, tense=tense)
    assert [v for _, v in found] == [value]


def test_the_previous_friday_is_anchored_to_a_day_not_a_year(blank):
    doc = blank("Prices fell Friday. In 1989 the index shed 47 points from the previous Friday.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1989-10-30")] == [
        ("Friday", "1989-10-27"), ("1989", "1989"), ("the previous Friday", "1989-10-20")]


def test_a_part_of_day_takes_the_day_after_it(blank):
    doc = blank("Trading halted at mid-afternoon yesterday.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1989-11-02")] == [
        ("mid-afternoon yesterday", "1989-11-01TAF")]
    assert values("in the early morning") == []  # which day is not said


def test_a_period_names_the_quarter_last_mentioned(blank):
    doc = blank("Net income rose in the third quarter. In the latest period, sales fell; in the 1988 period they rose.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1989-11-02")] == [
        ("the third quarter", "1989-Q3"), ("the latest period", "1989-Q3"), ("the 1988 period", "1988-Q3")]
    doc = blank("Sales in the 1988 period rose. The latest period was weak.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1989-11-02")] == [("the 1988 period", "1988")]


def test_a_year_earlier_after_a_period_of_months_is_last_year(blank):
    doc = blank("Profit rose Friday. For the nine months, profit rose to $2 a share from $1 a year earlier.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1989-10-30")] == [
        ("Friday", "1989-10-27"), ("nine months", "P9M"), ("a year earlier", "1988")]
    doc = blank("Profit rose Friday. Profit rose to $2 a share from $1 a year earlier.")
    assert [f.value for f in extract_dates(doc, "1989-10-30")][-1] == "1988-10-27"  # the day told before


@pytest.mark.parametrize("text, value", [
    ("in the coming months", "FUTURE_REF"),
    ("in coming quarters", "FUTURE_REF"),
    ("in the near term", "FUTURE_REF"),
    ("over the next three months", "P3M"),  # a number: still a duration
])
def test_coming_periods_are_the_future(text, value):
    assert [v for _, v in values(text)] == [value]


@pytest.mark.model
def test_a_month_after_until_or_through_is_the_nearest(nlp):
    doc = nlp("The lenders extended the loans through January.")
    assert [f.value for f in extract_dates(doc, "1989-10-30")] == ["1990-01"]
    doc = nlp("The lenders extended the loans in January.")
    assert [f.value for f in extract_dates(doc, "1989-10-30")] == ["1989-01"]


@pytest.mark.parametrize("tense, ref, value", [
    ("past", date(1990, 8, 16), "1990-09"),  # next month, told in the past: still the coming one
    ("past", date(1990, 8, 16), "1990-09"),
    ("past", date(1990, 6, 16), "1989-09"),  # three months ahead: the tense wins
    ("future", date(1990, 8, 16), "1991-06"),
    (None, date(1990, 8, 16), "1990-09"),
])
def test_a_bare_month_by_tense_and_distance(tense, ref, value):
    month = "June" if value.endswith("06") else "September"
    assert values(f"in {month}", ref=ref, tense=tense) == [(month, value)]


@pytest.mark.parametrize("ref, value", [
    (date(1998, 3, 1), "1997-02"),  # the month just over would be "last month"
    (date(1998, 7, 1), "1998-02"),
    (date(1998, 2, 10), "1997-02"),
])
def test_last_february(ref, value):
    assert values("last February", ref=ref) == [("last February", value)]


def test_now_as_a_discourse_marker_is_no_date():
    assert values("Now, he says, the plan is dead.") == []
    assert values("Now the plan is dead.") == [("Now", "PRESENT_REF")]


def test_a_decade_word_is_a_trigger(blank):
    doc = blank("Unemployment fell during the nineties, officials said.")
    assert [(f.text, f.value) for f in extract_dates(doc, "1998-03-03")] == [("the nineties", "199")]
