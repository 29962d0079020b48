"""Events: who did what to whom, where and when, coded in PLOVER and CAMEO.

    extract_events(doc, *, entities=(), quotes=(), counts=(), places=None, dates=None,
                   published=None, dateline=None) -> list[Event]

Per sentence (details and decisions in docs/events.md):

1. triggers: verbs, nouns and predicative adjectives whose lemma is in
   data/en/event_triggers.tsv, some only with a given child ("call for", "call off",
   "cut ties", "hunger strike"); negated triggers ("did not attack") are dropped and counted.
2. a trigger under another trigger is its content, not an event of its own: "agreed to
   provide aid" is one AGREE, "rejected an offer of talks" one REJECT. A trigger under a
   speech verb or a modal is recoded: "said it would attack" / "would blockade" is
   THREATEN, "would allow inspectors" AGREE, "said Gondor must return the helicopter"
   REQUEST (the speaker the source, the must-clause's subject the target).
3. actors from the dependency parse: the subject (the agent of a passive), the object or
   the object of with/against/on/to/at; for a noun trigger its possessor, its "by" phrase,
   or the subject of the verb it is the object of ("launched an attack on"). Conjoined
   actors are all kept (`sources`, `targets`); `source`/`target` is the first.
   Actors are coded by newsgraph.extract.events_actors; an actor with a sector and no
   country takes the country of the sentence's place, else the dateline's.
4. links: a speech-act event inside a quote (or whose trigger is the quote's cue) gets the
   quote's index and its resolved speaker; ASSAULT, COERCE and PROTEST events get the
   indices of the counts in their sentence; place and date come from the `places` and
   `dates` extractors' facts when those ran, else from the sentence's place names and the
   publication date.
5. the same event (type, source, target) told again in the article is one Event with
   several `mentions`.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from spacy.tokens import Doc, Span as SpacySpan, Token

from newsgraph.article import Count, Entity, Quote
from newsgraph.extract.events_facts import Event, EventActor, EventMention
from newsgraph.extract.events_actors import ActorCoder, is_actor_head, phrase_tokens, sentence_places
from newsgraph.extract.events_lexicon import Trigger, contexts, country_codes, triggers
from newsgraph.extract.events_links import FIRST_PERSON, SPEECH_ACTS, link

__all__ = ["Event", "EventActor", "EventPlace", "EventMention", "extract_events", "SPEECH_ACTS"]


_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"})
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "REJECT"})
# An event of the first kind governs a trigger in these relations: the second is its content.
_CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acomp", "attr",
                           "nsubj", "nsubjpass", "compound", "amod", "advcl", "oprd", "dative"})
_DOMESTIC = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "CVL", "LEG", "JUD", "MED", "JRN", "BUS", "LAB", "EDU",
                       "REF", "AGR", "PTY", "REL"})
_GROUPS = frozenset({"IGO", "NGO", "IMG"})
_SPEECH = frozenset({"say", "announce", "state", "declare", "tell", "add", "report", "claim", "insist",
                     "stress", "affirm", "indicate", "signal", "confirm", "write"})
_INTENT = frozenset({"vow", "pledge", "promise", "swear", "commit", "undertake"})
_FUTURE = frozenset({"will", "would", "'ll", "shall", "could", "may", "might"})
_MUST = frozenset({"must", "should", "ought"})
_TARGET_PREPS = ("against", "on", "upon", "with", "to", "at", "into", "for", "from", "between", "of")
_DEFAULT_CONTEXT = {"ASSAULT": "military", "MOBILIZE": "military", "RETREAT": "military",
                    "CONSULT": "diplomatic", "SUPPORT": "diplomatic", "AGREE": "diplomatic",
                    "COERCE": "legal", "AID": "economic", "SANCTION": "diplomatic",
                    "PROTEST": "political", "ACCUSE": "legal"}
# Heads that make a compound trigger the event: "a mediation effort", "a bombing campaign".
_EVENT_HEADS = frozenset({"effort", "campaign", "operation", "mission", "process", "drive", "bid", "attempt",
                          "initiative", "action", "spree", "wave"})
# Nouns that are no actor even as a subject ("the attack killed", "talks began").
_NON_ACTOR_DEPS = frozenset({"expl"})


@dataclass
class _Candidate:
    tok: Token
    trig: Trigger
    type: str
    mode: str
    cameo: str
    source_from: Token | None = None  # for recoded speech events: the speech verb
    target_from: Token | None = None


def extract_events(doc: Doc, *, entities: Iterable[Entity] = (), quotes: Iterable[Quote] = (),
                   counts: Iterable[Count] = (), places: Iterable[Any] | None = None,
                   dates: Iterable[Any] | None = None, published: str | None = None,
                   dateline: str | None = None, index=None, stats: Counter | None = None) -> list[Event]:
    """The article's events, each with its mentions; see the module docstring."""
    if not doc.has_annotation("DEP"):
        raise ValueError("extract_events needs a parsed Doc; valid: the output of a spaCy pipeline with a parser")
    from newsgraph.extract.entities import EntityIndex

    stats = stats if stats is not None else Counter()
    _local.stats = stats
    index = index if index is not None else EntityIndex(list(entities))
    quotes, counts = list(quotes), list(counts)
    places, dates = list(places or []), list(dates or [])
    default = _dateline_country(dateline)
    coder = ActorCoder(doc, index, default_country=default)
    _local.index, _local.type = index, None
    events: list[Event] = []
    seen: dict[tuple, Event] = {}
    for sent in doc.sents:
        for cand in _candidates(sent, stats):
            ev = _event(cand, sent, coder, index, default)
            if ev is None:
                continue
            link(ev, quotes, counts, places, dates, published, sent, index)
            if ev.source is None and ev.target is None:
                stats["no_actor"] += 1  # only "we"/"us" outside a quote
                continue
            key = (ev.type, _actor_key(ev.sources or [ev.source]), _actor_key(ev.targets or [ev.target]))
            if key in seen and (ev.source or ev.target):
                seen[key].mentions.append(ev.mentions[0])
                stats["repeated"] += 1
                continue
            seen[key] = ev
            events.append(ev)
    return events


