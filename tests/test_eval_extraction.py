"""The article-extraction benchmark's metric, reimplemented: hand-made cases and the published figures."""

from __future__ import annotations

import json

import pytest

from newsgraph.evaluate.extraction import page_scores, score_pages, shingle_counts, split_of

BENCH = "article-extraction-benchmark"


def test_shingles_are_word_4grams_case_kept():
    assert shingle_counts("The cat, the cat sat.") == {("The", "cat", "the", "cat"): 1, ("cat", "the", "cat", "sat"): 1}
    assert shingle_counts("too short") == {("too", "short"): 1}  # one shingle, as the benchmark does
    assert shingle_counts("") == {}


def test_page_scores_are_normalised_counts():
    gold = "one two three four five six"  # 3 shingles
    assert page_scores(gold, gold) == (1.0, 0.0, 0.0)
    assert page_scores(gold, "one two three four five") == (2 / 3, 0.0, 1 / 3)
    assert page_scores(gold, gold + " seven") == (3 / 4, 1 / 4, 0.0)
    assert page_scores(gold, "") == (0.0, 0.0, 1.0)
    assert page_scores("", "") == (0.0, 0.0, 0.0)


def test_precision_and_recall_are_averaged_over_pages_then_combined():
    # Page 1 perfect; page 2 half its shingles extra; page 3 nothing predicted (no precision term).
    s = score_pages([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0), (0.0, 0.0, 1.0)])
    assert (s.pages, s.precision, s.recall) == (3, 0.75, pytest.approx(2 / 3))
    assert s.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_split_is_fixed_by_the_key():
    assert [split_of(k) for k in ("a", "b", "c", "d")] == ["report", "report", "tune", "tune"]


def test_published_figures_are_reproduced_from_the_stored_outputs(shared_data):
    root = shared_data / BENCH
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    figures = {}
    for name in ("trafilatura", "newspaper", "readability", "html-text"):
        stored = json.loads((root / "output" / f"{name}.json").read_text(encoding="utf-8"))
        stored = stored.get("output", stored)  # newer outputs wrap the texts with the tool's version
        scores = score_pages([page_scores(truth[k]["articleBody"], stored[k].get("articleBody") or "") for k in truth])
        figures[name] = round(scores.f1, 3)
    assert figures == {"trafilatura": 0.958, "newspaper": 0.949, "readability": 0.922, "html-text": 0.665}


def run_cli(capsys, *argv):
    from newsgraph.cli import main

    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_scores_the_first_pages(capsys, shared_data):
    status, out, err = run_cli(capsys, "eval", "extraction", str(shared_data / BENCH), "--limit", "12",
                               "--system", "newsgraph-extract")
    assert status == 0, err
    rows = [line.split()[:6] for line in out.splitlines()]
    assert rows[0] == ["system", "split", "pages", "P", "R", "F1"]
    assert rows[3] == ["newsgraph-extract", "all", "12", "0.985", "0.995", "0.990"]


def test_cli_names_a_wrong_directory(capsys, tmp_path):
    status, out, err = run_cli(capsys, "eval", "extraction", str(tmp_path))
    assert (status, out) == (2, "")
    assert err == (f"newsgraph: cannot evaluate {str(tmp_path)!r}: no ground-truth.json; valid: a copy of "
                   "scrapinghub/article-extraction-benchmark (ground-truth.json and html/*.html.gz)\n")
