"""Quotes with resolved speakers: one hand-written case per construction (real spaCy model)."""

from __future__ import annotations

import pytest

from newsgraph.article import Quote
from newsgraph.extract.entities import extract_entities
from newsgraph.extract.quotes import extract_quotes

pytestmark = pytest.mark.model


def run(nlp, text: str) -> list[tuple]:
    """Each quote as (text, spans, kind, cue, (speaker name, its entity's name or None, mention))."""
    doc = nlp(text)
    entities = extract_entities(doc)
    names = {e.id: e.name for e in entities}
    out = []
    for q in extract_quotes(doc, entities):
        for a, b in q.spans:
            assert q.text.count(text[a:b]) >= 1  # spans point into the text
        assert q.cue is None or text[q.cue.span[0]:q.cue.span[1]] == q.cue.text
        out.append((q.text, [list(s) for s in q.spans], q.kind, q.cue.text if q.cue else None,
                    _speaker(text, q, names)))
    return out


def _speaker(text: str, q: Quote, names: dict[str, str]):
    sp = q.speaker
    if sp is None:
        return None
    mention = text[sp.span[0]:sp.span[1]] if sp.span else None
    return (sp.name, names.get(sp.entity) if sp.entity else None, mention)


BLINKEN = ("Antony Blinken", "Antony Blinken")

