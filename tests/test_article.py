from newsgraph.article import Article, Count, Cue, Entity, Mention, Quote, Source, Speaker, article_id


def test_record_round_trips_through_json_in_contract_order():
    a = Article(
        id=article_id("Blinken said it."),
        text="Blinken said it.",
        source=Source(path="a.txt"),
        entities=[Entity("e1", "Antony Blinken", "PERSON", ["Secretary of State"], [Mention("Blinken", (0, 7))])],
        quotes=[Quote("it", [(13, 15)], "indirect", Cue("said", (8, 12)), Speaker("Antony Blinken", "e1", (0, 7)))],
        counts=[Count("KILL", 500, True, "fatalities", (0, 3))],
    )
    d = a.to_dict()
    assert list(d)[:9] == ["id", "source", "title", "byline", "dateline", "publisher", "published", "language", "text"]
    assert d["entities"][0]["mentions"][0] == {"text": "Blinken", "span": [0, 7]}
    assert d["quotes"][0]["speaker"] == {"name": "Antony Blinken", "entity": "e1", "span": [0, 7],
                                         "confidence": None, "kind": None}
    assert Article.from_json(a.to_json()) == a


def test_article_id_is_stable_hash_of_text():
    assert article_id("abc") == article_id("abc") == "ba7816bf8f01cfea"
    assert article_id("abd") != article_id("abc")
