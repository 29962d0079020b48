"""Places: the gazetteer, the ranker's choices on hand-made texts, the eval metrics, the store query
and the map page's helpers. The gazetteer index is built once into NEWSGRAPH_CACHE (or the user
cache directory) when missing."""

from __future__ import annotations

import json
import math
from dataclasses import fields

import numpy as np
import pytest
from sqlalchemy import JSON, Boolean, Column, Float, Integer, MetaData, String, Table, create_engine, insert

from newsgraph.evaluate.places import GoldToponym, Scores, auc, read_corpus, score
from newsgraph.geo.gazetteer import load, normalize
from newsgraph.geo.resolve import Toponym, resolve_toponyms
from newsgraph.store.query_places import parse_near, place_mentions, places


@pytest.fixture(scope="module")
def gaz():
    return load()


def _resolve(text, *names, dateline=None, country=None):
    tops = []
    for n in names:
        start = text.index(n)
        tops.append(Toponym(name=n, forms=[n], spans=[(start, start + len(n))], country=country))
    return resolve_toponyms(tops, text=text, dateline=dateline)


@pytest.mark.parametrize("name,key", [("St. John's", "st johns"), ("Winston-Salem", "winston salem"),
                                      ("São Paulo", "sao paulo"), ("the Hague", "hague")])
def test_names_normalise_to_one_key(name, key):
    assert normalize(name) == key


def test_lookup_finds_every_paris_and_alternate_names(gaz):
    recs = [gaz.record(int(i)) for i in gaz.lookup("Paris")[0]]
    assert {(r.country_code, r.feature_code) for r in recs} >= {("FR", "PPLC"), ("US", "PPL")}
    assert "RU" in {gaz.record(int(i)).country_code for i in gaz.lookup("Москва")[0]}


def test_a_country_carries_iso_and_fips_codes(gaz):
    r = [gaz.record(int(i)) for i in gaz.lookup("Germany")[0] if gaz.record(int(i)).kind == "country"][0]
    assert (r.geonameid, r.country_code, r.country_fips, r.feature_class, r.feature_code) == \
        (2921044, "DE", "GM", "A", "PCLI")


def test_paris_alone_is_france_but_paris_texas_is_texas():
    (alone,) = _resolve("Protests spread across Paris on Monday.", "Paris")
    assert (alone.record.country_code, alone.record.feature_code) == ("FR", "PPLC")
    (tx,) = _resolve("The storm hit Paris, Texas, overnight.", "Paris")
    assert (tx.record.country_code, tx.record.adm1_name) == ("US", "Texas")
    assert "containing place named in the text" in tx.evidence


def test_long_beach_ca_is_in_california():
    (lb,) = _resolve("A port strike in Long Beach, CA, idled ships.", "Long Beach")
    assert (lb.record.country_code, lb.record.adm1_name) == ("US", "California")


def test_usa_is_the_country_not_a_building():
    (us,) = _resolve("Officials in the USA said so.", "USA")
    assert (us.record.feature_code, us.record.country_code) == ("PCLI", "US")


def test_other_places_decide_an_ambiguous_name():
    text = "Flooding in Ontario closed roads around London and Toronto."
    ontario, london, toronto = _resolve(text, "Ontario", "London", "Toronto")
    assert london.record.country_code == "CA"
    assert "other places' divisions" in london.evidence or "distance to other places" in london.evidence


def test_an_unknown_name_keeps_a_reason_and_the_others_resolve():
    a, b = _resolve("From Qwzxyvillezz to Berlin.", "Qwzxyvillezz", "Berlin")
    assert a.record is None and a.reason == "not in the gazetteer"
    assert b.record.country_code == "DE"


def test_a_demonym_resolves_to_its_country():
    (t,) = _resolve("A Turkish policeman said.", "Turkish", country="TR")
    assert (t.record.country_code, t.record.feature_code) == ("TR", "PCLI")


