"""Event coding quality on the PLOVER gold standard records and PETRARCH2's unit tests.

PLOVER (`PLOVER_GSR_dev.json`, version 0.5b1 records: one coded event per sentence):
- each record's text is parsed and run through entities, quotes, counts and events;
  the *primary* event of a sentence is the one whose trigger is nearest the parse root
  (the sentence's main event, as the gold codes it), ties to the first.
- gold types of PLOVER 0.5 are mapped to the 2021 types the extractor emits:
  DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT, and COERCE
  with mode "destroy" -> ASSAULT (CAMEO 1712, destroy property, moved there in the 2021
  table, CAMEO2PLOVER-2021.txt).
- event type: accuracy (primary == gold) and micro P/R/F1 (a sentence without events is a
  miss; with one of the wrong type both a false positive and a miss), plus macro F1.
- actor codes: the gold `code` (country alpha-3, or IGO) of every source (target) actor
  against the country codes (IGO/NGO/IMG included) of the primary event's sources
  (targets), as sets per record, micro P/R/F1. Also with the sector where gold has one.
- mode: on the records with a gold mode whose type we got right, equal modes (0.5 modes
  renamed in 2021 are mapped: demo-org/demo-spon -> demo, riot-spon -> riot, strike-gen ->
  boycott, destroy/confiscate -> seize, detain -> arrest, censor -> restrict);
  context: the primary event's first context among the gold's contexts.

PETRARCH2 (`PETR2.UnitTest.records.xml`): each sentence's expected CAMEO codes, mapped to
PLOVER types by `CAMEO2PLOVER-2021.txt` (codes the table leaves out, CAMEO 01 and 02,
expect no PLOVER event), against the types of our events: micro P/R/F1 per sentence
(sets), and the CAMEO root (first two digits) likewise. Its actors are the fictional
countries of PETRARCH's validation dictionaries (Arnor, Gondor), which no real coder
knows, so actor codes are not scored there. PETRARCH2 itself passes these records (they
are its unit tests): its agreement is 1.0 by construction; ours is the comparison.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

__all__ = ["PloverScores", "PetrScores", "evaluate_plover", "evaluate_petrarch", "load_cameo_map",
           "GOLD_TYPE_MAP", "GOLD_MODE_MAP", "analyse_sentence"]

GOLD_TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# PLOVER 0.5 modes that the 2021 table names otherwise.
GOLD_MODE_MAP = {"demo-org": "demo", "demo-spon": "demo", "riot-spon": "riot", "riot-org": "riot",
                 "strike-gen": "boycott", "destroy": "seize", "confiscate": "seize", "detain": "arrest",
                 "censor": "restrict"}


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class PloverScores:
    records: int = 0
    type_correct: int = 0
    predicted: int = 0  # records with a primary event
    per_type: Counter = field(default_factory=Counter)  # (type, tp/fp/fn)
    src: Counter = field(default_factory=Counter)  # tp, pred, gold
    tgt: Counter = field(default_factory=Counter)
    src_sector: Counter = field(default_factory=Counter)
    tgt_sector: Counter = field(default_factory=Counter)
    mode_n: int = 0
    mode_ok: int = 0
    ctx_n: int = 0
    ctx_ok: int = 0
    errors: list = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.records if self.records else 0.0

    @property
    def type_prf(self) -> tuple[float, float, float]:
        return _prf(self.type_correct, self.predicted, self.records)

    @property
    def type_macro_f1(self) -> float:
        types = {t for t, _ in self.per_type}
        f1s = [_prf(self.per_type[t, "tp"], self.per_type[t, "tp"] + self.per_type[t, "fp"],
                    self.per_type[t, "tp"] + self.per_type[t, "fn"])[2] for t in types]
        return sum(f1s) / len(f1s) if f1s else 0.0

    def actor_prf(self, which: str) -> tuple[float, float, float]:
        c = getattr(self, which)
        return _prf(c["tp"], c["pred"], c["gold"])


def _gold_actors(rec: dict, key: str) -> list[dict]:
    v = rec.get(key)
    if not v:
        return []
    return [a for a in (v if isinstance(v, list) else [v]) if isinstance(a, dict) and a.get("code")]


def analyse_sentence(nlp: Language, text: str, published: str | None = None):
    """(doc, events, quotes) of one sentence, through the same extractors as an article."""
    from newsgraph.extract.counts import extract_counts
    from newsgraph.extract.entities import EntityIndex, extract_entities
    from newsgraph.extract.events import extract_events
    from newsgraph.extract.quotes import extract_quotes

    doc = nlp(text)
    ents = extract_entities(doc)
    quotes = extract_quotes(doc, ents)
    counts = extract_counts(doc)
    events = extract_events(doc, entities=ents, quotes=quotes, counts=counts, published=published,
                            index=EntityIndex(ents))
    return doc, events, quotes


def _depth(doc, char: int) -> int:
    tok = next((t for t in doc if t.idx <= char < t.idx + len(t.text)), None)
    d = 0
    while tok is not None and tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def primary(doc, events):
    if not events:
        return None
    return min(events, key=lambda e: (_depth(doc, e.span[0]), e.span[0]))


def _codes(actors) -> set[str]:
    return {a.country for a in actors if a is not None and a.country}


def evaluate_plover(path: str | Path, *, nlp: Language, part: str = "all") -> PloverScores:
    """Scores on the PLOVER records; part: all, even or odd (record index parity)."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    s = PloverScores()
    for i, rec in enumerate(records):
        if part == "even" and i % 2 or part == "odd" and not i % 2:
            continue
        s.records += 1
        gold_type = GOLD_TYPE_MAP.get(rec["event"], rec["event"])
        if rec["event"] == "COERCE" and (rec.get("mode") or "").strip() == "destroy":
            gold_type = "ASSAULT"  # CAMEO 1712 (destroy property) is ASSAULT in PLOVER 2021
        doc, events, _ = analyse_sentence(nlp, rec["text"], rec.get("date"))
        ev = primary(doc, events)
        pred_type = ev.type if ev else None
        if ev is not None:
            s.predicted += 1
        if pred_type == gold_type:
            s.type_correct += 1
            s.per_type[gold_type, "tp"] += 1
        else:
            s.per_type[gold_type, "fn"] += 1
            if pred_type:
                s.per_type[pred_type, "fp"] += 1
        for key, counter, sec_counter in (("source", s.src, s.src_sector), ("target", s.tgt, s.tgt_sector)):
            gold = _gold_actors(rec, key)
            gcodes = {a["code"][:3] for a in gold}
            pred_actors = [] if ev is None else ((ev.sources or [ev.source]) if key == "source"
                                                 else (ev.targets or [ev.target]))
            pcodes = _codes(pred_actors)
            counter["tp"] += len(gcodes & pcodes)
            counter["pred"] += len(pcodes)
            counter["gold"] += len(gcodes)
            gsec = {(a["code"][:3], a["sector"][:3]) for a in gold if a.get("sector") and a["sector"] != "***"}
            psec = {(a.country, a.sector) for a in pred_actors if a is not None and a.country and a.sector}
            psec_scored = {p for p in psec if p[0] in {g[0] for g in gsec}} if gsec else set()
            sec_counter["tp"] += len(gsec & psec_scored)
            sec_counter["pred"] += len(psec_scored)
            sec_counter["gold"] += len(gsec)
        gmode = (rec.get("mode") or "").strip()
        gmode = GOLD_MODE_MAP.get(gmode, gmode)
        if gmode and pred_type == gold_type:
            s.mode_n += 1
            s.mode_ok += int(ev.mode == gmode)
        gctx = {c.strip() for c in (rec.get("context") or "").split(",") if c.strip()}
        gctx |= {"refugee" if c == "refugees" else c for c in gctx}
        if gctx:
            s.ctx_n += 1
            s.ctx_ok += int(bool(ev and ev.contexts and ev.contexts[0] in gctx))
        if pred_type != gold_type or not ev:
            s.errors.append((rec["id"], gold_type, pred_type, ev.trigger if ev else None, rec["text"]))
    return s


