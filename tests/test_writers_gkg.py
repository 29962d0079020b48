"""GKG 2.1 rows, read back by a parser written here from the codebook (gkg-codebook-2.1.md),
not from the writer's code: every field of a known article is checked."""

from __future__ import annotations

import io
from dataclasses import dataclass

from newsgraph.article import Article, Count, Cue, Entity, Mention, Quote, Source, Speaker
from newsgraph.extract.dates import DateFact
from newsgraph.extract.tone import QuoteTone, Tone
from newsgraph.writers.gkg import GKGWriter

# --- the reader: the codebook's 27 columns and each one's syntax -------------------------

CODEBOOK_COLUMNS = [
    "GKGRECORDID", "DATE", "SourceCollectionIdentifier", "SourceCommonName", "DocumentIdentifier",
    "Counts", "V2Counts", "Themes", "V2Themes", "Locations", "V2Locations", "Persons", "V2Persons",
    "Organizations", "V2Organizations", "V2Tone", "Dates", "GCAM", "SharingImage", "RelatedImages",
    "SocialImageEmbeds", "SocialVideoEmbeds", "Quotations", "AllNames", "Amounts", "TranslationInfo",
    "Extras",
]


def _blocks(field: str, sep: str = ";") -> list[str]:
    return [b for b in field.split(sep) if b] if field else []


def parse_gkg_line(line: str) -> dict:
    cols = line.rstrip("\n").split("\t")
    assert len(cols) == 27, f"{len(cols)} columns"
    r = dict(zip(CODEBOOK_COLUMNS, cols))
    loc_v1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]
    loc_v2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID", "Offset"]
    count_v1 = ["CountType", "Count", "ObjectType"] + ["Loc" + f for f in loc_v1]
    out = {
        "id": r["GKGRECORDID"], "date": int(r["DATE"]),
        "collection": int(r["SourceCollectionIdentifier"]), "source": r["SourceCommonName"],
        "document": r["DocumentIdentifier"],
        "counts": [dict(zip(count_v1, b.split("#"), strict=True)) for b in _blocks(r["Counts"])],
        "v2counts": [dict(zip(count_v1 + ["Offset"], b.split("#"), strict=True)) for b in _blocks(r["V2Counts"])],
        "themes": _blocks(r["Themes"]),
        "v2themes": [tuple(b.rsplit(",", 1)) for b in _blocks(r["V2Themes"])],
        "locations": [dict(zip(loc_v1, b.split("#"), strict=True)) for b in _blocks(r["Locations"])],
        "v2locations": [dict(zip(loc_v2, b.split("#"), strict=True)) for b in _blocks(r["V2Locations"])],
        "persons": _blocks(r["Persons"]),
        "v2persons": [tuple(b.rsplit(",", 1)) for b in _blocks(r["V2Persons"])],
        "orgs": _blocks(r["Organizations"]),
        "v2orgs": [tuple(b.rsplit(",", 1)) for b in _blocks(r["V2Organizations"])],
        "tone": [float(x) for x in r["V2Tone"].split(",")] if r["V2Tone"] else [],
        "dates": [tuple(int(x) for x in b.split(",")) for b in _blocks(r["Dates"])],
        "gcam": dict(kv.split(":") for kv in r["GCAM"].split(",")) if r["GCAM"] else {},
        "images": [r["SharingImage"], r["RelatedImages"], r["SocialImageEmbeds"], r["SocialVideoEmbeds"]],
        "quotations": [dict(zip(["Offset", "Length", "Verb", "Quote"], b.split("|"), strict=True))
                       for b in _blocks(r["Quotations"], "#")],
        "names": [tuple(b.rsplit(",", 1)) for b in _blocks(r["AllNames"])],
        "amounts": [tuple(b.split(",")) for b in _blocks(r["Amounts"])],
        "translation": r["TranslationInfo"],
        "extras": r["Extras"],
    }
    assert len(out["tone"]) in (0, 7)
    return out


# --- a known article, made by hand --------------------------------------------------------

TEXT = ('On Monday, police in Houston arrested 12 protesters outside City Hall, Mayor Jane Roe said. '
        '"We respect peaceful protest," Roe said.')


