"""Toponym resolution against geoparsing gold (TR-News / LGL format and GeoVirus format).

Metrics, as in Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation" (2019):
accuracy within 161 km, median error, the area under the curve of sorted log errors
(AUC: 0 is perfect, 1 is every toponym on the far side of the Earth), and exact
GeoNames id match where the gold has ids. An unresolved toponym counts as the largest
possible error (20,039 km), as the Guide does.

- gold spans: each gold toponym's name and offsets are resolved with the article's
  text as context (the usual way geocoders are compared).
- end to end: our NER and resolution; a gold toponym is found when a predicted
  mention overlaps it; recall and precision count found ones within 161 km.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from newsgraph.geo.resolve import Toponym, haversine_km, resolve_toponyms

__all__ = ["GoldToponym", "GoldArticle", "read_corpus", "Scores", "score", "auc",
           "evaluate_gold_spans", "group_toponyms", "align_offsets", "MAX_ERROR_KM"]

MAX_ERROR_KM = 20039.0


@dataclass
class GoldToponym:
    name: str
    start: int
    end: int
    lat: float
    lon: float
    geonameid: int | None = None
    fcode: str | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    url: str | None = None  # the article's address or domain, when the corpus gives one
    demonyms: bool = True  # the corpus annotates demonyms ("Turkish" as Turkey); GeoVirus does not


def read_corpus(path: str | Path) -> list[GoldArticle]:
    """Both XML formats: <toponyms><toponym> with <gaztag> (TR-News, LGL) and
    <locations><location> (GeoVirus, WikToR-like). Toponyms without coordinates are skipped."""
    root = ET.parse(str(path)).getroot()
    out = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc = GoldArticle(art.get("docid") or str(n), text,
                          url=(art.findtext("domain") or art.findtext("url") or "").strip() or None)
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            doc.toponyms.append(GoldToponym(
                (t.findtext("phrase") or "").strip(), int(t.findtext("start")), int(t.findtext("end")),
                float(g.findtext("lat")), float(g.findtext("lon")),
                int(g.get("geonameid")) if g.get("geonameid") else None, g.findtext("fcode")))
        for loc in art.iter("location"):
            doc.demonyms = False  # GeoVirus annotates no adjectival or demonym toponyms
            if loc.findtext("lat") is None:
                continue
            doc.toponyms.append(GoldToponym(
                (loc.findtext("name") or "").strip(), int(loc.findtext("start")), int(loc.findtext("end")),
                float(loc.findtext("lat")), float(loc.findtext("lon"))))
        doc.toponyms.sort(key=lambda t: t.start)
        out.append(doc)
    return out


def align_offsets(docs: list[GoldArticle], *, window: int = 20) -> int:
    """Move each gold toponym whose phrase is not at its offsets to the nearest occurrence
    of the phrase within `window` characters (GeoVirus' offsets are all one character
    late, a few TR-News articles drift by up to 10); returns how many moved. End to end
    only: a mention is matched by overlap, and a drifted offset overlaps the wrong words."""
    moved = 0
    for d in docs:
        for g in d.toponyms:
            if not g.name or d.text[g.start:g.end] == g.name:
                continue
            for k in sorted(range(-window, window + 1), key=abs):
                s = g.start + k
                if s >= 0 and d.text[s:s + len(g.name)] == g.name:
                    g.start, g.end = s, s + len(g.name)
                    moved += 1
                    break
    return moved


def auc(errors: list[float]) -> float:
    """The Pragmatic Guide's AUC: the trapezoid area under sorted ln(error + 1), scaled by
    ln(20039) and the number of intervals."""
    if len(errors) < 2:
        return math.log(errors[0] + 1) / math.log(MAX_ERROR_KM) if errors else 0.0
    pts = np.log(np.sort(np.asarray(errors, dtype=np.float64)) + 1)
    area = float(np.sum((pts[1:] + pts[:-1]) / 2))
    return area / (math.log(MAX_ERROR_KM) * (len(pts) - 1))


@dataclass
class Scores:
    n: int = 0
    errors: list[float] = field(default_factory=list)
    id_total: int = 0
    id_match: int = 0
    unresolved: int = 0
    # end to end
    predicted: int = 0
    predicted_correct: int = 0
    found: int = 0

    @property
    def acc161(self) -> float:
        return sum(e <= 161 for e in self.errors) / len(self.errors) if self.errors else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.errors) if self.errors else 0.0

    @property
    def auc(self) -> float:
        return auc(self.errors)

    @property
    def id_accuracy(self) -> float:
        return self.id_match / self.id_total if self.id_total else 0.0


def score(gold: GoldToponym, lat: float | None, lon: float | None, gid: int | None, s: Scores) -> float:
    err = MAX_ERROR_KM if lat is None else haversine_km(gold.lat, gold.lon, lat, lon)
    s.n += 1
    s.errors.append(err)
    s.unresolved += lat is None
    if gold.geonameid:
        s.id_total += 1
        s.id_match += gid == gold.geonameid
    return err


def group_toponyms(doc: GoldArticle) -> tuple[list[Toponym], list[int]]:
    """The gold toponyms as our resolver's input: one Toponym per distinct name (as the
    entity extractor groups mentions), and each gold toponym's index into that list."""
    from newsgraph.data.countries import country
    from newsgraph.geo.gazetteer import load
    from newsgraph.geo.resolve import adjective_place

    gaz = load()
    groups: dict[str, Toponym] = {}
    which = []
    for g in doc.toponyms:
        adj = adjective_place(gaz, g.name)
        key = adj[0] if adj else (country(g.name) or g.name)
        t = groups.get(key)
        if t is None:
            t = groups[key] = Toponym(name=key, forms=[], spans=[], country=adj[1] if adj else None)
        if g.name not in t.forms and not adj:
            t.forms.append(g.name)
        t.spans.append((g.start, g.end))
        which.append(list(groups).index(key))
    return list(groups.values()), which