def test_confidence_is_a_probability_and_a_lone_weak_candidate_is_unsure():
    (berlin,) = _resolve("He flew to Berlin.", "Berlin")
    assert berlin.record.country_code == "DE" and 0.5 < berlin.confidence <= 1.0
    (weak,) = _resolve("The Sears is tense.", "Sears")  # one candidate: a Romanian village (Şoarş)
    assert weak.candidates == 1 and weak.confidence < 0.95


def test_auc_follows_the_pragmatic_guide():
    assert auc([0.0, 0.0]) == 0.0
    assert auc([20039.0, 20039.0]) == pytest.approx(1.0, rel=1e-4)
    errors = [0.0, 100.0, 1000.0]
    pts = [math.log(e + 1) for e in errors]
    expected = ((pts[0] + pts[1]) / 2 + (pts[1] + pts[2]) / 2) / (math.log(20039) * 2)
    assert auc(errors) == pytest.approx(expected)


def test_scores_count_unresolved_as_the_largest_error():
    s = Scores()
    g = GoldToponym("Ankara", 0, 6, 39.92, 32.85, 323786)
    score(g, 39.92, 32.85, 323786, s)
    score(g, None, None, None, s)
    assert (s.acc161, s.id_accuracy, s.unresolved, s.errors[1]) == (0.5, 0.5, 1, 20039.0)


TINY = """<articles><article docid="1"><text><![CDATA[Clashes in Ankara and across Turkey.]]></text>
<toponyms><toponym><phrase>Ankara</phrase><start>11</start><end>17</end>
<gaztag geonameid="323786"><name>Ankara</name><fclass>P</fclass><fcode>PPLC</fcode>
<lat>39.91987</lat><lon>32.85427</lon></gaztag></toponym>
<toponym><phrase>Turkey</phrase><start>29</start><end>35</end>
<gaztag geonameid="298795"><name>Turkey</name><fclass>A</fclass><fcode>PCLI</fcode>
<lat>39.0</lat><lon>35.0</lon></gaztag></toponym></toponyms></article>
<article><text>Cases in Lagos.</text><locations><location><name>Lagos</name><start>9</start><end>14</end>
<lat>6.45</lat><lon>3.4</lon><page>x</page></location></locations></article></articles>"""


def test_both_corpus_formats_are_read(tmp_path):
    f = tmp_path / "tiny.xml"
    f.write_text(TINY, "utf-8")
    docs = read_corpus(f)
    assert [(t.name, t.geonameid) for d in docs for t in d.toponyms] == \
        [("Ankara", 323786), ("Turkey", 298795), ("Lagos", None)]
    assert docs[0].text[11:17] == "Ankara"


def test_eval_command_with_gold_spans(tmp_path, capsys):
    from newsgraph.cli import main

    f = tmp_path / "tiny.xml"
    f.write_text(TINY, "utf-8")
    assert main(["eval", "places", str(f), "--gold-spans"]) == 0
    out = capsys.readouterr().out
    assert "accuracy@161km         1.000" in out
    assert "exact GeoNames id      1.000 (2 with ids)" in out


# --- the store query, over a table made by the store's naming convention for extractor facts

def _places_table(meta):
    from newsgraph.extract.places import Geo

    geo = [Column(f"geo_{f.name}", Float if f.name in ("lat", "lon") else
                  Integer if f.name in ("geonameid", "population") else String) for f in fields(Geo)]
    return Table("places", meta, Column("id", Integer, primary_key=True), Column("article_id", String),
                 Column("seq", Integer), Column("entity", String), Column("entity_id", Integer),
                 Column("name", String), Column("spans", JSON), *geo, Column("confidence", Float),
                 Column("evidence", JSON), Column("reason", String), Column("candidates", Integer),
                 Column("metonymy", Boolean), Column("metonymy_spans", JSON), Column("demonym", Boolean))


