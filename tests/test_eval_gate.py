"""The evaluation gate (as trafilatura's eval_gate): each extractor's dev figures on the real
gold data in ../shared/data must stay at or above a pinned floor, so quality cannot
silently regress. Floors are the figures in the README's results tables, less a small
tolerance; raise a floor when a change lifts its figure, never lower it to let one pass.

These run the real model over whole dev sets (a few minutes on two cores).
"""

from __future__ import annotations

import pytest

from newsgraph.nlp import load_pipeline

pytestmark = [pytest.mark.model, pytest.mark.eval]

TOLERANCE = 0.002
FLOORS = {
    # newsgraph eval quotes ../shared/data/polnear/dev
    "quotes.direct_f1": 0.857,
    "quotes.speech_attribution_f1": 0.786,
    "quotes.all_attribution_f1": 0.623,
    # 0.949 (967/1019) before this session; more quotes are matched now (1074: beliefs, findings,
    # whose sources are surveys and documents) and more are right (1022)
    "quotes.speaker_accuracy": 0.952,
    # newsgraph eval extraction ../shared/data/article-extraction-benchmark
    "extraction.f1": 0.974,
    # newsgraph eval counts ../shared/data/wikinews
    "counts.f1": 0.841,
    # newsgraph eval entities ../shared/data/polnear/dev
    "entities.covered": 0.971,
    "entities.full_name": 0.690,
    # newsgraph eval dates ../shared/data/timeml/AQUAINT (dev; TimeBank is the tuning set)
    "dates.value_f1": 0.778,
    "dates.relaxed_span_f1": 0.929,
    # newsgraph eval places ../shared/data/geoparsing/GeoVirus.xml --gold-spans (and TR-News, the tuning corpus)
    "places.geovirus_acc161": 0.773,
    "places.trnews_acc161": 0.862,
    # newsgraph eval places ../shared/data/geoparsing/GeoVirus.xml (end to end; and TR-News)
    "places.geovirus_e2e_recall": 0.729,
    "places.geovirus_e2e_precision": 0.669,
    "places.trnews_e2e_recall": 0.829,
    "places.trnews_e2e_precision": 0.853,
    # newsgraph eval events ../shared/data/events/PLOVER_GSR_dev.json
    "events.type_f1": 0.901,
    "events.source_f1": 0.846,
    "events.target_f1": 0.759,
}


def _check(name: str, value: float) -> None:
    floor = FLOORS[name]
    assert value >= floor - TOLERANCE, f"{name} fell to {value:.4f}, below its floor {floor} (-{TOLERANCE})"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("en_core_web_sm")


def test_quotes_gate(shared_data, nlp):
    from newsgraph.evaluate.quotes import evaluate_split

    scores, _ = evaluate_split(shared_data / "polnear" / "dev", nlp=nlp)
    assert scores.articles == 84 and not scores.failed
    _check("quotes.direct_f1", scores.content("direct")[2])
    _check("quotes.speech_attribution_f1", scores.attribution("speech")[2])
    _check("quotes.all_attribution_f1", scores.attribution("all")[2])
    _check("quotes.speaker_accuracy", scores.speaker_accuracy)


def test_extraction_gate(shared_data):
    from newsgraph.evaluate.extraction import evaluate_extraction

    (result,) = evaluate_extraction(shared_data / "article-extraction-benchmark", systems=["newsgraph"])
    assert result.by_split["all"].pages == 181
    _check("extraction.f1", result.by_split["all"].f1)


def test_counts_gate(shared_data, nlp):
    from newsgraph.evaluate.counts import evaluate_counts, load_gold

    s = evaluate_counts(shared_data / "wikinews", nlp=nlp, gold=load_gold(split="dev"))
    assert s.gold == 38
    _check("counts.f1", s.f1)


def test_entities_gate(shared_data, nlp):
    from newsgraph.evaluate.entities import evaluate_entities

    s = evaluate_entities(shared_data / "polnear" / "dev", nlp=nlp)
    assert s.articles == 84
    _check("entities.covered", s.rate(s.covered, "newsgraph", s.named))
    _check("entities.full_name", s.rate(s.full_name, "newsgraph", s.named))


def test_dates_gate(shared_data, nlp):
    from newsgraph.evaluate.dates import evaluate_dates

    s = evaluate_dates(shared_data / "timeml" / "AQUAINT", nlp=nlp)
    _check("dates.value_f1", s.value_prf()[2])
    _check("dates.relaxed_span_f1", s.relaxed_prf()[2])


def test_places_gate(shared_data):
    from newsgraph.evaluate.places import evaluate_gold_spans, read_corpus

    geo = shared_data / "geoparsing"
    _check("places.geovirus_acc161", evaluate_gold_spans(read_corpus(geo / "GeoVirus.xml")).acc161)
    _check("places.trnews_acc161", evaluate_gold_spans(read_corpus(geo / "TR-News.xml")).acc161)


def test_places_end_to_end_gate(shared_data, nlp):
    from newsgraph.evaluate.places import evaluate_end_to_end, read_corpus

    geo = shared_data / "geoparsing"
    for corpus, key in (("GeoVirus.xml", "geovirus"), ("TR-News.xml", "trnews")):
        e2e = evaluate_end_to_end(read_corpus(geo / corpus), nlp=nlp)
        _check(f"places.{key}_e2e_recall", e2e.recall)
        _check(f"places.{key}_e2e_precision", e2e.precision)


def test_events_gate(shared_data, nlp):
    from newsgraph.evaluate.events import evaluate_plover

    s = evaluate_plover(shared_data / "events" / "PLOVER_GSR_dev.json", nlp=nlp)
    assert s.records == 163
    _check("events.type_f1", s.type_prf[2])
    _check("events.source_f1", s.actor_prf("src")[2])
    _check("events.target_f1", s.actor_prf("tgt")[2])
