"""`newsgraph eval counts`: gold loading, scoring on a small hand-made set, the CLI."""

from __future__ import annotations

import csv
import hashlib
import json

import pytest

from newsgraph.cli import main
from newsgraph.evaluate.counts import evaluate_counts, load_gold, read_wikinews
from newsgraph.extract.counts import LEXICON

TEXT = ("Storms hit the coast on Monday. At least 12 people were killed and 40 injured. "
        "Police arrested 30 protesters. The 2019 protests were peaceful.")


def _sentence(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _gold_line(sentence: str, counts: list[tuple[str, int, bool, str]]) -> str:
    start, end = _sentence(sentence)
    return json.dumps({
        "url": "https://example.org/a", "start": start, "end": end,
        "sha1": hashlib.sha1(sentence.encode()).hexdigest()[:12],
        "counts": [{"type": t, "number": n, "approximate": a, "span": list(_sentence(p))}
                   for t, n, a, p in counts]})


@pytest.fixture()
def small(tmp_path):
    data = tmp_path / "news"
    data.mkdir()
    with (data / "news.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["url", "date", "title", "text"])
        w.writerow(["https://example.org/a", "2024-01-01", "Storms", TEXT])
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join([
        # the extractor finds KILL 12 and WOUND 40 here; the gold's 41 is deliberately wrong
        _gold_line("At least 12 people were killed and 40 injured.",
                   [("KILL", 12, True, "12 people were killed"), ("WOUND", 41, False, "40 injured")]),
        # a gold count the extractor reports with another type: a miss and a spurious one
        _gold_line("Police arrested 30 protesters.", [("PROTEST", 30, False, "30 protesters")]),
        _gold_line("The 2019 protests were peaceful.", []),
    ]) + "\n")
    return data, gold


@pytest.mark.model
def test_scores_on_a_small_set(nlp, small):
    data, gold = small
    s = evaluate_counts(data, nlp=nlp, gold=load_gold(gold))
    assert (s.sentences, s.gold, s.predicted, s.matched, s.loose_matched) == (3, 3, 3, 1, 2)
    assert (s.approximate_agree, round(s.precision, 3), round(s.recall, 3)) == (1, 0.333, 0.333)
    assert [(m.kind, m.type, m.number) for m in s.errors] == [
        ("missed", "WOUND", 41), ("spurious", "WOUND", 40),
        ("missed", "PROTEST", 30), ("spurious", "ARREST", 30)]


@pytest.mark.model
def test_cli_prints_the_scores(small, capsys):
    data, gold = small
    assert main(["eval", "counts", str(data), "--gold", str(gold), "--errors"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"counts, {gold} gold: 3 labelled sentences from {data}: 3 gold, 3 predicted, ")
    assert out[2] == "type + number + overlap      0.333 0.333 0.333"
    assert out[3] == "type + overlap (any number)  0.667 0.667 0.667"
    assert out[4] == "approximate flag agrees on 1/1 matched counts"
    assert out[5] == "missed   WOUND          41  '40 injured'"


def test_bad_inputs_are_named(tmp_path, small, capsys):
    data, gold = small
    with pytest.raises(ValueError, match=r"no \*\.csv files; valid: a folder of CSV files"):
        read_wikinews(tmp_path / "nowhere")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"url": "x"}\n')
    with pytest.raises(ValueError, match=r"bad gold line .*bad.jsonl:1: 'start'; valid: a JSON object"):
        load_gold(bad)
    with pytest.raises(ValueError, match=r"unknown counts gold split 'train'; valid: dev, test"):
        load_gold(split="train")
    assert main(["eval", "counts", str(tmp_path / "nowhere"), "--gold", str(gold)]) == 2
    assert "cannot read Wikinews from" in capsys.readouterr().err


def test_changed_text_is_noticed(tmp_path, small):
    data, gold = small
    moved = tmp_path / "moved.jsonl"
    moved.write_text(gold.read_text().replace('"start": ', '"start": 1', 1))
    with pytest.raises(ValueError, match=r"no longer matches its text"):
        evaluate_counts(data, nlp=None, gold=load_gold(moved))


@pytest.mark.parametrize("split, sentences, counts", [("dev", 59, 38), ("test", 49, 24)])
def test_shipped_gold_matches_the_shared_data(shared_data, split, sentences, counts):
    gold = load_gold(split=split)
    assert (len(gold), sum(len(g.counts) for g in gold)) == (sentences, counts)
    texts = read_wikinews(shared_data / "wikinews")
    for g in gold:
        sentence = texts[g.url][g.start:g.end]
        assert hashlib.sha1(sentence.encode()).hexdigest()[:12] == g.sha1
        for c in g.counts:
            assert g.start <= c.span[0] < c.span[1] <= g.end and c.type in LEXICON
