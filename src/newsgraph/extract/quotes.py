"""Quotations with resolved speakers: direct, indirect and mixed (docs/quotes.md).

extract_quotes(doc, entities) -> list[Quote]

Passes over one parsed Doc, then speaker resolution in text order:
1. direct: stretches between quotation marks (quotes_marks.find_quoted, robust to
   unbalanced marks) attributed by a cue right after them (`"...," he said`), right
   before them (`Blinken agreed: "..."`, `what he called "..."`), a colon-ended sentence
   in the previous paragraph, or the previous quote they continue (the other half of
   an interrupted quote, the next paragraph of a multi-paragraph quote, an unattributed
   quoted paragraph after a quote);
2. reported speech from the parse: a cue verb with a subject and a clausal complement
   (`X said (that) ...`), a parenthetical cue (`..., X said.`, `The UK, Cleverly added,
   will join ...`), `according to X`; content with quotation marks inside is `mixed`;
3. quoted fragments nobody was found to say, attributed to the verb they hang from;
then one quote per content (_dedupe).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.article import Cue, Entity, Quote, Span, Speaker
from newsgraph.data.lexicon import table
from newsgraph.data.lexicon import words as lexicon
from newsgraph.extract.entities import EntityIndex
from newsgraph.extract.quotes_cues import ADDRESSEE_VERBS, CUE_VERBS, QUOTED_ONLY_VERBS, is_cue, phrase_word, subject_of
from newsgraph.extract.quotes_marks import QUOTE_MARK, Segment, find_quoted
from newsgraph.extract.quotes_speakers import Resolver, speaker_mentions
from newsgraph.extract.speakers_model import DocView, OtherContents, load_ranker, speaker_candidates

__all__ = ["extract_quotes", "CUE_VERBS"]  # CUE_VERBS: the cue lexicon, for documentation

_WORDS = re.compile(r"\w+")
# Unquoted reported contents shorter than this are mostly not speech ("denied it", "said so"),
# unless they are a clause with its own subject ("said it would cooperate": _short_clause).
# 5 would score direct F1 +0.003 on train but drop real reports ("the talks had stalled").
_MIN_REPORTED = 4
_WINDOW = 20  # tokens searched for a cue on either side of a quoted stretch
_DASHES = {"―", "—", "–", "--"}
_STOP = {".", "!", "?", ";"}


@dataclass
class _Cand:
    spans: list[Span]
    kind: str
    cue: Span | None
    speakers: list[Span] = field(default_factory=list)  # speaker mentions in the quote's sentence
    last_seg: int = -1  # index of the last quoted segment that this quote holds
    nested: bool = False  # a quote inside another quote


def extract_quotes(doc: Doc, entities: list[Entity] | EntityIndex, *, nested: bool = True,
                   speakers: str = "model", trace: list | None = None) -> list[Quote]:
    """Every quotation in doc, with its content spans, cue and resolved speaker(s).

    nested: also give single-quoted speech inside a direct quote ("My mother told me,
    'Never give up'") as its own quote, attributed to the inner speaker. Inner quotes
    whose speaker is the outer speaker themselves ("I said, '...'") or imagined speech
    ("people say, 'Why ...?'", "you tell them, '...'") are left inside the outer quote.
    PolNeAR annotates no inner quotes at all (none of the 53 on train), so each one
    kept costs precision there; False drops them all.

    entities: the article's entities, or their EntityIndex (the pipeline's ctx.entities).
    speakers: "model" chooses each speaker among its candidates with the shipped ranker
    (speakers_model.py) and sets speaker.confidence; "rules" keeps the rules' choice.
    trace: a list that receives, per quote, (content spans, candidates) for training.
    """
    text = doc.text  # Doc.text is rebuilt on every access: read it once
    if not text.strip():
        return []
    ctx = _Ctx(doc, text)
    direct = _direct(ctx)
    if nested:
        direct += _nested(ctx, direct)
    claimed_cues = {c.cue[0] for c in direct if c.cue}  # by start: a cue may be several words
    reported = _reported(ctx, claimed_cues, direct)
    reported += _fragments(ctx, direct + reported)
    cands = sorted(_drop_inner_reports(_dedupe(text, direct + reported)), key=lambda c: c.spans[0])
    index = entities if isinstance(entities, EntityIndex) else EntityIndex(entities)
    confidence = _rank_speakers(ctx, cands, index, speakers, trace)
    resolver = Resolver(doc, index, text=text, quoted=ctx.quoted, starts=ctx.starts)
    resolved: dict[int, list[Speaker]] = {}
    # Speakers are resolved in text order so pronouns see the speakers before them;
    # a speaker mentioned inside another quote's content ("I told him") is that quote's.
    order = sorted(cands, key=lambda c: (c.speakers[0][0] if c.speakers else c.spans[0][0]))
    for c in order:
        outer = _outer(c, direct, resolved)
        resolved[id(c)] = [resolver.resolve(s, inside_quote_of=outer) for s in c.speakers]
        for sp in resolved[id(c)]:
            sp.confidence = confidence.get(id(c))
    out = []
    for c in cands:
        speakers = resolved.get(id(c), [])
        spans = _trim_all(text, c.spans)
        if not spans:
            continue
        out.append(Quote(
            text=" ... ".join(text[a:b] for a, b in spans),
            spans=spans,
            kind=c.kind,
            cue=Cue(text[c.cue[0]:c.cue[1]], c.cue) if c.cue else None,
            speaker=speakers[0] if speakers else None,
            speakers=speakers if len(speakers) > 1 else [],
        ))
    return out


def _rank_speakers(ctx: "_Ctx", cands: list[_Cand], index: EntityIndex, mode: str,
                   trace: list | None) -> dict[int, float]:
    """Choose each quote's speaker mention among its candidates (the rules' speakers among
    them); returns the calibrated confidence per quote. A chosen candidate the rules also
    gave keeps the rules' coordinated speakers ("Blinken and Cleverly said")."""
    if mode not in ("model", "rules"):
        raise ValueError(f"speakers={mode!r} is not valid; valid: 'model' or 'rules'")
    ranker = load_ranker() if mode == "model" else None
    if ranker is None and trace is None:
        return {}
    text = ctx.text

    def entity_type(span: Span) -> str | None:
        ent = index.at(*span)
        return ent.type if ent is not None else None

    out: dict[int, float] = {}
    prev: Span | None = None
    view = DocView(ctx.doc, text, ctx.starts)
    others = OtherContents([_trim_all(text, c.spans) or c.spans for c in cands])
    for c in cands:
        if c.nested:  # an inner quote's speaker is inside the outer quote: the rules' choice stands
            continue
        spans = _trim_all(text, c.spans) or c.spans
        found = speaker_candidates(view, spans, c.cue, c.speakers, c.kind, ctx.quoted, entity_type, prev, others)
        if trace is not None:
            trace.append((spans, found))
        if ranker is not None:
            best, p = ranker.choose(found)
            if best is None:
                c.speakers = []
            elif best.rule_rank < 0:
                c.speakers = [best.span]
            else:  # one of the rules' speakers: keep them all ("X and Y said"), that one cut to its
                # line or turned into the group a poll figure stands for
                c.speakers = list(c.speakers)
                c.speakers[best.rule_rank] = best.span
            out[id(c)] = round(p, 3)
        prev = c.speakers[0] if c.speakers else prev
    return out


