"""Quoted stretches found from the marks alone: no model needed."""

from __future__ import annotations

import pytest

from newsgraph.extract.quotes_marks import Segment, find_quoted


def quoted(text: str) -> list[tuple[str, bool, bool]]:
    return [(text[s.start:s.end], s.closed, s.continues) for s in find_quoted(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" and "no".', [('"yes"', True, False), ('"no"', True, False)]),
    ("She said “yes” twice.", [("“yes”", True, False)]),
    ("''Fine,'' he said.", [("''Fine,''", True, False)]),
    # a paragraph opened but not closed goes on in the next one, which opens with a mark
    ("“First part.\n\n“Second part.”", [("“First part.", False, False), ("“Second part.”", True, True)]),
    # unbalanced: the open quote ends with its paragraph, the next paragraph is not swallowed
    ('"Never closed\n\nPlain text "here".', [('"Never closed', False, False), ('"here"', True, False)]),
    # a stray closing mark opens nothing
    ("Stray” mark, then “real”.", [("“real”", True, False)]),
    # curly marks typed the wrong way round
    ("”Backwards open,” she said.", [("”Backwards open,”", True, False)]),
    ("He rated it “Mostly False.“ Then left.", [("“Mostly False.“", True, False)]),
    # an opening curly mark inside an open quote ends the first one
    ("“One “two”", [("“One", False, False), ("“two”", True, False)]),
    # ... unless enough closing marks follow: then it is nested
    ("He wrote: “People in “Vote” shirts. Ouch.” Then left.", [("“People in “Vote” shirts. Ouch.”", True, False)]),
    ("No quotes at all.", []),
    ("", []),
])
def test_find_quoted(text, expected):
    assert quoted(text) == expected


def test_segment_span():
    assert Segment(3, 9).span == (3, 9)


def test_many_odd_marks_never_raise():
    text = '" "" """ “ ” ” “ \'\' \n" \n\n“'
    segs = find_quoted(text)
    assert all(0 <= s.start < s.end <= len(text) for s in segs)
