"""Counts extractor: exact Count lists for hand-written sentences, through the real model."""

from __future__ import annotations

import pytest

from newsgraph.article import Count
from newsgraph.extract.counts import LEXICON, extend_lexicon, extract_counts

pytestmark = pytest.mark.model


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return (start, start + len(phrase))


def run(nlp, text: str, **kw) -> list[Count]:
    return extract_counts(nlp(text), **kw)


# (sentence, [(type, number, approximate, object, the exact text of the span)])
CASES = [
    # each type, and the issue's own examples
    ("At least 18 people were killed in the attack.",
     [("KILL", 18, True, "people", "At least 18 people were killed")]),
    ("There were around 500 fatalities.",
     [("KILL", 500, True, "", "around 500 fatalities")]),
    ("More than 18,000 people arrested since June remain in jail.",
     [("ARREST", 18000, True, "people", "More than 18,000 people arrested", {"kind": "total"})]),
    ("Twenty-five people were injured and 1.2 million displaced.",
     [("WOUND", 25, False, "people", "Twenty-five people were injured"),
      ("DISPLACE", 1200000, False, "", "1.2 million displaced")]),
    ("Two hundred people were kidnapped by gunmen.",
     [("KIDNAP", 200, False, "people", "Two hundred people were kidnapped")]),
    ("About 2m people have been evacuated.",
     [("EVACUATE", 2000000, True, "people", "About 2m people have been evacuated")]),
    ("Almost 2,500 people protested in the capital on Sunday.",
     [("PROTEST", 2500, True, "people", "Almost 2,500 people protested")]),
    ("Nearly three-and-a-half million people were affected by the floods.",
     [("AFFECT", 3500000, True, "people", "Nearly three-and-a-half million people were affected")]),
    # verb patterns: object, subject, reduced relative, complements, of-phrases, tallies
    ("Soldiers killed three civilians on Monday.",
     [("KILL", 3, False, "civilians", "killed three civilians")]),
    ("Five gunmen killed 12 villagers.",
     [("KILL", 12, False, "villagers", "killed 12 villagers")]),
    ("The death toll rose to 45 on Tuesday.",
     [("KILL", 45, False, "", "death toll rose to 45")]),
    ("Officials put the death toll at 45.",
     [("KILL", 45, False, "", "death toll at 45")]),
    ("The number of deaths is 66.",
     [("KILL", 66, False, "", "deaths is 66")]),
    ("Police announced the arrest of 30 people.",
     [("ARREST", 30, False, "people", "arrest of 30 people")]),
    ("Dozens of journalists were detained.",
     [("ARREST", 24, True, "journalists", "Dozens of journalists were detained")]),
    ("Police rounded up 30 more on Friday.",
     [("ARREST", 30, False, "", "rounded up 30 more")]),
    ("Five were taken hostage.",
     [("KIDNAP", 5, False, "", "Five were taken hostage")]),
    ("The attack left at least 42 people dead.",
     [("KILL", 42, True, "people", "at least 42 people dead")]),
    ("The storm forced over 58,000 residents to evacuate.",
     [("EVACUATE", 58000, True, "residents", "over 58,000 residents to evacuate")]),
    ("Officials said 23 dead and 100 injured.",
     [("KILL", 23, False, "", "23 dead"), ("WOUND", 100, False, "", "100 injured")]),
    ("Gunmen abducted 17 students, and 2,000 protested.",
     [("KIDNAP", 17, False, "students", "abducted 17 students"),
      ("PROTEST", 2000, False, "", "2,000 protested")]),
    ("The Red Cross said 1,200 had been evacuated.",
     [("EVACUATE", 1200, False, "", "1,200 had been evacuated")]),
    # people nouns: the noun is the event
    ("Thousands of protesters marched through the city.",
     [("PROTEST", 2000, True, "protesters", "Thousands of protesters marched")]),
    ("Up to 300 refugees arrived on Monday.",
     [("DISPLACE", 300, True, "refugees", "Up to 300 refugees")]),
    # number forms and approximators
    ("A dozen demonstrators were arrested, and tens of thousands fled.",
     [("ARREST", 12, False, "demonstrators", "A dozen demonstrators were arrested"),
      ("DISPLACE", 20000, True, "", "tens of thousands fled")]),
    ("Scores of people were wounded in the blast.",
     [("WOUND", 40, True, "people", "Scores of people were wounded")]),
    ("Hundreds of thousands of people fled their homes.",
     [("DISPLACE", 200000, True, "people", "Hundreds of thousands of people fled")]),
    ("Half a million people were affected.",
     [("AFFECT", 500000, False, "people", "Half a million people were affected")]),
    ("The bombing wounded two hundred and fifty people.",
     [("WOUND", 250, False, "people", "wounded two hundred and fifty people")]),
    ("Some 40 protesters rallied outside parliament.",
     [("PROTEST", 40, True, "protesters", "Some 40 protesters rallied")]),
    ("Fewer than 10 people were hurt.",
     [("WOUND", 10, True, "people", "Fewer than 10 people were hurt")]),
    ("Police detained roughly 1,000 people.",
     [("ARREST", 1000, True, "people", "detained roughly 1,000 people")]),
    ("Police said 1500 people were arrested.",
     [("ARREST", 1500, False, "people", "1500 people were arrested")]),
    # no count: things, negation, years, ages, dates, money, percentages, ordinals, times
    ("Some 300 homes were evacuated.", []),
    ("Three cars were destroyed.", []),
    ("No one was killed.", []),
    ("None of the passengers were injured, and the crew were not hurt.", []),
    ("A 25-year-old man was killed in 2019.", []),
    ("Bishop Dinualdo Gutierrez, 79, died early yesterday morning.", []),
    ("Waseem appeared after his 2016 arrest.", []),
    ("He was jailed for 25 years and fined $5 million.", []),
    ("Prices rose 12 percent after 40 protests in 2019.", []),
    ("Russia has one of the highest death tolls.", []),
    ("The two-day strike ended at 10:30.", []),
    ("The first victim died in hospital.", []),
    ("Don't hold thousands of workers hostage.", []),
    ("The gunman killed five girls, all aged fifteen.",
     [("KILL", 5, False, "girls", "killed five girls")]),
    ("Two thirds of those infected, over 1800 people, have died.",
     [("KILL", 1800, True, "people", "over 1800 people, have died")]),
    ("He suffered two deep wounds.", []),
    ("That is one reason he's hurting.", []),
    ("There are 20 men who killed civilians.", []),
    ("There were 12 people who were killed in the blast.",
     [("KILL", 12, False, "people", "12 people who were killed")]),
    ("Six men were detained, three of whom were later released.",
     [("ARREST", 6, False, "men", "Six men were detained")]),
    ("The measles outbreak killed at least 62, including 54 small children.",
     [("KILL", 62, True, "", "killed at least 62"), ("KILL", 54, False, "children", "killed at least 62, including 54 small children",
                                                        {"part_of": 0})]),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_counts(nlp, text, expected):
    # an optional sixth item: the fields added in issue 12 (kind, part_of) where not the defaults
    want = [Count(t, n, a, o, at(text, phrase), **(more[0] if more else {})) for t, n, a, o, phrase, *more in expected]
    assert run(nlp, text) == want


def test_each_number_phrase_counted_once(nlp):
    # "killed" (verb) and "dead"/"fatalities" (nouns) could each claim the same number;
    # the same figure reported twice is one count with both mentions (issue 12)
    text = "The blast killed 12 people; 12 fatalities were confirmed."
    assert run(nlp, text) == [
        Count("KILL", 12, False, "people", at(text, "killed 12 people"),
              mentions=[at(text, "killed 12 people"), at(text, "12 fatalities")]),
    ]


def test_spans_index_the_doc_text(nlp):
    text = "Police said that on Friday around 500 protesters were arrested near the square."
    (c,) = run(nlp, text)
    assert text[c.span[0]:c.span[1]] == "around 500 protesters were arrested"
    assert c == Count("ARREST", 500, True, "protesters", c.span)


def test_lexicon_is_extendable(nlp):
    text = "Rescuers saved 14 people, and 30 were beheaded."
    assert run(nlp, text) == []
    lexicon = extend_lexicon({"RESCUE": ["save", "rescue"], "KILL": ["behead"]})
    assert run(nlp, text, lexicon=lexicon) == [
        Count("RESCUE", 14, False, "people", at(text, "saved 14 people")),
        Count("KILL", 30, False, "", at(text, "30 were beheaded")),
    ]
    assert "kill" in lexicon["KILL"] and LEXICON["KILL"] == lexicon["KILL"] - {"behead"}


def test_not_people_is_extendable(nlp):
    text = "The floods affected 12 villages and 300 farmers."
    assert run(nlp, text) == [Count("AFFECT", 300, False, "farmers", at(text, "affected 12 villages and 300 farmers"))]
    assert run(nlp, text, not_people=["farmer", "village"]) == []


def test_bad_lexicon_entry_is_named():
    with pytest.raises(ValueError, match=r"bad lexicon entry 'KILL': valid is TYPE -> list of lemmas"):
        extend_lexicon({"KILL": "behead"})


def test_unparsed_doc_is_refused(nlp):
    assert run(nlp, "") == []
    with pytest.raises(ValueError, match=r"extract_counts needs a parsed Doc; valid: .*en_core_web_sm"):
        extract_counts(nlp.make_doc("Five people were killed."))
