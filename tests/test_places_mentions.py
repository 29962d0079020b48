"""Which spans are place mentions (newsgraph.extract.places_mentions), on hand-made sentences,
and the end-to-end evaluation's offset alignment and annotated-kinds precision."""

from __future__ import annotations

import pytest

from newsgraph.article import Entity, Mention
from newsgraph.evaluate.places import GoldArticle, GoldToponym, align_offsets
from newsgraph.extract.places_mentions import _dateline_at


def _places(nlp, text, **kw):
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import extract_places

    doc = nlp(text)
    sources: dict = {}
    out = extract_places(doc, extract_entities(doc), sources=sources, **kw)
    return out, sources


def _found(places):
    return {(p.name, p.geo.name if p.geo else None) for p in places}


def test_gold_offsets_move_onto_their_phrase():
    text = "Police in Danbury said. Later in Danbury."
    art = GoldArticle("a", text, [GoldToponym("Danbury", 11, 18, 41.4, -73.5),  # one late
                                  GoldToponym("Danbury", 33, 40, 41.4, -73.5)])  # right
    assert align_offsets([art]) == 1
    assert [(g.start, g.end) for g in art.toponyms] == [(10, 17), (33, 40)]
    far = GoldArticle("b", "x" * 50 + "Danbury", [GoldToponym("Danbury", 0, 7, 41.4, -73.5)])
    assert align_offsets([far]) == 0  # more than 20 characters away: left as it is


@pytest.mark.parametrize("text,start,end,expected", [
    ("BANTAM — A Danbury mason was arraigned.", 0, 6, True),
    ("Mason charged. BANTAM — A Danbury mason was arraigned.", 15, 21, True),
    ("LOUISVILLE, KY -- The company said.", 0, 10, True),
    ("HOLLIDAY, Mo. (AP) - A man was hurt.", 0, 8, True),
    ("The NATO summit — in BANTAM — ended.", 21, 27, False),  # not at the start of a line
    ("Bantam — a town.", 0, 6, False),  # not in capitals
])
def test_a_dateline_opens_the_article_in_capitals_before_a_dash(text, start, end, expected):
    assert _dateline_at(text, start, end) is expected


@pytest.mark.model
def test_a_place_ner_left_out_is_taken_in_a_locative_context(nlp):
    places, sources = _places(nlp, 'The quakes struck on Sunday. "We cannot sleep," Tabriz resident Amina Zia said.')
    assert ("Tabriz", "Tabriz") in _found(places)
    assert "left out" in sources[(48, 54)]


@pytest.mark.model
def test_the_dateline_place_and_a_division_abbreviation_after_a_town(nlp):
    text = ("BANTAM — A Danbury, Conn., stonework mason was arraigned on Tuesday. "
            "She was born in Churchill, Man. in 1990.")
    places, sources = _places(nlp, text)
    found = _found(places)
    bantam = next(p for p in places if p.name == "BANTAM")  # NER: an organisation; the dateline's place
    assert bantam.spans == [(0, 6)] and bantam.geo is not None and bantam.geo.adm1_name == "Connecticut"
    assert ("Man.", "Manitoba") in found
    i = text.index("Man.")
    assert sources[(i, i + 4)] == "left out abbreviation"


@pytest.mark.model
def test_a_place_before_a_local_institution_inside_an_organisation_name(nlp):
    places, _ = _places(nlp, "He appeared in Litchfield Superior Court on Tuesday.")
    by_name = {p.name: p for p in places}
    assert "Litchfield" in by_name and by_name["Litchfield"].within is not None
    assert "Superior" not in by_name  # only the first place of the court's name


@pytest.mark.model
def test_no_place_inside_a_newspaper_name(nlp):
    places, _ = _places(nlp, "The New York Times reported the deal on Monday.")
    assert "New York" not in {p.name for p in places}


