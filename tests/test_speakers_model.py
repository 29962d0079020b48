"""The speaker ranker: the shipped model file, the scoring, candidates and the non-speaker filter."""

from __future__ import annotations

import json
from importlib.resources import files

import numpy as np
import pytest

from newsgraph.data.lexicon import table, words
from newsgraph.extract.speakers_model import FEATURES, GROUPS, MODEL_FILE, Candidate, Ranker, load_ranker


def test_model_file_ships_small_and_matches_the_features():
    path = files("newsgraph.data").joinpath(MODEL_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert len(path.read_bytes()) < 1_000_000
    assert data["features"] == list(FEATURES)
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(FEATURES)
    assert set(data["calibration"]) == {"a", "m", "b"}
    assert load_ranker() is load_ranker()  # loaded once per process


def test_feature_groups_cover_every_feature_once():
    names = [f for g in GROUPS.values() for f in g]
    assert len(names) == len(set(names)) == len(FEATURES)


def _ranker(weights: dict[str, float], calibration=None) -> Ranker:
    return Ranker({"features": list(FEATURES), "weights": [weights.get(f, 0.0) for f in FEATURES],
                   "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES), "bias": 0.0,
                   "calibration": calibration or {"a": 0.0, "m": 1.0, "b": 0.0}})


def _cand(**on: float) -> Candidate:
    c = Candidate((0, 1), head=None, features=np.zeros(len(FEATURES)))
    for k, v in on.items():
        c.features[FEATURES.index(k)] = v
    return c


def test_choose_takes_the_highest_score_and_calibrates_the_margin():
    r = _ranker({"subj_of_cue": 2.0, "pron_self": -1.0})
    a, b, c = _cand(subj_of_cue=1), _cand(), _cand(pron_self=1)
    best, p = r.choose([b, a, c])
    assert best is a
    assert p == pytest.approx(1 / (1 + np.exp(-2.0)))  # margin 2 over the runner-up


def test_no_candidates_no_speaker():
    assert _ranker({}).choose([]) == (None, 0.0)


def test_word_lists_are_data_files():
    assert "say" in words("en", "quote_cues", "cue_verbs")
    assert "percent" in words("en", "speakers", "non_speaker_heads")
    assert "secretary of state" in table("en", "titles")["equivalences"]["diplomat"]
    with pytest.raises(ValueError, match="valid:"):
        words("en", "quote_cues", "no_such_list")


@pytest.mark.model
@pytest.mark.parametrize("text, head, expected", [
    ("The day said it all.", "day", True),
    ("Fifty-one percent said no.", "percent", True),
    ("The attack said nothing.", "attack", True),
    ("The New York Times said so.", "Times", False),
    ("Kristen Day said so.", "Day", False),
    ("The 26-year-old said so.", "year", False),
    ("One of them said so.", "One", False),
])
def test_non_speaker(nlp, text, head, expected):
    from newsgraph.extract.speakers_model import is_non_speaker

    doc = nlp(text)
    subj = next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass"))
    span = text[subj.left_edge.idx:subj.idx + len(subj)]
    assert head in subj.text or head in span
    assert is_non_speaker(subj, span) is expected


@pytest.mark.model
def test_train_command_writes_a_model_from_a_tiny_split(tmp_path):
    from newsgraph.cli import main

    text = ('Antony Blinken visited Kyiv on Monday. "We will stand with Ukraine," Blinken said.\n'
            "James Cleverly said the talks had gone well for both countries.\n")
    ann = ("T1\tSource 71 78\tBlinken\nT2\tCue 79 83\tsaid\nT3\tContent 39 69\t\"We will stand with Ukraine,\"\n"
           "E1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n"
           "T4\tSource 85 99\tJames Cleverly\nT5\tCue 100 104\tsaid\nT6\tContent 105 148\tthe talks\n"
           "E2\tAttribution:T5 Cue:T5 Source:T4 Content:T6\n")
    for split in ("train", "dev"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir()
        (tmp_path / split / "text" / "a.txt").write_text(text, encoding="utf-8")
        (tmp_path / split / "attributions" / "a_x.ann").write_text(ann, encoding="utf-8")
    out = tmp_path / "model.json"
    assert main(["train", "speakers", str(tmp_path / "train"), "--out", str(out), "--cache", "",
                 "--no-ablation"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and data["trained_on"]["train_quotes"] == 2


def _features(nlp, text: str, quote_words: str, cue_word: str | None):
    """The candidates of one hand-made quote: content = quote_words, cue = cue_word."""
    from newsgraph.extract.speakers_model import DocView, OtherContents, speaker_candidates

    doc = nlp(text)
    a = text.index(quote_words)
    spans = [(a, a + len(quote_words))]
    cue = None
    if cue_word:
        c = text.index(cue_word)
        cue = (c, c + len(cue_word))
    cands = speaker_candidates(DocView(doc, text), spans, cue, [], "indirect", lambda ch: False,
                               lambda sp: None, None, OtherContents([spans]))
    return {text[c.span[0]:c.span[1]]: dict(zip(FEATURES, c.features)) for c in cands}


@pytest.mark.model
def test_tree_features_place_the_candidate_against_the_cue(nlp):
    text = "Mayor Ann Lee said that her deputy thinks the bridge will open in May."
    got = _features(nlp, text, "the bridge will open in May", "said")
    assert got["Mayor Ann Lee"]["in_cue_subtree"] == 0 and got["Mayor Ann Lee"]["root_subject"] == 1
    assert got["her deputy"]["in_cue_subtree"] == 1 and got["her deputy"]["root_subject"] == 0


@pytest.mark.model
def test_a_candidate_inside_another_quotes_content(nlp):
    from newsgraph.extract.speakers_model import DocView, OtherContents, speaker_candidates

    text = "Ann Lee said that Tom Reed was tired. He added that the city would rebuild the old bridge."
    doc = nlp(text)
    first = (text.index("Tom Reed"), text.index(" was tired") + len(" was tired"))
    second = (text.index("the city"), len(text) - 1)
    c = text.index("added")
    cands = speaker_candidates(DocView(doc, text), [second], (c, c + 5), [], "indirect", lambda ch: False,
                               lambda sp: None, None, OtherContents([[first], [second]]))
    inside = {text[x.span[0]:x.span[1]]: x.features[FEATURES.index("in_other_content")] for x in cands}
    assert inside["Tom Reed"] == 1 and inside["Ann Lee"] == 0 and inside["He"] == 0


@pytest.mark.model
def test_a_content_that_took_in_its_speaker_still_offers_the_speaker(nlp):
    # the content boundaries swallowed the attribution: its subject is a candidate all the same
    text = 'Governor Pat Lane spoke in Ohio. Lane says the plan "has a record of bringing people together."'
    a = text.index("Lane says")
    got = _features(nlp, text, text[a:-1], None)
    assert got["Lane"]["in_content"] == 1