@dataclass
class Geo:  # the places extractor's shape
    geonameid: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str
    country_fips: str
    adm1_code: str
    adm1_name: str
    lat: float
    lon: float
    population: int


@dataclass
class Place:
    text: str
    span: tuple[int, int]
    geo: Geo


def known_article() -> Article:
    houston = Geo(4699066, "Houston", "P", "PPLA2", "US", "US", "TX", "Texas", 29.76328, -95.36327, 2296224)
    start = TEXT.index("Houston")
    roe = TEXT.index("Jane Roe")
    quote = TEXT.index('"We')
    return Article(
        id="a1", source=Source(url="https://www.example.com/news/1"), title="Protesters arrested",
        published="2019-01-09", published_source="input", language="en", text=TEXT,
        entities=[
            Entity("e1", "Houston", "PLACE", mentions=[Mention("Houston", (start, start + 7))]),
            Entity("e2", "Jane Roe", "PERSON", titles=["Mayor"],
                   mentions=[Mention("Jane Roe", (roe, roe + 8)), Mention("Roe", (TEXT.index("Roe said."), TEXT.index("Roe said.") + 3))]),
            Entity("e3", "City Hall", "ORG", mentions=[Mention("City Hall", (TEXT.index("City Hall"), TEXT.index("City Hall") + 9))]),
        ],
        quotes=[Quote('"We respect peaceful protest,"', [(quote, quote + 30)], "direct",
                      cue=Cue("said", (len(TEXT) - 5, len(TEXT) - 1)),
                      speaker=Speaker("Jane Roe", "e2", (TEXT.index("Roe said."), TEXT.index("Roe said.") + 3)))],
        counts=[Count("ARREST", 12, False, "protesters", (TEXT.index("arrested"), TEXT.index("arrested") + 22))],
        facts={
            "places": [Place("Houston", (start, start + 7), houston)],
            "dates": [DateFact("Monday", (3, 9), "DATE", "2019-01-07", "day", True, (0, 92))],
            "tone": Tone(-2.5, 5.0, 7.5, 12.5, 10.0, 5.0, 20, [QuoteTone(0, 25.0, 25.0, 0.0, 25.0, 25.0, 25.0, 4)]),
        },
    )


def test_every_field_of_a_known_article():
    buf = io.StringIO()
    w = GKGWriter(buf, batch="20190109000000")
    w.write(known_article())
    w.close()
    lines = buf.getvalue().splitlines()
    assert len(lines) == 1
    r = parse_gkg_line(lines[0])
    arrested = TEXT.index("arrested")
    houston = TEXT.index("Houston")
    loc7 = {"LocType": "3", "LocFullName": "Houston, Texas, United States", "LocCountryCode": "US",
            "LocADM1Code": "USTX", "LocLat": "29.7633", "LocLong": "-95.3633", "LocFeatureID": "4699066"}
    assert r["id"] == "20190109000000-1"
    assert r["date"] == 20190109000000
    assert (r["collection"], r["source"], r["document"]) == (1, "example.com", "https://www.example.com/news/1")
    assert r["counts"] == [{"CountType": "ARREST", "Count": "12", "ObjectType": "protesters", **loc7}]
    assert r["v2counts"] == [{"CountType": "ARREST", "Count": "12", "ObjectType": "protesters", **loc7,
                              "Offset": str(arrested)}]
    assert r["themes"] == ["ARREST"]
    assert r["v2themes"] == [("ARREST", str(arrested))]
    assert r["locations"] == [{"Type": "3", "FullName": "Houston, Texas, United States", "CountryCode": "US",
                               "ADM1Code": "USTX", "Lat": "29.7633", "Long": "-95.3633", "FeatureID": "4699066"}]
    assert r["v2locations"] == [{"Type": "3", "FullName": "Houston, Texas, United States", "CountryCode": "US",
                                 "ADM1Code": "USTX", "ADM2Code": "", "Lat": "29.7633", "Long": "-95.3633",
                                 "FeatureID": "4699066", "Offset": str(houston)}]
    assert r["persons"] == ["Jane Roe"]
    assert r["v2persons"] == [("Jane Roe", str(TEXT.index("Jane Roe"))), ("Jane Roe", str(TEXT.index("Roe said.")))]
    assert r["orgs"] == ["City Hall"]
    assert r["v2orgs"] == [("City Hall", str(TEXT.index("City Hall")))]
    assert r["tone"] == [-2.5, 5.0, 7.5, 12.5, 10.0, 5.0, 20.0]
    assert r["dates"] == [(3, 1, 7, 2019, 3)]
    assert r["gcam"] == {"wc": "20"}
    assert r["images"] == ["", "", "", ""]
    assert r["quotations"] == [{"Offset": str(TEXT.index('"We')), "Length": "30", "Verb": "said",
                                "Quote": '"We respect peaceful protest,"'}]
    assert r["names"] == [("Houston", str(houston)), ("City Hall", str(TEXT.index("City Hall"))),
                          ("Jane Roe", str(TEXT.index("Jane Roe"))), ("Jane Roe", str(TEXT.index("Roe said.")))]
    assert r["amounts"] == [("12", "protesters", str(arrested))]
    assert r["translation"] == ""
    import xml.etree.ElementTree as ET

    x = ET.fromstring(r["extras"])
    assert x.get("id") == "a1" and x.get("published_source") == "input"
    (sp,) = x.find("SPEAKERS")
    assert (sp.text, sp.get("entity"), sp.get("quote"), sp.get("offset")) == ("Jane Roe", "e2", "0", str(TEXT.index('"We')))
    (cd,) = x.find("COUNTDATES")
    assert (cd.get("offset"), cd.get("type"), cd.get("date")) == (str(arrested), "ARREST", "2019-01-07")


