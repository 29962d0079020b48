"""The highlighted article HTML, built from hand-made records: exact output, escaping, overlaps."""

from __future__ import annotations

from newsgraph.article import Article, Count, Cue, Entity, Mention, Quote, Speaker
from newsgraph.web.charts import counts_svg, timeline_svg
from newsgraph.web.network import layout, network_svg
from newsgraph.web.render import article_view, group_quotes

TEXT = '"We stay," Blinken said. Cleverly agreed.'


def _article(**kw) -> Article:
    blinken = Entity("e1", "Antony Blinken", "PERSON", mentions=[Mention("Blinken", (11, 18))])
    cleverly = Entity("e2", "James Cleverly", "PERSON", mentions=[Mention("Cleverly", (25, 33))])
    quote = Quote('"We stay,"', [(0, 10)], "direct", cue=Cue("said", (19, 23)),
                  speaker=Speaker("Antony Blinken", "e1", (11, 18)))
    return Article(id="a1", text=TEXT, entities=[blinken, cleverly], quotes=[quote], **kw)


def test_quote_speaker_cue_and_entities_are_marked_exactly():
    view = article_view(_article())
    assert str(view.html) == (
        '<a class="anchor" id="at-0"></a>'
        '<mark class="q sp-0" data-q="0" data-speaker="Antony Blinken" '
        'title="Antony Blinken (direct quote)">&#34;We stay,&#34;</mark>'
        '<span class="speaker-tag sp-0" data-q="0">Antony Blinken</span> '
        '<span class="who sp-0"><span class="ent ent-PERSON" data-entity="e1" title="PERSON: Antony Blinken">'
        'Blinken</span></span> <span class="cue">said</span>. '
        '<span class="ent ent-PERSON" data-entity="e2" title="PERSON: James Cleverly">Cleverly</span> agreed.'
    )
    assert [(g.name, g.colour, [i for i, _ in g.quotes]) for g in view.groups] == [("Antony Blinken", 0, [0])]
    assert [(e.name, n) for e, n in view.entities] == [("Antony Blinken", 1), ("James Cleverly", 1)]


def test_speaker_tag_links_when_an_href_is_known():
    view = article_view(_article(), entity_href=lambda eid, name: f"/entities/{7 if name == 'Antony Blinken' else 0}")
    assert '<a class="speaker-tag sp-0" href="/entities/7" data-q="0">Antony Blinken</a>' in view.html


def test_article_text_is_escaped_everywhere():
    text = '<script>alert("x")</script> & "<b>hi</b>," said <img src=x onerror=alert(1)>.'
    speaker = Speaker('<img src=x onerror=alert(1)>', None, (48, 76))
    a = Article(id="x", text=text, quotes=[Quote('"<b>hi</b>,"', [(30, 42)], "direct", speaker=speaker)],
                entities=[Entity("e1", '"><script>', "ORG", mentions=[Mention("<script>", (0, 8))])])
    html = str(article_view(a).html)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert ">&lt;script&gt;</span>alert(&#34;x&#34;)&lt;/script&gt; &amp; " in html
    assert 'data-speaker="&lt;img src=x onerror=alert(1)&gt;"' in html
    assert 'title="ORG: &#34;&gt;&lt;script&gt;"' in html


def test_overlapping_spans_always_nest():
    # A count that starts inside a quote and runs past its end: the quote stays one <mark>,
    # the count is cut where the quote closes and goes on after it.
    a = Article(id="x", text="abcdefghij", quotes=[Quote("cdef", [(2, 6)], "indirect", speaker=Speaker("S"))],
                counts=[Count("KILL", 3, False, "people", (4, 8))])
    html = str(article_view(a).html)
    assert html == (
        'ab<a class="anchor" id="at-2"></a><mark class="q sp-0" data-q="0" data-speaker="S" '
        'title="S (indirect quote)">cd<a class="anchor" id="at-4"></a>'
        '<span class="count" data-type="KILL" title="KILL 3 people">ef</span></mark>'
        '<span class="speaker-tag sp-0" data-q="0">S</span>'
        '<span class="count" data-type="KILL" title="KILL 3 people">gh</span>ij'
    )


def test_spans_outside_the_text_are_left_out_not_crashed_on():
    a = Article(id="x", text="short", quotes=[Quote("?", [(3, 99)], "direct")],
                counts=[Count("KILL", 1, False, "x", (7, 5))])
    view = article_view(a)
    assert str(view.html) == "short"
    assert view.counts == []


