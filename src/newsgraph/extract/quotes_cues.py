"""Cues: the verbs and phrases that introduce reported speech, and their subjects."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.data.lexicon import table
from newsgraph.data.lexicon import words as lexicon

__all__ = ["PHRASE_CUES", "phrase_word", "appeal_on", "CUE_VERBS", "QUOTED_ONLY_VERBS", "DIRECT_CUE_VERBS", "ADDRESSEE_VERBS", "is_cue", "subject_of"]

# The cue lexicon is data (data/en/quote_cues.json, tuned on PolNeAR train), loaded once.
# Lemmas of verbs that report what someone said or wrote.
CUE_VERBS = lexicon("en", "quote_cues", "cue_verbs")
# Verbs that introduce a quotation next to them ("She continued, "...""), too vague
# to mark reported speech on their own.
DIRECT_CUE_VERBS = CUE_VERBS | lexicon("en", "quote_cues", "direct_only_verbs")
# Cues that report speech only when what follows is quoted ('called it "a disgrace"'):
# unquoted, "called for", "attacked the plan" or "revealed a deficit" are rarely speech.
QUOTED_ONLY_VERBS = lexicon("en", "quote_cues", "quoted_only_verbs")
# Cues whose direct object is the addressee ("told reporters"), not the content.
ADDRESSEE_VERBS = lexicon("en", "quote_cues", "addressee_verbs")
_SUBJ = ("nsubj", "nsubjpass")


# Multi-word cues: a verb with one of these words among its children ("made it clear").
PHRASE_CUES = {k: frozenset(v) for k, v in table("en", "quote_cues")["phrase_cues"].items()}


def is_cue(t: Token, *, direct: bool = False) -> bool:
    if not (t.pos_ == "VERB" or t.tag_.startswith("VB")):
        return False
    lemma = t.lemma_.lower()
    if lemma in (DIRECT_CUE_VERBS if direct else CUE_VERBS):
        return True
    words = PHRASE_CUES.get(lemma)
    return words is not None and any(c.lower_ in words for c in t.children)


def phrase_word(t: Token) -> Token | None:
    """The second word of a multi-word cue ("clear" of "made it clear"), if t is one."""
    words = PHRASE_CUES.get(t.lemma_.lower())
    return next((c for c in t.children if c.lower_ in words), None) if words else None


def appeal_on(t: Token) -> Token | None:
    """The "on" of "called on X to do Y", an appeal (speech even unquoted, unlike "called
    for" or "called it"): PolNeAR train marks 23 of its 62 "call(ed) on" as attributions
    with the words after "on" as content, against 55 of 148 "call(ed) for"."""
    if t.lemma_.lower() != "call":
        return None
    on = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "on"), None)
    if on is None:
        return None
    to = [w for w in t.subtree if w.i > on.i and w.lower_ == "to" and w.dep_ == "aux"]
    return on if to else None


def subject_of(cue: Token, *, outside: tuple[int, int] | None = None, host: bool = False) -> Token | None:
    """The cue's subject; for "..., saying", "and added" or "who said", the host clause's.

    `outside`: a quoted stretch whose words cannot be the subject (the parser sometimes
    gives a cue two subjects, one of them inside the quote).
    `host`: next to a quotation, "a statement saying" / "by saying" take the host verb's subject.
    """
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children) or (
            cue.tag_ == "VBN" and not any(c.dep_ == "aux" for c in cue.children)):
        # passive: "X was told/asked ..." names the addressee; the speaker is the agent, if any
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        return pobj
    for c in cue.children:
        if c.dep_ in _SUBJ and not (outside and outside[0] <= c.idx < outside[1]):
            return c  # a relative "who" stays: the resolver follows it to its antecedent
    if cue.dep_ == "relcl" and cue.head.pos_ in ("PROPN", "NOUN"):
        return cue.head
    # The parser misses names that are also words ("Cleverly added", "Clevely said"):
    # a capitalised word right before the cue is its subject.
    if cue.i > 0:
        left = cue.doc[cue.i - 1]
        if left.text[:1].isupper() and left.is_alpha and left.pos_ in ("PROPN", "ADV", "ADJ", "NOUN"):
            return left
    if cue.tag_ == "VBG":  # '"...," he said, adding that ...' even when the parse hangs it elsewhere
        for back in reversed(list(cue.doc[max(0, cue.i - 4):cue.i])):
            if back.lemma_.lower() in DIRECT_CUE_VERBS and back.pos_ == "VERB":
                subj = next((c for c in back.children if c.dep_ in _SUBJ), None)
                if subj is not None:
                    return subj
    if host and cue.tag_ == "VBG" and cue.dep_ in ("acl", "pcomp"):
        # "she released a statement saying ...", "responded ... by saying ...": the host verb's subject
        verb = cue.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
                break
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in _SUBJ and c.i < cue.i), None) if verb.pos_ in ("VERB", "AUX") else None
        if subj is not None:
            return subj
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head is not cue:
        for c in cue.head.children:
            if c.dep_ in _SUBJ and c.i < cue.i:
                return c
    return None
