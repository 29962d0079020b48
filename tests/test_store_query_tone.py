"""speaker_tone: a speaker's per-quote tone by period (store/query_tone.py)."""

import json

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine

from newsgraph.store.query_tone import speaker_tone
from newsgraph.store.schema import articles, entities, metadata, quotes


def test_speaker_tone_by_month():
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[articles, entities, quotes])
    tone = Table("tone", MetaData(), Column("id", Integer, primary_key=True), Column("article_id", String(64)),
                 Column("seq", Integer), Column("quotes", Text))
    tone.metadata.create_all(engine)
    with engine.begin() as conn:
        for aid, day in (("a1", "2019-01-04"), ("a2", "2019-01-20"), ("a3", "2019-02-02")):
            conn.execute(articles.insert().values(id=aid, text="x", published=day, published_day=day, n_entities=0,
                                                  n_quotes=1, n_counts=0, record="{}", ingested_at="now"))
        conn.execute(quotes.insert(), [
            dict(article_id="a1", seq=0, text="q", kind="direct", spans="[]", speaker_name="Jane Roe"),
            dict(article_id="a1", seq=1, text="q", kind="direct", spans="[]", speaker_name="John Doe"),
            dict(article_id="a2", seq=0, text="q", kind="direct", spans="[]", speaker_name="Jane Roe"),
            dict(article_id="a3", seq=0, text="q", kind="direct", spans="[]", speaker_name="Jane Roe"),
        ])
        qt = lambda i, tone, w: dict(quote=i, tone=tone, positive=max(tone, 0), negative=max(-tone, 0), word_count=w)  # noqa: E731
        conn.execute(tone.insert(), [
            dict(article_id="a1", seq=0, quotes=json.dumps([qt(0, 10.0, 10), qt(1, -50.0, 10)])),
            dict(article_id="a2", seq=0, quotes=json.dumps([qt(0, -5.0, 30)])),
            dict(article_id="a3", seq=0, quotes=json.dumps([qt(0, 20.0, 5)])),
        ])
        rows = speaker_tone(conn, speaker="roe", by="month")
        assert [(r["period"], r["quotes"], r["words"], r["tone"]) for r in rows] == [
            ("2019-01", 2, 40, -1.25), ("2019-02", 1, 5, 20.0)]
        with pytest.raises(ValueError):
            speaker_tone(conn, speaker="roe", by="week")
