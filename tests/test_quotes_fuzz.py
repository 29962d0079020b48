"""Fuzzing the extractors with hypothesis (issue 12): random text dense with quotation
marks, guillemets, colons, cue verbs and HTML fragments never makes an extractor raise,
and every span stays inside the text. One model for all examples; a few seconds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph.extract.pipeline import run_extractors
from newsgraph.settings import Settings

pytestmark = pytest.mark.model

PIECES = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", "\u2039", "\u203a", "\u201e",
          ":", ",", ".", " ", " ", "\n", "\n\n", "said", " said ", "told", "according to", "he", "She",
          "Mr Smith", "the minister", "<p>", "</p>", "<b>", "&quot;", "&amp;", "--", "\u2014", "(", ")",
          "We will win", "7", "killed"]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=25).map("".join)

SETTINGS = Settings()


def _check(nlp, text):
    doc = nlp(text)
    out = run_extractors(doc, text=text, settings=SETTINGS, language="en")
    failures = [w for w in out.warnings if w.startswith(("[W302]", "[W303]"))]
    assert failures == [], (text, failures)
    for q in out.results.get("quotes", []):
        for a, b in [*q.spans, *([q.cue.span] if q.cue else []), *([q.speaker.span] if q.speaker and q.speaker.span else [])]:
            assert 0 <= a <= b <= len(text), (text, q)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=texts)
@example(text='\u2039:"said')
@example(text='""said:"\u2039')
@example(text='He said: "\u00abNo\u00bb"')
def test_extractors_never_raise_on_dense_quotation_marks(nlp, text):
    _check(nlp, text)
