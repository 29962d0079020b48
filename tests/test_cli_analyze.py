"""`newsgraph analyze` end to end on files, directories, stdin and bad input (real model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.cli import main

ARTICLE = (
    "Officials in Geneva said on Monday that the talks would resume next week.\n\n"
    "\"We are ready,\" said the spokesperson.\n"
)


def run_cli(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "latin1.txt").write_bytes("Jos\u00e9 Mar\u00eda G\u00f3mez said the caf\u00e9 was closed.\n".encode("latin-1"))
    (d / "sub" / "cp1252.txt").write_bytes("\u201cIt is over,\u201d the minister said \u2014 again.\n".encode("cp1252"))
    (d / "sub" / "utf16.txt").write_bytes("The mayor of Z\u00fcrich said the bridge reopened.\n".encode("utf-16"))
    return d


@pytest.mark.model
def test_directory_is_read_recursively_with_encodings_detected(capsys, corpus):
    status, out, err = run_cli(capsys, "analyze", str(corpus), "--format", "jsonl")
    assert status == 0, err
    recs = records(out)
    by_name = {Path(r["source"]["path"]).name: r for r in recs}
    assert sorted(by_name) == ["a.txt", "cp1252.txt", "latin1.txt", "utf16.txt"]
    assert by_name["latin1.txt"]["text"] == "Jos\u00e9 Mar\u00eda G\u00f3mez said the caf\u00e9 was closed."
    assert by_name["latin1.txt"]["warnings"][0].startswith("[W101] input decoded as ")
    assert by_name["cp1252.txt"]["text"] == "\u201cIt is over,\u201d the minister said \u2014 again."
    assert by_name["utf16.txt"]["text"] == "The mayor of Z\u00fcrich said the bridge reopened."
    for r in recs:
        assert r["id"] and r["language"] == "en"
        assert r["source"]["format"] == "text"


@pytest.mark.model
def test_bad_inputs_fail_alone_with_one_line_each(capsys, tmp_path, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.bin").write_bytes(bytes(range(256)) * 2)
    (corpus / "doc.pdf").write_bytes(b"%PDF-1.7\n%binary")
    (corpus / "big.txt").write_text("word " * 400, encoding="utf-8")
    os.symlink(tmp_path / "nowhere.txt", corpus / "dangling.txt")
    env_before = os.environ.get("NEWSGRAPH_MAX_BYTES")
    os.environ["NEWSGRAPH_MAX_BYTES"] = "1000"
    try:
        status, out, err = run_cli(capsys, "analyze", str(corpus), str(tmp_path / "missing.txt"), "--format", "jsonl")
    finally:
        if env_before is None:
            del os.environ["NEWSGRAPH_MAX_BYTES"]
        else:
            os.environ["NEWSGRAPH_MAX_BYTES"] = env_before
    assert status == 1
    recs = records(out)
    errors = {Path(r["source"]["path"]).name: r["error"] for r in recs if "error" in r}
    good = sorted(Path(r["source"]["path"]).name for r in recs if "error" not in r)
    assert good == ["a.txt", "cp1252.txt", "latin1.txt", "utf16.txt"]
    assert sorted(errors) == ["big.txt", "blob.bin", "dangling.txt", "doc.pdf", "empty.txt", "missing.txt"]
    assert "empty file" in errors["empty.txt"]
    assert "binary data, not text, HTML, WARC or JSONL" in errors["blob.bin"]
    assert "a PDF document, not text, HTML, WARC or JSONL" in errors["doc.pdf"]
    assert "2,000 bytes is over the 1,000 bytes limit for one article" in errors["big.txt"]
    assert "no such file" in errors["dangling.txt"]
    assert "no such file or directory" in errors["missing.txt"]
    err_lines = [line for line in err.splitlines() if line]
    assert len(err_lines) == 6
    assert all(line.startswith("newsgraph: cannot read ") for line in err_lines)


@pytest.mark.model
def test_stdin_and_json_format():
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph.cli", "analyze", "-", "--format", "json"],
        input=ARTICLE.encode(), capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    rec = json.loads(proc.stdout)
    assert rec["source"] == {"path": "-", "url": None, "format": "stdin", "id": None, "line": None}
    assert rec["text"].startswith("Officials in Geneva said")


@pytest.mark.model
def test_pretty_format_shows_the_article(capsys, corpus):
    status, out, _ = run_cli(capsys, "analyze", str(corpus / "a.txt"), "--format", "pretty")
    assert status == 0
    assert "language en" in out


def test_unknown_model_is_a_one_line_error(capsys, corpus):
    status, out, err = run_cli(capsys, "analyze", str(corpus / "a.txt"), "--model", "xx_no_such_model")
    assert status == 2
    assert err.strip().splitlines() == [err.strip()]
    assert "cannot load spaCy pipeline 'xx_no_such_model'" in err


@pytest.mark.model
def test_the_inputs_own_id_is_kept_in_source(capsys, tmp_path):
    f = tmp_path / "dump.jsonl"
    f.write_text(json.dumps({"id": "doc-7", "url": "https://example.org/a", "text": ARTICLE}) + "\n", encoding="utf-8")
    status, out, _ = run_cli(capsys, "analyze", str(f), "--format", "jsonl")
    assert status == 0
    (rec,) = records(out)
    assert rec["source"]["id"] == "doc-7"
    assert rec["source"]["url"] == "https://example.org/a"
    assert rec["source"]["format"] == "jsonl"
