"""GDELT-style tone from the VADER lexicon (extract/tone.py)."""

import pytest

from newsgraph.article import Quote
from newsgraph.extract.tone import extract_tone, lexicon


def test_lexicon_ships_with_the_package():
    lex = lexicon()
    assert len(lex) > 7000 and lex["good"] > 0 and lex["bad"] < 0


@pytest.mark.model
def test_values_per_article_and_quote():
    from newsgraph.nlp import load_pipeline

    nlp = load_pipeline("en_core_web_sm")
    text = 'The attack was terrible. "We are happy," she said.'
    doc = nlp(text)
    q = Quote('"We are happy,"', [(text.index('"We'), text.index('," she') + 2)], "direct")
    t = extract_tone(doc, [q])
    # words: The attack was terrible We are happy she said = 9
    assert t.word_count == 9
    # positive: happy; negative: attack, terrible
    assert (t.positive, t.negative) == (round(100 / 9, 4), round(200 / 9, 4))
    assert t.tone == round(t.positive - t.negative, 4)
    assert t.polarity == round(t.positive + t.negative, 4)
    assert t.self_group == round(200 / 9, 4)  # We, she
    assert t.activity == round(100 / 9, 4)  # said (was, are are auxiliaries)
    (qt,) = t.quotes
    assert (qt.quote, qt.word_count, qt.positive, qt.negative) == (0, 3, round(100 / 3, 4), 0.0)