def _actor_key(actors) -> tuple:
    return tuple(sorted((a.entity or a.code or a.name.lower()) for a in actors if a is not None))


# -- triggers --------------------------------------------------------------------------------

def _match(tok: Token) -> Trigger | None:
    if tok.pos_ in ("VERB",) or (tok.tag_.startswith("VB") and tok.pos_ != "AUX"):
        pos = "V"
    elif tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.lower_ in ("talks",)):
        pos = "N"
    elif tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod", "ROOT", "conj"):
        pos = "A"
    else:
        return None
    lemma = tok.lemma_.lower()
    for key in ((pos, lemma), (pos, tok.lower_)):
        for t in triggers().get(key, ()):
            if not t.children:
                if pos == "A" and tok.dep_ == "amod":
                    continue
                return t
            for c in tok.children:
                for dep, want in t.children:
                    if _child_matches(c, dep, want):
                        return t
    return None


def _child_is(c: Token, dep: str, want: str) -> bool:
    lemma = c.lemma_.lower()
    if want and lemma != want and c.lower_ != want:  # "xcomp:" (no lemma): any word
        return False
    if dep == "prt":
        return c.dep_ in ("prt", "prep", "advmod")
    if dep == "dobj":
        return c.dep_ in ("dobj", "nsubjpass", "pobj", "conj")
    return c.dep_ == dep


def _child_matches(c: Token, dep: str, want: str) -> bool:
    if _child_is(c, dep, want):
        return True
    # "halt mediation efforts", "cut aid programmes": the object's compound names it
    if dep == "dobj" and c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _EVENT_HEADS | {"program", "programme", "flow"}:
        return any(g.dep_ == "compound" and _child_is(g, "compound", want) for g in c.children)
    return False