class _Ctx:
    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text
        self.starts = [t.idx for t in doc]
        self.segments = find_quoted(text)
        self.seg_starts = [sg.start for sg in self.segments]

    def quoted(self, char: int) -> bool:
        """Whether char lies inside a quoted stretch."""
        k = bisect_left(self.seg_starts, char + 1) - 1
        return k >= 0 and char < self.segments[k].end

    def first_at_or_after(self, char: int) -> int:
        return bisect_left(self.starts, char)

    def token_at(self, char: int) -> int:
        """The token holding `char` (or the last one starting before it): the mark may sit
        inside a token, e.g. in `‹:"said`, where no token starts at or after it."""
        return max(bisect_right(self.starts, char) - 1, 0)

    def para_bounds(self, char: int) -> Span:
        a = self.text.rfind("\n", 0, char) + 1
        b = self.text.find("\n", char)
        return (a, len(self.text) if b < 0 else b)


def _direct(ctx: _Ctx) -> list[_Cand]:
    out: list[_Cand] = []
    by_seg: dict[int, _Cand] = {}
    text = ctx.text
    for k, seg in enumerate(ctx.segments):
        prev = by_seg.get(k - 1)
        if seg.continues and prev is not None:  # the next paragraph of a multi-paragraph quote
            _extend(prev, seg, k, by_seg)
            continue
        pa, pb = ctx.para_bounds(seg.start)
        hit = _cue_after(ctx, seg, pb)
        after = hit is not None
        if hit is None and prev is not None and _interrupted(ctx, prev, ctx.segments[k - 1], seg):
            _extend(prev, seg, k, by_seg)
            continue
        if hit is None:
            hit = _cue_before(ctx, seg, pa)
        if hit is None:
            hit = _colon_before(ctx, seg, pa)
        if hit is not None:
            cue, speakers = hit
            kind = _kind(text, seg)
            span = seg.span
            inner = text[seg.start:seg.end].strip("\"“”„«»'‘’ ")
            lead = _clause_before(ctx, seg) if after and inner[:1].islower() else None
            if lead is not None:
                # 'the ads "allow us to get our message out," said Coleman': the reporter's
                # words before the fragment belong to what is attributed
                span, kind = (lead, seg.end), "mixed"
            elif after and inner[-1:] in ".,!?…":
                kind = "direct"  # a whole (short) utterance: '"Good," he added.'
            c = _Cand([span], kind, cue, speakers, last_seg=k)
            out.append(c)
            by_seg[k] = c
            continue
        last = out[-1] if out else None
        if last is not None and _continues(ctx, last, seg, pa):
            _extend(last, seg, k, by_seg)
    return out


