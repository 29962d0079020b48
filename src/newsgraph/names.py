"""The one normalisation of names, used by the entity resolver, the speaker resolver and
the store, so that an article and the store agree on when two names are the same.

    surface("the State Department's")  -> "State Department"   (how a mention is stored)
    key("Dr. José  Núñez", "PERSON")   -> "jose nunez"          (the store's matching key)
    strip_possessive("Obama's")        -> "Obama"
"""

from __future__ import annotations

import re
import unicodedata

from newsgraph.data.lexicon import words

__all__ = ["surface", "key", "strip_possessive", "honorifics"]

_POSSESSIVE_WORD = re.compile(r"[’']s\b")


def honorifics(lang: str = "en") -> frozenset[str]:
    """Words dropped from the front of a person's name when names are matched across the
    store: the entity resolver's honorifics (data/en/titles.json) and a few more."""
    return frozenset(w.rstrip(".") for w in words(lang, "titles", "honorifics") | words(lang, "titles", "store_honorifics"))


def strip_possessive(text: str) -> str:
    """A trailing "'s" off: "Obama's" -> "Obama"."""
    return text.removesuffix("'s").removesuffix("’s")


def surface(text: str) -> str:
    """A surface form as mentions store it: no leading "the", no trailing possessive, single spaces."""
    text = " ".join(text.split())
    if text[:4].lower() == "the ":
        text = text[4:]
    for p in ("'s", "’s"):
        if text.endswith(p):
            text = text[: -len(p)]
    return text.rstrip("'’").strip()


def key(name: str, type: str) -> str:
    """The matching key of an entity name across articles: accents, case, punctuation and
    possessives gone; a person's honorifics and another entity's leading "the" dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _POSSESSIVE_WORD.sub("", s)
    tokens = re.findall(r"\w+", s)
    if type == "PERSON":
        titles = honorifics()
        while len(tokens) > 1 and tokens[0] in titles:
            tokens.pop(0)
    elif len(tokens) > 1 and tokens[0] == "the":
        tokens.pop(0)
    return " ".join(tokens)
