"""The dates extractor's trained weekday direction (dates_model, dates_train): features, the
shipped model, the decision in the extractor, and the training command on a hand-made corpus."""

import json
from datetime import date
from importlib.resources import files

import numpy as np
import pytest
import spacy

from newsgraph.extract.dates import _extract, extract_dates
from newsgraph.extract.dates_model import DIRECTION, MODEL_FILE, Logit, cycle_back, direction_features, load_models
from newsgraph.extract.dates_train import _after, fit

FRIDAY = "2019-01-04"


@pytest.mark.parametrize("kind, groups, ref, share", [
    ("weekday", {"wd": "Tuesday"}, date(2019, 1, 4), 3 / 7),  # Friday -> the Tuesday 3 days back
    ("weekday", {"wd": "Friday"}, date(2019, 1, 4), 0.0),  # the publication day itself
    ("weekday", {"wd": "Saturday"}, date(2019, 1, 4), 6 / 7),  # 6 back: the next one is tomorrow
    ("md", {"mon": "Jan.", "day": "2"}, date(2019, 1, 4), 2 / 366),
    ("md", {"mon": "December", "day": "31st"}, date(2019, 1, 4), 4 / 366),
    ("mon", {"mon": "November"}, date(2019, 1, 4), 2 / 12),
    ("year", {"year": "2019"}, date(2019, 1, 4), None),  # no cycle: no direction to decide
])
def test_cycle_back(kind, groups, ref, share):
    assert cycle_back(kind, ref, groups) == share


def test_logit_reads_its_json_and_ignores_unknown_features():
    data = {"features": ["k_weekday", "phase", "gone"], "weights": [0.0, 4.0, 9.0], "mean": [0.0, 0.5, 0.0],
            "scale": [1.0, 0.25, 1.0], "bias": 0.0}
    m = Logit(data, DIRECTION)
    x = np.zeros(len(DIRECTION))
    x[DIRECTION.index("phase")] = 0.5
    assert m.prob(x) == 0.5 and m.decide(x)  # at the mean: z = 0, the threshold's edge
    x[DIRECTION.index("phase")] = 0.25
    assert m.prob(x) < 0.02 and not m.decide(x)


def test_fit_is_deterministic_and_learns_a_separable_feature():
    rng = np.random.default_rng(0)
    X = rng.random((80, len(DIRECTION)))
    y = (X[:, DIRECTION.index("phase")] > 0.5).astype(float)
    a, b = fit(X, y), fit(X, y)
    assert a == b
    w = dict(zip(a["features"], a["weights"]))
    assert w["phase"] == max(w.values()) > 1.0


@pytest.mark.parametrize("value, after", [
    ("2019-01-05", True), ("2019-01-04", False), ("2019-01-04TNI", False), ("2019-01-07T12:00", True),
    ("2019-02", True), ("2019-01", False), ("2018-12", False), ("2019-W02", None), ("PRESENT_REF", None),
])
def test_training_label_is_after_the_document_date(value, after):
    assert _after(value, date(2019, 1, 4)) is after


def test_the_shipped_model_has_every_feature():
    path = files("newsgraph.data").joinpath(MODEL_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["direction"]["features"] == list(DIRECTION)
    assert data["direction"]["trained_on"] == "TimeBank"
    assert load_models()["direction"] is not None


def test_features_without_a_parser():
    # a blank pipeline (no tags, no sentences): the features still come, with no verb
    doc = spacy.blank("en")("Prices fell Tuesday.")
    x = direction_features(doc, doc[2], date(2019, 1, 4), "weekday", {"wd": "Tuesday"}, 12, 19, None, [], [], 0,
                           False)
    f = dict(zip(DIRECTION, x))
    assert f["verb"] == 0.0 and f["rule_none"] == 1.0 and f["k_weekday"] == 1.0 and f["phase"] == 3 / 7
    assert f["prep_none"] == 1.0 and f["first_sent"] == 1.0


@pytest.fixture(scope="module")
def nlp():
    from newsgraph.nlp import load_pipeline

    return load_pipeline("en_core_web_sm")


@pytest.mark.model
def test_features_from_the_parse(nlp):
    doc = nlp("The mayor will visit on Tuesday. Police said he was arrested on Sunday.")
    found = {f.fact.text: dict(zip(DIRECTION, f.x)) for f in _extract(doc, FRIDAY, learned=False)}
    tue, sun = found["Tuesday"], found["Sunday"]
    assert tue["aux_will"] == 1.0 and tue["prep_on"] == 1.0 and tue["rule_future"] == 1.0
    assert tue["first_sent"] == 1.0 and sun["first_sent"] == 0.0
    assert sun["passive"] == 1.0 and sun["aux_be_past"] == 1.0 and sun["v_tense_past"] == 1.0
    assert sun["root_past"] == 1.0 and sun["phase"] == 5 / 7


@pytest.mark.model
def test_the_model_decides_a_tenseless_weekday(nlp):
    # published on a Friday: "by Sunday" with no verb is the coming Sunday (the rules alone: the last one)
    doc = nlp("The deadline: by Sunday.")
    assert [f.value for f in extract_dates(doc, FRIDAY)] == ["2019-01-06"]
    assert [f.fact.value for f in _extract(doc, FRIDAY, learned=False)] == ["2018-12-30"]


@pytest.mark.model
@pytest.mark.parametrize("text, value", [
    ("The mayor will visit on Tuesday.", "2019-01-08"),  # future: the rules' ("will"), not the model's
    ("The talks resume Tuesday in Geneva.", "2019-01-08"),  # present: the coming one, the rules'
    ("Police arrested him on Tuesday.", "2019-01-01"),  # past: the model agrees with the tense
    ("He died Friday.", "2019-01-04"),  # the publication day itself
])
def test_weekday_values_with_the_model(nlp, text, value):
    assert [f.value for f in extract_dates(nlp(text), FRIDAY)] == [value]


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>
<TEXT>{text}</TEXT>
</TimeML>"""


@pytest.mark.model
def test_train_dates_command(tmp_path, capsys):
    from newsgraph.cli import main

    corpus = tmp_path / "tb"
    corpus.mkdir()
    docs = [
        ("a", "1998-02-06", 'Prices fell <TIMEX3 tid="t1" type="DATE" value="1998-02-03">Tuesday</TIMEX3>. '
                            'The board will meet <TIMEX3 tid="t2" type="DATE" value="1998-02-10">Tuesday</TIMEX3>.'),
        ("b", "1998-02-06", 'Sales rose in <TIMEX3 tid="t3" type="DATE" value="1998-01">January</TIMEX3> and will '
                            'rise in <TIMEX3 tid="t4" type="DATE" value="1998-03">March</TIMEX3>.'),
    ]
    for name, dct, text in docs:
        (corpus / f"{name}.tml").write_text(TML.format(name=name, dct=dct, text=text), encoding="utf-8")
    out = tmp_path / "model.json"
    assert main(["train", "dates", str(corpus), "--out", str(out), "--cache", ""]) == 0
    assert "4 examples (2 bare weekdays, 1 of them after" in capsys.readouterr().out
    first = out.read_bytes()
    data = json.loads(first)
    assert data["direction"]["features"] == list(DIRECTION) and data["direction"]["examples"] == 4
    assert main(["train", "dates", str(corpus), "--out", str(out), "--cache", ""]) == 0
    assert out.read_bytes() == first  # the same file again
