"""`newsgraph eval quotes`: brat loading, the matching rule and the printed table, on hand-made data."""

from __future__ import annotations

import pytest

from newsgraph.article import Quote, Speaker
from newsgraph.evaluate.quotes import (
    GoldAttribution, is_speech_cue, load_polnear, parse_ann, score_article,
)

TEXT = ('Antony Blinken said the talks went well. "We are ready," he added. '
        "Critics believe the plan will fail.\n")
# Blinken / said / the talks went well; he / added / "We are ready,"; Critics / believe / ...;
# an attribution without a source; annotator notes and a span text running over two lines.
ANN = """T1\tSource 0 14\tAntony Blinken
T2\tCue 15 19\tsaid
T3\tContent 20 39\tthe talks went well
E1\tAttribution:T2 Cue:T2 Source:T1 Content:T3
T4\tContent 41 56;56 56\t"We are ready,"
T5\tSource 57 59\the
T6\tCue 60 65\tadded
E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5
T7\tSource 67 74\tCritics
T8\tCue 75 82\tbelieve
T9\tContent 83 102\tthe plan will fail
E3\tAttribution:T8 Source:T7 Cue:T8 Content:T9
T10\tContent 83 91\tthe plan
T11\tCue 92 96\twill
E4\tAttribution-no-source:T11 Cue:T11 Content:T10
#1\tAnnotatorNotes T3\tspans two
lines of notes
"""


def test_parse_ann():
    gold = parse_ann(ANN, TEXT)
    assert [(g.content, g.source, g.cue_text, g.speech, g.direct) for g in gold] == [
        ([(20, 39)], [(0, 14)], "said", True, False),
        ([(41, 56), (56, 56)], [(57, 59)], "added", True, True),
        ([(83, 102)], [(67, 74)], "believe", False, False),
        ([(83, 91)], [], "will", False, False),
    ]


def test_doubled_apostrophes_make_a_direct_quote():
    text = "''Fine,'' he said."
    (g,) = parse_ann("T1\tContent 0 9\tx\nT2\tSource 10 12\the\nE1\tAttribution:T1 Content:T1 Source:T2\n", text)
    assert g.direct


@pytest.mark.parametrize("cue, speech", [
    ("said", True), ("says", True), ("told", True), ("According to", True), ("has said", True),
    ("noted", True), ("pointed out", True), ("cited", True), ("believes", False), ("found", False),
    ("shows", False), (":", False), ("―", False), ("wants", False),
])
def test_is_speech_cue(cue, speech):
    assert is_speech_cue(cue) is speech


def q(spans, speaker=None):
    return Quote(text="", spans=spans, kind="indirect", speaker=Speaker("x", span=speaker) if speaker else None)


def test_score_article_counts():
    gold = parse_ann(ANN, TEXT)
    predicted = [
        q([(20, 39)], speaker=(0, 14)),  # content and speaker right
        q([(41, 56)], speaker=(0, 14)),  # content right, speaker wrong
        q([(83, 91)]),                   # matches only the sourceless attribution
        q([(0, 14)]),                    # matches nothing
    ]
    s = score_article(TEXT, gold, predicted)
    assert (s.predicted, s.matched_pred, s.attributed_pred) == (4, 3, 1)
    assert s.gold == {"all": 3, "speech": 2, "direct": 1}
    assert s.found == {"all": 2, "speech": 2, "direct": 1}
    assert s.attributed == {"all": 1, "speech": 1, "direct": 0}
    assert (s.speaker_pairs, s.speaker_right) == (2, 1)
    assert s.content("speech") == (0.75, 1.0, pytest.approx(6 / 7))
    assert s.attribution("all") == (0.25, pytest.approx(1 / 3), pytest.approx(2 / 7))


def test_half_the_longer_one_and_one_to_one():
    text = "one two three four five six seven eight"
    gold = [GoldAttribution(content=[(0, 18)], cue=[], source=[(0, 3)])]  # one..four: 4 words
    s = score_article(text, gold, [q([(0, 13)]), q([(0, 13)])])  # one two three: 3/4 >= 0.5, twice
    assert (s.matched_pred, s.found["all"]) == (1, 1)  # the second prediction has no gold left
    s = score_article(text, gold, [q([(0, 39)])])  # 4 shared of 8: exactly half
    assert s.matched_pred == 1
    s = score_article(text, gold, [q([(0, 7)])])  # 2 shared of 4: half
    assert s.matched_pred == 1
    s = score_article(text, gold, [q([(0, 3)])])  # 1 of 4
    assert s.matched_pred == 0


