"""Issue 11's error classes, one hand-written article per case (real spaCy model): every
quote attributed to the right full name, and nothing that cannot speak as a speaker."""

from __future__ import annotations

import pytest

from newsgraph.extract.entities import EntityIndex, extract_entities
from newsgraph.extract.quotes import extract_quotes

pytestmark = pytest.mark.model


def speakers(nlp, text: str, **kw) -> list[tuple[str, str | None, str | None, str]]:
    """(quote text, speaker name, speaker kind, speaker mention) per quote."""
    doc = nlp(text)
    out = []
    for q in extract_quotes(doc, EntityIndex(extract_entities(doc)), **kw):
        sp = q.speaker
        mention = text[sp.span[0]:sp.span[1]] if sp and sp.span else ""
        out.append((q.text, sp.name if sp else None, sp.kind if sp else None, mention))
    return out


CASES = {
    # 1. colon introductions keep the named subject, also without a speech verb
    "colon, then a pronoun cue": (
        'Foreign Secretary James Cleverly spoke first. Then Antony Blinken took the floor. '
        'Blinken agreed: "We will not waver," he said.',
        [("Antony Blinken", "person")]),
    "verbless colon introduction": (
        'Antony Blinken and James Cleverly met in London. Cleverly spoke first. '
        'Blinken was more blunt: "Russia has failed to reach any of its goals."',
        [("Antony Blinken", "person")]),
    # 2. a pronoun follows the evidence (the last person named as subject), not the last answer
    "no chained errors": (
        'Prime Minister Rishi Sunak met President Joe Biden on Monday. "The talks were good," Biden said. '
        'Sunak later spoke to reporters. "We agreed on a lot," he said.',
        [("Joe Biden", "person"), ("Rishi Sunak", "person")]),
    # 4. descriptions and documents
    "the company": (
        "Acme Corp. fired its chief executive on Friday. The company said the decision was made after "
        "a long review of his conduct.",
        [("Acme Corp.", "organisation")]),
    "a statement is a document source": (
        "The ministry of health issued a statement on Monday. The statement said that all schools would "
        "remain closed until May.",
        [("The statement", "document")]),
    "the top diplomat": (
        'U.S. Secretary of State Antony Blinken arrived in Kyiv on Monday. "We stand with Ukraine," '
        "the top U.S. diplomat said.",
        [("Antony Blinken", "person")]),
    # 5. the full canonical name, one person one entity, even when NER typed the name ORG
    "surname of a name tagged ORG": (
        'Amanda Nunes won the title on Saturday. "I am the greatest," Nunes said after the fight.',
        [("Amanda Nunes", "person")]),
    "surname joins the full name": (
        "Donald Trump spoke in Ohio. Trump said the election was rigged and that he would fight the "
        "results in court.",
        [("Donald Trump", "person")]),
    # 6. cues the lists missed
    "made it clear": (
        "Senator Jane Doe made it clear that she would vote against the bill next week.",
        [("Jane Doe", "person")]),
    "took to Twitter to say": (
        "Mayor John Smith took to Twitter to say that the city would rebuild the bridge this year.",
        [("John Smith", "person")]),
    "inverted cue after long content": (
        '"We will keep fighting until the law changes for every family in the country," insists '
        "16-year-old Greta Larsen.",
        [("Greta Larsen", "person")]),
    "a new quote right after X said": (
        'Mayor John Smith spoke on Monday. "We are ready," Smith said. "The city will rebuild."',
        [("John Smith", "person")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_error_class(nlp, name):
    text, expected = CASES[name]
    got = speakers(nlp, text)
    assert [(n, k) for _, n, k, _ in got] == expected


def test_single_quoted_fragment_is_mixed(nlp):
    got = speakers(nlp, "The governor, Ann Lee, said she was 'appalled' by the decision of the court.")
    doc = nlp("The governor, Ann Lee, said she was 'appalled' by the decision of the court.")
    (q,) = extract_quotes(doc, extract_entities(doc))
    assert q.kind == "mixed" and got[0][1] == "Ann Lee"


# 3. non-speakers: poll figures, dates, headings fused into a sentence
@pytest.mark.parametrize("text, never", [
    ("A new poll by Gallup was released on Tuesday. Fifty-one percent said the economy was getting "
     "worse, according to the survey.", "percent"),
    ('Election Day was calm. Wednesday said it all: "We won," said Maria Lopez, a campaign manager.',
     "Wednesday"),
    ("Storm hits coast\nResidents said the water rose quickly and many homes were flooded overnight.",
     "\n"),
])
def test_non_speakers_never_speak(nlp, text, never):
    got = speakers(nlp, text)
    assert got, "the quote itself is still found"
    assert all(never not in (n or "") and never not in m for _, n, _, m in got)


def test_poll_of_voters_is_the_voters(nlp):
    got = speakers(nlp, "In the survey, 58 percent of Latino voters said they were less likely to vote "
                        "for the party in November.")
    assert [m for _, _, _, m in got] == ["Latino voters"]


def test_heading_line_is_cut_from_the_speaker(nlp):
    got = speakers(nlp, "Storm hits coast\nResidents said the water rose quickly and many homes were flooded.")
    assert [(n, m) for _, n, _, m in got] == [("Residents", "Residents")]


def test_confidence_and_kind_are_set(nlp):
    got = []
    doc = nlp('"We will win this together," Antony Blinken said on Monday.')
    for q in extract_quotes(doc, extract_entities(doc)):
        got.append((q.speaker.name, q.speaker.kind, 0.5 < q.speaker.confidence <= 1.0))
    assert got == [("Antony Blinken", "person", True)]


def test_rules_mode_has_no_confidence(nlp):
    doc = nlp('"We will win this together," Antony Blinken said on Monday.')
    (q,) = extract_quotes(doc, extract_entities(doc), speakers="rules")
    assert q.speaker.name == "Antony Blinken" and q.speaker.confidence is None


def test_bad_speakers_mode_says_what_is_valid(nlp):
    with pytest.raises(ValueError, match="valid: 'model' or 'rules'"):
        extract_quotes(nlp('"Yes," she said.'), [], speakers="best")


# 2. agreement: a pronoun's gender from the person's own pronouns, its number from the entity type
AGREEMENT = {
    "she is the woman, by her own pronouns": (
        "Jordan Reyes thanked her staff on Monday. Alex Morgan praised his players. "
        "Later the reporters asked about the budget. \"We are ready,\" she said.",
        ("Jordan Reyes", "person")),
    "he is the man, by the next sentence's pronoun": (
        "Sam Carter arrived first. He spoke about the harbour. Robin Ellis thanked her staff. "
        "The meeting went on for hours. \"It was a long day,\" he said.",
        ("Sam Carter", "person")),
}


@pytest.mark.parametrize("name", list(AGREEMENT))
def test_pronoun_agreement(nlp, name):
    text, expected = AGREEMENT[name]
    got = speakers(nlp, text)
    assert [(n, k) for _, n, k, _ in got][-1:] == [expected]


def test_a_name_tagged_as_a_work_of_art_still_speaks(nlp):
    # the NER often labels the name after a quotation WORK_OF_ART; the entity table knows better
    text = ('Senator Jim Risch met the judges on Monday. "It is doable," Risch told The Spokesman-Review. '
            '"Is it going to happen? Nobody knows."')
    got = speakers(nlp, text)
    assert [(n, m) for _, n, _, m in got] == [("Jim Risch", "Risch")]


def test_the_senator_is_the_senator_named_last(nlp):
    text = ("Senator Maria Gomez and Senator Tom Reed met on Monday. Later Senator Tom Reed spoke to the press. "
            '"We will pass the bill," the senator said.')
    got = speakers(nlp, text)
    assert [(n, m) for _, n, _, m in got] == [("Tom Reed", "the senator")]


def test_called_on_is_an_appeal(nlp):
    # "called for X" is a demand and a quote too (tests/test_quotes_content.py, docs/quotes.md)
    doc = nlp("Senator Jane Doe called on Congress to pass the bill before the summer recess.")
    (q,) = extract_quotes(doc, extract_entities(doc))
    assert (q.text, q.kind, q.speaker.name) == ("Congress to pass the bill before the summer recess", "indirect",
                                                 "Jane Doe")