_INNER = re.compile(r"(?<!\w)[‘'](?=\w)(.+?)[’'](?!\w)")


def _nested(ctx: _Ctx, direct: list[_Cand]) -> list[_Cand]:
    """Single-quoted speech inside a direct quote ("My mother told me, 'Never give up'") is its
    own quote, attributed by a cue inside the outer one."""
    out = []
    for c in direct:
        for a, b in c.spans:
            for m in _INNER.finditer(ctx.text, a + 1, b - 1):
                inner = Segment(m.start(), m.end())
                hit = _cue_before(ctx, inner, a + 1)
                if hit is not None and hit[0][0] > a and not _generic_speakers(ctx.text, hit[1]):
                    out.append(_Cand([inner.span], _kind(ctx.text, inner), hit[0], hit[1], nested=True))
    return out


# Speakers of an inner quote that make it the outer speaker's own words or imagined speech.
_GENERIC = lexicon("en", "speakers", "generic_inner_speakers")


def _generic_speakers(text: str, speakers: list[Span]) -> bool:
    return not speakers or all(text[a:b].strip().lower() in _GENERIC for a, b in speakers)


def _clause_before(ctx: _Ctx, seg: Segment) -> int | None:
    """Where the sentence holding a quoted fragment starts, when words precede the fragment."""
    i = ctx.first_at_or_after(seg.start)
    if i >= len(ctx.doc):
        return None
    start = max(ctx.doc[i].sent.start_char, ctx.para_bounds(seg.start)[0])
    before = ctx.text[start:seg.start]
    if not _WORDS.search(before) or QUOTE_MARK.search(before):
        return None
    return start


def _extend(c: _Cand, seg: Segment, k: int, by_seg: dict[int, _Cand]) -> None:
    c.spans.append(seg.span)
    c.last_seg = k
    by_seg[k] = c


_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}


def _title(text: str, seg: Segment) -> bool:
    """A name in quotation marks ("Meet the Press", ''Today''): capitalised words, no sentence."""
    words = [w for w in _WORDS.findall(text, seg.start, seg.end) if w.lower() not in _SMALL]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _kind(text: str, seg: Segment) -> str:
    """A partial quote (a fragment inside the reporter's sentence) is mixed."""
    inner = text[seg.start:seg.end].strip("\"“”„«»'‘’ ")
    words = inner.split()
    capitalised = sum(w[:1].isupper() for w in words)
    title = inner[-1:].isalnum() and capitalised >= 0.6 * len(words)  # "This Week With George ..."
    sentence_like = len(words) >= 4 and not title and (inner[:1].isupper() or inner[-1:] in ".,!?…—")
    return "direct" if sentence_like else "mixed"


def _cue_after(ctx: _Ctx, seg: Segment, para_end: int):
    """`"...," he said` / `"...," said the minister` / `"...," according to X`."""
    doc = ctx.doc
    i = ctx.first_at_or_after(seg.end)
    window: list[Token] = []
    while i < len(doc) and len(window) < _WINDOW:
        t = doc[i]
        if t.idx >= para_end or QUOTE_MARK.fullmatch(t.text) or t.text in _STOP:
            break
        if not t.is_space:
            window.append(t)
        i += 1
    if window and window[0].text in _DASHES and len(window) > 1 and window[1].pos_ == "PROPN":
        # a pull quote signed with a dash: "..." ― Jane Doe
        name = window[1]
        while name.i + 1 <= window[-1].i and name.nbor().pos_ == "PROPN":
            name = name.nbor()
        return (window[0].idx, window[0].idx + len(window[0])), [(window[1].idx, name.idx + len(name))]
    for k, t in enumerate(window):
        if t.lower_ == "according" and k + 1 < len(window) and window[k + 1].lower_ == "to":
            pobj = [c for c in window[k + 1].children if c.dep_ == "pobj"]
            if pobj:
                return (t.idx, window[k + 1].idx + 2), speaker_mentions(pobj[0])
            return None
        if is_cue(t, direct=True):
            subj = subject_of(t, outside=seg.span, host=True)
            if subj is not None and subj.idx < seg.end:  # the parse took a word of the quote
                subj = None
            inverted = subj is None
            if inverted:  # '"...," said David Brock': the parse often makes the name an object
                subj = next((w for w in window[k + 1:] if w.pos_ in ("PROPN", "NOUN", "PRON")), None)
                subj = _np_head(subj) if subj is not None else None
            if subj is None:
                return None
            addressee = t.lemma_.lower() in ADDRESSEE_VERBS or inverted
            if any((c.dep_ == "ccomp" or (c.dep_ == "dobj" and not addressee)) and c.i > t.i
                   and c.left_edge.i <= t.i + 3 and not ctx.quoted(c.idx) for c in t.children):
                return None  # the cue's own content follows it: this quote is not what was said
            if _kind(ctx.text, seg) != "direct":
                # a fragment ('had "put the biggest crack" yet in ..., she said') is part of
                # the reported clause unless the attribution follows it directly
                np = {w.i for w in subj.subtree}
                if any(not w.is_punct and w.i not in np for w in window[:k]):
                    return None
            return _cue_span(t), speaker_mentions(subj)
        if t.dep_ == "amod" or (t.dep_ == "cc" and t.head.pos_ in ("PROPN", "NOUN")):
            continue  # inside the speaker's phrase: "Miller, a retired worker, said", "X and Y said"
        if t.pos_ in ("VERB", "CCONJ", "SCONJ") or t.tag_ in ("WDT", "WP"):
            return None
    return None