@pytest.mark.model
def test_a_demonym_inside_an_organisation_name_is_not_taken(nlp):
    places, _ = _places(nlp, "The Syrian Observatory for Human Rights said 20 people died.")
    assert not [p for p in places if p.demonym]


@pytest.mark.model
def test_a_name_in_apposition_to_a_kinship_word_is_a_person(nlp):
    places, _ = _places(nlp, "He is survived by his son, Jeffrey, and wife, Tonya, all of Paris, Texas.")
    by_name = {p.name: p for p in places}
    assert "Paris" in by_name and by_name["Paris"].geo.adm1_name == "Texas"
    assert "Tonya" not in by_name or by_name["Tonya"].geo is None


def test_a_county_named_as_an_organisation_is_a_place():
    from newsgraph.extract.places_mentions import _repaired
    from newsgraph.geo.gazetteer import load

    gaz = load()
    county = Entity("e1", "Black Hawk County", "ORG", mentions=[Mention("Black Hawk County", (0, 17))])
    police = Entity("e2", "Acme Holdings", "ORG", mentions=[Mention("Acme Holdings", (0, 13))])
    assert _repaired(None, gaz, county) and not _repaired(None, gaz, police)


@pytest.mark.model
def test_left_out_places_can_be_turned_off(nlp):
    text = 'The quakes struck on Sunday. "We cannot sleep," Tabriz resident Amina Zia said.'
    assert "Tabriz" in {p.name for p in _places(nlp, text)[0]}
    assert "Tabriz" not in {p.name for p in _places(nlp, text, left_out=False)[0]}


GEOVIRUS_LIKE = """<articles><article><text>Turkish officials met in Ankara on Monday.</text>
<locations><location><name>Ankara</name><start>26</start><end>32</end>
<lat>39.92</lat><lon>32.85</lon><page>x</page></location></locations></article></articles>"""


@pytest.mark.model
def test_end_to_end_precision_over_the_kinds_the_corpus_annotates(tmp_path, nlp):
    from newsgraph.evaluate.places import evaluate_end_to_end, read_corpus

    f = tmp_path / "gv.xml"
    f.write_text(GEOVIRUS_LIKE, "utf-8")
    docs = read_corpus(f)
    assert not docs[0].demonyms  # the <location> format annotates no demonyms
    e2e = evaluate_end_to_end(docs, nlp=nlp)
    assert e2e.offsets_moved == 1  # "Ankara" is at 25, not 26
    assert (e2e.predicted, e2e.predicted_correct, e2e.unannotated) == (2, 1, 1)  # "Turkish" and Ankara
    assert (e2e.precision, e2e.precision_annotated, e2e.recall) == (0.5, 1.0, 1.0)
    assert docs[0].toponyms[0].start == 26  # the caller's toponyms are left as they were


@pytest.mark.model
def test_an_organisation_named_like_a_place_of_the_article_is_that_place(nlp):
    text = "TORRINGTON — The mayor spoke on Monday. He announced a program for Torrington businesses."
    places, sources = _places(nlp, text)
    (p,) = [p for p in places if p.name.casefold() == "torrington"]
    i = text.index("Torrington b")
    assert (i, i + 10) in p.spans and p.geo is not None and p.geo.adm1_name == "Connecticut"


def test_an_acronym_is_not_a_small_town():
    from newsgraph.extract.places import _acronym_town
    from newsgraph.geo.gazetteer import load
    from newsgraph.geo.resolve import Toponym

    gaz = load()
    eu = next(gaz.record(int(i)) for i in gaz.lookup("Eu")[0] if gaz.record(int(i)).country_code == "FR")
    text = "Leaders of the EU met. RYE — A man was hurt."
    assert _acronym_town(eu, Toponym("EU", ["EU"], [(15, 17)]), text)
    assert not _acronym_town(eu, Toponym("Eu", ["Eu"], [(15, 17)]), text)  # not in capitals
    assert not _acronym_town(eu, Toponym("RYE", ["RYE"], [(23, 26)]), text)  # a dateline keeps its town