def test_delimiters_in_values_never_break_a_row():
    a = known_article()
    a.quotes[0].text = 'a|b#c\td\n"e"'
    a.entities[1].name = "Roe, Jane"
    a.source.url = None
    buf = io.StringIO()
    with GKGWriter(buf, batch="20190109000000") as w:
        w.write(a)
        w.write(a)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2
    r = parse_gkg_line(lines[1])
    assert r["id"] == "20190109000000-2"
    assert r["quotations"][0]["Quote"] == 'a b c d "e"'
    assert r["persons"] == ["Roe Jane"]
    assert r["collection"] == 2 and r["document"]  # CITATIONONLY with a textual citation


def test_country_and_state_locations_and_no_date():
    a = known_article()
    a.published = None
    us = Geo(6252001, "United States", "A", "PCLI", "US", "US", "00", "", 39.76, -98.5, 327167434)
    tx = Geo(4736286, "Texas", "A", "ADM1", "US", "US", "TX", "Texas", 31.25, -99.25, 22875689)
    a.facts["places"] = [Place("United States", (0, 2), us), Place("Texas", (3, 5), tx)]
    buf = io.StringIO()
    GKGWriter(buf, batch="1").write(a)
    r = parse_gkg_line(buf.getvalue())
    assert r["date"] == 0
    assert [(x["Type"], x["FullName"], x["ADM1Code"], x["FeatureID"]) for x in r["locations"]] == [
        ("1", "United States", "US", "US"), ("2", "Texas, United States", "USTX", "USTX")]


def test_indirect_quotes_are_no_quotations_but_keep_their_speaker():
    a = known_article()
    a.quotes.append(Quote("that order was kept", [(0, 9)], "indirect", cue=Cue("said", (87, 91)),
                          speaker=Speaker("Jane Roe", "e2", (82, 90))))
    buf = io.StringIO()
    GKGWriter(buf, batch="1").write(a)
    r = parse_gkg_line(buf.getvalue())
    assert [q["Quote"] for q in r["quotations"]] == ['"We respect peaceful protest,"']
    assert r["extras"].count("<SPEAKER ") == 2


def test_error_records_are_skipped():
    from newsgraph.article import ErrorRecord

    buf = io.StringIO()
    w = GKGWriter(buf, batch="1")
    w.write(ErrorRecord(Source(path="x"), "cannot read"))
    assert buf.getvalue() == "" and w.skipped == 1


def test_export_gkg(tmp_path):
    from newsgraph.writers.gkg import export_gkg

    path, n = export_gkg([known_article(), known_article()], tmp_path / "out", batch="20190109000000")
    lines = open(path, encoding="utf-8").read().splitlines()
    assert n == 2 and [parse_gkg_line(x)["id"] for x in lines] == ["20190109000000-1", "20190109000000-2"]
