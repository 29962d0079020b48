"""`newsgraph events` and `newsgraph export --format gdelt-events` over a prepared SQLite store."""

from __future__ import annotations

import json

import pytest
from events_cases import store_events

from newsgraph.cli import main
from newsgraph.writers.gdelt_events import COLUMNS


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'ev.db'}"
    store_events(url, publisher_is_id=True)
    return url


def test_events_command(db, capsys):
    assert main(["events", "--db", db, "--country", "ukr", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["type"], r["source_name"], r["target_country"], r["sentence"]) for r in rows] == \
        [("ASSAULT", "Russia", "UKR", "Russia attacked Ukraine.")]
    assert main(["events", "--db", db, "--grouped", "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    assert [(g["source_code"], g["articles"]) for g in groups] == [("ISRMIL", 2), ("RUSMIL", 1)]


def test_export_gdelt_events(db, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(out), "--format", "gdelt-events", "--db", db]) == 0
    lines = (out / "events.gdelt.csv").read_text().splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == len(COLUMNS) for line in lines)
    days = sorted(dict(zip(COLUMNS, line.split("\t")))["Day"] for line in lines)
    assert days == ["20240507", "20240507", "20240509"]