_FAIL = frozenset({"fail", "refuse", "decline"})


def _failed(tok: Token) -> bool:
    """"failed to cooperate", "failed to reach agreement": a failed cooperation."""
    if tok.dep_ == "dobj" and tok.pos_ == "NOUN":
        tok = tok.head
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FAIL


def _refusal(tok: Token, t: Trigger) -> bool:
    """"will not accept", "would not agree": a negated cooperation with a modal is a refusal."""
    if t.type not in _COOPERATIVE or t.pos != "V":
        return False
    return any(a.dep_ == "aux" and a.lower_ in _FUTURE | {"wo", "ca", "can", "cannot"} for a in tok.children)


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    # "did not agree to attack": the governing verb's negation
    return tok.dep_ in ("xcomp",) and any(c.dep_ == "neg" for c in tok.head.children)


def _candidates(sent: SpacySpan, stats: Counter) -> list[_Candidate]:
    found: dict[int, _Candidate] = {}
    for tok in sent:
        t = _match(tok)
        if t is None:
            continue
        if tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") \
                and tok.head.lemma_.lower() not in _EVENT_HEADS:
            continue  # "aid workers", "attack helicopters"; but "a mediation effort"
        if t.type in SPEECH_ACTS and tok.tag_ == "VBN" and tok.dep_ == "advcl" \
                and not any(c.dep_.startswith("nsubj") for c in tok.children):
            stats["asked"] += 1  # "Asked about the talks, Blinken said": a question put to him
            continue
        if _negated(tok):
            if _refusal(tok, t):
                found[tok.i] = _Candidate(tok, t, "REJECT", "", "120")
                stats["negated_as_rejection"] += 1
                continue
            stats["negated"] += 1
            continue
        if t.type in _COOPERATIVE and _failed(tok):
            found[tok.i] = _Candidate(tok, t, "REJECT", "", "120")  # "failed to reach agreement"
            continue
        found[tok.i] = _Candidate(tok, t, t.type, t.mode, t.cameo)
    for tok in sent:
        # "the Red Cross said US forces must ensure security": a reported obligation is a demand
        if tok.i not in found and tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ccomp" \
                and tok.head.lemma_.lower() in _SPEECH and tok.head.i not in found \
                and any(a.dep_ == "aux" and a.lower_ in _MUST for a in tok.children) and not _negated(tok):
            trig = Trigger("V", tok.lemma_.lower(), (), "REQUEST", "", "100")
            found[tok.i] = _Candidate(tok, trig, "REQUEST", "", "100", source_from=tok.head, target_from=tok)
    out = []
    for c in found.values():
        gov = _governor(c.tok, found, sent)
        if gov is not None:
            g = found[gov]
            if g.type == "AGREE" and g.trig.lemma in _INTENT and c.type in _HOSTILE and c.type != "REJECT":
                # "vowed to fight", "pledged to retaliate": an intent to harm is a threat
                g.type, g.mode, g.cameo = "THREATEN", "violence" if c.type == "ASSAULT" else "", \
                    "138" if c.type in ("ASSAULT", "MOBILIZE") else "130"
            if g.type == c.type and not g.mode and c.mode:
                g.mode, g.cameo = c.mode, c.cameo  # "killed in a suicide bombing": the noun's mode
            stats["content_of_another"] += 1
            continue
        _recode(c)
        out.append(c)
    return out


def _governor(tok: Token, found: dict[int, _Candidate], sent: SpacySpan) -> int | None:
    """The nearest trigger governing `tok` through content relations, if any."""
    t = tok
    while t.dep_ in _CONTENT_DEPS and t.head.i != t.i:
        h = t.head
        if h.i in found:
            return h.i
        # a plain verb with its own subject in between ("said troops attacked") stops the search
        if h.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children) and t.dep_ in ("ccomp",):
            return None
        t = h
    if tok.dep_ == "conj":
        return None
    return None