def make_split(root):
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "a1_beef.ann").write_text(ANN, encoding="utf-8")
    (root / "attributions" / "a1_abcd.ann").write_text("T1\tContent 0 5\tAnton\nE1\tAttribution:T1 Content:T1\n")
    (root / "text" / "lonely.txt").write_text("No annotation for this one.", encoding="utf-8")
    return root


def test_load_polnear_first_annotator(tmp_path):
    (art,) = load_polnear(make_split(tmp_path / "dev"))
    assert art.name == "a1"
    assert [g.content for g in art.attributions] == [[(0, 5)]]  # a1_abcd sorts before a1_beef


def test_load_polnear_bad_dir(tmp_path):
    with pytest.raises(ValueError, match="expected text/ and attributions/ inside"):
        load_polnear(tmp_path)


@pytest.mark.model
def test_cli_eval_quotes(tmp_path, capsys):
    from newsgraph.cli import main

    split = make_split(tmp_path / "dev")
    (split / "attributions" / "a1_abcd.ann").unlink()
    assert main(["eval", "quotes", str(split)]) == 0
    out = capsys.readouterr().out.splitlines()
    # "Critics believe the plan will fail" is a belief: extracted, and an attribution in PolNeAR
    assert out[0].startswith(f"PolNeAR {split}: 1 articles, 3 predicted quotes, 0 failed")
    assert out[1:] == [
        "subset    gold | content P     R    F1 | attrib. P     R    F1",
        "all          3 |     1.000 1.000 1.000 |     1.000 1.000 1.000",
        "speech       2 |     1.000 1.000 1.000 |     1.000 1.000 1.000",
        "direct       1 |     1.000 1.000 1.000 |     1.000 1.000 1.000",
        "speaker accuracy on matched quotes: 1.000 (3/3)",
    ]


def test_cli_eval_quotes_bad_dir(tmp_path, capsys):
    from newsgraph.cli import main

    assert main(["eval", "quotes", str(tmp_path)]) == 2
    assert "expected text/ and attributions/ inside" in capsys.readouterr().err


def test_polnear_dev_gold_counts(shared_data):
    articles = load_polnear(shared_data / "polnear" / "dev")
    gold = [g for a in articles for g in a.attributions if g.has_source]
    assert (len(articles), len(gold)) == (84, 2066)
    assert (sum(g.speech for g in gold), sum(g.direct for g in gold)) == (1245, 700)


@pytest.mark.model
def test_parsed_docs_cache_reads_back_the_same_docs(nlp, tmp_path):
    from newsgraph.evaluate.quotes import parsed_docs

    texts = ["Blinken said no.", "Cleverly agreed."]
    first = [d.to_json()["tokens"] for d in parsed_docs(texts, nlp, tmp_path)]
    assert len(list(tmp_path.glob("docs-*.spacy"))) == 1
    again = [d.to_json()["tokens"] for d in parsed_docs(texts, nlp, tmp_path)]
    assert first == again


@pytest.mark.model
def test_non_speaker_check_counts_offenders(nlp, tmp_path):
    from newsgraph.evaluate.quotes import non_speaker_check

    (tmp_path / "w.csv").write_text(
        'url,date,title,text\n'
        'u1,2020-01-01,t,"""We will rebuild the town,"" Mayor Ann Lee said on Monday."\n'
        'u2,2020-01-02,t,"Fifty-one percent said the economy was getting worse, a poll found."\n',
        encoding="utf-8")
    checked, bad = non_speaker_check(tmp_path, nlp=nlp)
    assert checked >= 1 and bad == []
    checked_rules, bad_rules = non_speaker_check(tmp_path, nlp=nlp, speakers="rules")
    assert [url for url, _ in bad_rules] == ["u2"]  # the rules alone let the poll figure speak


def test_non_speaker_check_needs_csvs(tmp_path):
    from newsgraph.evaluate.quotes import non_speaker_check

    with pytest.raises(ValueError, match="valid: a folder such as"):
        non_speaker_check(tmp_path, nlp=None)