CASES = {
    "straight marks": (
        'Secretary of State Antony Blinken visited London on Monday. "We will win this together," Blinken said.',
        [('"We will win this together,"', [[60, 88]], "direct", "said", (*BLINKEN, "Blinken"))]),
    "curly marks": (
        "Secretary of State Antony Blinken visited London on Monday. “We will win this together,” Blinken said.",
        [("“We will win this together,”", [[60, 88]], "direct", "said", (*BLINKEN, "Blinken"))]),
    "interrupted by the attribution": (
        "Foreign Secretary James Cleverly met reporters. “The alliance is strong,” Cleverly said, “and it will stay strong.”",
        [("“The alliance is strong,” ... “and it will stay strong.”", [[48, 73], [89, 115]], "direct", "said",
          ("James Cleverly", "James Cleverly", "Cleverly"))]),
    "attribution before, with a colon": (
        'Antony Blinken spoke in Kyiv on Tuesday. Blinken agreed: "There is no alternative to victory."',
        [('"There is no alternative to victory."', [[57, 94]], "direct", "agreed", (*BLINKEN, "Blinken"))]),
    "attribution in the previous paragraph": (
        "Antony Blinken spoke to reporters in Kyiv. He said:\n\n“We are with you for as long as it takes.”",
        [("“We are with you for as long as it takes.”", [[53, 95]], "direct", "said", (*BLINKEN, "He"))]),
    "multi-paragraph quote": (
        "Antony Blinken spoke in Kyiv. “We are with you for as long as it takes,” he said. “Our support will not fade."
        "\n\n“Nobody should doubt our resolve.”",
        [("“We are with you for as long as it takes,” ... “Our support will not fade. ... “Nobody should doubt our resolve.”",
          [[30, 72], [82, 109], [111, 145]], "direct", "said", (*BLINKEN, "he"))]),
    "unattributed paragraph continues the speaker": (
        "Antony Blinken spoke in Kyiv. “We are with you,” he said.\n\n“Nobody should doubt our resolve. Nobody.”",
        [("“We are with you,” ... “Nobody should doubt our resolve. Nobody.”", [[30, 48], [59, 101]], "direct", "said",
          (*BLINKEN, "he"))]),
    "unbalanced marks lose nothing else": (
        'Antony Blinken arrived late. "This is the first part," he said. "And this one never closes.'
        "\n\nJames Cleverly said the talks had been useful. “Good,” he added.",
        [('"This is the first part," ... "And this one never closes.', [[29, 54], [64, 91]], "direct", "said",
          (*BLINKEN, "he")),
         ("the talks had been useful", [[113, 138]], "indirect", "said", ("James Cleverly", "James Cleverly", "James Cleverly")),
         ("“Good,”", [[140, 147]], "direct", "added", ("James Cleverly", "James Cleverly", "he"))]),
    "X said that": (
        "Antony Blinken said that the sanctions would stay in place until the war ends.",
        [("that the sanctions would stay in place until the war ends", [[20, 77]], "indirect", "said",
          (*BLINKEN, "Antony Blinken"))]),
    "..., X said": (
        "The sanctions will stay in place until the war ends, Antony Blinken said.",
        [("The sanctions will stay in place until the war ends", [[0, 51]], "indirect", "said", (*BLINKEN, "Antony Blinken"))]),
    "cue inside the content": (
        "James Cleverly spoke on Friday. The UK, Cleverly added, will join the new fund next year.",
        [("The UK ... will join the new fund next year.", [[32, 38], [56, 89]], "indirect", "added",
          ("James Cleverly", "James Cleverly", "Cleverly"))]),
    "cue inside the content, parsed as a relative clause": (
        "James Cleverly spoke on Friday. The UK, Cleverly added, will join the U..S in funding the rebuilding of the grid.",
        [("The UK ... will join the U..S in funding the rebuilding of the grid.", [[32, 38], [56, 113]], "indirect",
          "added", ("James Cleverly", "James Cleverly", "Cleverly"))]),
    "the outlet's own correspondent reports: sourcing, not a quotation": (
        "Antony Blinken met James Cleverly in London on Friday, the agency's London correspondent reports from the Foreign Office.",
        []),
    "a statement saying": (
        'Antony Blinken spoke in Kyiv. He released a statement saying, "We will stand with Ukraine for as long as it takes."',
        [('"We will stand with Ukraine for as long as it takes."', [[62, 115]], "direct", "saying", (*BLINKEN, "He"))]),
    "by saying": (
        'Antony Blinken answered by saying, "We will stand with Ukraine for as long as it takes."',
        [('"We will stand with Ukraine for as long as it takes."', [[35, 88]], "direct", "saying",
          (*BLINKEN, "Antony Blinken"))]),
    "speaker with an apposition holding a participle": (
        '"We will stand with Ukraine," Maria Lopez, a retired teacher from Ohio, said on Monday.',
        [('"We will stand with Ukraine,"', [[0, 29]], "direct", "said", ("Maria Lopez", "Maria Lopez", "Maria Lopez"))]),
    "wrote a letter: a thing, not the words": (
        "Antony Blinken wrote a long letter to the Senate committee on Monday.", []),
    "explained a topic": (
        "Antony Blinken explained the difference between the two sanctions plans.", []),
    "wrote that": (
        "Antony Blinken wrote that the sanctions plan would stay in place.",
        [("that the sanctions plan would stay in place", [[21, 64]], "indirect", "wrote", (*BLINKEN, "Antony Blinken"))]),
    "according to": (
        "The fund will be worth $5 billion, according to Antony Blinken.",
        [("The fund will be worth $5 billion", [[0, 33]], "indirect", "according to", (*BLINKEN, "Antony Blinken"))]),
    "told reporters": (
        "Antony Blinken told reporters the talks had been productive.",
        [("the talks had been productive", [[30, 59]], "indirect", "told", (*BLINKEN, "Antony Blinken"))]),
    "speaking about ..., he said, ...": (
        "Speaking about the attacks, Antony Blinken said, there have been too many civilian deaths.",
        [("there have been too many civilian deaths.", [[49, 90]], "indirect", "said", (*BLINKEN, "Antony Blinken"))]),
    "paraphrase with a quoted fragment": (
        'Britain and the United States worked "hand in glove" to support Ukraine, according to James Cleverly.',
        [('Britain and the United States worked "hand in glove" to support Ukraine', [[0, 71]], "mixed", "according to",
          ("James Cleverly", "James Cleverly", "James Cleverly"))]),
    "partial quote": (
        'Antony Blinken rejected what he called "new territorial realities" in the east.',
        [('"new territorial realities"', [[39, 66]], "mixed", "called", (*BLINKEN, "he"))]),
    "nested quote: the outer speaker's, and the inner speaker's own quote": (
        "Antony Blinken spoke last. “My mother always told me, ‘Never give up on your friends,’ and I never did,” Blinken said.",
        [("“My mother always told me, ‘Never give up on your friends,’ and I never did,”", [[27, 104]], "direct", "said",
          (*BLINKEN, "Blinken")),
         ("‘Never give up on your friends,’", [[54, 86]], "direct", "told", ("My mother", None, "My mother"))]),
    "nested quote of oneself stays inside the outer quote": (
        "Antony Blinken spoke last. “I told them, ‘We will be back,’ and we came back,” Blinken said.",
        [("“I told them, ‘We will be back,’ and we came back,”", [[27, 78]], "direct", "said",
          (*BLINKEN, "Blinken"))]),
    "pronoun": (
        "Antony Blinken landed in Kyiv on Monday. He said the visit would be short.",
        [("the visit would be short", [[49, 73]], "indirect", "said", (*BLINKEN, "He"))]),
    "nominal description": (
        "U.S. Secretary of State Antony Blinken met reporters. The secretary of state said the ceasefire was holding.",
        [("the ceasefire was holding", [[82, 107]], "indirect", "said", (*BLINKEN, "The secretary"))]),
    "surname": (
        "Antony Blinken landed in Kyiv. Blinken said the visit would be short.",
        [("the visit would be short", [[44, 68]], "indirect", "said", (*BLINKEN, "Blinken"))]),
    "misspelt surname": (
        "James Cleverly met reporters. Clevely said the talks would continue.",
        [("the talks would continue", [[43, 67]], "indirect", "said", ("James Cleverly", "James Cleverly", "Clevely"))]),
    "organisation": (
        "The State Department said the embassy would reopen next month.",
        [("the embassy would reopen next month", [[26, 61]], "indirect", "said",
          ("State Department", "State Department", "The State Department"))]),
    "unnamed source": (
        "A source said the talks had stalled.",
        [("the talks had stalled", [[14, 35]], "indirect", "said", ("A source", None, "A source"))]),
    "unnamed officials": (
        "Officials said the border would stay closed.",
        [("the border would stay closed", [[15, 43]], "indirect", "said", ("Officials", None, "Officials"))]),
    "quoted fragment nobody else claims": (
        'Antony Blinken met reporters. Blinken criticized the climate in which people "simply stop listening" to each other.',
        [('the climate in which people "simply stop listening" to each other', [[49, 114]], "mixed", "criticized",
          (*BLINKEN, "Blinken"))]),
    "naming verb with a quoted complement": (
        'Antony Blinken called the decision "a huge mistake" on Friday.',
        [('the decision "a huge mistake"', [[22, 51]], "mixed", "called", (*BLINKEN, "Antony Blinken"))]),
    "passive: the addressee is not the speaker": (
        "Antony Blinken was told that the talks had collapsed overnight.", []),
    "passive with an agent": (
        'The plan was described by Antony Blinken as "a serious step forward" for the region.',
        [('as "a serious step forward" for the region', [[41, 83]], "mixed", "described", (*BLINKEN, "Antony Blinken"))]),
    "inverted attribution": (
        '"We are ready for the next step," said Antony Blinken, who leads the delegation.',
        [('"We are ready for the next step,"', [[0, 33]], "direct", "said", (*BLINKEN, "Antony Blinken"))]),
    "signed pull quote": (
        "“We are ready for anything.” ― Antony Blinken",
        [("“We are ready for anything.”", [[0, 28]], "direct", "―", (*BLINKEN, "Antony Blinken"))]),
    "scare quotes are nobody's words": (
        'The so-called "peace plan" was published on Monday.', []),
    "relative pronoun": (
        "The delegation was led by Antony Blinken, who said the visit would be short.",
        [("the visit would be short", [[51, 75]], "indirect", "said", (*BLINKEN, "who"))]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_construction(nlp, name):
    text, expected = CASES[name]
    assert run(nlp, text) == expected


def test_nested_quotes_can_be_turned_off(nlp):
    text = "Antony Blinken spoke last. “My mother always told me, ‘Never give up on your friends,’ and I never did,” Blinken said."
    doc = nlp(text)
    quotes = extract_quotes(doc, extract_entities(doc), nested=False)
    assert [(q.text, q.cue.text, q.speaker.name) for q in quotes] == [
        ("“My mother always told me, ‘Never give up on your friends,’ and I never did,”", "said", "Antony Blinken")]


def test_several_speakers(nlp):
    text = "Antony Blinken and James Cleverly said the two countries would act together."
    doc = nlp(text)
    entities = extract_entities(doc)
    names = {e.id: e.name for e in entities}
    (q,) = extract_quotes(doc, entities)
    assert q.text == "the two countries would act together"
    assert q.speaker == q.speakers[0]
    assert [(names[s.entity], text[s.span[0]:s.span[1]]) for s in q.speakers] == [
        ("Antony Blinken", "Antony Blinken"), ("James Cleverly", "James Cleverly")]


def test_no_speech_no_quotes(nlp):
    assert run(nlp, "The bridge was closed for repairs on Sunday.") == []
    assert run(nlp, "") == []


def test_only_marks_never_raise(nlp):
    text = '"""\n\n“ ” ” “\n\'\' "He said, "'
    assert all(q.spans for q in extract_quotes(nlp(text), []))