def _recode(c: _Candidate) -> None:
    """Modal and reported future: "said it would attack" THREATEN, "would allow" AGREE,
    "said Gondor must return" REQUEST."""
    tok = c.tok
    if c.trig.pos == "N" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
        tok = tok.head  # "would announce new sanctions": the light verb's modality
    elif c.trig.pos != "V":
        return
    auxes = {a.lower_ for a in tok.children if a.dep_ in ("aux", "auxpass")}
    if "have" in auxes or "has" in auxes or "had" in auxes:
        auxes -= {"may", "might", "could"}  # "may have struck": a guess about the past, no intent
    going = any(a.lower_ == "going" for a in tok.head.children) or (tok.dep_ == "xcomp" and tok.head.lower_ == "going")
    speech = tok.head if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _SPEECH else None
    if auxes & _MUST:
        if c.type in ("REQUEST", "THREATEN", "REJECT", "ACCUSE"):
            return
        c.type, c.mode, c.cameo = "REQUEST", "", "100"
        c.source_from, c.target_from = speech, tok
        return
    # "unless" makes a commitment a threat; "if" may be a conditional offer ("would meet him if ...")
    conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
                      for c in tok.children)
    # The reported future keeps the event's own subject ("Iraq said it would allow": "it" is
    # resolved to Iraq; "X will visit, diplomatic sources said": X, not the sources).
    if (auxes & _FUTURE or going) and conditional and c.type not in ("THREATEN", "REQUEST", "REJECT"):
        c.type, c.mode, c.cameo = "THREATEN", "", "130"  # "will withdraw its force unless ..."
        return
    if auxes & _FUTURE or going:
        if c.type in _COOPERATIVE and c.type != "AGREE":
            c.type, c.mode, c.cameo = "AGREE", "", "030"
        elif c.type in _HOSTILE and c.type not in ("REJECT",):
            cameo = "138" if c.type in ("ASSAULT", "MOBILIZE") else "131"
            c.type, c.mode, c.cameo = "THREATEN", c.mode if c.mode in ("restrict",) else "", cameo
        else:
            return


# -- actors ----------------------------------------------------------------------------------

def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out += _conjuncts(c)
    return out


