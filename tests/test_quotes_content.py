"""Quote content (issue 11, error class 6 and the boundaries): which spans are quotes and which
words are the cue. One hand-written sentence per class (real spaCy model)."""

from __future__ import annotations

import pytest

from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes

pytestmark = pytest.mark.model


def run(nlp, text: str) -> list[tuple]:
    """Each quote as (content text, kind, cue text, speaker name)."""
    doc = nlp(text)
    return [(q.text, q.kind, q.cue.text if q.cue else None, q.speaker.name if q.speaker else None)
            for q in extract_quotes(doc, extract_entities(doc))]


CASES = {
    # beliefs and findings (PolNeAR attributions; a claim with its source, docs/quotes.md)
    "belief": (
        "Senator Maria Lopez believes the new bridge will be finished before the winter.",
        [("the new bridge will be finished before the winter", "indirect", "believes", "Maria Lopez")]),
    "finding of a survey": (
        "A new survey found that most farmers expect lower prices next year.",
        [("that most farmers expect lower prices next year", "indirect", "found", "A new survey")]),
    "a first-person belief in a transcript is not a quote": (
        "Q: What do you make of the vote?\nA: Well, I think the voters have made their choice and we respect it.",
        []),
    "a belief in an infinitive is not a quote": (
        "The senator wants to show the voters that the bridge is safe.", []),
    # demands and charges: quoted-only verbs that report speech unquoted with their preposition
    "called on": (
        "Senator Maria Lopez called on the governor to veto the spending bill immediately.",
        [("the governor to veto the spending bill immediately", "indirect", "called on", "Maria Lopez")]),
    "called for": (
        "Senator Maria Lopez called for an independent inquiry into the contract.",
        [("an independent inquiry into the contract", "indirect", "called for", "Maria Lopez")]),
    "accused of": (
        "Senator Maria Lopez accused the governor of hiding the true cost of the bridge.",
        [("the governor of hiding the true cost of the bridge", "indirect", "accused", "Maria Lopez")]),
    "a circumstance after a naming verb is not a demand": (
        'Senator Maria Lopez called the decision "a huge mistake" on Friday.',
        [('the decision "a huge mistake"', "mixed", "called", "Maria Lopez")]),
    "called, unquoted, without its preposition is no speech": (
        "Senator Maria Lopez called her mother after the vote.", []),
    # cues next to a quotation
    "assured, after the quote": (
        '"The bridge will be safe for every family," Maria Lopez assured the crowd.',
        [('"The bridge will be safe for every family,"', "direct", "assured", "Maria Lopez")]),
    "interjected, before the quote": (
        'Maria Lopez interjected, "The bridge will be safe for every family."',
        [('"The bridge will be safe for every family."', "direct", "interjected", "Maria Lopez")]),
    "went on, a two-word cue": (
        'Maria Lopez spoke for an hour. She went on: "The bridge will be safe for every family."',
        [('"The bridge will be safe for every family."', "direct", "went on", "Maria Lopez")]),
    "made it clear: the cue is the phrase": (
        "Senator Maria Lopez made it clear that she would vote against the bill next week.",
        [("that she would vote against the bill next week", "indirect", "made it clear", "Maria Lopez")]),
    "went on to ...: a two-word cue only next to a quotation": (
        "Maria Lopez won the primary in May and went on to win the seat in November.", []),
    "claimed a thing: a topic, not words": (
        "Maria Lopez claimed victory in the primary on Tuesday night.", []),
    # the other class-6 cues (already read; kept from regressing)
    "took to Twitter to say": (
        "Governor John Hale took to Twitter to say that the state would not pay for the wall.",
        [("that the state would not pay for the wall", "indirect", "say", "John Hale")]),
    "a fragment in single quotes": (
        "Maria Lopez said she was 'appalled' by the decision of the board.",
        [("she was 'appalled' by the decision of the board", "mixed", "said", "Maria Lopez")]),
    "a quoted fragment on a non-speech verb inside reported speech": (
        'Maria Lopez said the board had "failed every family" in the county when it closed the school.',
        [('the board had "failed every family" in the county when it closed the school', "mixed", "said",
          "Maria Lopez")]),
    "inverted cue after long content": (
        '"We have waited for years and nobody has ever listened to us, not once, not ever," insists 16-year-old'
        " Emma Clark.",
        [('"We have waited for years and nobody has ever listened to us, not once, not ever,"', "direct", "insists",
          "Emma Clark")]),
    "a new quotation right after 'X said.' goes on with the speaker": (
        'Maria Lopez spoke on Monday. "We will win," she said. "The other side has no plan at all."',
        [('"We will win," ... "The other side has no plan at all."', "direct", "said", "Maria Lopez")]),
    "a short reported clause with its own subject": (
        "Maria Lopez asked the agency for the files. The agency said it would cooperate.",
        [("it would cooperate", "indirect", "said", "The agency")]),
    "a short object is no report": (
        "Maria Lopez denied it on Monday.", []),
    # boundaries
    "a report inside a reported clause stays in the outer quote": (
        "Maria Lopez noted that most voters who said they had backed the mayor now support the governor.",
        [("that most voters who said they had backed the mayor now support the governor", "indirect", "noted",
          "Maria Lopez")]),
    "a clause before the cue is the reporter's, the one after it is the content": (
        "It is on the budget that they disagree: most senators say they want a smaller deficit.",
        [("they want a smaller deficit", "indirect", "say", "most senators")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_content(nlp, name):
    text, expected = CASES[name]
    assert run(nlp, text) == expected
