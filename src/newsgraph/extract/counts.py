from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.article import Count


def extract_counts(doc: Doc) -> list[Count]:
    return []
