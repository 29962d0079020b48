"""Numbers as news writes them: "18,000", "1.2 million", "2m", "twenty-five", "a dozen",
"three-and-a-half million", "dozens", "tens of thousands".

`parse_number(words)` turns the words of one number phrase into (value, vague), or None
when the words are not a whole number of things ("18.9", "first", "half"). `vague` is True
for plural quantities that name no exact figure ("dozens", "hundreds").

Vague plurals take the smallest value that makes the plural true, so that a figure is
never inflated: "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2,000,
"tens of thousands" 20,000, "hundreds of thousands" 200,000, "millions" 2,000,000.
"""

from __future__ import annotations

import re

__all__ = ["parse_number", "UNITS", "SCALES", "VAGUE", "NUMBER_WORDS"]

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "dozen": 12, "score": 20,
    # abbreviations glued to digits ("2m", "5k", "1.5bn"); spaCy splits them off
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
}
# Plural vague quantities: the smallest value the plural allows (see the module docstring).
VAGUE: dict[str, int] = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000, "tens": 20,
}
# "several hundred", "a few thousand": the multiplier is a guess, so the figure is vague.
FEW: dict[str, int] = {"several": 3, "few": 3, "couple": 2}
NUMBER_WORDS = set(UNITS) | set(SCALES) | set(VAGUE) | {"half", "a", "an", "and", "of"} | set(FEW)

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")  # "18.000", the European way
_DECIMAL = re.compile(r"^\d+\.\d+$")


def parse_number(words: list[str]) -> tuple[int, bool] | None:
    """Value of one number phrase given as its words (hyphens already dropped), or None.

    >>> parse_number(["two", "hundred"])
    (200, False)
    >>> parse_number(["tens", "of", "thousands"])
    (20000, True)
    """
    ws = [w.lower() for w in words if w not in {"-", "‐", "–"}]
    if not ws:
        return None
    vague = False
    total = 0  # completed groups ("two million" in "two million three hundred")
    current: float | None = None  # the group being built
    i = 0
    while i < len(ws):
        w = ws[i]
        if w in ("a", "an"):
            # "a dozen", "a million": one of the scale that follows; "a half", "a few": nothing
            nxt = ws[i + 1] if i + 1 < len(ws) else ""
            if nxt in SCALES and current is None:
                current = 1
            elif nxt not in SCALES and nxt not in ("half", "few", "couple"):
                return None
        elif w == "and":
            pass  # "two hundred and fifty", "three-and-a-half"
        elif w == "of":
            if current is None:
                return None  # "tens of thousands": the "of" only joins two vague plurals
        elif w == "half":
            # "half a million" / "three and a half million": adds 0.5 to the group
            current = (current or 0) + 0.5
        elif w in FEW:
            current, vague = (current or 0) + FEW[w], True
        elif w in UNITS:
            current = (current or 0) + UNITS[w]
        elif w in VAGUE:
            vague = True
            # alone, the smallest plural ("thousands" 2,000); after another, a multiplier
            # ("tens of thousands" 20 x 1,000, "hundreds of millions" 200 x 1,000,000)
            current = VAGUE[w] if current is None else current * (VAGUE[w] // 2)
        elif w in SCALES:
            scale = SCALES[w]
            current = (current if current is not None else 1) * scale
            if scale >= 1000:  # close a group: "two million three hundred"
                total += current
                current = None
        elif _DIGITS.match(w):
            current = (current or 0) + int(w.replace(",", ""))
        elif _DOTTED_THOUSANDS.match(w) and not (i + 1 < len(ws) and ws[i + 1] in SCALES):
            current = (current or 0) + int(w.replace(".", ""))
        elif _DECIMAL.match(w):
            current = (current or 0) + float(w)  # only whole once a scale follows: "1.2 million"
        else:
            return None
        i += 1
    value = total + (current or 0)
    if value != int(value) or value <= 0:
        return None  # "18.9 deaths per 100,000" is a rate, "zero" is no count
    return int(value), vague
