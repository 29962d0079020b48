"""Entities resolved within one article: one Entity per real-world referent.

extract_entities(doc) -> list[Entity]

spaCy's NER is the base; on top of it (details in docs/entities.md):

- types: PERSON; ORG; GPE/LOC/FAC -> PLACE; NORP -> GROUP; EVENT, LAW, PRODUCT,
  WORK_OF_ART, LANGUAGE keep spaCy's label; DATE, TIME, MONEY, CARDINAL, ORDINAL,
  PERCENT and QUANTITY are not entities and are skipped.
- mention text and span drop a leading "the" and a trailing possessive "'s"
  ("the State Department" -> "State Department", "TURAN's" -> "TURAN"), always.
- people: a surname or a misspelling within a small edit distance joins the full
  name ("Blinken", "Blniken" -> "Antony Blinken"); capitalised proper nouns NER
  missed ("Cleverly agreed") join a known surname; other-typed mentions equal to a
  person's name become that person (label repair).
- titles before a name or in an apposition are attached, qualifiers stripped
  ("U.S. Secretary of State Antony Blinken" -> ["Secretary of State"]; "Jake
  Sullivan, the national security adviser," -> ["national security adviser"]; the
  text's casing is kept). A later "the Secretary of State" (or "the top U.S.
  diplomat") held by exactly one person becomes a mention of that person.
- countries get one canonical name ("U.S.", "U..S", "the United States" ->
  "United States"; "UK", "Britain" -> "United Kingdom"); demonyms stay GROUP.
- ids "e1", "e2", ... in order of first mention; mentions sorted by offset. The
  name is the fullest form (most words, then most frequent, then first).

Lookup API for other extractors (the quotes extractor uses it):

    index = EntityIndex(entities)
    index.get("e1")                -> Entity | None
    index.at(start, end)           -> Entity | None: the entity whose mention overlaps
                                      the char span most (ties: the tighter mention,
                                      then the earlier; mentions can nest)
    index.mention_at(start, end)   -> (Mention, Entity) | None: the same, with the mention
    index.mentions_in(start, end)  -> [(Mention, Entity)] inside the span, by offset
    index.resolve(text)            -> Entity | None: a mention's text or name, a country
                                      form, a unique surname, a unique title ("the
                                      Secretary of State"), or a one-edit misspelling;
                                      looks past qualifiers, honorifics and titles in
                                      front ("U.S. Secretary of State", "Mr. Blinken")
    index.persons_before(offset)   -> [Entity]: PERSONs mentioned before offset, the
                                      most recently mentioned first (pronoun candidates)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable

from rapidfuzz.distance import OSA
from spacy.tokens import Doc

from newsgraph.article import Entity, Mention
from newsgraph.data.countries import country, demonym_country
from newsgraph.extract.entities_build import build_entities, normalize_text
from newsgraph.extract.entities_titles import HEADS, HONORIFICS

__all__ = ["extract_entities", "EntityIndex"]


def extract_entities(doc: Doc) -> list[Entity]:
    """The article's entities, each with its canonical name, type, titles and every mention."""
    return build_entities(doc)