def test_groups_by_speaker_in_order_of_first_quote_with_distinct_colours():
    q = lambda name, ent, s: Quote("x", [s], "direct", speaker=Speaker(name, ent) if name else None)  # noqa: E731
    a = Article(id="x", text="0123456789", quotes=[q("B", "e2", (0, 1)), q("A", "e1", (2, 3)), q("B", "e2", (4, 5)),
                                                   q(None, None, (6, 7)), q("a source", None, (8, 9))])
    groups = group_quotes(a)
    assert [(g.name, g.colour, [i for i, _ in g.quotes]) for g in groups] == [
        ("B", 0, [0, 2]), ("A", 1, [1]), ("(unattributed)", 2, [3]), ("a source", 3, [4])]


def test_target_span_is_marked_and_anchored():
    html = str(article_view(Article(id="x", text="one two three"), target=(4, 7)).html)
    assert html == 'one <a class="anchor" id="at-4"></a><span class="target">two</span> three'


def test_counts_chart_has_one_band_per_type_and_escapes_labels():
    svg = str(counts_svg([
        {"period": "2023-10", "type": "KILL", "total": 3, "reports": 1},
        {"period": "2023-11", "type": "KILL", "total": 500, "reports": 2},
        {"period": "2023-11", "type": "ARREST", "total": 18000, "reports": 1},
        {"period": None, "type": "KILL", "total": 9, "reports": 1},
    ]))
    assert svg.count('<g class="band"') == 2
    assert svg.index('data-type="KILL"') < svg.index('data-type="ARREST"')
    assert "<title>2023-11 ARREST: 18,000 (1 reports)</title>" in svg
    assert svg.count("<rect") == 3
    assert counts_svg([]) == ""
    assert "&lt;x&gt;" in str(timeline_svg([{"period": "<x>", "mentions": 2}]))


def test_network_layout_is_deterministic_and_nodes_link_to_entities():
    graph = {"nodes": [{"id": 1, "name": "A & B", "type": "PERSON", "weight": 3},
                       {"id": 2, "name": "C", "type": "ORG", "weight": 1},
                       {"id": 3, "name": "D", "type": "WEIRD", "weight": 1}],
             "edges": [{"source": 1, "target": 2, "weight": 2}]}
    assert (layout(3, [(0, 1, 2)]) == layout(3, [(0, 1, 2)])).all()
    svg = str(network_svg(graph, since="2020", until=None))
    # One edge: a visible line and a wider invisible one to hover, with the ids network.js asks about.
    assert svg.count('<g class="edge" data-source="1" data-target="2" data-weight="2">') == 1
    assert svg.count('<line class="vis"') == 1 and svg.count('<line class="hit"') == 1 and svg.count("<circle") == 3
    assert '<a href="/entities/1" class="node t-PERSON" data-id="1" data-weight="3">' in svg
    assert 'class="node t-OTHER"' in svg and 'data-since="2020" data-until=""' in svg
    assert 'text-anchor="start">A &amp; B</text>' in svg


def test_network_labels_never_overlap_and_those_that_cannot_fit_are_hidden():
    from newsgraph.web.network import label_box, place_labels

    # Three nodes in a row, 40 apart, long labels: the first goes above (right of it is the
    # second node), the second below (above is taken), the last to the right.
    xy, radii, names = [(100, 100), (140, 100), (180, 100)], [5, 5, 5], ["Alpha Beta Gamma"] * 3
    placed = place_labels(xy, radii, names, width=400, height=200)
    assert placed == [(100, 91, "middle"), (140, 118, "middle"), (188, 104, "start")]
    boxes = [label_box(*p, n) for p, n in zip(placed, names) if p]
    assert all(not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
               for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # At the canvas's right edge the label goes left of its node instead.
    assert place_labels([(395, 100)], [5], ["Zed"], width=400, height=200) == [(387, 104, "end")]
    crowded = place_labels([(50, 50)] * 6, [4] * 6, ["Same place"] * 6, width=400, height=200)
    assert crowded[0] is not None and None in crowded


def test_nodes_are_pushed_apart_until_their_circles_clear():
    import math

    from newsgraph.web.network import separate

    xy = separate([(100, 100), (101, 100), (100, 101)], [10, 10, 10], box=(0, 0, 300, 300))
    assert all(math.dist(a, b) >= 25.9 for i, a in enumerate(xy) for b in xy[i + 1:])
    assert all(0 <= x <= 300 and 0 <= y <= 300 for x, y in xy)


def test_quiet_periods_between_reported_ones_are_filled_in():
    from newsgraph.web.charts import fill_periods

    assert fill_periods(["2019-11", "2020-02"]) == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert fill_periods(["2020-02-27", "2020-03-01"]) == ["2020-02-27", "2020-02-28", "2020-02-29", "2020-03-01"]
    assert fill_periods(["2019", "2021"]) == ["2019", "2020", "2021"]
    assert fill_periods(["2019", "2020-01"]) == ["2019", "2020-01"]
    svg = str(timeline_svg([{"period": "2020-01", "mentions": 2}, {"period": "2020-03", "mentions": 1}]))
    assert svg.count("<rect") == 2 and ">2020-02</text>" in svg