def evaluate_gold_spans(docs: list[GoldArticle], *, ranker=None, errors: list | None = None) -> Scores:
    s = Scores()
    for doc in docs:
        tops, which = group_toponyms(doc)
        res = resolve_toponyms(tops, text=doc.text, ranker=ranker, url=doc.url)
        for g, w in zip(doc.toponyms, which):
            r = res[w].record
            err = score(g, r.lat if r else None, r.lon if r else None, r.geonameid if r else None, s)
            if errors is not None and err > 161:
                errors.append((doc.id, g, r, err))
    return s


@dataclass
class EndToEnd:
    scores: Scores  # errors of the gold toponyms (unfound ones at the maximum error)
    predicted: int = 0  # predicted resolved mentions
    predicted_overlapping: int = 0  # of which overlap a gold toponym
    predicted_correct: int = 0  # of which within 161 km of it
    found: int = 0  # gold toponyms overlapped by a predicted mention
    unannotated: int = 0  # predicted mentions of a kind the corpus does not annotate (demonyms in
    # GeoVirus) that overlap no gold toponym: left out of `precision_annotated`
    offsets_moved: int = 0  # gold toponyms moved onto their phrase (align_offsets)
    parse_seconds: float = 0.0  # 0 when the parses came from the cache
    places_seconds: float = 0.0  # the places extractor alone

    @property
    def recall(self) -> float:
        return self.scores.acc161

    @property
    def precision(self) -> float:
        return self.predicted_correct / self.predicted if self.predicted else 0.0

    @property
    def precision_annotated(self) -> float:
        """Precision over the kinds of mention the corpus annotates."""
        n = self.predicted - self.unannotated
        return self.predicted_correct / n if n else 0.0

    @property
    def span_recall(self) -> float:
        return self.found / self.scores.n if self.scores.n else 0.0

    @property
    def span_precision(self) -> float:
        return self.predicted_overlapping / self.predicted if self.predicted else 0.0


def _parsed(docs: list[GoldArticle], nlp, cache: str | Path | None, out: "EndToEnd") -> list:
    """The parsed articles, from a DocBin in `cache` when one for these texts is there."""
    import hashlib
    import time

    from spacy.tokens import DocBin

    key = hashlib.sha256("\0".join([nlp.meta["name"], nlp.meta["version"], *(d.text for d in docs)])
                         .encode("utf-8")).hexdigest()[:16]
    path = Path(cache) / f"places-eval-{key}.spacy" if cache else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = []
    for d in docs:
        t0 = time.perf_counter()
        parsed.append(nlp(d.text))
        out.parse_seconds += time.perf_counter() - t0
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=parsed, store_user_data=False).to_disk(path)
    return parsed


def evaluate_end_to_end(docs: list[GoldArticle], *, nlp, min_confidence: float = 0.0,
                        demonyms: bool = True, repair: bool = True, nested: bool = True,
                        left_out: bool = True, cache: str | Path | None = None, align: bool = True) -> EndToEnd:
    """Our NER and resolution over each article's text. A predicted mention (of a resolved
    place) is right when it overlaps a gold toponym and lies within 161 km of it. With
    `align`, gold offsets that miss their phrase are moved onto it first (align_offsets,
    on copies of the toponyms)."""
    import copy
    import time

    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.places import extract_places

    out = EndToEnd(Scores())
    if align:
        docs = copy.deepcopy(docs)
        out.offsets_moved = align_offsets(docs)
    parsed_docs = _parsed(docs, nlp, cache, out)
    for doc, parsed in zip(docs, parsed_docs):
        entities = extract_entities(parsed)
        t1 = time.perf_counter()
        places = extract_places(parsed, entities, demonyms=demonyms, repair=repair, nested=nested, left_out=left_out,
                                min_confidence=min_confidence, url=doc.url)
        out.places_seconds += time.perf_counter() - t1
        mentions = [(s, p.geo) for p in places if p.geo is not None for s in p.spans]
        demonym = {tuple(s) for p in places if p.geo is not None and p.demonym for s in p.spans}
        for (s, e), geo in mentions:
            out.predicted += 1
            hit = [g for g in doc.toponyms if g.start < e and s < g.end]
            out.unannotated += not hit and not doc.demonyms and (s, e) in demonym
            if hit:
                out.predicted_overlapping += 1
                if any(haversine_km(g.lat, g.lon, geo.lat, geo.lon) <= 161 for g in hit):
                    out.predicted_correct += 1
        for g in doc.toponyms:
            hit = [geo for (s, e), geo in mentions if g.start < e and s < g.end]
            out.found += bool(hit)
            best = min(hit, key=lambda geo: haversine_km(g.lat, g.lon, geo.lat, geo.lon)) if hit else None
            score(g, best.lat if best else None, best.lon if best else None,
                  best.geonameid if best else None, out.scores)
    return out
