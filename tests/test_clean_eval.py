"""The boilerplate evaluation's labelling and its CLI wiring (the figures themselves: docs/cleaning.md)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsgraph.evaluate.boilerplate import in_split, label_lines


def test_label_lines_marks_lines_absent_from_the_gold_body():
    page = ("Home\nWorld\nMinister resigns\nThe minister resigned on Monday after weeks of pressure.\n"
            "- She will stay until a successor is found\nWorld\nShare this article\n")
    gold = "The minister resigned on Monday after weeks of pressure.\n\nShe will stay until a successor is found"
    assert label_lines(page, gold) == [
        ("Home", True), ("World", True), ("Minister resigns", True),
        ("The minister resigned on Monday after weeks of pressure.", False),
        ("- She will stay until a successor is found", False),  # list bullets added by extractors
        ("World", True), ("Share this article", True),
    ]


def test_short_lines_count_as_body_only_as_whole_gold_lines():
    # "World" occurs in the gold text, but not as a line of its own: still boilerplate
    assert label_lines("World\nThe World Bank\n", "The World Bank\n\nIt lends to the world.") == [
        ("World", True), ("The World Bank", False)]


def test_splits_by_first_hex_digit():
    assert [in_split(k, "train") for k in ("0f", "af", "bf", "ff")] == [True, True, False, False]
    assert [in_split(k, "dev") for k in ("0f", "af", "bf", "ff")] == [False, False, True, True]
    with pytest.raises(ValueError, match="unknown split 'test'; valid: train, dev, all"):
        in_split("0f", "test")


def test_cli_names_a_missing_benchmark_folder(tmp_path):
    r = subprocess.run([sys.executable, "-m", "newsgraph", "eval", "boilerplate", str(tmp_path / "nope")],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.startswith(f"newsgraph: cannot read the article-extraction benchmark in '{tmp_path / 'nope'}'")
