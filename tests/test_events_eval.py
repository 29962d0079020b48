"""`newsgraph eval events` on a tiny hand-made slice in the PLOVER and PETRARCH2 formats."""

from __future__ import annotations

import json

import pytest

from newsgraph.cli import main
from newsgraph.evaluate.events import evaluate_petrarch, evaluate_plover

pytestmark = pytest.mark.model

RECORDS = [
    {"id": "r1", "event": "DISAPPROVE", "mode": "", "context": "diplomatic", "text":
     "The Iranian regime accused the United States of plotting against it.",
     "source": [{"actorText": "Iranian regime", "code": "IRN", "sector": "GOV"}],
     "target": [{"actorText": "United States", "code": "USA"}]},
    {"id": "r2", "event": "COERCE", "mode": "detain", "context": "legal", "text":
     "Police arrested 45 protesters in Cairo on Tuesday.",
     "source": {"actorText": "Police", "code": "EGY", "sector": "COP"},
     "target": {"actorText": "protesters", "code": "EGY", "sector": "CVL"}},
    # a miss on purpose: no trigger here
    {"id": "r3", "event": "SUPPORT", "context": "diplomatic", "text": "Gondor is a nice place.",
     "source": [{"actorText": "Gondor", "code": "GON"}], "target": ""},
]

PETR = """<Sentences>
<Sentence date="19950101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="173"></EventCoding>
<Text>Police arrested 45 protesters in Cairo on Tuesday.</Text>
</Sentence>
<Sentence date="19950101" id="T-2" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Gondor is a nice place.</Text>
</Sentence>
</Sentences>"""


def test_plover_scores(nlp, tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS))
    s = evaluate_plover(path, nlp=nlp)
    assert (s.records, s.predicted, s.type_correct) == (3, 2, 2)
    assert s.type_prf == (1.0, 2 / 3, 0.8)
    assert s.actor_prf("src") == (1.0, 2 / 3, 0.8)
    assert s.actor_prf("tgt") == (1.0, 1.0, 1.0)
    assert (s.mode_ok, s.mode_n) == (1, 1)  # detain (0.5) is arrest (2021)
    assert (s.ctx_ok, s.ctx_n) == (2, 3)


def test_petrarch_scores(nlp, tmp_path):
    path = tmp_path / "petr.xml"
    path.write_text(PETR)
    s = evaluate_petrarch(path, {"173": "COERCE"}, nlp=nlp)
    assert (s.sentences, s.types["tp"], s.types["pred"], s.types["gold"]) == (2, 1, 1, 1)
    assert (s.no_event_sentences, s.no_event_clean) == (1, 1)


def test_eval_command(nlp, tmp_path, capsys):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(RECORDS))
    (tmp_path / "CAMEO2PLOVER-2021.txt").write_text("173: COERCE, arrest, legal # Arrest\n")
    (tmp_path / "petr.xml").write_text(PETR)
    assert main(["eval", "events", str(path), "--petrarch", str(tmp_path / "petr.xml")]) == 0
    out = capsys.readouterr().out
    assert "event type (primary event)     1.000 0.667 0.800" in out
    assert "PLOVER type (via CAMEO2PLOVER) 1.000 1.000 1.000" in out