def _subject(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The verb's subject heads and whether it is passive (then the agent is returned)."""
    passive = False
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return [verb.head], False  # "the rebels who attacked": the rebels
            return _conjuncts(c), False
        if c.dep_ == "nsubjpass":
            passive = True
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return _conjuncts(g), True
        return [], True
    if depth < 4 and verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp") and verb.head.i != verb.i:
        h = verb.head
        if h.pos_ in ("VERB", "AUX", "ADJ"):
            # "persuaded X to attack": the object controls the infinitive
            if verb.dep_ == "xcomp":
                objs = [c for c in h.children if c.dep_ == "dobj"]
                if objs and h.lemma_.lower() in ("persuade", "urge", "ask", "order", "force", "tell", "convince"):
                    return _conjuncts(objs[0]), False
            return _subject(h, depth + 1)
        if h.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("pcomp",):
            return _noun_source(h, depth + 1), False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [], True  # "18,000 people arrested in Russia": the noun is what was done to
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
        h = verb.head
        # "issued a declaration demanding": the issuer demands
        if verb.dep_ == "acl" and not _actorish(h) and h.dep_ in ("dobj", "attr") and depth < 4:
            return _subject(h.head, depth + 1)
        return [h], False
    return [], False


def _noun_source(noun: Token, depth: int = 0) -> list[Token]:
    for c in noun.children:
        # "its invasion", "their meeting": the pronoun stands for the light verb's subject
        if c.dep_ == "poss" and not (c.pos_ == "PRON" and noun.dep_ in ("dobj", "attr", "oprd")):
            return _conjuncts(c)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            for g in c.children:
                if g.dep_ == "pobj":
                    return _conjuncts(g)
    for c in noun.children:  # "Israeli air strikes", "U.S. sanctions"
        if c.dep_ in ("amod", "compound") and c.i < noun.i and (c.text in country_codes()):
            return [c]
    h = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd") and h.pos_ in ("VERB", "AUX"):
        return _subject(h, depth + 1)[0]
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in ("VERB", "AUX") and depth < 3:
        return _subject(h.head, depth + 1)[0]
    if noun.dep_ == "pobj" and h.lower_ == "of" and h.head.pos_ == "NOUN" and depth < 3:
        return _noun_source(h.head, depth + 1)  # "launched 10 days of war games"
    return []


def _objects(tok: Token, exclude: set[int], content: bool = True) -> list[Token]:
    """The target heads of a trigger: its object, else the object of a target preposition,
    else an actor inside the object, else the target of its content clause."""
    dobj = [c for c in tok.children if c.dep_ in ("dobj", "dative", "nsubjpass") and not _own(c, exclude)]
    for d in dobj:
        if d.i in exclude:
            continue
        if _actorish(d):
            return _conjuncts(d)
    found = _prep_objects(tok, exclude)
    if not found and tok.dep_ == "compound":
        found = _prep_objects(tok.head, exclude)  # "a mediation mission between X and Y"
    if found:
        return found
    for d in dobj:
        if d.i not in exclude:
            inner = _prep_objects(d, exclude) or _inner_actor(d, exclude)
            if inner:
                return inner
    if content:
        found = _content_target(tok, exclude)
        if found:
            return found
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.pos_ == "NOUN":
        h = tok.head  # "the attack killed 3 soldiers", "launched an attack on X" (the verb's prep)
        if tok.dep_ == "nsubj":
            objs = [c for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in exclude]
            if objs and _actorish(objs[0]):
                return _conjuncts(objs[0])
        return _prep_objects(h, exclude)
    return []


def _own(tok: Token, exclude: set[int]) -> bool:
    """"offered its troops", "will withdraw their force": the source's own people are no target."""
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in ("its", "their", "his", "her", "our"):
            ante = _antecedent(c)
            return ante is None or ante.i in exclude
    return False


_TOPIC_PREPS = frozenset({"on", "for", "of", "about", "over"})
_TOPIC_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "REJECT", "ACCUSE", "REQUEST", "CONCEDE", "COOPERATE"})


def _prep_objects(tok: Token, exclude: set[int]) -> list[Token]:
    for prep in _TARGET_PREPS:
        if _local.type in _TOPIC_TYPES and prep in _TOPIC_PREPS:
            continue
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ == prep:
                for g in c.children:
                    if g.dep_ == "pobj" and g.i not in exclude:
                        if _actorish(g):
                            return _conjuncts(g)
                        inner = _prep_objects(g, exclude) or _inner_actor(g, exclude)
                        if inner:
                            return inner
    return []


# The article being coded: its EntityIndex, the type of the candidate being coded (some
# prepositions name a topic) and its statistics. Per thread: the web app analyses articles
# in a thread pool.
_local = threading.local()


def _actorish(tok: Token) -> bool:
    if is_actor_head(tok, _local.index):
        return True
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("GPE", "LOC", "NORP", "ORG", "PERSON"):
        return True
    # "illegal Mexican immigrants": a noun a demonym or country qualifies
    return tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(
        c.dep_ in ("amod", "compound") and c.text in country_codes() for c in tok.children)


_INNER_PREPS = frozenset({"by", "of", "for", "in", "from", "to", "with", "against", "near", "on"})


