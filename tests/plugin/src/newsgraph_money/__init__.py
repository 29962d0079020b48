"""Sums of money mentioned in an article ("$2.5 billion", "50 million euros"), as a
newsgraph extractor installed from its own package through the entry point group
`newsgraph.extractors`. It exists to show (and test) that a capability is one module
plus a registration: its facts reach the record, the store, the API, the export and
the article page without any change to newsgraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.article import EntityRef, Span
from newsgraph.extract.registry import Extractor, Option

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
_CURRENCY = {"$": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "euro": "EUR", "euros": "EUR",
             "£": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY", "yen": "JPY"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass
class Money:
    text: str
    span: Span
    amount: float | None
    currency: str | None
    payer: EntityRef | None = None  # the entity named as the sentence's subject, when there is one


def extract_money(doc, ctx) -> list[Money]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "MONEY":
            continue
        words = ent.text.lower().replace(",", "").split()
        m = _NUMBER.search(ent.text)
        amount = float(m.group().replace(",", "")) if m else None
        if amount is not None:
            for w in words:
                amount *= _SCALE.get(w.strip("."), 1)
        currency = next((c for k, c in _CURRENCY.items() if k in ent.text.lower().split() or
                         ent.text.startswith(k)), None)
        if amount is not None and amount < ctx.options["min_amount"]:
            ctx.stat("below_minimum")
            continue
        payer = None
        subj = next((t for t in ent.sent if t.dep_ == "nsubj"), None)
        if subj is not None and ctx.entities is not None:
            hit = ctx.entities.at(subj.idx, subj.idx + len(subj.text))
            payer = hit.id if hit else None
        out.append(Money(ent.text, (ent.start_char, ent.end_char), amount, currency, payer))
    return out


EXTRACTOR = Extractor(
    name="money", fact=Money, func=extract_money, needs=("entities",), version="0.1.0",
    options=(Option("min_amount", 0.0, "sums below this amount are left out"),),
    kind_field="currency", label=lambda m: f"{m.currency or '?'} {m.amount:,.0f}" if m.amount else m.text,
    filters=("currency",), doc="sums of money with their currency and amount",
)
