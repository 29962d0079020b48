"""TimeML reading and TempEval-3 scoring (evaluate/dates.py) on a hand-made document."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from newsgraph.evaluate.dates import DateScores, read_tml, score_document

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>Bombs <EVENT eid="e1">exploded</EVENT> &amp; killed <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, \
for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3> <TIMEX3 tid="t3" type="DATE" value="1998-W31">last week</TIMEX3>.</TEXT>
</TimeML>"""


@dataclass
class P:
    span: tuple[int, int]
    type: str
    value: str


def test_read_tml(tmp_path):
    f = tmp_path / "x.tml"
    f.write_text(TML, encoding="utf-8")
    d = read_tml(f)
    assert d.dct == "1998-08-07"
    assert d.text.startswith("Bombs exploded & killed Friday")
    assert [(g.text, g.type, g.value) for g in d.timexes] == [
        ("Friday", "DATE", "1998-08-07"), ("two weeks", "DURATION", "P2W"), ("last week", "DATE", "1998-W31")]


def test_scores(tmp_path):
    f = tmp_path / "x.tml"
    f.write_text(TML, encoding="utf-8")
    d = read_tml(f)
    fri = d.text.index("Friday")
    lw = d.text.index("last week")
    s = DateScores()
    score_document(d, [P((fri, fri + 6), "DATE", "1998-08-07"), P((lw + 5, lw + 9), "DATE", "1998-W30"),
                       P((0, 5), "DATE", "1998")], s)
    assert (s.gold, s.predicted, s.strict, s.relaxed, s.value_correct) == (2, 3, 1, 2, 1)
    assert s.relaxed_prf() == (2 / 3, 1.0, 0.8)
    assert s.value_accuracy == 0.5


TIMEML = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "timeml" / "AQUAINT"


@pytest.mark.model
def test_eval_dates_command_on_a_slice(capsys, tmp_path):
    from newsgraph.cli import main

    if not TIMEML.is_dir():
        pytest.skip(f"TimeML data not found at {TIMEML}")
    assert main(["eval", "dates", str(TIMEML), "--limit", "3", "--cache", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "3 documents" in out and "relaxed span" in out and "value accuracy" in out