def _inner_actor(tok: Token, exclude: set[int], depth: int = 0) -> list[Token]:
    """An actor inside a non-actor phrase: "an Australian ultimatum", "calls by Belarus's rulers",
    "a camp for Congolese refugees", "a Security Council resolution"."""
    for c in tok.children:
        if c.i in exclude:
            continue
        if c.dep_ == "poss" and _actorish(c):
            return _conjuncts(c)
        if c.dep_ in ("amod", "compound", "nmod") and (c.text in country_codes() or _actorish(c)):
            return [c]
    if depth < 2:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _INNER_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj" and g.i not in exclude:
                        if _actorish(g):
                            return _conjuncts(g)
                        inner = _inner_actor(g, exclude, depth + 1)
                        if inner:
                            return inner
    return []


def _content_target(tok: Token, exclude: set[int]) -> list[Token]:
    """The target inside the trigger's content clause: "demanded that the government end ...",
    "refused to meet King Abdullah", "offered to hand over to Great Britain"."""
    for c in tok.children:
        if c.dep_ == "ccomp":
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass") and g.i not in exclude and _actorish(g):
                    return _conjuncts(g)
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            found = _objects(c, exclude, content=False)
            if found:
                return found
    return []


def _condition_subject(tok: Token) -> list[Token]:
    for head in [tok] + [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                for g in c.children:
                    if g.dep_ in ("nsubj", "nsubjpass"):
                        return _conjuncts(g)
    return []


def _purpose_target(tok: Token, exclude: set[int]) -> list[Token]:
    """Whom a protest is against: "blocked a road to show their disapproval for the United States",
    "in defiance of Chinese authorities", "demanding independence from Indonesia"."""
    for c in tok.subtree:
        if c.dep_ == "prep" and c.lower_ in ("against", "for", "from") or (c.dep_ == "prep" and c.lower_ == "of"
                                                                           and c.head.lower_ == "defiance"):
            for g in c.children:
                if g.dep_ == "pobj" and g.i not in exclude:
                    found = [g] if _actorish(g) else _inner_actor(g, exclude)
                    if found:
                        return found
    return []


def _place_target(sent: SpacySpan, exclude: set[int]) -> list[Token]:
    """Where a COERCE/MOBILIZE/ASSAULT event happened, when it names no other target
    (PLOVER codes the location's country)."""
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC") and ent.root.dep_ == "pobj" and ent.root.i not in exclude \
                and ent.root.head.lower_ in ("in", "into", "near", "on", "across", "at"):
            return [ent.root]
    return []


def _event(c: _Candidate, sent: SpacySpan, coder: ActorCoder, index, default: str | None) -> Event | None:
    _local.index, _local.type = index, c.type
    tok = c.tok
    passive = False
    if c.source_from is not None:
        src, _ = _subject(c.source_from)
    elif c.trig.pos == "V":
        src, passive = _subject(tok)
    elif c.trig.pos == "A":
        src, _ = _subject(tok.head) if tok.dep_ == "acomp" else _subject(tok)
    else:
        src = _noun_source(tok)
    raw = src
    src = _actor_heads(src, set(), subject=True)
    if raw and not src and c.source_from is None and raw[0].head.i == tok.i and _inanimate(raw):
        stats_key = "non_actor_subject"  # "the accident killed five", "term limits offer a solution"
        _local.stats[stats_key] += 1
        return None
    exclude = {s.i for s in src}
    if c.target_from is not None and c.source_from is not None:
        tgt, _ = _subject(c.target_from)
    elif passive and tok.dep_ == "acl" and tok.tag_ == "VBN":
        tgt = _conjuncts(tok.head)
    elif passive:
        tgt = [x for x in tok.children if x.dep_ == "nsubjpass"]
        if tgt and not _actorish(tgt[0]):
            tgt = _inner_actor(tgt[0], exclude)
        else:
            tgt = _conjuncts(tgt[0]) if tgt else []
    else:
        tgt = _objects(tok, exclude)
    tgt = [t for t in _actor_heads(tgt, exclude) if t.i not in exclude]
    if not tgt and c.type in ("THREATEN", "REQUEST"):
        tgt = _actor_heads(_condition_subject(tok), exclude)  # "threatened ... unless Israel rescinded"
    if not tgt and c.type == "PROTEST":
        tgt = _actor_heads(_purpose_target(tok, exclude), exclude)
    if not tgt and c.type in ("COERCE", "MOBILIZE", "ASSAULT", "THREATEN", "PROTEST"):
        tgt = _place_target(sent, exclude | {x.i for s in src for x in s.subtree})
    sources = [a for s in src for a in _actors(coder, s)]
    targets = [a for t in tgt for a in _actors(coder, t)]
    if not sources and not targets:
        _local.stats["no_actor"] += 1  # an event codes actors: "two adults were injured" is none
        return None
    if c.trig.needs_target and not targets:
        _local.stats["no_target"] += 1  # "released a statement"
        return None
    here = sentence_places(sent, index)
    for side, other in ((sources, targets), (targets, sources)):
        for a in side:
            if a.country is None and a.entity is None and a.sector in _DOMESTIC:
                a.country = next((code for t, code in here if not (a.span[0] <= t.idx < a.span[1])), None) or default
                if a.country is None:
                    # rebels, police, protesters with no place facing their state: its country
                    # ("the Mozambique government accepted demands from Shona rebels"); not
                    # across borders ("the rebels are backed by Iran")
                    a.country = next((o.country for o in other if o.country and o.country not in _GROUPS
                                      and _state_and_society(a.sector, o.sector)), None)
    for a in sources + targets:
        a.code = (a.country or "") + (a.sector or "")
    if c.type == "PROTEST" and not sources:
        pass
    trigger_text = tok.text
    for ch in tok.children:
        if ch.dep_ == "prt" or any(_child_is(ch, d, w) for d, w in c.trig.children if d in ("prep", "prt")):
            if ch.dep_ in ("prt", "prep") and ch.i == tok.i + 1:
                trigger_text = f"{tok.text} {ch.text}"
    span = (tok.idx, tok.idx + len(tok.text))
    sentence = (sent.start_char, sent.end_char)
    between_states = any(s.country and t.country and s.country != t.country for s in sources for t in targets)
    ev = Event(type=c.type, mode=c.mode, cameo=c.cameo, trigger=trigger_text, span=span, sentence=sentence,
               contexts=_contexts(sent, c.type, between_states), source=sources[0] if sources else None,
               target=targets[0] if targets else None,
               sources=sources if len(sources) > 1 else [], targets=targets if len(targets) > 1 else [],
               mentions=[EventMention(trigger_text, span, sentence)])
    return ev


# Heads that count or group the actors they govern: "a group of Moroccan diplomats".
_QUANTITY = frozenset({"group", "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "number",
                       "patch", "batch", "contingent", "team", "crowd", "band", "unit", "score", "scores",
                       "million", "millions", "delegation", "member", "members", "some", "many", "most"})


def _inanimate(heads: list[Token]) -> bool:
    """Subjects that are neither actors nor weapons: no political event."""
    from newsgraph.extract.events_lexicon import instruments

    return all(h.pos_ in ("NOUN", "PROPN") and h.ent_type_ == "" and h.lemma_.lower() not in instruments()
               for h in heads)




def _actor_heads(heads: list[Token], exclude: set[int], subject: bool = False) -> list[Token]:
    """Actor-like heads: a quantity's "of" object stands for it, a non-actor's inner actor too
    (for a subject only its possessor or qualifier: "bin Laden's network", not "limits on Congress")."""
    out = []
    for h in heads:
        if h.lemma_.lower() in _QUANTITY or h.lower_ in _QUANTITY:
            inner = [g for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
            if inner:
                out += _conjuncts(inner[0])
                continue
        if _actorish(h) or h.text in country_codes():
            out.append(h)
        elif subject:
            out += [c for c in h.children if c.dep_ in ("poss", "compound", "amod") and c.i not in exclude
                    and (c.text in country_codes() or _actorish(c))][:1]
        else:
            out += _inner_actor(h, exclude)
    return out


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_REFERRING = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them", "him", "we", "our"})


def _antecedent(pron: Token) -> Token | None:
    """What a pronoun actor stands for: the actor subject of the verb that governs its clause
    ("the RUF announced it will return", "Iraq said they would"), else, for he/she, the person
    last named before it."""
    verb = pron.head
    seen = 0
    if pron.dep_ not in ("nsubj", "nsubjpass", "poss"):
        verb = pron  # an object pronoun ("detained him") is not the clause's subject: no climbing
    while pron.dep_ in ("nsubj", "nsubjpass", "poss") and verb.head.i != verb.i and verb.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl", "dobj", "pobj",
                                                  "prep") and seen < 6:
        verb, seen = verb.head, seen + 1
        if verb.pos_ in ("VERB", "AUX"):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i and c.pos_ != "PRON" and _actorish(c):
                    return c
    if pron.lower_ in ("he", "she", "his", "her", "him") and _local.index is not None:
        people = _local.index.persons_before(pron.idx)
        if people:
            m = next((m for m in reversed(people[0].mentions) if m.span[1] <= pron.idx), people[0].mentions[0])
            span = pron.doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is not None:
                return span.root
    return None


def _actors(coder: ActorCoder, head: Token) -> list[EventActor]:
    """The actors of one head; conjoined qualifiers make several ("Hungarian and Romanian officials")."""
    if head.pos_ == "PRON" and head.lower_ in _REFERRING:
        ante = _antecedent(head)
        if ante is not None:
            actors = _actors(coder, ante)
            return actors
    if head.pos_ == "PRON" and head.lower_ not in FIRST_PERSON:
        return []  # a pronoun that stands for no one we can name is no actor
    if head.pos_ == "PRON":
        # "we", "I": the speaker, when the event is in a quote (_link replaces it)
        return [EventActor(name=head.text, text=head.text, span=(head.idx, head.idx + len(head.text)))]
    toks = phrase_tokens(head)
    poss = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ in _REFERRING]
    if poss:
        ante = _antecedent(poss[0])
        if ante is not None:
            owner = _actors(coder, ante)[0]
            a = EventActor(**coder.code(toks, head))
            if a.country is None:
                a.country = owner.country
            return [a]
    quals = [c for c in head.children if c.dep_ in ("amod", "compound") and c.text in country_codes()]
    if quals:
        conj = [x for x in _conj_all(quals[0]) if x.text in country_codes()]
        if len(conj) > 1:
            out = []
            for q in conj:
                d = coder.code(toks, head)
                d["country"] = country_codes()[q.text]
                out.append(EventActor(**d))
            return out
    return [EventActor(**coder.code(toks, head))]


def _conj_all(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out += _conj_all(c)
    return out


_STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


def _state_and_society(a: str | None, b: str | None) -> bool:
    """One side the state, the other its own society or armed opposition."""
    return (a in _STATE) != (b in _STATE) and (a in _STATE or b in _STATE) and None not in (a, b)


def _contexts(sent: SpacySpan, type_: str, between_states: bool = False) -> list[str]:
    words = contexts()
    seen = Counter(words[t.lemma_.lower()] for t in sent if t.lemma_.lower() in words)
    default = _DEFAULT_CONTEXT.get(type_)
    if between_states and type_ in SPEECH_ACTS | {"CONSULT"}:
        # words between two countries are diplomacy unless the sentence insists on a topic
        default = "diplomatic"
        if max(seen.values(), default=0) < 2:
            seen["diplomatic"] += 2
    ranked = sorted(seen, key=lambda k: (-seen[k], k != default, k))
    if not ranked and default:
        ranked = [default]
    return ranked[:3]


def _dateline_country(dateline: str | None) -> str | None:
    if not dateline:
        return None
    from newsgraph.extract.events_lexicon import capitals, city_countries

    head = dateline.split(",")[0].strip()
    return country_codes().get(head) or capitals().get(head) or city_countries().get(head)
















