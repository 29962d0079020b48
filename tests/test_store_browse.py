"""The explorer's queries: sorting, totals, facets, snippets, quote sentences, the network's
filters and a link's evidence (SQLite and PostgreSQL, the db_url fixture)."""

from __future__ import annotations

import pytest

from newsgraph.article import Source
from newsgraph.store import Store
from newsgraph.store.query import snippet
from store_cases import T2, corpus


@pytest.fixture
def filled(db_url):
    with Store.open(db_url) as s:
        for a in corpus():
            s.add(a)
        yield s


def _values(facet):
    return [(v["label"], v["count"]) for v in facet["values"]]


def test_sort_keys_are_validated_and_sort_both_ways(filled):
    assert [r["title"] for r in filled.articles(sort="title")] == ["Obama on jobs", "Recovery", "Smiths"]
    assert [r["title"] for r in filled.articles(sort="-title")] == ["Smiths", "Recovery", "Obama on jobs"]
    assert [r["title"] for r in filled.articles(sort="published")] == ["Obama on jobs", "Recovery", "Smiths"]
    assert [r["name"] for r in filled.entities(sort="name", top=3)] == ["Angela Merkel", "Barack Obama", "Berlin"]
    assert [r["number"] for r in filled.counts(sort="-number")] == [300, 12, 5]
    assert [r["kind"] for r in filled.quotes(sort="kind")] == ["direct"] * 3 + ["indirect"] * 2
    with pytest.raises(ValueError, match=r"sort 'title; drop table articles' is not a column of articles; valid: "
                                         r"published, title, publisher, language, quotes, entities, counts"):
        filled.articles(sort="title; drop table articles")


def test_totals_match_the_rows(filled):
    assert filled.total("articles") == 3
    assert filled.total("quotes", speaker="obama") == len(filled.quotes(speaker="obama")) == 2
    assert filled.total("entities", type="place") == 3
    assert filled.total("counts", since="2016-06") == 1
    assert filled.total("errors") == 0
    with pytest.raises(ValueError, match="'tweets' is not a list; valid: articles, quotes, entities, counts, errors"):
        filled.total("tweets")


def test_facets_count_under_the_filters(filled):
    f = filled.facets("quotes")
    assert _values(f["kind"]) == [("direct", 3), ("indirect", 2)]
    assert _values(f["speaker"]) == [("Barack Obama", 2), ("Angela Merkel", 1), ("Smith", 1)]
    assert _values(f["month"]) == [("2016-06", 2), ("2016-05", 1), (None, 2)]  # newest first, undated last
    assert _values(filled.facets("quotes", facets=["kind"], speaker="obama")["kind"]) == [("direct", 2)]
    assert _values(filled.facets("entities")["type"]) == [("PERSON", 5), ("PLACE", 3)]
    assert _values(filled.facets("counts", facets=["type"], since="2016")["type"]) == [("ARREST", 1), ("EVACUATE", 1)]
    art = filled.facets("articles", limit=1)
    assert _values(art["language"]) == [("en", 3)] and art["month"]["truncated"] is True
    with pytest.raises(ValueError, match="facet 'colour' is not one of quotes's; valid: kind, speaker, publisher, month"):
        filled.facets("quotes", facets=["colour"])


def test_quote_filters_by_kind_and_article_and_rows_carry_their_sentence(filled):
    a2 = corpus()[1]
    rows = filled.quotes(kind="INDIRECT")
    assert [r["text"] for r in rows] == ["Germany would help", "the plan was dead"]
    assert [r["sentence"] for r in rows] == ["Angela Merkel said Germany would help.", "A spokesman said the plan was dead."]
    (q,) = filled.quotes(article_id=a2.id, kind="direct")
    assert (q["article_id"], q["article_title"], q["sentence"]) == (
        a2.id, "Recovery", '"The recovery is real," Obama told reporters.')


def test_article_search_takes_every_word_and_highlights_them(filled):
    (r,) = filled.articles(search='merkel "the recovery"')
    assert r["title"] == "Recovery" and r["snippet"] == T2
    assert [r["snippet"][s:e] for s, e in r["highlights"]] == ["The recovery", "Merkel"]
    assert filled.articles(search="merkel smith") == []


def test_snippet_cuts_around_the_first_match_at_word_boundaries():
    text = "word " * 100 + "the Needle is here\nand " + "tail " * 100
    piece, marks = snippet(text, ["needle"], width=60)
    assert piece.startswith("…word") and piece.endswith("…") and "\n" not in piece
    assert [piece[s:e] for s, e in marks] == ["Needle"]
    assert snippet("short text", ["absent"]) == ("short text", [])


def test_articles_of_an_entity(filled):
    obama = filled.entities(search="barack")[0]["id"]
    assert [r["title"] for r in filled.articles(entity_id=obama)] == ["Recovery", "Obama on jobs"]
    assert filled.total("articles", entity_id=obama) == 2


def test_network_by_type_and_date_and_a_links_evidence(filled):
    net = filled.network(types=["person"])
    assert {n["type"] for n in net["nodes"]} == {"PERSON"}
    june = filled.network(since="2016-06", until="2016-06")
    assert [(n["name"], n["weight"]) for n in june["nodes"]][:2] == [("Angela Merkel", 1), ("Barack Obama", 1)]
    ids = {n["name"]: n["id"] for n in june["nodes"]}
    link = filled.link(ids["Barack Obama"], ids["Angela Merkel"])
    assert (link["source"]["name"], link["target"]["name"], link["articles"]) == ("Barack Obama", "Angela Merkel", 1)
    (ev,) = link["evidence"]
    assert ev["title"] == "Recovery"
    assert ev["sentence"] == '"The recovery is real," Obama told reporters. Angela Merkel said Germany would help.'
    assert T2[ev["span"][0]:ev["span"][1]] == "Obama told reporters. Angela Merkel"
    assert filled.link(ids["Barack Obama"], ids["Angela Merkel"], until="2016-05")["articles"] == 0
    assert filled.link(ids["Barack Obama"], 10_000) is None


def test_errors_page_through_with_a_total(filled):
    for i in range(3):
        filled.add_error(Source(path=f"bad{i}.pdf", format="pdf"), f"cannot read 'bad{i}.pdf'")
    assert [r["path"] for r in filled.errors(limit=2, offset=1)] == ["bad1.pdf", "bad0.pdf"]
    assert filled.total("errors", search="bad2") == 1
    assert _values(filled.facets("errors")["format"]) == [("pdf", 3)]


def test_a_facet_past_its_time_limit_comes_back_empty_and_says_so(filled):
    f = filled.facets("quotes", facets=["kind"], time_limit_ms=0)
    if filled.dialect == "sqlite":  # PostgreSQL's shortest timeout (1 ms) may let a tiny query finish
        assert f == {"kind": {"values": [], "truncated": True, "timed_out": True}}
    assert len(filled.quotes()) == 5  # the connection is usable afterwards
    assert _values(filled.facets("quotes", facets=["kind"])["kind"]) == [("direct", 3), ("indirect", 2)]