def _cue_span(t: Token) -> Span:
    """The cue's words: the verb, with the rest of a multi-word cue close after it ("made it
    clear", "pointed out", "went on", "called for", "called again on")."""
    end = t
    word, prep = phrase_word(t), _object_phrase(t)
    if word is not None and 0 < word.i - t.i <= 3:
        end = word
    if prep is not None and prep.head.i == t.i and 0 < prep.i - t.i <= 2:  # not "accused [X] of"
        end = max(end, prep, key=lambda x: x.i)
    return (t.idx, end.idx + len(end))


def _np_head(t: Token) -> Token:
    while t.dep_ in ("compound", "flat", "amod", "det") and t.head.i > t.i:
        t = t.head
    return t


def _cue_before(ctx: _Ctx, seg: Segment, para_start: int):
    """`Blinken agreed: "..."`, `He told reporters, "..."`, `what he called "..."`."""
    doc = ctx.doc
    i = ctx.first_at_or_after(seg.start) - 1
    seen = 0
    while i >= 0 and seen < _WINDOW:
        t = doc[i]
        if t.idx < para_start or QUOTE_MARK.fullmatch(t.text) or t.text in _STOP:
            return None
        if t.is_space:
            i -= 1
            continue
        seen += 1
        if is_cue(t, direct=True):
            subj = subject_of(t, host=True)
            if subj is None:
                return None
            between = [w for w in doc[t.i + 1:ctx.first_at_or_after(seg.start)] if not w.is_space]
            # A quoted fragment further into the clause ('said the deal was "a disaster"', 'says
            # "the wind is at our backs" despite ...') belongs to the reported clause.
            if _kind(ctx.text, seg) != "direct":
                if any(w.text not in (",", ":") for w in between):
                    return None
                comp = [c for c in t.children if c.dep_ == "ccomp" and c.i > t.i]
                if comp and comp[0].right_edge.idx >= seg.end + 3:
                    return None
            return _cue_span(t), speaker_mentions(subj)
        if t.lower_ == "to" and i > 0 and doc[i - 1].lower_ == "according":
            pobj = [c for c in t.children if c.dep_ == "pobj"]
            if pobj and pobj[0].i < seg.start:
                return None
        if t.pos_ in ("VERB", "AUX") or t.tag_ in ("WDT",):
            return None
        i -= 1
    return None


def _colon_before(ctx: _Ctx, seg: Segment, para_start: int):
    """A quotation introduced by a colon-ended `X said:` (in its sentence or the paragraph
    before), even past a clause the window stops at ("who told Congress when asked: ...")."""
    before = ctx.text[:seg.start].rstrip()
    if not before.endswith(":"):
        return None
    if not len(ctx.doc):
        return None
    i = ctx.token_at(len(before) - 1)  # the token holding the colon
    sent = ctx.doc[i].sent
    for t in reversed(sent):
        if is_cue(t, direct=True):
            subj = subject_of(t)
            if subj is not None:
                return _cue_span(t), speaker_mentions(subj)
    # A verbless introduction ("Blinken was more blunt:"): the named subject of the clause
    # the colon ends introduces the quotation; its verb stands as the cue.
    colon = ctx.doc[i]
    if colon.text != ":" or i == 0:
        return None
    verb = ctx.doc[i - 1]
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb or verb.head.idx > colon.idx:
            break
        verb = verb.head
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.idx < colon.idx), None)
    if verb.pos_ in ("VERB", "AUX") and verb.idx < colon.idx and subj is not None and (
            subj.pos_ == "PROPN" or subj.lower_ in ("he", "she")):
        return (verb.idx, verb.idx + len(verb)), speaker_mentions(subj)
    return None


