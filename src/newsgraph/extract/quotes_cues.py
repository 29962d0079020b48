"""Cues: the verbs and phrases that introduce reported speech, and their subjects."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["CUE_VERBS", "is_cue", "subject_of"]

# Lemmas of verbs that report what someone said or wrote (tuned on PolNeAR train).
CUE_VERBS = frozenset("""
    say tell add state announce claim ask explain write report note argue insist declare
    reply respond answer comment remark reiterate repeat warn acknowledge admit concede
    confirm deny suggest predict promise pledge vow urge describe testify recall tweet
    conclude agree mention contend assert maintain quip joke shout yell emphasize stress
    charge complain boast brag counter demand disclose echo exclaim lament observe
    proclaim reveal retort scream whisper mutter allege recount caution threaten
""".split())
_SUBJ = ("nsubj", "nsubjpass")


def is_cue(t: Token) -> bool:
    return t.lemma_.lower() in CUE_VERBS and (t.pos_ == "VERB" or t.tag_.startswith("VB"))


def subject_of(cue: Token) -> Token | None:
    """The cue's subject; for "..., saying", "and added" or "who said", the host clause's."""
    for c in cue.children:
        if c.dep_ in _SUBJ:
            if c.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
                return cue.head
            return c
    if cue.dep_ == "relcl" and cue.head.pos_ in ("PROPN", "NOUN"):
        return cue.head
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head is not cue:
        for c in cue.head.children:
            if c.dep_ in _SUBJ and c.i < cue.i:
                return cue.head if c.tag_ in ("WP", "WDT") and cue.head.dep_ == "relcl" else c
    return None
