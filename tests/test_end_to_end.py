"""The canonical input, end to end through the real model: an agency report scraped as text.

The article is written for this test (no real article is copied): a photo caption in
Azerbaijani twice, a headline, the body naming the agency, a misspelt surname, "U..S",
a person referred to by full name, surname, description and pronoun, figures, and the
byline, dateline and site furniture on lines of their own.
"""

from __future__ import annotations

import pytest

from newsgraph import analyze

pytestmark = pytest.mark.model

ARTICLE = """Foto açıq mənbələrdən götürülüb
Foto açıq mənbələrdən götürülüb
Blinken and Cleverly discuss the Black Sea
U.S. Secretary of State Antony Blinken met British Foreign Secretary James Cleverly on Thursday, TURAN's Washington correspondent reports from the State Department.

"The grain corridor must stay open," Blinken told reporters. "We will not accept a blockade."

The top U.S. diplomat said the allies had agreed on new shipments. He added that around 500 fatalities had been recorded among sailors since March.

Cleverly said Britain would send two more frigates. According to Blniken, 18,000 people arrested in the region were still held without charge, and the U..S would raise their cases.

Leyla Hasanova

Washington D.C.

Leave a review
Follow us on social networks
News Line
"""


@pytest.fixture(scope="module")
def record(nlp):
    return analyze(ARTICLE, nlp=nlp)


def test_boilerplate_lines_are_removed_with_reasons(record):
    removed = [(r.reason, r.text) for r in record.removed]
    assert removed[:3] == [
        ("photo caption", "Foto açıq mənbələrdən götürülüb"),
        ("duplicate line", "Foto açıq mənbələrdən götürülüb"),
        ("title", "Blinken and Cleverly discuss the Black Sea"),
    ]
    assert ("social prompt", "Follow us on social networks") in removed
    assert ("navigation", "News Line") in removed
    assert ("social prompt", "Leave a review") in removed
    assert record.text.startswith("U.S. Secretary of State Antony Blinken met")
    assert record.text.endswith("would raise their cases.")


def test_metadata(record):
    assert record.title == "Blinken and Cleverly discuss the Black Sea"
    assert record.byline == ["Leyla Hasanova"]
    assert record.dateline == "Washington D.C."
    assert record.publisher == "TURAN"
    assert record.language == "en"
    assert record.warnings == []


def test_entities_are_resolved_within_the_article(record):
    by_name = {e.name: e for e in record.entities}
    blinken = by_name["Antony Blinken"]
    assert blinken.type == "PERSON"
    assert blinken.titles == ["Secretary of State"]
    forms = [m.text for m in blinken.mentions]
    assert {"Antony Blinken", "Blinken", "Blniken"} <= set(forms)
    cleverly = by_name["James Cleverly"]
    assert cleverly.titles == ["Foreign Secretary"]
    assert {"James Cleverly", "Cleverly"} <= {m.text for m in cleverly.mentions}
    assert {"U.S.", "U..S"} <= {m.text for m in by_name["United States"].mentions}
    assert by_name["United Kingdom"].type == "PLACE"
    assert "Blinken" not in by_name and "Blniken" not in by_name
    for e in record.entities:  # every mention points at its own characters
        for m in e.mentions:
            assert record.text[m.span[0]:m.span[1]] == m.text


def test_counts(record):
    counts = {(c.type, c.number, c.approximate) for c in record.counts}
    assert ("KILL", 500, True) in counts
    assert ("ARREST", 18000, False) in counts
    kill = next(c for c in record.counts if c.type == "KILL")
    assert record.text[kill.span[0]:kill.span[1]] == "around 500 fatalities"


def test_quotes_name_their_speakers(record):
    direct = [q for q in record.quotes if q.kind == "direct"]
    assert direct[0].text == '"The grain corridor must stay open," ... "We will not accept a blockade."'
    assert len(direct[0].spans) == 2
    assert direct[0].speaker.name == "Antony Blinken"
    assert direct[0].cue.text == "told"
    he = next(q for q in record.quotes if q.speaker and record.text[slice(*q.speaker.span)] == "He")
    assert he.speaker.name == "Antony Blinken"  # the pronoun resolved to the name
    assert "around 500 fatalities" in he.text
    by_speaker = {q.speaker.name for q in record.quotes if q.speaker}
    assert {"Antony Blinken", "James Cleverly"} <= by_speaker
    for q in record.quotes:
        for (a, b) in q.spans:
            assert record.text[a:b] in q.text
        ent = {e.id: e for e in record.entities}.get(q.speaker.entity) if q.speaker else None
        if ent:
            assert q.speaker.name == ent.name