def _interrupted(ctx: _Ctx, prev: _Cand, prev_seg: Segment, seg: Segment) -> bool:
    """`"A," he said, "B."`: the attribution between two quoted stretches of one paragraph."""
    if prev.cue is None or not (prev_seg.end <= prev.cue[0] < seg.start):
        return False
    gap = ctx.text[prev_seg.end:seg.start]
    if "\n" in gap or len(gap) > 400:
        return False
    doc = ctx.doc
    words = doc[ctx.first_at_or_after(prev_seg.end):ctx.first_at_or_after(seg.start)]
    # Another report ("adding that ...") introduces the second stretch; a clause about the
    # speaker ("who has accused ...") does not.
    if any(is_cue(w, direct=True) and w.idx != prev.cue[0] and w.dep_ not in ("relcl", "acl") for w in words):
        return False
    if _kind(ctx.text, seg) == "direct":  # a quoted sentence goes on after "he said, ..."
        return True
    # a fragment only when nothing but the attribution lies between: no second clause
    return not any(w.pos_ in ("VERB", "CCONJ") and w.idx != prev.cue[0] for w in words)


def _continues(ctx: _Ctx, last: _Cand, seg: Segment, para_start: int) -> bool:
    """An unattributed quoted paragraph (or sentence) right after a quote goes on with its speaker."""
    if last.last_seg < 0 or _kind(ctx.text, seg) != "direct":
        return False
    prev_seg = ctx.segments[last.last_seg]
    if seg.start != para_start + (len(ctx.text[para_start:seg.start]) - len(ctx.text[para_start:seg.start].lstrip())):
        # inside a paragraph: only when nothing but the previous quote's sentence lies between
        gap = ctx.text[prev_seg.end:seg.start]
        return "\n" not in gap and len(gap.strip()) <= 40 and not any(ch.isalpha() for ch in gap.strip(". "))
    # the previous quote's last stretch lies in the paragraph just before
    between = ctx.text[prev_seg.end:para_start]
    lines = [ln for ln in between.split("\n") if ln.strip()]
    return len(lines) <= 1


def _reported(ctx: _Ctx, claimed: set[int], direct: list[_Cand]) -> list[_Cand]:
    doc, text = ctx.doc, ctx.text
    covered = sorted(s for c in direct for s in c.spans)
    out = []
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            if not pobj:
                continue
            phrase = set(range(t.left_edge.i, max(t.right_edge.i, to.right_edge.i) + 1))
            tokens = [w.i for w in t.sent if w.i not in phrase]
            cue: Span = (t.idx, to.idx + len(to))
            speakers = speaker_mentions(pobj[0])
        elif (is_cue(t) or _stance(t)) and t.idx not in claimed:
            subj = subject_of(t)
            if subj is None:
                continue
            inserted = _inserted_name(t, subj)
            aside = _inserted_clause(t, subj)
            if inserted is not None:  # "The UK, Cleverly added, will join ...": the parse made "The UK" the subject
                subj = inserted
                tokens = [w.i for w in t.sent if w.i not in (inserted.i, t.i) and not w.is_space]
            elif aside is not None:  # ... or hung "Cleverly added" on "The UK" as a relative clause
                tokens = [w.i for w in t.sent if w.i not in aside and not w.is_space]
            else:
                tokens = _content_tokens(t, subj)
            tokens = _prune(doc, tokens)
            if not tokens or _own_sourcing(t, subj, tokens):
                continue
            cue = _cue_span(t)
            speakers = speaker_mentions(subj)
        else:
            continue
        pa, pb = ctx.para_bounds(cue[0])
        tokens = [i for i in tokens if pa <= doc[i].idx < pb]  # a clause never runs past its paragraph
        spans = _snap(_runs(doc, tokens), ctx.segments)
        spans = _trim_all(text, spans)
        if not spans:
            continue
        # a fragment in single quotes ('appalled') is quoted too
        quoted = any(QUOTE_MARK.search(text, a, b) or _INNER.search(text, a, b) for a, b in spans)
        if not quoted and sum(len(_WORDS.findall(text, a, b)) for a, b in spans) < _MIN_REPORTED \
                and not _short_clause(doc, spans, ctx):
            continue
        if _mostly_covered(spans, covered):
            continue
        kind = "mixed" if quoted else "indirect"
        if quoted and all(any(sg.start <= a and b <= sg.end for sg in ctx.segments) for a, b in spans):
            kind = "direct"
        cue_lemma = doc[ctx.first_at_or_after(cue[0])].lemma_.lower()
        if not quoted and cue_lemma in QUOTED_ONLY_VERBS and _object_phrase(doc[ctx.first_at_or_after(cue[0])]) is None:
            continue
        if not quoted and cue_lemma in _TOPIC_VERBS and not _has_verb(doc, spans, ctx):
            continue  # "wrote a letter", "explained the difference": the object is a topic, not the words
        out.append(_Cand(spans, kind, cue, speakers))
    return out


