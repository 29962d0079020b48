"""Temporal expressions against TimeML gold (TimeBank, AQUAINT), the TempEval-3 way.

Each .tml gives a document creation time (the TIMEX3 with functionInDocument=
"CREATION_TIME", the `published` the extractor resolves against) and, inside <TEXT>,
every TIMEX3 with its type and value. The text the extractor sees is <TEXT>'s content
with the markup removed (entities unescaped), so gold offsets index it.

Scored, like TempEval-3 (UzZaman et al. 2013) but for DATE and TIME expressions only
(the gold's and the system's; durations and sets are extracted but not scored here):
- strict span: same start and end; relaxed span: overlapping (one-to-one, in order);
- value: of relaxed matches, those with the gold value (ISO week numbers compared
  zero-padded: AQUAINT writes "2000-W7"). Value accuracy = correct /
  relaxed matches; value precision = correct / system expressions, recall = correct /
  gold expressions, F1 of these (TempEval-3's attribute F1).
Split: TimeBank (183 documents) for tuning, AQUAINT (73) as dev (docs/dates.md).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GoldTimex", "TimeMLDoc", "read_tml", "DateScores", "score_document", "evaluate_dates"]

SCORED = ("DATE", "TIME")


@dataclass
class GoldTimex:
    span: tuple[int, int]
    type: str
    value: str
    text: str


@dataclass
class TimeMLDoc:
    name: str
    dct: str  # YYYY-MM-DD
    text: str
    timexes: list[GoldTimex]


_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_tml(path: str | Path) -> TimeMLDoc:
    raw = Path(path).read_text(encoding="utf-8")
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct = dict(_ATTR.findall(m.group(1)))["value"][:10] if m else ""
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element; valid: a TimeML (.tml) document")
    src = body.group(1)
    parts: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict]] = []
    timexes: list[GoldTimex] = []
    for t in _TAG.finditer(src):
        chunk = html.unescape(src[pos:t.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, name, attrs = t.group(1), t.group(2), t.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            timexes.append(GoldTimex((start, length), a.get("type", ""), a.get("value", ""), ""))
    chunk = html.unescape(src[pos:])
    parts.append(chunk)
    text = "".join(parts)
    for g in timexes:
        g.text = text[g.span[0]:g.span[1]]
    timexes.sort(key=lambda g: g.span)
    return TimeMLDoc(Path(path).stem, dct, text, timexes)


@dataclass
class DateScores:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # (doc, kind, text, gold, predicted)

    @staticmethod
    def _f(n: int, p: int, g: int) -> tuple[float, float, float]:
        pr = n / p if p else 0.0
        rc = n / g if g else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    def strict_prf(self):
        return self._f(self.strict, self.predicted, self.gold)

    def relaxed_prf(self):
        return self._f(self.relaxed, self.predicted, self.gold)

    def value_prf(self):
        return self._f(self.value_correct, self.predicted, self.gold)

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed if self.relaxed else 0.0


def score_document(doc: TimeMLDoc, predicted: list, s: DateScores) -> None:
    """Add one document's scores; `predicted` are DateFact-like (span, type, value)."""
    gold = [g for g in doc.timexes if g.type in SCORED]
    pred = [p for p in predicted if p.type in SCORED]
    s.documents += 1
    s.gold += len(gold)
    s.predicted += len(pred)
    used: set[int] = set()
    for g in gold:
        match = None
        for i, p in enumerate(pred):
            if i not in used and p.span[0] < g.span[1] and g.span[0] < p.span[1]:
                match = i
                break
        if match is None:
            s.errors.append((doc.name, "missed", g.text, g.value, ""))
            continue
        used.add(match)
        p = pred[match]
        s.relaxed += 1
        s.strict += tuple(p.span) == g.span
        if _norm(p.value) == _norm(g.value):
            s.value_correct += 1
        else:
            s.errors.append((doc.name, "value", f"{g.text} / {doc.text[p.span[0]:p.span[1]]}", g.value, str(p.value)))
    for i, p in enumerate(pred):
        if i not in used:
            s.errors.append((doc.name, "spurious", doc.text[p.span[0]:p.span[1]], "", str(p.value)))


def _norm(value: str | None) -> str | None:
    """AQUAINT writes ISO weeks unpadded ("2000-W7"): compare them padded."""
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value) if value else value


def evaluate_dates(directory: str | Path, *, nlp, cache: Path | None = None, limit: int | None = None) -> DateScores:
    """Score extract_dates on every .tml under `directory` (parsed docs cached in `cache`)."""
    from newsgraph.extract.dates import extract_dates

    files = sorted(Path(directory).rglob("*.tml"))[:limit]
    if not files:
        raise ValueError(f"no .tml files under {directory}; valid: a TimeML folder such as ../shared/data/timeml/AQUAINT")
    docs = [read_tml(f) for f in files]
    parsed = _parsed(docs, nlp, cache)
    s = DateScores()
    for d, sp in zip(docs, parsed):
        score_document(d, extract_dates(sp, d.dct), s)
    return s


def _parsed(docs: list[TimeMLDoc], nlp, cache: Path | None):
    from spacy.tokens import DocBin

    if cache is not None and cache.exists():
        db = DocBin().from_disk(cache)
        got = list(db.get_docs(nlp.vocab))
        if [g.text for g in got] == [d.text for d in docs]:
            return got
    parsed = list(nlp.pipe(d.text for d in docs))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=parsed).to_disk(cache)
    return parsed