# -- PETRARCH2 ---------------------------------------------------------------------------------

def load_cameo_map(path: str | Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from CAMEO2PLOVER-2021.txt."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


@dataclass
class PetrScores:
    sentences: int = 0
    types: Counter = field(default_factory=Counter)
    roots: Counter = field(default_factory=Counter)
    no_event_sentences: int = 0
    no_event_clean: int = 0


def _petr_records(path: str | Path):
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    for m in re.finditer(r"<Sentence\b(.*?)>(.*?)</Sentence>", raw, re.S):
        body = m.group(2)
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text:
            continue
        codes = re.findall(r'eventcode="(\d+)"', body)
        noevents = bool(re.search(r'noevents\s*=\s*"True"', body))
        sid = re.search(r'id="([^"]+)"', m.group(1))
        yield (sid.group(1) if sid else "?"), " ".join(text.group(1).split()), codes, noevents


def evaluate_petrarch(path: str | Path, cameo_map: dict[str, str], *, nlp: Language) -> PetrScores:
    s = PetrScores()
    for _sid, text, codes, noevents in _petr_records(path):
        if not codes and not noevents:
            continue
        s.sentences += 1
        _, events, _ = analyse_sentence(nlp, text)
        gold_types = {cameo_map[c] for c in codes if c in cameo_map}
        pred_types = {e.type for e in events}
        s.types["tp"] += len(gold_types & pred_types)
        s.types["pred"] += len(pred_types)
        s.types["gold"] += len(gold_types)
        groots = {c[:2] for c in codes}
        proots = {e.cameo[:2] for e in events}
        s.roots["tp"] += len(groots & proots)
        s.roots["pred"] += len(proots)
        s.roots["gold"] += len(groots)
        if noevents:
            s.no_event_sentences += 1
            s.no_event_clean += int(not events)
    return s