# Beliefs and findings with a clausal complement ("X believes (that) ...", "a poll found that ...").
_STANCE_VERBS = lexicon("en", "quote_cues", "stance_verbs")


_SELF = {"i", "we", "you", "me", "us"}


def _stance(t: Token) -> bool:
    """A belief or finding stated of a third party: a clausal complement after the verb, a
    subject that is not the writer or the reader ("I think" in a transcript is part of the
    answer), and not an infinitive ("to show", "let them think")."""
    if t.lemma_.lower() not in _STANCE_VERBS or not (t.pos_ == "VERB" or t.tag_.startswith("VB")):
        return False
    if not any(c.dep_ == "ccomp" and c.i > t.i for c in t.children):
        return False
    if t.tag_ == "VB" and (t.dep_ in ("xcomp", "ccomp") or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
        return False
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ not in _SELF and subj.tag_ not in ("WP", "WDT") and subj.lower_ not in ("those", "that", "this")


# A quoted-only verb reports speech unquoted with one of these prepositions ("called on X to
# ...", "called for an inquiry", "accused X of ..."): a demand or a charge, in its own words.
_OBJECT_PHRASES = {k: frozenset(v) for k, v in table("en", "quote_cues")["object_phrases"].items()}


def _object_phrase(cue: Token) -> Token | None:
    words = _OBJECT_PHRASES.get(cue.lemma_.lower())
    if not words:
        return None
    heads = [cue] + [c for c in cue.rights if c.dep_ == "dobj"]  # "accused X of ...": "of" may hang on X
    prep = next((c for h in heads for c in h.rights if c.dep_ in ("prep", "dative") and c.lower_ in words
                 and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
    if prep is None:
        return None
    # "called on X", "called again for X": the preposition comes with the verb; in "called
    # the decision "a mistake" on Friday" it is a circumstance of the naming
    between = [c for c in cue.children if cue.i < c.i < prep.i and c.dep_ not in ("advmod", "prt")]
    if cue.lemma_.lower() != "accuse" and between:
        return None
    return prep


# Cues whose noun-phrase object names a topic or a thing rather than the words said
# ("wrote a letter", "explained the difference", "recalled his days in office", "added
# $5 million"); on PolNeAR train such objects are attributions for under a third of them.
_TOPIC_VERBS = lexicon("en", "quote_cues", "topic_verbs")


def _short_clause(doc: Doc, spans: list[Span], ctx: _Ctx) -> bool:
    """A short content that is still a clause with its own subject ("the FBI said it would
    cooperate", "officials said it would not"), unlike "denied it" or "said so"."""
    if len(spans) != 1:
        return False
    a, b = spans[0]
    toks = [doc[i] for i in range(ctx.first_at_or_after(a), len(doc)) if doc[i].idx < b]
    return any(t.dep_ in ("nsubj", "nsubjpass") for t in toks) and any(t.pos_ in ("VERB", "AUX") for t in toks)


def _has_verb(doc: Doc, spans: list[Span], ctx: _Ctx) -> bool:
    """Whether a content holds a verb (a reported clause rather than a noun phrase)."""
    for a, b in spans:
        for i in range(ctx.first_at_or_after(a), len(doc)):
            if doc[i].idx >= b:
                break
            if doc[i].pos_ in ("VERB", "AUX"):
                return True
    return False


_ASIDE = ("relcl", "appos")


def _prune(doc: Doc, tokens: list[int]) -> list[int]:
    """Drop what hangs off the reported clause but is the reporter's: asides after a comma
    (", which ...", ", one that ..."), a second report ("and noted that ..."), a contrast
    ("while others ...")."""
    keep = set(tokens)
    for i in tokens:
        w = doc[i]
        if i not in keep or w.head.i not in keep or w.head is w:
            continue
        left = w.left_edge.i
        after_comma = left > 0 and doc[left - 1].text == "," and left - 1 in keep and w.i > w.head.i
        second_clause = w.dep_ == "conj" and w.pos_ in ("VERB", "AUX") and is_cue(w)
        contrast = w.dep_ == "advcl" and w.i > w.head.i and any(
            c.dep_ == "mark" and c.lower_ in ("while", "whereas", "although") for c in w.children)
        if (w.dep_ in _ASIDE and after_comma) or second_clause or contrast:
            drop = {x.i for x in w.subtree}
            if after_comma:
                drop.add(left - 1)
            if w.dep_ == "conj":
                drop |= {c.i for c in w.head.children if c.dep_ == "cc" and w.head.i < c.i < w.i}
                drop |= {c.i for c in w.head.children if c.text == "," and w.head.i < c.i < w.i}
            keep -= drop
    return sorted(keep)


def _inserted_name(cue: Token, subj: Token) -> Token | None:
    """The name in "X, Name said, ...", which the parser often hangs on X as an apposition."""
    nxt = cue.nbor() if cue.i + 1 < len(cue.doc) else None
    if subj.i >= cue.i or nxt is None or nxt.text != ",":
        return None
    for a in subj.children:
        if a.dep_ == "appos" and a.i == cue.i - 1 and a.pos_ == "PROPN" and a.n_lefts == 0:
            return a
    return None


def _inserted_clause(cue: Token, subj: Token) -> set[int] | None:
    """The tokens of ", Name added," inside a sentence the parser read as a relative clause
    ("The UK, Cleverly added, will join ..."): the sentence around them is the content."""
    doc = cue.doc
    left = subj.left_edge.i
    if (cue.dep_ != "relcl" or subj.i >= cue.i or subj.tag_ in ("WP", "WDT") or subj.right_edge.i != cue.i - 1
            or left == 0 or doc[left - 1].text != "," or cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ","):
        return None
    return set(range(left, cue.i + 1))


# "..., TURAN's Washington correspondent reports from the State Department": the outlet
# naming its own source for the whole article, not a quotation.
_PRESS = lexicon("en", "quote_cues", "press_subjects")


def _own_sourcing(cue: Token, subj: Token, tokens: list[int]) -> bool:
    """A correspondent/agency subject of "reports" after the content it 'reports'."""
    return (cue.lemma_.lower() == "report" and subj.lower_ in _PRESS
            and all(i < subj.left_edge.i for i in tokens))


def _dedupe(text: str, cands: list[_Cand]) -> list[_Cand]:
    """One quote per content: a reported clause sharing most of its words with a quote
    found before it (a direct quote, its own nested quote) is the same report."""
    kept: list[tuple[_Cand, set[int]]] = []
    for c in cands:
        words = {a + m.start() for a, b in c.spans for m in _WORDS.finditer(text[a:b])}
        if any(len(words & w) * 2 >= max(len(words), len(w)) for _, w in kept if words and w):
            continue
        kept.append((c, words))
    return [c for c, _ in kept]


def _drop_inner_reports(cands: list[_Cand]) -> list[_Cand]:
    """A report inside another quote's content ("X noted that voters who said they backed Y now
    back Z") is part of what that quote's speaker said: the outer quote holds it. Single-quoted
    inner speech (`nested`) is kept: it is the inner speaker's own words."""
    ranges = [(c.spans[0][0], c.spans[-1][1]) for c in cands]
    out = []
    for c, (a, b) in zip(cands, ranges):
        if not c.nested and any(
                d is not c and x <= a and b <= y and (x, y) != (a, b) for d, (x, y) in zip(cands, ranges)):
            continue
        out.append(c)
    return out


_FRAGMENT_DEPS = ("dobj", "prep", "ccomp", "xcomp", "oprd", "attr", "acomp", "dative")


def _fragments(ctx: _Ctx, found: list[_Cand]) -> list[_Cand]:
    """A quoted fragment nobody was found to say ('Rubio bemoaned the climate in which people
    "literally hate each other"'): the verb it hangs from is the cue, its subject the speaker."""
    doc, text = ctx.doc, ctx.text
    covered = sorted(sp for c in found for sp in c.spans)
    out = []
    for seg in ctx.segments:
        if _kind(text, seg) == "direct" or _title(text, seg) or any(a < seg.end and seg.start < b for a, b in covered):
            continue
        i = ctx.first_at_or_after(seg.start + 1)
        if i >= len(doc):
            continue
        verb = doc[i]
        for _ in range(8):
            if verb.pos_ == "VERB" and not (seg.start <= verb.idx < seg.end):
                break
            if verb.head is verb:
                break
            verb = verb.head
        if verb.pos_ != "VERB" or seg.start <= verb.idx < seg.end:
            continue
        subj = subject_of(verb)
        if subj is None or ctx.quoted(subj.idx) or subj.pos_ not in ("PROPN", "PRON"):
            continue
        tokens = sorted({w.i for c in verb.children if c.i > verb.i and c.dep_ in _FRAGMENT_DEPS for w in c.subtree})
        tokens = _prune(doc, tokens)
        spans = _trim_all(text, _snap(_runs(doc, tokens), ctx.segments))
        if not any(a <= seg.start and seg.end <= b for a, b in spans):
            continue
        out.append(_Cand(spans, "mixed", (verb.idx, verb.idx + len(verb)), speaker_mentions(subj)))
        covered = sorted(covered + spans)
    return out


def _content_tokens(cue: Token, subj: Token) -> list[int]:
    """The reported clause: a clausal complement, or the host clause of a parenthetical cue,
    else the cue's other complements ('called the decision "a huge win"')."""
    own = {w.i for w in cue.subtree}
    extra = phrase_word(cue)
    if extra is not None:  # "made it clear that ...": the clause under "made" or "clear", not "clear"
        clause = [c for w in (cue, extra) for c in w.children
                  if c.dep_ in ("ccomp", "advcl") and c is not extra and c.i > extra.i]
        return sorted({w.i for c in clause for w in c.subtree})
    comp = [c for c in cue.children if c.dep_ == "ccomp"]
    if any(c.i > cue.i for c in comp):
        # a clause after the cue is what was said; one before it ("It is on social issues
        # ...: 42% say they're liberal") is the parser's misreading of the reporter's words
        comp = [c for c in comp if c.i > cue.i]
    if comp:
        return sorted({w.i for c in comp for w in c.subtree})
    if cue.dep_ == "parataxis" or (cue.dep_ in ("advcl", "ccomp") and cue.i > cue.head.i and cue.head.pos_ in ("VERB", "AUX")
                                   and any(w.text == "," for w in cue.doc[cue.head.i:cue.i])
                                   and subj.i > cue.head.i):
        host = [w for w in cue.sent if w.i not in own and not w.is_space]
        # "Speaking about the attacks, he said, ...": the opening participle is the speaker's, not content
        lead = next((c for c in cue.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < cue.i), None)
        if lead is None:
            lead = next((c for c in cue.head.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i < subj.i), None)
        if lead is not None:
            drop = {w.i for w in lead.subtree}
            host = [w for w in host if w.i not in drop]
        return [w.i for w in host]
    # "X said: ..." with the content after a colon in the same sentence
    colon = next((c for c in cue.rights if c.text == ":"), None)
    if colon is not None:
        return [w.i for w in cue.sent if w.i > colon.i]
    addressee = cue.lemma_.lower() in ADDRESSEE_VERBS
    prep = _object_phrase(cue)
    if prep is not None:  # "called on [X to ...]", "called for [...]", "accused [X of ...]"
        parts = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
        parts += [c for c in cue.rights if c.dep_ in ("xcomp", "dobj") and c.i != prep.i]
        tokens = {w.i for c in parts for w in c.subtree}
        if cue.lemma_.lower() == "accuse":  # the charge: "X of ..."
            tokens |= {w.i for w in prep.subtree}
        return sorted(tokens)
    comps = [c for c in cue.rights if c.dep_ in ("xcomp", "oprd", "attr")
             or (c.dep_ == "dobj" and not addressee) or (c.dep_ == "prep" and c.lower_ == "as")]
    return sorted({w.i for c in comps for w in c.subtree})


def _snap(spans: list[Span], segments: list[Segment]) -> list[Span]:
    """A content span that cuts into a quoted stretch takes the whole stretch (same paragraph)."""
    out = []
    for a, b in spans:
        for seg in segments:
            if seg.start >= b:
                break
            if seg.start < b and a < seg.end and (seg.start < a or seg.end > b):
                a, b = min(a, seg.start), max(b, seg.end)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _runs(doc: Doc, tokens: list[int]) -> list[Span]:
    """Token indexes -> char spans of their contiguous runs."""
    wanted = set(tokens)
    spans: list[Span] = []
    for i in sorted(wanted):
        t = doc[i]
        if spans and i - 1 in wanted:
            spans[-1] = (spans[-1][0], t.idx + len(t))
        else:
            spans.append((t.idx, t.idx + len(t)))
    return spans


_TRIM = " \t\n\u00a0,;:—–-"


def _trim_all(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for a, b in spans:
        while a < b and text[a] in _TRIM:
            a += 1
        while b > a and text[b - 1] in _TRIM:
            b -= 1
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            out.append((a, b))
    return out


def _mostly_covered(spans: list[Span], covered: list[Span]) -> bool:
    size = sum(b - a for a, b in spans)
    inside = sum(max(0, min(b, d) - max(a, c)) for a, b in spans for c, d in covered)
    return size > 0 and inside >= 0.5 * size


def _outer(c: _Cand, direct: list[_Cand], resolved: dict[int, list[Speaker]]) -> Speaker | None:
    if not c.speakers:
        return None
    s = c.speakers[0][0]
    for d in direct:
        if d is not c and any(a <= s < b for a, b in d.spans):
            speakers = resolved.get(id(d))
            return speakers[0] if speakers else None
    return None
