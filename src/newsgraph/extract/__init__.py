"""Extractors: pure functions over a parsed spaCy Doc that return plain records (newsgraph.article)."""
