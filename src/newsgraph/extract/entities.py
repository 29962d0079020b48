from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.article import Entity


def extract_entities(doc: Doc) -> list[Entity]:
    return []
