"""Quotation and attribution quality on PolNeAR (brat standoff gold).

The analyser runs on each article's raw `.txt` (the same `extract_entities` and
`extract_quotes` that `analyze` calls, on `nlp(raw text)` rather than on the cleaned
body) so that predicted offsets and gold offsets index the same string.

Scoring (the issue's definition):
- Gold: every attribution (`E` line) of the first annotator's `.ann` in sorted order.
  Subsets for recall: `all` (attributions with a Source), `speech` (with a Source and a
  cue that is a verb of speech, SPEECH_VERBS / SPEECH_PHRASES), `direct` (with a Source
  and content containing a double quotation mark, straight, curly or written '').
- A prediction matches a gold content when the word tokens (`\\w+` runs, by position)
  they share are at least half of the longer one's. Pairs are matched one to one,
  best overlap first, over all gold attributions (with or without a source).
- Precision: matched predictions / predictions (one figure for every subset, since a
  prediction is right when it matches any gold attribution). Recall: matched gold in
  the subset / gold in the subset.
- Attribution match: the same, and the predicted speaker span overlaps the gold Source.
- Speaker accuracy: of content matches whose gold has a Source, the share whose
  predicted speaker span overlaps that Source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from newsgraph.article import Quote, Span

__all__ = [
    "GoldAttribution", "GoldArticle", "SPEECH_VERBS", "SPEECH_PHRASES", "load_polnear",
    "is_speech_cue", "Scores", "score_article", "evaluate_split", "QUOTE_MARKS", "parsed_docs", "non_speaker_check", "load_wikinews",
]

# Verbs whose act is uttering words (lemmas). Beliefs, findings and intentions
# ("believes", "found", "shows", "wants") are attributions in PolNeAR but not speech.
SPEECH_VERBS = frozenset("""
    say tell add state announce claim ask explain write report note argue insist declare
    reply respond answer comment remark reiterate repeat warn acknowledge admit concede
    confirm deny suggest predict promise pledge vow urge call describe testify recall
    tweet post conclude agree mention contend assert maintain quip joke shout yell speak
    emphasize stress charge complain boast brag counter demand disclose echo exclaim
    inform lament observe proclaim reveal retort scream chant whisper mutter cite quote
    accuse blast praise criticize dismiss question caution threaten allege predict
    recount told said
