"""Language of a body and of single lines: writing script first, py3langid second.

langid is reliable on paragraphs and unreliable on short lines ("News Line" comes out
Polish with 2% confidence), so a line is only called foreign when its script differs
from the body's, or langid is very confident on a line long enough to judge.
Codes are ISO 639-1; py3langid's other labels are either folded into one
(nn -> no) or left out of the model, so they can never be answered.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Labels py3langid knows that are not ISO 639-1, or are classical/constructed/regional
# languages that mostly show up as false positives on short English lines.
_EXCLUDED = {"la", "eo", "vo", "wa", "an", "oc", "br", "sa", "fy", "gd", "lb", "fo", "se",
             "ht", "qu", "jv", "zxx"}
_FOLD = {"nn": "no"}

# Languages close enough that langid confuses them on a line: never call a line
# foreign because it scored as the body's sibling.
_SIBLINGS = [
    {"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba"},
    {"no", "da", "sv"}, {"hr", "bs", "sr", "sl"}, {"cs", "sk"}, {"ms", "id"},
    {"es", "gl", "ca", "pt"}, {"az", "tr", "tk", "uz"}, {"hi", "mr", "ne"}, {"ar", "fa", "ur", "ps", "ku"},
    {"af", "nl"}, {"de", "nl"},
]

# Scripts used by one language (or one language in practice in news): the script
# alone names it when langid cannot judge a short line.
_SCRIPT_LANG = {"HANGUL": "ko", "GREEK": "el", "HEBREW": "he", "GEORGIAN": "ka", "ARMENIAN": "hy",
                "THAI": "th", "BENGALI": "bn", "TAMIL": "ta", "ETHIOPIC": "am", "KHMER": "km"}
_MERGE_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "CJK": "CJK"}

BODY_SAMPLE = 2000  # characters of body langid reads: plenty for a paragraph-level decision


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([c for c in ident.labels if len(c) == 2 and c not in _EXCLUDED])
    return ident


# The scripts news is written in, as character classes: counting with regexes is
# C-speed, where asking unicodedata letter by letter costs more than langid itself.
_SCRIPT_CLASSES = {
    "LATIN": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "CYRILLIC": "\u0400-\u052f", "GREEK": "\u0370-\u03ff\u1f00-\u1fff", "ARMENIAN": "\u0531-\u058f",
    "HEBREW": "\u05d0-\u05ea\ufb1d-\ufb4f",
    "ARABIC": "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc",
    "DEVANAGARI": "\u0900-\u097f", "BENGALI": "\u0980-\u09ff", "TAMIL": "\u0b80-\u0bff",
    "THAI": "\u0e00-\u0e7f", "GEORGIAN": "\u10a0-\u10ff", "ETHIOPIC": "\u1200-\u137f", "KHMER": "\u1780-\u17ff",
    "HANGUL": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "CJK": "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
_SCRIPT_RES = {name: re.compile(f"[{cls}]") for name, cls in _SCRIPT_CLASSES.items()}
_ASCII_LETTER = re.compile("[A-Za-z]")
# Letters of any script but Latin (punctuation, symbols and spaces ranges left out).
_BEYOND_LATIN = re.compile("[\u0370-\u1dff\u1f00-\u1fff\u2c00-\u2dff\u3040-\ud7ff\uf900-\ufdff\ufe70-\ufefc]")


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    word = name.split(" ", 1)[0] if name else ""
    return _MERGE_SCRIPT.get(word, word) or None


def script_counts(text: str) -> dict[str, int]:
    """Letters of `text` per script (LATIN, CYRILLIC, ARABIC, CJK, ...)."""
    if text.isascii():
        n = len(_ASCII_LETTER.findall(text))
        return {"LATIN": n} if n else {}
    if not _BEYOND_LATIN.search(text):  # the common case: accents and typographic quotes only
        n = len(_SCRIPT_RES["LATIN"].findall(text))
        return {"LATIN": n} if n else {}
    counts = {name: n for name, rx in _SCRIPT_RES.items() if (n := len(rx.findall(text)))}
    if not counts and any(ch.isalpha() for ch in text):  # a script not listed above
        for ch in text:
            if (sc := _char_script(ch)) is not None:
                counts[sc] = counts.get(sc, 0) + 1
    return counts


def script(text: str) -> str | None:
    """The script most letters of `text` are written in, or None without letters."""
    counts = script_counts(text)
    return max(counts, key=counts.__getitem__) if counts else None


def classify(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) from langid over the restricted label set."""
    lang, p = _identifier().classify(text)
    return _FOLD.get(lang, lang), p


def detect_language(text: str) -> str | None:
    """The body's language, or None when it has no letters.

    English is the pipeline's language, so short Latin-script text that langid
    cannot place with confidence is taken as English rather than left undetermined.
    """
    sample = text[:BODY_SAMPLE]
    counts = script_counts(sample)
    if not counts:
        return None
    body_script = max(counts, key=counts.__getitem__)
    # Judge the body by the letters of its main script: an English report quoting a
    # paragraph in Russian is English, though langid scores the mixture as Russian.
    for name in counts:
        if name != body_script and name in _SCRIPT_RES:
            sample = _SCRIPT_RES[name].sub("", sample)
    lang, p = classify(sample)
    if body_script != "LATIN":
        return lang
    letters = counts[body_script]
    if lang == "en":
        return "en"
    confident = p >= 0.8 if letters < 200 else p >= 0.5
    return lang if confident else "en"


def _siblings(a: str, b: str) -> bool:
    return any(a in g and b in g for g in _SIBLINGS)


def foreign_line(line: str, body_lang: str | None, body_script: str | None, *, edge: bool) -> str | None:
    """The language of `line` when it is confidently not the body's language, else None.

    `edge` lines (before the first or after the last prose line) are judged on less
    evidence than lines inside the body, where a foreign line may be a quotation.
    """
    if body_lang is None:
        return None
    counts = script_counts(line)
    if not counts:
        return None
    line_script = max(counts, key=counts.__getitem__)
    words = len(line.split())
    if line_script != body_script:
        if counts[line_script] < 2:
            return None
        if line_script in _SCRIPT_LANG:
            return _SCRIPT_LANG[line_script]
        lang, _ = classify(line)
        return lang if lang != body_lang else None
    # Same script: only worth asking langid when the line could plausibly be foreign.
    if body_lang == "en" and line.isascii() and not edge:
        return None
    if words < (2 if edge else 4):
        return None
    lang, p = classify(line)
    if lang == body_lang or _siblings(lang, body_lang):
        return None
    if words == 2 and (line.isascii() or p < 0.9):
        return None
    return lang if p >= (0.9 if edge else 0.97) else None
