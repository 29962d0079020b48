"""Speakers: the mention in the quote's sentence, resolved to an entity where the article allows.

speaker_mentions(token) -> [Span]      the subject's words, one span per coordinated speaker
Resolver(doc, entities).resolve(span)   -> Speaker(name, entity, span)

Resolution order (docs/quotes.md):
1. the mention overlaps a mention of an entity -> that entity (the entity table already
   joins surnames, misspellings and titles to the full name);
2. a personal pronoun (he, she) -> the latest person who spoke or was a subject within
   the last few sentences, else the latest person mentioned; they/it/we -> the latest
   organisation or group speaker;
3. a description ("the minister", "the top U.S. diplomat") -> the one person whose
   titles contain its head noun; a capitalised name the table missed -> the fullest
   PERSON name in the document ending in the same word;
4. otherwise an unnamed source: the description is the name and `entity` is None.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterable

from rapidfuzz.distance import OSA
from spacy.tokens import Doc, Token

from newsgraph.article import Entity, Span, Speaker

__all__ = ["speaker_mentions", "Resolver"]

_NP_LEFT = {"det", "compound", "amod", "poss", "nmod", "nummod", "flat", "case", "punct", "quantmod", "advmod"}
_PRONOUNS_PERSON = {"he", "she", "him", "her"}
_PRONOUNS_GROUP = {"they", "them", "it", "we"}
_PRONOUNS_SELF = {"i", "me", "you"}
_RELATIVE = {"who", "which", "that"}
# Heads of descriptions that name an unnamed source rather than a known person.
_ANON_HEADS = {"source", "sources", "official", "officials", "aide", "aides", "person", "people",
               "someone", "insider", "insiders", "observer", "observers", "critic", "critics",
               "analyst", "analysts", "expert", "experts", "witness", "witnesses", "resident", "residents"}


def speaker_mentions(head: Token) -> list[Span]:
    """The subject noun phrase (left modifiers + head), and each coordinated subject."""
    out = [_np_span(head)]
    for conj in head.conjuncts:
        if conj.i > head.i and conj.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(_np_span(conj))
    return out


def _np_span(head: Token) -> Span:
    left = head
    for child in head.lefts:
        if child.dep_ in _NP_LEFT and child.dep_ != "punct":
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    # A proper name runs on through flat/compound children to the right (rare in spaCy).
    right = head
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == right.i + 1:
            right = child
    return (left.idx, right.idx + len(right))


class Resolver:
    """Resolves speaker mentions of one document; remembers who spoke, for pronouns."""

    def __init__(self, doc: Doc, entities: Iterable[Entity], *, text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text is rebuilt on every access
        self.people = [e for e in doc.ents if e.label_ == "PERSON"]
        self.entities = list(entities)
        self._pairs = sorted(((m.span, e) for e in self.entities for m in e.mentions), key=lambda p: p[0])
        self._starts = [s[0] for s, _ in self._pairs]
        self._longest = max((s[1] - s[0] for s, _ in self._pairs), default=0)
        self.spoken: list[tuple[int, Speaker]] = []  # (offset, speaker) of resolved named speakers
        self._ner_people = {}
        for ent in self.people:
            name = _strip_possessive(ent.text)
            last = name.split()[-1].casefold() if name.split() else ""
            if len(name.split()) > len(self._ner_people.get(last, "").split()):
                self._ner_people[last] = name

    def entity_at(self, span: Span) -> Entity | None:
        start, end = span
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        best, best_overlap = None, 0
        for (s, e), ent in self._pairs[lo:hi]:
            overlap = min(end, e) - max(start, s)
            if overlap > best_overlap or (overlap == best_overlap and best and ent.type == "PERSON" != best.type):
                best, best_overlap = ent, overlap
        return best

    def resolve(self, span: Span, *, inside_quote_of: Speaker | None = None) -> Speaker:
        text = self.text[span[0]:span[1]]
        low = text.casefold()
        words = low.split()
        head = words[-1] if words else ""
        if low in _PRONOUNS_SELF and inside_quote_of is not None:
            return Speaker(inside_quote_of.name, inside_quote_of.entity, span)
        if low in _RELATIVE:
            antecedent = self._antecedent(span)
            if antecedent is not None:
                sp = self.resolve(antecedent, inside_quote_of=inside_quote_of)
                return Speaker(sp.name, sp.entity, span)
        if low in _PRONOUNS_PERSON or low in _PRONOUNS_GROUP or low in _PRONOUNS_SELF:
            return self._pronoun(low, span)
        # The head word decides: "the top U.S. diplomat" holds "U.S." but is not the country.
        last = text.rstrip().rsplit(None, 1)[-1] if text.strip() else text
        head_start = span[0] + text.rstrip().rfind(last)
        ent = self.entity_at((head_start, head_start + len(last))) or None
        if ent is not None and ent.type in ("PERSON", "ORG", "GROUP", "PLACE") and not (
                ent.type == "PLACE" and head in _ANON_HEADS):
            sp = Speaker(ent.name, ent.id, span)
            self.spoken.append((span[0], sp))
            return sp
        if head in _ANON_HEADS or not self._capitalised(text):
            titled = self._titled(head) if head not in _ANON_HEADS else None
            if titled is not None:
                sp = Speaker(titled.name, titled.id, span)
                self.spoken.append((span[0], sp))
                return sp
            return Speaker(_description(text), None, span)
        near = self._near_surname(_strip_possessive(head))
        if near is not None:  # a misspelt surname ("Clevely") the entity table did not join
            sp = Speaker(near.name, near.id, span)
            self.spoken.append((span[0], sp))
            return sp
        name = self._ner_people.get(_strip_possessive(head), text)
        sp = Speaker(name, None, span)
        self.spoken.append((span[0], sp))
        return sp

    def _pronoun(self, low: str, span: Span) -> Speaker:
        start = span[0]
        want_person = low in _PRONOUNS_PERSON or low in _PRONOUNS_SELF
        # The latest speaker of the right kind within about three sentences.
        window = self.text.rfind("\n", 0, max(0, start - 600))
        for off, sp in reversed(self.spoken):
            if off >= start or off < window:
                continue
            ent = self._by_id(sp.entity)
            is_person = ent.type == "PERSON" if ent else not sp.name.islower()
            if is_person == want_person:
                return Speaker(sp.name, sp.entity, span)
        if want_person:
            for (s, e), ent in reversed(self._pairs[: bisect_left(self._starts, start)]):
                if ent.type == "PERSON" and e <= start:
                    return Speaker(ent.name, ent.id, span)
            for ent in reversed([e for e in self.people if e.end_char <= start]):
                return Speaker(self._ner_people.get(ent[-1].text.casefold(), ent.text), None, span)
        for (s, e), ent in reversed(self._pairs[: bisect_left(self._starts, start)]):
            if ent.type in ("ORG", "GROUP", "PLACE") and e <= start:
                return Speaker(ent.name, ent.id, span)
        return Speaker(low, None, span)

    def _antecedent(self, span: Span) -> Span | None:
        """The noun a relative pronoun stands for: "Jane Doe, who said ..." -> "Jane Doe"."""
        tok = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if tok is None or not len(tok):
            return None
        verb = tok[0].head
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return speaker_mentions(verb.head)[0]
        return None

    def _near_surname(self, word: str) -> Entity | None:
        if len(word) < 5:
            return None
        near = {e.id: e for e in self.entities if e.type == "PERSON" and e.name.split()
                and OSA.distance(e.name.split()[-1].casefold(), word) <= 1}
        return next(iter(near.values())) if len(near) == 1 else None

    def _titled(self, head: str) -> Entity | None:
        holders = [e for e in self.entities if e.type == "PERSON"
                   and any(head in t.casefold().split() for t in e.titles)]
        return holders[0] if len(holders) == 1 else None

    def _by_id(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return next((e for e in self.entities if e.id == entity_id), None)

    @staticmethod
    def _capitalised(text: str) -> bool:
        words = [w for w in text.split() if w.casefold() not in ("the", "a", "an")]
        return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _strip_possessive(text: str) -> str:
    return text.removesuffix("'s").removesuffix("’s")


def _description(text: str) -> str:
    return " ".join(text.split())