""".split())
SPEECH_PHRASES = ("according to", "point out", "pointed out", "points out", "pointing out",
                  "made clear", "made it clear", "make clear")

QUOTE_MARKS = "\"“”„«»"
_QUOTE = re.compile(r"''|[\"“”„«»]")  # wires such as the NYT write '' for a double mark
_WORD = re.compile(r"\w+")


@dataclass
class GoldAttribution:
    content: list[Span]
    cue: list[Span]
    source: list[Span]
    cue_text: str = ""
    speech: bool = False
    direct: bool = False

    @property
    def has_source(self) -> bool:
        return bool(self.source)


@dataclass
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution]


def load_polnear(split_dir: str | Path, *, limit: int | None = None) -> list[GoldArticle]:
    """Read a PolNeAR split (`text/*.txt`, `attributions/*_ANNOTATOR.ann`): the first annotator per article."""
    split = Path(split_dir)
    texts, anns = split / "text", split / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise ValueError(
            f"cannot read PolNeAR split {str(split)!r}: expected text/ and attributions/ inside; "
            "valid: a split folder such as ../shared/data/polnear/dev"
        )
    by_name: dict[str, list[Path]] = {}
    for ann in sorted(anns.glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    out = []
    for txt in sorted(texts.glob("*.txt")):
        if txt.stem not in by_name:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append(GoldArticle(txt.stem, text, parse_ann(by_name[txt.stem][0].read_text(encoding="utf-8"), text)))
        if limit and len(out) >= limit:
            break
    return out


_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.M)
_E_LINE = re.compile(r"^E\d+\t(.*)$", re.M)


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """brat standoff -> attributions. Annotator notes and multi-line span texts are skipped."""
    spans: dict[str, list[Span]] = {}
    for m in _T_LINE.finditer(ann):
        spans[m.group(1)] = [
            (int(a), int(b)) for a, b in (part.split() for part in m.group(3).split(";"))
        ]
    out = []
    for m in _E_LINE.finditer(ann):
        roles: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        for arg in m.group(1).split():
            role, _, tid = arg.partition(":")
            role = "Content" if role.startswith("Content") else role
            if role in roles and tid in spans:
                roles[role].extend(spans[tid])
        if not roles["Content"]:
            continue
        content = sorted(roles["Content"])
        cue_text = " ".join(text[a:b] for a, b in sorted(roles["Cue"]))
        out.append(GoldAttribution(
            content=content,
            cue=sorted(roles["Cue"]),
            source=sorted(roles["Source"]),
            cue_text=cue_text,
            speech=is_speech_cue(cue_text),
            direct=any(_QUOTE.search(text, a, b) for a, b in content),
        ))
    return out


def is_speech_cue(cue_text: str, lemmas: Iterable[str] = ()) -> bool:
    """A cue is a verb of speech when one of its words (or their lemmas) is in SPEECH_VERBS."""
    low = " ".join(cue_text.lower().split())
    if any(p in low for p in SPEECH_PHRASES):
        return True
    words = set(_WORD.findall(low)) | {lemma.lower() for lemma in lemmas}
    return any(w in SPEECH_VERBS or _stem(w) in SPEECH_VERBS for w in words)


def _stem(w: str) -> str:
    """Crude inflection stripping (says, saying, added, urged); the cue list is of lemmas."""
    for suf, rep in (("ying", "y"), ("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                     ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            if w[: -len(suf)] + rep in SPEECH_VERBS:
                return w[: -len(suf)] + rep
    return w


@dataclass
class Scores:
    """Counts summed over articles; figures are derived properties."""

    predicted: int = 0
    matched_pred: int = 0  # predictions matching any gold content
    attributed_pred: int = 0  # ... and whose speaker span overlaps its gold source
    gold: dict[str, int] = field(default_factory=lambda: {"all": 0, "speech": 0, "direct": 0})
    found: dict[str, int] = field(default_factory=lambda: {"all": 0, "speech": 0, "direct": 0})
    attributed: dict[str, int] = field(default_factory=lambda: {"all": 0, "speech": 0, "direct": 0})
    speaker_pairs: int = 0  # content matches whose gold has a source
    speaker_right: int = 0
    articles: int = 0
    failed: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        self.predicted += other.predicted
        self.matched_pred += other.matched_pred
        self.attributed_pred += other.attributed_pred
        for k in self.gold:
            self.gold[k] += other.gold[k]
            self.found[k] += other.found[k]
            self.attributed[k] += other.attributed[k]
        self.speaker_pairs += other.speaker_pairs
        self.speaker_right += other.speaker_right
        self.articles += other.articles
        self.failed += other.failed

    def content(self, subset: str) -> tuple[float, float, float]:
        return _prf(self.matched_pred, self.predicted, self.found[subset], self.gold[subset])

    def attribution(self, subset: str) -> tuple[float, float, float]:
        return _prf(self.attributed_pred, self.predicted, self.attributed[subset], self.gold[subset])

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_pairs if self.speaker_pairs else 0.0


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _words(text: str, spans: Iterable[Span]) -> set[int]:
    """Word tokens of the spans, identified by their start offset."""
    out = set()
    for a, b in spans:
        out.update(m.start() + a for m in _WORD.finditer(text[a:b]))
    return out


def _overlaps(a: Span, spans: Iterable[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _match(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one, best overlap first (ties: earlier gold)."""
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, key=lambda t: (-t[0], t[2], t[1])):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def score_article(text: str, gold: list[GoldAttribution], predicted: list[Quote]) -> Scores:
    s = Scores(articles=1, predicted=len(predicted))
    gw = [_words(text, g.content) for g in gold]
    pw = [_words(text, q.spans) for q in predicted]
    content_pairs, attr_pairs = [], []
    for i, (q, p) in enumerate(zip(predicted, pw)):
        for j, (g, w) in enumerate(zip(gold, gw)):
            longer = max(len(p), len(w))
            if not longer:
                continue
            ratio = len(p & w) / longer
            if ratio < 0.5:
                continue
            # Prefer gold with a source when overlaps tie: those are the ones recall counts.
            content_pairs.append((ratio + (1e-6 if g.has_source else 0.0), i, j))
            spans = [sp.span for sp in (q.speakers or [q.speaker]) if sp and sp.span]
            if g.has_source and any(_overlaps(sp, g.source) for sp in spans):
                attr_pairs.append((ratio, i, j))
    for key, pairs in (("content", content_pairs), ("attr", attr_pairs)):
        matched = _match(pairs)
        for i, j in matched:
            g = gold[j]
            if key == "content":
                s.matched_pred += 1
            else:
                s.attributed_pred += 1
            if not g.has_source:
                continue
            counts = s.found if key == "content" else s.attributed
            for subset in _subsets(g):
                counts[subset] += 1
            if key == "content":
                s.speaker_pairs += 1
                q = predicted[i]
                spans = [sp.span for sp in (q.speakers or [q.speaker]) if sp and sp.span]
                s.speaker_right += any(_overlaps(sp, g.source) for sp in spans)
    for g in gold:
        if g.has_source:
            for subset in _subsets(g):
                s.gold[subset] += 1
    return s