class EntityIndex:
    """Lookups over one article's entities by char offset or by name (read-only)."""

    def __init__(self, entities: Iterable[Entity]):
        self.entities: list[Entity] = list(entities)
        self._by_id = {e.id: e for e in self.entities}
        pairs = sorted(
            ((m, e) for e in self.entities for m in e.mentions), key=lambda p: (p[0].span, p[1].id)
        )
        self._pairs = pairs
        self._starts = [m.span[0] for m, _ in pairs]
        # Mentions can nest ("top U.S. diplomat" holds "U.S."), so overlap search
        # must look back as far as the longest mention.
        self._longest = max((m.span[1] - m.span[0] for m, _ in pairs), default=0)
        self._by_text: dict[str, list[Entity]] = {}
        for e in self.entities:
            for form in {e.name, *(m.text for m in e.mentions)}:
                key = normalize_text(form).casefold()
                if e not in self._by_text.setdefault(key, []):
                    self._by_text[key].append(e)
        self._persons = [e for e in self.entities if e.type == "PERSON"]

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        """Mentions lying wholly inside [start, end), by offset."""
        lo = bisect_left(self._starts, start)
        hi = bisect_left(self._starts, end)
        return [(m, e) for m, e in self._pairs[lo:hi] if m.span[1] <= end]

    def mention_at(self, start: int, end: int) -> tuple[Mention, Entity] | None:
        """The mention overlapping [start, end) the most; ties go to the one with less outside
        the span (so "U.S." inside "top U.S. diplomat" finds the country), then the earlier."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, max(end, start + 1))
        best, best_key = None, None
        for m, e in self._pairs[lo:hi]:
            overlap = min(end, m.span[1]) - max(start, m.span[0])
            if end == start:  # a point: the mention containing it
                overlap = 1 if m.span[0] <= start < m.span[1] else 0
            if overlap <= 0:
                continue
            key = (-overlap, m.span[1] - m.span[0] - overlap, m.span[0])
            if best_key is None or key < best_key:
                best, best_key = (m, e), key
        return best

    def at(self, start: int, end: int) -> Entity | None:
        hit = self.mention_at(start, end)
        return hit[1] if hit else None

    def resolve(self, text: str) -> Entity | None:
        """The one entity a name, surname, country form, title or near-miss spelling points to.

        Qualifiers, honorifics and titles in front are looked past when the whole text
        is not known: "U.S. Secretary of State", "Mr. Blinken", "President Biden".
        """
        words = normalize_text(text).split()
        if not words:
            return None
        found = self._resolve(words)
        for k in range(1, len(words)):
            if found is not None:
                break
            w = words[k - 1]
            if not (demonym_country(w) or w.casefold() in HONORIFICS or w.casefold() in HEADS):
                break
            found = self._resolve(words[k:])
        for k in range(1, len(words)):  # "British Foreign Secretary James Cleverly"
            if found is not None or not any(
                w.casefold() in HEADS or w.casefold() in HONORIFICS for w in words[:k]
            ):
                continue
            hits = self._by_text.get(" ".join(words[k:]).casefold())
            found = _prefer_person(hits) if hits else None
        if found is None and len(words) == 1 and len(words[0]) >= 5:
            key = words[0].casefold()
            near = [e for e in self._persons if OSA.distance(e.name.casefold().split()[-1], key) <= 1]
            found = near[0] if len(near) == 1 else None
        return found

    def _resolve(self, words: list[str]) -> Entity | None:
        key = " ".join(words).casefold()
        hits = self._by_text.get(key)
        if hits:
            return _prefer_person(hits)
        canonical = country(" ".join(words))
        if canonical:
            return next((e for e in self.entities if e.type == "PLACE" and e.name == canonical), None)
        if len(words) == 1:
            surname = [e for e in self._persons if e.name.casefold().split()[-1] == key]
            if len(surname) == 1:
                return surname[0]
        return self._by_title(key)

    def persons_before(self, offset: int) -> list[Entity]:
        """PERSON entities with a mention ending at or before offset, most recent mention first."""
        hi = bisect_right(self._starts, offset)
        seen: dict[str, Entity] = {}
        for m, e in reversed(self._pairs[:hi]):
            if e.type == "PERSON" and m.span[1] <= offset and e.id not in seen:
                seen[e.id] = e
        return list(seen.values())

    def _by_title(self, key: str) -> Entity | None:
        holders = [e for e in self._persons if any(t.casefold() == key for t in e.titles)]
        return holders[0] if len(holders) == 1 else None


def _prefer_person(hits: list[Entity]) -> Entity:
    return next((e for e in hits if e.type == "PERSON"), hits[0])