@pytest.fixture()
def conn(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}")
    meta = MetaData()
    t = _places_table(meta)
    arts = Table("articles", meta, Column("id", String, primary_key=True), Column("title", String),
                 Column("text", String))
    meta.create_all(engine)
    rows = [("a1", "Ankara", [[0, 6], [30, 36]], 323786, "TR", 39.92, 32.85),
            ("a2", "Ankara", [[5, 11]], 323786, "TR", 39.92, 32.85),
            ("a2", "Istanbul", [[20, 28]], 745044, "TR", 41.01, 28.95),
            ("a2", "Berlin", [[40, 46]], 2950159, "DE", 52.52, 13.41)]
    with engine.begin() as c:
        c.execute(insert(arts), [{"id": "a1", "title": "One", "text": "Ankara said no. Later, talks in Ankara."},
                                 {"id": "a2", "title": "Two", "text": "x"}])
        for seq, (aid, name, spans, gid, cc, lat, lon) in enumerate(rows):
            c.execute(insert(t).values(article_id=aid, seq=seq, entity="e1", name=name, spans=spans,
                                       geo_geonameid=gid, geo_name=name, geo_country_code=cc,
                                       geo_feature_code="PPL", geo_lat=lat, geo_lon=lon, confidence=0.9,
                                       metonymy=name == "Ankara" and aid == "a1"))
        c.execute(insert(t).values(article_id="a2", seq=9, entity="e9", name="Nowhere", spans=[[1, 2]],
                                   reason="not in the gazetteer", confidence=0.0))
    with engine.connect() as c:
        yield c


def test_places_by_mentions_and_by_country(conn):
    rows = places(conn)
    assert [(r["name"], r["mentions"], r["articles"]) for r in rows] == \
        [("Ankara", 3, 2), ("Istanbul", 1, 1), ("Berlin", 1, 1)]
    assert [r["name"] for r in places(conn, country="de")] == ["Berlin"]


def test_places_near_a_point_nearest_first(conn):
    rows = places(conn, near=parse_near("40.0,32.0,400"))
    assert [(r["name"], r["km"] < 100) for r in rows] == [("Ankara", True), ("Istanbul", False)]


def test_near_must_be_lat_lon_km():
    with pytest.raises(ValueError, match="LAT,LON,KM"):
        parse_near("40,32")


def test_place_mentions_give_the_sentences(conn):
    arts = Table("articles", MetaData(), autoload_with=conn)
    rows = place_mentions(conn, 323786, articles=arts)
    assert rows[0]["sentences"] == ["Ankara said no.", "Later, talks in Ankara."]
    assert rows[0]["metonymy"] is True


def test_map_markers_scale_by_mentions():
    from newsgraph.web.routes.pages_map import markers, outlines

    ms = markers([{"name": "A", "lat": 0.0, "lon": 0.0, "mentions": 4}, {"name": "B", "lat": 10.0, "lon": -10.0,
                                                                         "mentions": 1}])
    assert [(m["name"], m["x"], m["y"], m["r"]) for m in ms] == [("A", 180.0, 90.0, 6.0), ("B", 170.0, 80.0, 3.3)]
    assert "TR" in outlines() and outlines()["TR"]["d"].startswith("M")


@pytest.mark.model
def test_the_extractor_links_places_and_marks_metonymy(nlp):
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import extract_places

    doc = nlp("Moscow rejected the plan on Monday. Protesters gathered in Ankara, the Turkish capital.")
    found = {p.name: p for p in extract_places(doc, extract_entities(doc))}
    assert found["Moscow"].geo.country_code == "RU" and found["Moscow"].metonymy
    assert found["Ankara"].geo.feature_code == "PPLC" and not found["Ankara"].metonymy
    assert json.loads(json.dumps(found["Ankara"].geo.__dict__))["country_fips"] == "TU"


def test_article_map_partial_draws_resolved_places_only():
    from jinja2 import Environment, FileSystemLoader

    from newsgraph.article import Article
    from newsgraph.extract.places import Geo, Place
    from newsgraph.web.app import HERE
    from newsgraph.web.routes.pages_map import outlines

    env = Environment(loader=FileSystemLoader(HERE / "templates"))
    env.globals["world_outlines"] = outlines
    geo = Geo(323786, "Ankara", "P", "PPLC", "TR", "TU", "TR.68", "Ankara", 39.92, 32.85, 3517182)
    art = Article(facts={"places": [Place("e1", "Ankara", [(0, 6), (9, 15), (20, 26), (30, 36)], geo=geo),
                                    Place("e2", "Nowhere", [(40, 47)], reason="not in the gazetteer")]})
    html = env.get_template("_places_map.html").render(article=art)
    assert '<circle class="place" cx="212.85" cy="50.08" r="3.5">' in html
    assert "Nowhere" not in html


