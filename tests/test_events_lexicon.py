"""The events lexicons: every trigger's type agrees with the CAMEO -> PLOVER table for its code."""

from __future__ import annotations

import pytest

from newsgraph.extract.events_lexicon import PLOVER_TYPES, capitals, country_codes, sectors, triggers


def test_triggers_have_valid_types_and_codes():
    for ts in triggers().values():
        for t in ts:
            assert t.type in PLOVER_TYPES
            assert t.cameo.isdigit() and 3 <= len(t.cameo) <= 4, t


def test_trigger_codes_agree_with_cameo2plover(shared_data):
    path = shared_data / "events" / "CAMEO2PLOVER-2021.txt"
    if not path.exists():
        pytest.skip(f"{path} not found")
    from newsgraph.evaluate.events import load_cameo_map

    cmap = load_cameo_map(path)
    wrong = [(t.lemma, t.cameo, t.type, cmap[t.cameo]) for ts in triggers().values() for t in ts
             if t.cameo in cmap and cmap[t.cameo] != t.type]
    # CAMEO 057 (sign a formal agreement) is SUPPORT in the table, 163 (impose embargo) COERCE ...
    assert wrong == []


def test_country_forms():
    codes = country_codes()
    assert (codes["Iranian"], codes["U.S."], codes["Britain"], codes["Palestinian"]) == ("IRN", "USA", "GBR", "PSE")
    assert capitals()["Moscow"] == "RUS"
    assert sectors()["protester"] == "CVL" and sectors()["regime"] == "GOV"
