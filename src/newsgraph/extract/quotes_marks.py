"""Quoted stretches of text found from the quotation marks alone, robust to unbalanced marks.

find_quoted(text) -> list[Segment]

Marks: curly “ ” „ « » (their direction is known), straight " and the doubled
apostrophe '' some wires use (direction read from the neighbouring characters).
Paragraphs (split at newlines) are walked one by one, so an unclosed mark can never
swallow the rest of the article:
- a paragraph that ends inside a quote closes it there; when the next paragraph opens
  with a mark, that quote goes on (the multi-paragraph convention) and the new segment
  is flagged `continues`;
- a closing mark with no opening one is ignored; an opening curly mark inside a quote
  ends the unclosed quote before it and starts a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Segment", "find_quoted", "QUOTE_MARK"]

QUOTE_MARK = re.compile(r"''|[\"“”„«»]")
_OPEN, _CLOSE = "“„«", "”»"
_OPEN_BEFORE = set(" \t\u00a0([{—–-/:;,")  # characters that may precede an opening mark
_CLOSE_AFTER = set(" \t\u00a0)]}.,;:!?—–-…'’")  # characters that may follow a closing mark


@dataclass
class Segment:
    start: int  # the opening mark (or the paragraph start when it is missing)
    end: int  # just after the closing mark (or the paragraph's last character)
    closed: bool = True
    continues: bool = False  # goes on from the previous paragraph's unclosed quote

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def find_quoted(text: str) -> list[Segment]:
    """Every quoted stretch in text, in order; never raises on unbalanced marks."""
    out: list[Segment] = []
    pos = 0
    open_at_end = False
    for line in text.split("\n"):
        if line.strip():  # blank lines between paragraphs keep an open quote open
            segs = _paragraph(text, pos, pos + len(line))
            if segs and open_at_end and segs[0].start == pos + _indent(line):
                segs[0].continues = True
            open_at_end = bool(segs) and not segs[-1].closed
            out.extend(segs)
        pos += len(line) + 1
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _paragraph(text: str, start: int, end: int) -> list[Segment]:
    segs: list[Segment] = []
    opened: int | None = None
    nested = 0  # curly quotes open inside the current one ("He tweeted: “... “Settle” ...”")
    for m in QUOTE_MARK.finditer(text, start, end):
        p, q = m.start(), m.end()
        mark = m.group()
        before = text[p - 1] if p > start else " "
        after = text[q] if q < end else " "
        can_open = mark in _OPEN or (mark not in _CLOSE and (before in _OPEN_BEFORE or before in _OPEN))
        can_close = mark in _CLOSE or (mark not in _OPEN and (after in _CLOSE_AFTER or after in _CLOSE))
        # Curly marks typed the wrong way round: ”Word at a paragraph start opens,
        # word.“ before a space closes.
        if mark in _CLOSE and opened is None and before in _OPEN_BEFORE and after.isalnum():
            can_open, can_close = True, False
        elif mark in _OPEN and opened is not None and not before.isspace() and after in _CLOSE_AFTER:
            can_open, can_close = False, True
        if opened is None:
            if can_open or (mark not in _CLOSE and not can_close):
                opened = p
            continue  # a stray closing mark: nothing to close
        if mark in _OPEN and can_open:
            rest = text[q:end]
            if sum(rest.count(c) for c in _CLOSE) > sum(rest.count(c) for c in _OPEN) + 1 + nested:
                nested += 1  # enough closing marks follow for this one and the outer one
                continue
            # the quote before never closed: end it before this one
            segs.append(Segment(opened, _rstrip(text, opened, p), closed=False))
            opened = p
        elif nested and mark in _CLOSE:
            nested -= 1
        elif can_close or not can_open:
            segs.append(Segment(opened, q))
            opened = None
        # else: a straight mark that can only open while a quote is open: keep going
    if opened is not None:
        segs.append(Segment(opened, _rstrip(text, opened, end), closed=False))
    return segs


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