@pytest.mark.model
def test_places_inside_organisation_names_and_mislabelled_places(nlp):
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import extract_places

    doc = nlp("The Kentucky State Police opened an inquiry. Officials in Ontario agreed.")
    ents = extract_entities(doc)
    found = {p.name: p for p in extract_places(doc, ents)}
    ky = found["Kentucky"]
    assert (ky.entity, ky.geo.feature_code, ky.geo.country_code, ky.spans) == (None, "ADM1", "US", [(4, 12)])
    assert next(e for e in ents if e.id == ky.within).type == "ORG"
    assert found["Ontario"].within is None
    assert "Kentucky" not in {p.name for p in extract_places(doc, ents, nested=False)}


@pytest.fixture()
def store_with_places(tmp_path):
    """A real store file (schema by Store.open) plus a places table by the naming convention."""
    from newsgraph.store import Store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()
    engine = create_engine(url)
    meta = MetaData()
    t = _places_table(meta)
    meta.create_all(engine)
    with engine.begin() as c:
        c.execute(insert(t).values(article_id="a1", seq=0, entity="e1", name="Ankara", spans=[[0, 6]],
                                   geo_geonameid=323786, geo_name="Ankara", geo_country_code="TR",
                                   geo_feature_code="PPLC", geo_lat=39.92, geo_lon=32.85, confidence=0.9,
                                   metonymy=False))
    engine.dispose()
    return url


