"""`newsgraph analyze --format gkg` end to end (real model)."""

import pytest

from newsgraph.cli import main

ARTICLE = ("Friday, January 4, 2019\n\n"
           "On Monday, police in Houston arrested 12 protesters outside City Hall, Mayor Jane Roe said. "
           "\"We respect peaceful protest, but not violence,\" Roe said on Tuesday.\n")


@pytest.mark.model
def test_analyze_format_gkg(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    assert main(["analyze", "--format", "gkg", str(f)]) == 0
    out = capsys.readouterr().out
    (line,) = out.splitlines()
    cols = line.split("\t")
    assert len(cols) == 27
    assert cols[1] == "20190104000000"  # the removed date line
    assert cols[5].startswith("ARREST#12#protesters#")
    assert "3,12,31,2018," in cols[16]  # "Monday" before Friday 2019-01-04
    assert 'published_source="date line"' in cols[26] and 'date="2018-12-31"' in cols[26]
