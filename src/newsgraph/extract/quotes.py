from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.article import Entity, Quote


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    return []