def _subsets(g: GoldAttribution) -> Iterator[str]:
    yield "all"
    if g.speech:
        yield "speech"
    if g.direct:
        yield "direct"


def parsed_docs(texts: list[str], nlp, cache: str | Path | None = None) -> Iterator:
    """nlp.pipe over texts; with cache (a folder, e.g. .cache/), the parsed docs are kept as a
    spaCy DocBin named by a hash of the texts and the pipeline, and read back next time."""
    if cache is None:
        yield from nlp.pipe(texts, n_process=1)
        return
    import hashlib

    from spacy.tokens import DocBin

    h = hashlib.sha1(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}".encode())
    for t in texts:
        h.update(t.encode("utf-8"))
        h.update(b"\0")
    path = Path(cache) / f"docs-{h.hexdigest()[:16]}.spacy"
    if path.exists():
        yield from DocBin().from_disk(path).get_docs(nlp.vocab)
        return
    docs = list(nlp.pipe(texts, n_process=1))
    path.parent.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)
    yield from docs


def evaluate_split(
    split_dir: str | Path,
    *,
    nlp,
    extract: Callable | None = None,
    limit: int | None = None,
    keep: bool = False,
    cache: str | Path | None = None,
    speakers: str = "model",
) -> tuple[Scores, list[tuple[GoldArticle, list[Quote]]]]:
    """Parse every article of a split once (nlp.pipe), run the extractors, score.

    Returns the summed scores and, with keep=True, each article with its predictions
    (for error analysis). An article whose extraction raises is counted as failed.
    cache: a folder for parsed docs (parsed_docs); speakers: "model" or "rules".
    """
    from newsgraph.extract.entities import extract_entities
    from newsgraph.extract.quotes import extract_quotes

    def default(doc):
        return extract_quotes(doc, extract_entities(doc), speakers=speakers)

    extract = extract or default
    articles = load_polnear(split_dir, limit=limit)
    total, kept = Scores(), []
    for art, doc in zip(articles, parsed_docs([a.text for a in articles], nlp, cache)):
        try:
            predicted = extract(doc)
        except Exception as e:  # one bad article fails alone, and is counted
            total.failed.append(f"{art.name}: {type(e).__name__}: {e}")
            predicted = []
        total.add(score_article(art.text, art.attributions, predicted))
        if keep:
            kept.append((art, predicted))
    return total, kept


def load_wikinews(folder: str | Path, *, limit: int | None = None) -> list[tuple[str, str]]:
    """(url, text) of every article of the Wikinews CSVs (columns url,date,title,text)."""
    import csv

    paths = sorted(Path(folder).glob("*.csv"))
    if not paths:
        raise ValueError(f"cannot read Wikinews folder {str(folder)!r}: no *.csv inside; "
                         "valid: a folder such as ../shared/data/wikinews")
    csv.field_size_limit(1 << 30)
    out = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as fh:
            out += [(row["url"], row["text"]) for row in csv.DictReader(fh)]
    return out[:limit] if limit else out


def non_speaker_check(folder: str | Path, *, nlp, cache=None, speakers: str = "model",
                      limit: int | None = None) -> tuple[int, list[tuple[str, str]]]:
    """Every speaker over a Wikinews folder whose mention is headed by a date, time, number,
    percentage, event, law or work of art, or runs across a line break (a heading):
    (speakers checked, offenders as (url, "mention -> name")). The test is
    speakers_model.is_non_speaker on the mention's syntactic head, with the type the entity
    table gives it (a name the NER labelled WORK_OF_ART that the table knows as a person is a name)."""
    from newsgraph.extract.entities import EntityIndex, extract_entities
    from newsgraph.extract.quotes import extract_quotes
    from newsgraph.extract.speakers_model import is_non_speaker

    articles = load_wikinews(folder, limit=limit)
    checked, bad = 0, []
    for (url, text), doc in zip(articles, parsed_docs([t for _, t in articles], nlp, cache)):
        index = EntityIndex(extract_entities(doc))
        for q in extract_quotes(doc, index, speakers=speakers):
            for sp in q.speakers or [q.speaker]:
                if sp is None or sp.span is None:
                    continue
                checked += 1
                span = doc.char_span(*sp.span, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                # the mention's head decides: "a 1989 report" and "Fourteen-year-old Zoe" may speak
                root = span.root
                ent = index.at(root.idx, root.idx + len(root))
                if is_non_speaker(root, text[sp.span[0]:sp.span[1]], ent.type if ent else None):
                    bad.append((url, f"{text[sp.span[0]:sp.span[1]]!r} -> {sp.name!r}"))
    return checked, bad
