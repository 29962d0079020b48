"""parse(): long texts in bounded pieces with exact offsets (issue 12, memory bound)."""

from __future__ import annotations

import pytest

from newsgraph.nlp import parse, split_pieces

PARA = 'The council said on Monday that the bridge would reopen. "We are ready," Mayor Ann Lee said.'


@pytest.mark.parametrize("text, budget", [
    ("\n\n".join([PARA] * 50), 500),
    (" ".join([PARA] * 50), 500),          # one gigantic line: cut at sentence ends
    ("word, " * 400, 300),                  # no sentence end: at clause marks
    ("x" * 2500, 1000),                     # nothing to cut at: at the budget
    ("short", 1000),
    ("", 10),
])
def test_pieces_are_consecutive_slices_within_the_budget(text, budget):
    pieces = split_pieces(text, budget)
    assert "".join(pieces) == text
    assert all(len(p) <= budget for p in pieces)


def test_paragraphs_are_kept_whole_and_a_long_line_is_cut_after_a_sentence():
    text = "\n\n".join([PARA] * 20)
    assert all(p.rstrip("\n").endswith("said.") for p in split_pieces(text, 500))
    line = " ".join([PARA] * 20)
    assert all(p.endswith(("said. ", "said.")) for p in split_pieces(line, 500))


@pytest.mark.model
def test_a_text_parsed_in_pieces_has_exact_offsets_and_the_same_annotations(nlp):
    text = "\n\n".join([PARA] * 30)
    whole = nlp(text)
    (pieced,) = parse(nlp, [text], budget=400)
    assert pieced.text == text and len(pieced) == len(whole)
    assert [(t.idx, t.text) for t in pieced] == [(t.idx, t.text) for t in whole]
    assert [(e.start_char, e.end_char, e.label_) for e in pieced.ents] == \
           [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    assert [s.text for s in pieced.sents] == [s.text for s in whole.sents]
    assert [(t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph)) for t in pieced] == \
           [(t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph)) for t in whole]


@pytest.mark.model
def test_parse_keeps_order_and_one_doc_per_text(nlp):
    texts = ["First one.", " ".join([PARA] * 40), "", "Last one."]
    docs = list(parse(nlp, texts, budget=300, batch_chars=500))
    assert [d.text for d in docs] == texts
    one_line = docs[1]
    assert all(text[t.idx:t.idx + len(t)] == t.text for text in [texts[1]] for t in one_line)
