"""Events extractor: exact events for hand-written sentences, through the real model."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.events import analyse_sentence

pytestmark = pytest.mark.model


def _code(doc_events):
    return [(e.type, e.trigger, [a.code for a in (e.sources or [e.source]) if a],
             [a.code for a in (e.targets or [e.target]) if a]) for e in doc_events]


@pytest.mark.parametrize("text, expected", [
    ("The Iranian regime accused the United States of plotting against it.",
     [("ACCUSE", "accused", ["IRNGOV"], ["USA"])]),
    ("Police arrested 45 protesters in Cairo on Tuesday.",
     [("COERCE", "arrested", ["EGYCOP"], ["EGYCVL"])]),
    ("The Kremlin threatened to cut ties with Lithuania.",
     [("THREATEN", "threatened", ["RUSGOV"], ["LTU"])]),
    ("Senior Hungarian and Romanian officials agreed on Wednesday.",
     [("AGREE", "agreed", ["HUNGOV", "ROUGOV"], [])]),
    ("Israeli troops did not attack the village.", []),
    # a trigger under another is its content: one REQUEST, not a REQUEST and a RETREAT
    ("Greece demanded that Turkey withdraw its troops.",
     [("REQUEST", "demanded", ["GRC"], ["TUR"])]),
    # a relative pronoun is the noun it modifies
    ("Police arrested the rebels who attacked Kabul.",
     [("COERCE", "arrested", ["AFGCOP"], ["AFGREB"]), ("ASSAULT", "attacked", ["AFGREB"], ["AFGGOV"])]),
    # an accident is no actor
    ("The accident killed five children.", []),
    # modal future of a hostile act is a threat
    ("Russia said it would attack Ukraine.",
     [("THREATEN", "attack", ["RUS"], ["UKR"])]),
])
def test_events_of_sentences(nlp, text, expected):
    _, events, _ = analyse_sentence(nlp, text)
    assert _code(events) == expected


def test_counts_and_place_linked(nlp):
    _, events, _ = analyse_sentence(nlp, "Police arrested 45 protesters in Cairo on Tuesday.", "2024-05-01")
    (ev,) = events
    assert ev.counts == [0]
    assert ev.place.name == "Cairo" and ev.place.country == "EGY"
    assert ev.date == "2024-05-01"
    assert ev.cameo == "173" and ev.mode == "arrest"


def test_speech_act_linked_to_quote(nlp):
    text = 'Antony Blinken, the U.S. Secretary of State, condemned Russia on Monday. "We demand that Russia withdraw," Blinken said.'
    _, events, quotes = analyse_sentence(nlp, text)
    req = [e for e in events if e.type == "REQUEST"]
    assert req and req[0].quote is not None
    assert req[0].speaker == "Antony Blinken"
    assert req[0].source.name == "Antony Blinken"  # "We" in his quote is the speaker
    acc = [e for e in events if e.type == "ACCUSE"][0]
    assert acc.source.name == "Antony Blinken" and acc.source.country == "USA"


def test_repeated_event_is_one_with_mentions(nlp):
    text = "Israeli troops attacked Hamas fighters in Gaza. Later, Israeli troops attacked Hamas fighters again."
    _, events, _ = analyse_sentence(nlp, text)
    assault = [e for e in events if e.type == "ASSAULT"]
    assert len(assault) == 1 and len(assault[0].mentions) == 2


def test_place_and_date_from_other_extractors(nlp):
    """The places and dates extractors' facts (their record shapes) give the event's place and date."""
    from types import SimpleNamespace as NS

    from newsgraph.extract.entities import EntityIndex, extract_entities
    from newsgraph.extract.events import extract_events

    text = "Police arrested 45 protesters in Cairo on Tuesday."
    doc = nlp(text)
    ents = extract_entities(doc)
    cairo = text.index("Cairo")
    places = [NS(entity=None, name="Cairo", spans=[(cairo, cairo + 5)], demonym=False, metonymy=False,
                 metonymy_spans=[], geo=NS(geonameid=360630, lat=30.06263, lon=31.24967, country_code="EG",
                                           feature_code="PPLC"))]
    tuesday = text.index("Tuesday")
    dates = [NS(text="Tuesday", span=(tuesday, tuesday + 7), type="DATE", value="2024-05-07", granularity="day")]
    (ev,) = extract_events(doc, entities=ents, places=places, dates=dates, published="2024-05-09",
                           index=EntityIndex(ents))
    assert (ev.place.name, ev.place.country, ev.place.lat, ev.place.geonameid) == ("Cairo", "EGY", 30.06263, 360630)
    assert ev.date == "2024-05-07"
