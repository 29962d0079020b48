"""Which spans of an article are place mentions (docs/places.md, "Which mentions").

toponyms(doc, entities, gaz, ...) -> list[(Entity | None, Toponym, demonym?, within)]

The place entities (spaCy's GPE, LOC, FAC) and the adjectival demonyms are the base. On
top of them, repairs of what the small NER model gets wrong, each backed by the
gazetteer and, where the name alone is not enough, by the words around it:

- repair: an ORG, PERSON or GROUP entity that is a well-known place ("Edmonton" as ORG,
  "Aleppo" as NORP), or any gazetteer place in a locative context ("in Danbury",
  "Torrington businesses" is not, "Churchill, Man." is).
- nested: a place inside an organisation's name: a well-known one ("Kentucky State
  Police"), any gazetteer place right before a local institution's word ("Bantam
  Superior Court", "Laurel County Detention Center"), and each part of a list NER took
  as one organisation ("Haris and Varzaqan"); none inside media, sports or airline
  names ("New York Times").
- spans NER left out: a capitalised run no entity covers, when it is a well-known
  place in a locative context ("in Ontario", "Winnipeg police"), a country or division,
  a town before a place's word or listed with places, the dateline place ("BANTAM — A
  Danbury mason ...") and a division abbreviation after a place ("Churchill, Man.",
  "LOUISVILLE, KY").
- filters: a one-word mention in apposition to a kinship word is a person
  (`person_context`, applied in newsgraph.extract.places).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from newsgraph.article import Entity, Span

__all__ = ["toponyms", "well_known", "locative", "person_context", "WELL_KNOWN_POPULATION"]

WELL_KNOWN_POPULATION = 100_000
# Entity types whose mentions are names NER already accounted for: a run inside one is not
# "left out" (ORG and PERSON are repaired or searched for nested places instead).
_NAMED = frozenset({"PLACE", "PERSON", "ORG", "GROUP", "EVENT", "WORK_OF_ART", "LAW"})
_DASH = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:—|–|--|-)\s")


# Prepositions strong enough to make a name NER called an organisation or a person a place
# ("in Danbury"; "at Xavier", "to Reuters" are not).
_STRONG_BEFORE = frozenset({"in", "near", "outside", "across", "throughout", "around", "inside", "from"})
_MIN_POPULATION = 1_000  # a town named in context: hamlets share names with everything


# The last doc, its text and its sentence starts: one tuple, replaced whole, so that a
# reader never mixes two docs' values.
_LAST: tuple = (None, "", None)


def _text(doc) -> str:
    """doc.text, built once per doc (spaCy joins every token's text on each access)."""
    global _LAST
    last = _LAST
    if last[0] is not doc:
        last = _LAST = (doc, doc.text, None)
    return last[1]


def _sent_starts(doc) -> frozenset[int]:
    """Token indices that start a sentence (Token.is_sent_start scans the whole doc each time)."""
    global _LAST
    last = _LAST
    if last[0] is not doc or last[2] is None:
        try:
            starts = frozenset(s.start for s in doc.sents)
        except ValueError:  # no sentence boundaries (no parser): only the first token
            starts = frozenset({0})
        last = _LAST = (doc, last[1] if last[0] is doc else doc.text, starts)
    return last[2]


@lru_cache(maxsize=1)
def _brand_words() -> frozenset[str]:
    base = resources.files("newsgraph.data").joinpath("en")
    return frozenset(w.strip() for w in base.joinpath("place_org_words.tsv").read_text("utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _context_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(words before a place, words after one, local institutions' words, abbreviations
    that are words)."""
    base = resources.files("newsgraph.data").joinpath("en")
    kinds: dict[str, set] = {"before": set(), "after": set(), "word": set()}
    for line in base.joinpath("place_context.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            w, where = line.split("\t")
            kinds[where].add(w if where == "word" else w.lower())
    inst = {w.strip().lower() for w in base.joinpath("place_institutions.tsv").read_text("utf-8").splitlines()
            if w.strip() and not w.startswith("#")}
    return frozenset(kinds["before"]), frozenset(kinds["after"]), frozenset(inst), frozenset(kinds["word"])


_BEST: dict = {}


def _best(gaz, name: str, *, alternates: bool = False) -> tuple[str, int] | None:
    """The most important gazetteer reading of `name` by its primary name (alternate names
    too for countries and first-level divisions with `alternates`): (kind, population).
    Remembered per gazetteer (names repeat across articles)."""
    key = (id(gaz), name, alternates)
    if key not in _BEST:
        if len(_BEST) > 200_000:
            _BEST.clear()
        _BEST[key] = _best_uncached(gaz, name, alternates)
    return _BEST[key]


def _best_uncached(gaz, name: str, alternates: bool) -> tuple[str, int] | None:
    from newsgraph.geo.gazetteer import KINDS, MATCH_PRIMARY

    recs, match = gaz.lookup(name)
    rank = {"country": 3, "adm1": 2}
    best = None
    for i, mk in zip(recs.tolist(), match.tolist()):
        kind = KINDS[int(gaz.kind[i])]
        if mk != MATCH_PRIMARY and not (alternates and kind in rank and name.isascii() and len(name) >= 5):
            continue
        key = (rank.get(kind, 0), int(gaz.pop[i]))
        if best is None or key > best[0]:
            best = (key, (kind, int(gaz.pop[i])))
    return best[1] if best else None


def well_known(gaz, name: str) -> bool:
    """A name that is a country's, or the name of a first-level division (alternate names
    in Latin letters count: "Rhineland-Palatinate") or the primary name of a city of
    >= 100,000: safe to take as a place where NER called it something else."""
    from newsgraph.data.countries import country

    if country(name):
        return True
    if len(name) < 3 or not name[0].isupper():
        return False
    b = _best(gaz, name, alternates=True)
    return b is not None and (b[0] in ("country", "adm1", "continent", "region") or
                              (b[0] in ("city", "capital") and b[1] >= WELL_KNOWN_POPULATION))


def _in_gazetteer(gaz, name: str, min_population: int = 0) -> bool:
    """A division, or a populated place of at least `min_population`, by its primary name
    ("Danbury", "Metcalfe County")."""
    if len(name) < 3 or not name[0].isupper():
        return False
    b = _best(gaz, name)
    return b is not None and (b[0] not in ("city", "capital") or b[1] >= min_population)


def _abbreviation(gaz, text: str) -> bool:
    """A division abbreviation ("Man.", "KY") that is not also an English word or code in
    capitals ("IN", "OR", "OK": `words` in place_context.tsv)."""
    from newsgraph.geo.resolve import _abbreviations

    return text in _abbreviations(gaz) and text not in _context_words()[3]


def locative(doc, start: int, end: int, gaz=None, *, strong: bool = False) -> bool:
    """The words around text[start:end] make it a place: a locative preposition before it
    ("in", "near", "from"), a place's word after it ("police", "mayor", "residents",
    "-based"), or ", Division" after it ("Churchill, Man.", "Paris, Texas"). `strong`:
    only the prepositions that rarely precede an organisation ("in", "near", not "at")."""
    before, after, _, _ = _context_words()
    if strong:
        before = _STRONG_BEFORE
    sp = doc.char_span(start, end, alignment_mode="expand")
    if sp is None:
        return False
    if sp.start > 0:
        prev = doc[sp.start - 1]
        if prev.lower_ in before:
            return True
        if prev.lower_ == "the" and sp.start > 1 and doc[sp.start - 2].lower_ in before and sp.end < len(doc) \
                and doc[sp.end].lower_ in after:
            return True
    if sp.end < len(doc):
        nxt = doc[sp.end]
        if nxt.lower_ in after or (nxt.text == "-" and sp.end + 1 < len(doc) and doc[sp.end + 1].lower_ == "based"):
            return True
        if nxt.text == "," and sp.end + 1 < len(doc) and gaz is not None:
            t = doc[sp.end + 1]
            nxt_text = t.text + ("." if sp.end + 2 < len(doc) and doc[sp.end + 2].text == "." else "")
            if _abbreviation(gaz, t.text) or _abbreviation(gaz, nxt_text):
                return True
            b = _best(gaz, t.text, alternates=True) if t.text[:1].isupper() else None
            if b and b[0] in ("country", "adm1"):
                return True
    return _dateline_at(_text(doc), start, end)


def _dateline_at(text: str, start: int, end: int) -> bool:
    """text[start:end] opens a line (within the first lines of the article) in capitals and a
    dash follows, after an optional ", Division" and "(Agency)": "BANTAM — A mason ...",
    "LOUISVILLE, KY--(Marketwire)"."""
    if start > 600:
        return False
    before = text[:start].rstrip(" \t")
    if before and not before.endswith(("\n", ".", "!", "?")):  # after the headline at most
        return False
    word = text[start:end]
    if not word.isupper():
        return False
    rest = text[end:end + 60]
    m = re.match(r",\s*[A-Z][A-Za-z.]{1,14}", rest)
    if m:
        rest = rest[m.end():]
    return bool(_DASH.match(rest) or re.match(r"\s*\(", rest))


def _runs(tokens) -> list[list]:
    """Capitalised runs of tokens ("New", "Milford"; "St.", "John"), split at anything else."""
    runs, run = [], []
    for tok in tokens:
        if (tok.text[:1].isupper() and (tok.is_alpha or tok.text.rstrip(".").isalpha())) \
                or tok.text in ("U.S.", "U.K.", "UK", "US"):
            run.append(tok)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _subruns(run, accept) -> list[tuple[int, int]]:
    """The longest sub-runs (at most 3 tokens) that `accept(start, end, next_token)` takes,
    left to right."""
    out, i = [], 0
    while i < len(run):
        for n in range(min(3, len(run) - i), 0, -1):
            toks = run[i:i + n]
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            nxt = run[i + n] if i + n < len(run) else None
            if accept(start, end, nxt):
                out.append((start, end))
                i += n
                break
        else:
            i += 1
    return out


def _repaired(doc, gaz, e: Entity) -> bool:
    """An ORG, PERSON or GROUP entity that is a place: one surface form, no title, and
    either well-known ("Edmonton" as ORG, "Aleppo" as NORP) or in the gazetteer and named
    in a locative context at least once ("in Danbury", "Churchill, Man.")."""
    from newsgraph.geo.resolve import adjective_place

    if e.titles or not e.mentions:
        return False
    forms = {m.text.casefold(): m.text for m in e.mentions}  # "COLUMBIA" in the dateline, "Columbia"
    if len(forms) != 1:
        return False
    (form,) = forms.values()
    if e.type == "PERSON" and " " in form:  # "John Cairns" is a person
        return False
    if e.type == "GROUP" and adjective_place(gaz, form):  # a demonym, handled as one
        return False
    if well_known(gaz, form):
        return True
    if form.endswith((" County", " Parish")) and _in_gazetteer(gaz, form):  # "charged by Black Hawk County"
        return True
    if doc is None or len(form.split()) > 3:
        return False
    if any(_dateline_at(_text(doc), *m.span) for m in e.mentions):  # "BANTAM — A mason ..."
        return _in_gazetteer(gaz, form.title() if form.isupper() else form)
    if not _in_gazetteer(gaz, form, _MIN_POPULATION):
        return False
    return any(locative(doc, m.span[0], m.span[1], gaz, strong=True) for m in e.mentions)


def _nested(doc, gaz, e: Entity) -> list[tuple[str, Span, str]]:
    """Places inside an organisation's name: (text, span, how): how is "list", "well-known",
    "institution" or "county". (Demonyms inside names, "Syrian Observatory", were tried and
    not kept: 41 GeoVirus mentions, none a toponym there; 6 of 11 right on TR-News.)"""
    _, _, inst, _ = _context_words()
    out = []
    for m in e.mentions:
        sp = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if sp is None:
            continue
        if _brand_words() & {t.text for t in sp}:  # "New York Times", "Real Madrid"
            continue
        runs = _runs(sp)
        # A list NER took as one name ("Haris and Varzaqan", "Ingham or Townsville"): every
        # part a gazetteer place.
        joiners = [t for t in sp if not any(t in r for r in runs)]
        is_list = len(runs) > 1 and all(t.lower_ in ("and", "or", ",", "&") for t in joiners) and \
            all(_in_gazetteer(gaz, _text(doc)[r[0].idx:r[-1].idx + len(r[-1].text)]) for r in runs)

        how = {}

        def accept(start, end, nxt, whole=tuple(m.span), sp=sp):
            text = _text(doc)[start:end]
            if (start, end) == whole and not is_list:
                return False
            if is_list:
                how[start, end] = "list"
            elif well_known(gaz, text):
                how[start, end] = "well-known"
            elif nxt is not None and not any(e0 <= start for (_, e0) in how) and \
                    any(t.lower_ in inst for t in sp if t.idx >= end) and _in_gazetteer(gaz, text):
                # the first place of the name only: "Bantam Superior Court" is Bantam's court
                how[start, end] = "institution"
            elif text.endswith((" County", " Parish")) and _in_gazetteer(gaz, text):
                how[start, end] = "county"
            return (start, end) in how

        for run in runs:
            for start, end in _subruns(run, accept):
                out.append((_text(doc)[start:end], (start, end), how[start, end]))
    return out


def _left_out(doc, gaz, entities: list[Entity], taken: list[Span], skip: frozenset[str]) -> list[tuple[str, Span, str]]:
    """Capitalised runs that no named entity covers and that the words around them make
    places ("in Ontario", "Winnipeg police", the dateline), and division abbreviations
    after a place ("Churchill, Man.")."""
    from newsgraph.geo.gazetteer import normalize
    from newsgraph.geo.resolve import generic_words

    _, _, inst, _ = _context_words()
    generic = generic_words()
    covered: set[int] = set()
    for s0, e0 in [tuple(m.span) for e in entities if e.type in _NAMED for m in e.mentions] + list(taken):
        sp = doc.char_span(s0, e0, alignment_mode="expand")
        if sp is not None:
            covered.update(range(sp.start, sp.end))
    place_tokens = set()
    for s0, e0 in [tuple(m.span) for e in entities if e.type == "PLACE" for m in e.mentions] + list(taken):
        sp = doc.char_span(s0, e0, alignment_mode="expand")
        if sp is not None:
            place_tokens.update(range(sp.start, sp.end))

    out = []
    toks, commas = [], []
    for t in doc:
        if t.text == ",":
            commas.append(t.i)
        if t.i not in covered:
            toks.append(t)
    for run in _runs(toks):
        # runs over non-adjacent tokens must not join: split where tokens are not neighbours
        parts, cur = [], [run[0]]
        for t in run[1:]:
            (cur.append(t) if t.i == cur[-1].i + 1 else (parts.append(cur), cur := [t]))
        parts.append(cur)
        for part in parts:
            def accept(start, end, nxt):
                text = _text(doc)[start:end]
                if text in skip or normalize(text) in generic:
                    return False
                first = doc.char_span(start, end, alignment_mode="expand")
                caps = text.isupper() and len(text) > 2
                # a capital inside a sentence is enough ("Tabriz" tagged NN); at its start the
                # tagger must call it a proper noun
                if not caps and not all(t.tag_ in ("NNP", "NNPS") or (t.i and t.i not in _sent_starts(doc)) for t in first):
                    return False
                if caps and _dateline_at(_text(doc), start, end):
                    how[start, end] = "dateline"
                    return _in_gazetteer(gaz, text.title()) or well_known(gaz, text.title())
                name = text if not caps else text.title()
                sp = doc.char_span(start, end, alignment_mode="expand")
                nxt = doc[sp.end] if sp.end < len(doc) else None
                prev = doc[sp.start - 1] if sp.start > 0 else None
                if nxt is not None and nxt.lower_ in inst and _in_gazetteer(gaz, name, _MIN_POPULATION):
                    how[start, end] = "institution"  # "Beaconsfield Mayor", "Brant OPP"
                    return True
                if prev is not None and prev.text == "," and sp.start > 1 and doc[sp.start - 2].text[:1].isupper():
                    b = _best(gaz, name, alternates=True)
                    if b and b[0] in ("country", "adm1", "adm2"):
                        how[start, end] = "after a place"  # "Clacton, Essex"
                        return True
                root = first.root
                near = ([root.head] if root.dep_ == "conj" else []) + [c for c in root.children if c.dep_ == "conj"]
                if any(t.i in place_tokens for t in near) and _in_gazetteer(gaz, name, _MIN_POPULATION):
                    how[start, end] = "listed with places"  # "Red Deer, Innisfail and Edmonton"
                    return True
                if not well_known(gaz, name):
                    return False
                b = _best(gaz, name, alternates=True)
                if b and b[0] in ("country", "adm1") and not caps:
                    how[start, end] = "division"  # "Ontario's largest cities", "a Queensland alert"
                    return True
                how[start, end] = "locative"
                return locative(doc, start, end, gaz) or (prev is not None and prev.lower_ == "of") or \
                    (nxt is not None and nxt.text in ("'s", "’s"))

            how = {}
            for start, end in _subruns(part, accept):
                out.append((_text(doc)[start:end], (start, end), how[start, end]))
    # division abbreviations after a place or a capitalised word: "Churchill, Man.", "LOUISVILLE, KY"
    for c in commas:
        if c < 1 or c + 1 >= len(doc) or not doc[c - 1].text[:1].isupper():
            continue
        t = doc[c + 1]
        text = t.text + ("." if t.i + 1 < len(doc) and doc[t.i + 1].text == "." and not t.text.endswith(".") else "")
        if not (_abbreviation(gaz, text) or _abbreviation(gaz, t.text)):
            continue
        if "." not in text and not text.isupper():  # "Ky" alone, not "Ky."
            continue
        span = (t.idx, t.idx + len(text))
        if not any(s < span[1] and span[0] < e for s, e in taken) and \
                not any(s < span[1] and span[0] < e for _, (s, e), _ in out):
            out.append((text, span, "abbreviation"))
    return out


def toponyms(doc, entities: list[Entity], gaz, *, demonyms: bool = True, repair: bool = True,
             nested: bool = True, left_out: bool = True, skip: frozenset[str] = frozenset(),
             sources: dict | None = None):
    """(entity or None, Toponym, demonym?, within) for each place to resolve. `skip`: words
    never taken as a place NER left out (the first names of the article's people).
    `sources`, when given, gets each mention's span -> the mechanism that found it."""
    src = sources if sources is not None else {}
    from newsgraph.data.countries import country
    from newsgraph.geo.resolve import Toponym, adjective_place

    out = []
    by_key: dict[str, int] = {}

    def join(name: str, text: str, span: Span, within, how: str, demonym: bool = False, iso: str | None = None,
             form: bool = True):
        """Add a mention to the toponym of the same name, or start one. `form`: look its text
        up too (not a demonym's, nor an abbreviation's: "Man." is Manitoba, not the town Man)."""
        src.setdefault(span, how)
        form = form and not demonym
        key = ("demonym:" if demonym else "") + name.casefold()
        k = by_key.get(key)
        if k is None:
            by_key[key] = len(out)
            t = Toponym(name=name, forms=[text] if form else [], spans=[span], country=iso)
            out.append((None, t, demonym, within))
        elif span not in out[k][1].spans:
            out[k][1].spans.append(span)
            if form and text not in out[k][1].forms:
                out[k][1].forms.append(text)

    for e in entities:
        forms = list(dict.fromkeys(m.text for m in e.mentions))
        spans = [tuple(m.span) for m in e.mentions]
        if e.type == "PLACE" or (repair and e.type in ("ORG", "PERSON", "GROUP") and _repaired(doc, gaz, e)):
            name = country(e.name) or e.name
            t = Toponym(name=name, forms=forms, spans=spans)
            how = "entity" if e.type == "PLACE" else f"repair {e.type}" + ("" if well_known(gaz, forms[0]) else " locative")
            for sp_ in spans:
                src.setdefault(sp_, how)
            by_key.setdefault(name.casefold(), len(out))
            out.append((e, t, False, None))
        elif e.type == "GROUP" and demonyms:
            adj = adjective_place(gaz, e.name)
            # Only adjectival uses name the place ("a Turkish policeman"); "Americans said"
            # names people.
            spans = [s for s in spans if _adjectival(doc, s)] if doc is not None else spans
            if adj and spans:
                for sp_ in spans:
                    src.setdefault(sp_, "demonym")
                by_key.setdefault("demonym:" + adj[0].casefold(), len(out))
                out.append((e, Toponym(name=adj[0], forms=[], spans=spans, country=adj[1]), True, None))
            elif not adj and "-" in e.name and doc is not None:  # "Turkish-Russian relations"
                for m in e.mentions:
                    off = m.span[0]
                    for part in m.text.split("-"):
                        a = adjective_place(gaz, part)
                        if a and part:
                            join(a[0], part, (off, off + len(part)), None, "hyphenated demonym", demonym=True, iso=a[1])
                        off += len(part) + 1
    if repair:  # one mention of a person or organisation that is a country or division ("Wisconsin")
        for e in entities:
            if e.type not in ("PERSON", "ORG") or any(x is e for x, _, _, _ in out):
                continue
            for m in e.mentions:
                b = _best(gaz, m.text, alternates=True) if m.text[:1].isupper() and m.text not in skip else None
                if b and b[0] in ("country", "adm1") and " " not in m.text.strip() or (b and country(m.text)):
                    join(country(m.text) or m.text, m.text, tuple(m.span), None, "repair mention")
    if nested and doc is not None:
        for e in entities:
            if e.type != "ORG" or (repair and _repaired(doc, gaz, e)):
                continue
            for text, span, how in _nested(doc, gaz, e):
                join(country(text) or text, text, span, e.id, "nested " + how)
    if left_out and doc is not None:
        taken = [s for _, t, _, _ in out for s in t.spans]
        from newsgraph.geo.resolve import _abbreviations

        abbrev = _abbreviations(gaz)
        for text, span, how in _left_out(doc, gaz, entities, taken, skip):
            if how == "abbreviation":
                r = abbrev.get(text, abbrev.get(text.rstrip(".")))
                join(gaz.name(r), text, span, None, "left out " + how, form=False)
            else:
                join(country(text) or text, text, span, None, "left out " + how)
    if repair:  # an organisation or person named exactly like a place of the article: that place
        # ("TORRINGTON —" in the dateline, then "Torrington businesses" tagged ORG)
        for e in entities:
            if e.type not in ("PERSON", "ORG", "GROUP") or any(x is e for x, _, _, _ in out):
                continue
            keys = {m.text.casefold() for m in e.mentions}
            if len(keys) == 1 and next(iter(keys)) in by_key and not any(m.text in skip for m in e.mentions):
                k = by_key[next(iter(keys))]
                for m in e.mentions:
                    join(out[k][1].name, m.text, tuple(m.span), None, "repair same name")
    for _, t, _, _ in out:
        t.spans.sort()
    return out


_KIN = frozenset({"wife", "husband", "daughter", "daughters", "son", "sons", "sister", "sisters", "brother",
                  "brothers", "mother", "father", "children", "grandchildren", "partner", "widow", "cousin"})


def person_context(doc, span: Span) -> bool:
    """A one-word mention in apposition to (or coordinated with) a kinship word: "and wife,
    Tonya, all of Paris". (Coordination with any person's name was tried: on GeoVirus it
    dropped towns listed beside names NER took for people, and was not kept.)"""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) != 1:
        return False
    tok = sp[0]
    near = [tok.head] if tok.dep_ in ("conj", "appos") else []
    near += [c for c in tok.children if c.dep_ in ("conj", "appos")]
    return any(t.lower_ in _KIN for t in near)


def _adjectival(doc, span: Span) -> bool:
    """A demonym used as a modifier or adjective ("Turkish capital"; "the French said" is
    not: a noun for people)."""
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None:
        return True
    root = sp.root
    if root.tag_ in ("NNS", "NNPS"):  # "Americans", "Canadians"
        return False
    return root.dep_ in ("amod", "compound", "nmod", "npadvmod") or root.pos_ == "ADJ"
