"""newsgraph: news articles in, traceable structured facts out.

    import newsgraph
    article = newsgraph.analyze(text)          # -> newsgraph.Article
    print(article.to_json(indent=2))
"""

from newsgraph.analyze import analyze, analyze_many  # noqa: F401  (the library entry points)
from newsgraph.article import Article, ErrorRecord  # noqa: F401
from newsgraph.settings import Settings  # noqa: F401

__all__ = ["analyze", "analyze_many", "Article", "ErrorRecord", "Settings"]
