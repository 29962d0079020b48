"""count_dates: counts joined to the date of their sentence (store/query_dates.py)."""

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine

from newsgraph.store.query_dates import count_dates
from newsgraph.store.schema import articles, counts, metadata


def test_count_dates():
    engine = create_engine("sqlite://")
    metadata.create_all(engine, tables=[articles, counts])
    dates = Table("dates", MetaData(), Column("id", Integer, primary_key=True), Column("article_id", String(64)),
                  Column("seq", Integer), Column("text", Text), Column("span_start", Integer),
                  Column("span_end", Integer), Column("type", Text), Column("value", Text),
                  Column("granularity", Text), Column("relative", Integer), Column("sentence_start", Integer),
                  Column("sentence_end", Integer))
    dates.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(articles.insert().values(id="a1", text="x", published="2019-01-04", published_day="2019-01-04",
                                              n_entities=0, n_quotes=0, n_counts=2, record="{}", ingested_at="now"))
        conn.execute(counts.insert(), [
            dict(article_id="a1", seq=0, type="KILL", number=3, approximate=False, object="", start=10, end=20, sentence="s"),
            dict(article_id="a1", seq=1, type="ARREST", number=5, approximate=False, object="", start=60, end=70, sentence="s"),
        ])
        conn.execute(dates.insert(), [
            dict(article_id="a1", seq=0, type="DATE", value="PRESENT_REF", granularity="ref", sentence_start=0, sentence_end=50),
            dict(article_id="a1", seq=1, type="DATE", value="2019", granularity="year", sentence_start=0, sentence_end=50),
            dict(article_id="a1", seq=2, type="DATE", value="2019-01-01", granularity="day", sentence_start=0, sentence_end=50),
            dict(article_id="a1", seq=3, type="DURATION", value="P2W", granularity="duration", sentence_start=50, sentence_end=90),
        ])
        rows = count_dates(conn)
        assert [(r["type"], r["date"]) for r in rows] == [("KILL", "2019-01-01"), ("ARREST", None)]
        assert [r["type"] for r in count_dates(conn, type="arrest")] == ["ARREST"]