def test_places_command_filters_by_country_and_distance(store_with_places, capsys):
    from newsgraph.cli import main

    assert main(["places", "--db", store_with_places, "--country", "TR", "--format", "json"]) == 0
    assert [r["name"] for r in json.loads(capsys.readouterr().out)] == ["Ankara"]
    assert main(["places", "--db", store_with_places, "--near", "52.5,13.4,300", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["places", "--db", store_with_places, "--near", "52.5"]) == 2


def test_map_page_draws_stored_places_offline(store_with_places):
    import warnings

    from newsgraph.settings import Settings
    from newsgraph.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with TestClient(create_app(settings=Settings.from_env(db=store_with_places), warm=False)) as c:
        r = c.get("/map")
        assert r.status_code == 200
        assert 'data-gid="323786"' in r.text and "<script>" not in r.text
        assert "http" not in r.text.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org", "")
        assert c.get("/map/mentions/323786").json()[0]["article_id"] == "a1"


def test_a_generic_word_is_not_resolved():
    (north,) = _resolve("Storms hit the North.", "North")
    assert north.record is None and north.reason == "a generic word, not a place name"


def test_country_codes_are_not_names(gaz):
    kinds = {gaz.record(int(i)).kind for i in gaz.lookup("M.D.")[0]}
    assert "country" not in kinds


@pytest.mark.model
def test_plural_demonyms_name_people_not_the_country(nlp):
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import extract_places

    doc = nlp("Americans protested on Sunday. A Turkish policeman was arrested.")
    names = {p.name for p in extract_places(doc, extract_entities(doc))}
    assert "Turkish" in names and "Americans" not in names


def test_places_round_trip_through_the_record():
    from newsgraph.article import Article
    from newsgraph.extract.places import Geo, Place

    geo = Geo(323786, "Ankara", "P", "PPLC", "TR", "TU", "TR.68", "Ankara", 39.92, 32.85, 3517182)
    a = Article(text="Ankara and the Kentucky State Police.",
                facts={"places": [Place("e1", "Ankara", [(0, 6)], geo=geo, confidence=0.9, evidence=["capital"]),
                                  Place(None, "Kentucky", [(15, 23)], reason="not in the gazetteer", within="e2")]})
    back = Article.from_json(a.to_json())
    assert back.places == a.places
    assert back.to_dict()["places"][0]["geo"]["country_fips"] == "TU"


def test_a_division_point_is_the_midpoint_of_the_box_and_the_geocoders_point():
    from newsgraph.geo.gazetteer import division_point

    assert division_point((50.0, 10.0), None) == (50.0, 10.0)
    assert division_point((50.0, 10.0), (52.0, 12.0)) == (51.0, 11.0)
    assert division_point((50.0, 10.0), (20.0, 10.0)) == (50.0, 10.0)  # 3,300 km apart: another place


def test_alberta_lies_between_the_box_and_the_geocoders_point(gaz):
    r, _ = gaz.lookup("Alberta")
    (ab,) = [gaz.record(int(i)) for i in r if gaz.record(int(i)).feature_code == "ADM1"]
    assert 54.0 < ab.lat < 55.0  # the box around its cities alone: 53.96


def test_namesake_and_contains_other_places_features():
    from newsgraph.geo.resolve import FEATURES, context_features, first_pass, default_ranker, prepare

    gaz = load()
    text = "Officials in Mexico said clinics in Puebla and Oaxaca had closed."
    names = ["Mexico", "Puebla", "Oaxaca"]
    tops = [Toponym(n, [n], [(text.index(n), text.index(n) + len(n))]) for n in names]
    _, cands = prepare(gaz, tops, text)
    X = context_features(gaz, cands, first_pass(default_ranker(), cands))[0]
    kinds = [gaz.record(int(i)).feature_code for i in cands[0].idx]
    ns, co = FEATURES.index("namesake"), FEATURES.index("contains_other_places")
    country = kinds.index("PCLI")
    towns = [j for j, k in enumerate(kinds) if k.startswith("PPL")]
    assert X[country, ns] == 0 and all(X[j, ns] == 1 for j in towns)
    assert X[country, co] > 0.5 and all(X[j, co] == 0 for j in towns)


def test_first_names_of_people_named_in_full():
    from newsgraph.article import Entity, Mention
    from newsgraph.extract.places import _person_first_names

    ents = [
        Entity("e1", "Georgia Stevens", "PERSON", mentions=[Mention("Georgia Stevens", (0, 15))]),
        Entity("e2", "Madonna", "PERSON", mentions=[Mention("Madonna", (20, 27))]),  # one word: no first name
        Entity("e3", "Cornwall Fire and", "PERSON", mentions=[Mention("Cornwall Fire and", (30, 47))]),  # not a name
        Entity("e4", "Victoria Street", "PLACE", mentions=[Mention("Victoria Street", (50, 65))]),
    ]
    assert _person_first_names(ents) == {"Georgia"}


@pytest.mark.model
def test_a_persons_first_name_is_not_a_place(nlp):
    from newsgraph.article import Entity, Mention
    from newsgraph.extract.places import extract_places

    text = "Nine-year-old Georgia Stevens skates. Georgia began skating at four."
    doc = nlp(text)
    i = text.index("Georgia began")
    ents = [Entity("e1", "Georgia Stevens", "PERSON", mentions=[Mention("Georgia Stevens", (14, 29))]),
            Entity("e2", "Georgia", "PLACE", mentions=[Mention("Georgia", (i, i + 7))])]
    (p,) = extract_places(doc, ents)
    assert p.geo is None and p.reason == "the first name of a person in the article"
    (q,) = extract_places(doc, ents[1:])  # without the person, Georgia is a place
    assert q.geo is not None


@pytest.mark.parametrize("url,iso", [
    ("www.cbc.ca", "CA"), ("http://www.bbc.co.uk/news/1", "GB"), ("https://www.abc.net.au/x", "AU"),
    ("www.cnn.com", None), ("news.tv", None), (None, None), ("localhost", None),
])
def test_a_country_domain_names_the_publishers_country(gaz, url, iso):
    from newsgraph.geo.resolve import publisher_country

    assert publisher_country(gaz, url) == iso


def test_the_publishers_country_is_evidence_for_an_ambiguous_name():
    from newsgraph.geo.resolve import Toponym, resolve_toponyms

    text = "The council in Newcastle met."
    t = Toponym("Newcastle", ["Newcastle"], [(15, 24)])
    (au,) = resolve_toponyms([t], text=text, url="www.abc.net.au")
    (gb,) = resolve_toponyms([t], text=text, url="www.bbc.co.uk")
    (ca,) = resolve_toponyms([t], text=text, url="https://www.cbc.ca/news")
    assert (au.record.country_code, gb.record.country_code, ca.record.country_code) == ("AU", "GB", "CA")
    assert "publisher's country" in au.evidence and "publisher's country" in ca.evidence


@pytest.mark.parametrize("text,names,georgia", [
    ("Storms hit Alabama, Georgia and Florida.", ["Alabama", "Georgia", "Florida"], ("ADM1", "US")),
    ("Flights from Russia, Georgia and Armenia resumed.", ["Russia", "Georgia", "Armenia"], ("PCLI", "GE")),
])
def test_a_list_of_divisions_or_countries_decides_georgia(text, names, georgia):
    from newsgraph.geo.resolve import Toponym, resolve_toponyms

    tops = [Toponym(n, [n], [(text.index(n), text.index(n) + len(n))]) for n in names]
    res = resolve_toponyms(tops, text=text)
    g = res[names.index("Georgia")]
    assert (g.record.feature_code, g.record.country_code) == georgia
    assert "other places of its kind" in g.evidence


def test_a_list_of_states_keeps_california_the_state():
    from newsgraph.geo.resolve import Toponym, resolve_toponyms

    text = "Cases rose in Pennsylvania, California and Oregon."
    names = ["Pennsylvania", "California", "Oregon"]
    tops = [Toponym(n, [n], [(text.index(n), text.index(n) + len(n))]) for n in names]
    assert [r.record.feature_code for r in resolve_toponyms(tops, text=text)] == ["ADM1"] * 3


@pytest.mark.parametrize("name,region", [("Caribbean", "Caribbean"), ("Western Europe", "Western Europe"),
                                         ("East Africa", "Eastern Africa"), ("Latin America", "Latin America")])
def test_a_macro_region_resolves_to_its_region_entry(name, region):
    text = f"Storms hit the {name} on Monday, officials said."
    (r,) = _resolve(text, name)
    assert r.record is not None
    assert (r.record.name, r.record.feature_class, r.record.feature_code, r.record.country_code) == (
        region, "L", "RGN", "")


def test_a_region_lies_among_its_countries_and_sums_their_population(gaz):
    (i,) = [int(i) for i in gaz.lookup("Western Europe")[0]]
    rec = gaz.record(i)
    assert (rec.kind, rec.geonameid) == ("region", -155)
    assert 45 < rec.lat < 52 and 3 < rec.lon < 12  # between France, Germany and the Benelux
    de, fr = (gaz.record(int(gaz.country_record[gaz.by_iso[c]])).population for c in ("DE", "FR"))
    assert rec.population > de + fr
    assert not [int(j) for j in gaz.lookup("South Africa")[0] if gaz.record(int(j)).kind == "region"]


def test_a_region_beats_a_hamlet_of_the_same_name(gaz):
    from newsgraph.geo.resolve import _base_features, default_ranker

    # Score the Maryland hamlet "Middle East" against another region as if they shared
    # the name (the features alone, without the region's own name match).
    hamlet = next(int(i) for i in gaz.lookup("Middle East")[0] if gaz.record(int(i)).kind == "city")
    (region,) = [int(i) for i in gaz.lookup("Central Asia")[0]]
    idx = np.array([hamlet, region])
    top = Toponym(name="Central Asia", forms=["Central Asia"], spans=[(0, 12)])
    X = _base_features(gaz, top, idx, np.zeros(2, np.uint8))
    s = X @ default_ranker().weights_first
    assert s[1] > s[0] + 1
