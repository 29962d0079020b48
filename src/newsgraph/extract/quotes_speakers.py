"""Speakers: the mention in the quote's sentence, resolved to an entity where the article allows.

speaker_mentions(token) -> [Span]      the subject's words, one span per coordinated speaker
Resolver(doc, entities).resolve(span)   -> Speaker(name, entity, span)

Resolution order (docs/quotes.md):
1. the mention overlaps a mention of an entity -> that entity (the entity table already
   joins surnames, misspellings and titles to the full name);
2. a personal pronoun (he, she) -> the latest person who spoke or was a subject within
   the last few sentences, else the latest person mentioned; they/it/we -> the latest
   organisation or group speaker;
3. a description ("the minister", "the top U.S. diplomat") -> the one person whose
   titles contain its head noun; a capitalised name the table missed -> the fullest
   PERSON name in the document ending in the same word;
4. otherwise an unnamed source: the description is the name and `entity` is None.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from spacy.tokens import Doc, Token

from newsgraph.names import strip_possessive
from newsgraph.article import Entity, Span, Speaker
from newsgraph.data.lexicon import table
from newsgraph.data.lexicon import words as lexicon
from newsgraph.extract.entities import EntityIndex

__all__ = ["speaker_mentions", "Resolver"]

_NP_LEFT = {"det", "compound", "amod", "poss", "nmod", "nummod", "flat", "case", "punct", "quantmod", "advmod"}
# Pronouns, relatives and heads of unnamed sources: data/en/speakers.json, loaded once.
_PRONOUNS_PERSON = lexicon("en", "speakers", "pronouns_person")
_PRONOUNS_GROUP = lexicon("en", "speakers", "pronouns_group")
_PRONOUNS_SELF = lexicon("en", "speakers", "pronouns_self")
_RELATIVE = lexicon("en", "speakers", "relative")
# Heads of descriptions that name an unnamed source rather than a known person.
_ANON_HEADS = lexicon("en", "speakers", "anonymous_heads")
_DOCUMENT_HEADS = lexicon("en", "speakers", "document_heads")
_ORG_HEADS = lexicon("en", "speakers", "org_description_heads")
_GROUP_HEADS = lexicon("en", "speakers", "group_heads")
# "the top U.S. diplomat" ~ the Secretary of State: a description's head -> titles it stands for.
_EQUIVALENT = {k: frozenset(v) for k, v in table("en", "titles")["equivalences"].items()}
_MALE = lexicon("en", "speakers", "pronouns_male")
_FEMALE = lexicon("en", "speakers", "pronouns_female")
_MALE_TITLES = lexicon("en", "titles", "honorifics_male")
_FEMALE_TITLES = lexicon("en", "titles", "honorifics_female")
_KIND = {"PERSON": "person", "ORG": "organisation", "PLACE": "organisation", "GROUP": "group"}


def speaker_mentions(head: Token) -> list[Span]:
    """The subject noun phrase (left modifiers + head), and each coordinated subject."""
    out = [_np_span(head)]
    for conj in head.conjuncts:
        if conj.i > head.i and conj.pos_ in ("PROPN", "NOUN", "PRON"):
            out.append(_np_span(conj))
    return out


def _np_span(head: Token) -> Span:
    left = head
    for child in head.lefts:
        if child.dep_ in _NP_LEFT and child.dep_ != "punct":
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    # A proper name runs on through flat/compound children to the right (rare in spaCy).
    right = head
    for child in head.rights:
        if child.dep_ in ("flat", "compound") and child.i == right.i + 1:
            right = child
    return (left.idx, right.idx + len(right))


class Resolver:
    """Resolves speaker mentions of one document over the article's EntityIndex; remembers
    who spoke, for pronouns."""

    def __init__(self, doc: Doc, entities: Iterable[Entity] | EntityIndex, *, text: str | None = None,
                 quoted=None, starts: list[int] | None = None):
        self.doc = doc
        self.quoted = quoted  # quoted(char) -> bool: inside a quotation
        self._starts = starts if starts is not None else [t.idx for t in doc]
        self.text = doc.text if text is None else text  # Doc.text is rebuilt on every access
        self.index = entities if isinstance(entities, EntityIndex) else EntityIndex(entities)
        self.entities = self.index.entities
        self.people = [e for e in doc.ents if e.label_ == "PERSON"]
        self.spoken: list[tuple[int, Speaker]] = []  # (offset, speaker) of resolved named speakers
        self._genders: dict[str, str | None] = {}
        self._ner_people = {}
        for ent in self.people:
            name = strip_possessive(ent.text)
            last = name.split()[-1].casefold() if name.split() else ""
            if len(name.split()) > len(self._ner_people.get(last, "").split()):
                self._ner_people[last] = name

    def entity_at(self, span: Span) -> Entity | None:
        return self.index.at(*span)

    def resolve(self, span: Span, *, inside_quote_of: Speaker | None = None) -> Speaker:
        sp = self._resolve(span, inside_quote_of=inside_quote_of)
        if sp.kind is None:
            sp.kind = self.kind_of(sp)
        return sp

    def kind_of(self, sp: Speaker) -> str:
        """person, organisation, group, document or unnamed (docs/record-format.md)."""
        ent = self.index.get(sp.entity) if sp.entity else None
        if ent is not None:
            return _KIND.get(ent.type, "organisation")
        words = sp.name.casefold().split()
        head = strip_possessive(words[-1]) if words else ""
        if head in _DOCUMENT_HEADS:
            return "document"
        if sp.span is not None and sp.name[:1].isupper() and head not in _ANON_HEADS and head not in _GROUP_HEADS \
                and head not in _ORG_HEADS and sp.name.casefold() not in _PRONOUNS_GROUP | _PRONOUNS_PERSON:
            return "person"  # a name the entity table missed
        return "unnamed"

    def _resolve(self, span: Span, *, inside_quote_of: Speaker | None = None) -> Speaker:
        text = self.text[span[0]:span[1]]
        low = text.casefold()
        words = low.split()
        head = words[-1] if words else ""
        if low in _PRONOUNS_SELF and inside_quote_of is not None:
            return Speaker(inside_quote_of.name, inside_quote_of.entity, span, kind=inside_quote_of.kind)
        if low in _RELATIVE:
            antecedent = self._antecedent(span)
            if antecedent is not None:
                sp = self.resolve(antecedent, inside_quote_of=inside_quote_of)
                return Speaker(sp.name, sp.entity, span, kind=sp.kind)
        if low in _PRONOUNS_PERSON or low in _PRONOUNS_GROUP or low in _PRONOUNS_SELF:
            return self._pronoun(low, span)
        # The head word decides: "the top U.S. diplomat" holds "U.S." but is not the country.
        last = text.rstrip().rsplit(None, 1)[-1] if text.strip() else text
        head_start = span[0] + text.rstrip().rfind(last)
        ent = self.entity_at((head_start, head_start + len(last))) or None
        if ent is not None and ent.type in ("PERSON", "ORG", "GROUP", "PLACE") and not (
                ent.type == "PLACE" and head in _ANON_HEADS):
            sp = Speaker(ent.name, ent.id, span)
            self.spoken.append((span[0], sp))
            return sp
        if head in _ANON_HEADS or not self._capitalised(text):
            titled = self._titled(head, span[0]) if head not in _ANON_HEADS else None
            if titled is not None:
                sp = Speaker(titled.name, titled.id, span)
                self.spoken.append((span[0], sp))
                return sp
            org = self._described_org(head, span[0]) if head in _ORG_HEADS and words[:1] == ["the"] else None
            if org is not None:  # "the company" -> the organisation named before
                return Speaker(org.name, org.id, span)
            return Speaker(_description(text), None, span)
        near = self._near_surname(strip_possessive(head))
        if near is not None:  # a surname ("Nunes") or a misspelling the entity table did not join
            sp = Speaker(near.name, near.id, span)
            self.spoken.append((span[0], sp))
            return sp
        name = self._ner_people.get(strip_possessive(head), text)
        sp = Speaker(name, None, span)
        self.spoken.append((span[0], sp))
        return sp

    def _subject_person(self, low: str, start: int) -> Entity | None:
        """The latest person named as a grammatical subject, outside quotations, in the
        pronoun's sentence (before it) and the sentence before; a he/she must agree with the
        person's gender where an honorific or a gendered title tells it."""
        i = self._tok(start)
        sent = self.doc[i].sent
        first = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        lo = self.doc[first].idx
        want = "m" if low in _MALE else "f" if low in _FEMALE else None
        for m, ent in reversed(self.index.mentions_in(lo, start)):
            if ent.type != "PERSON" or (self.quoted is not None and self.quoted(m.span[0])):
                continue
            tok = self.doc[self._tok(m.span[1] - 1)]
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            g = self._gender(ent)
            if want and g and g != want:
                continue
            return ent
        return None

    def _gender(self, ent: Entity) -> str | None:
        """m or f from an honorific or a gendered title, else from the person's own pronouns."""
        if ent.id in self._genders:
            return self._genders[ent.id]
        words = {w.casefold() for form in (*ent.titles, *(m.text for m in ent.mentions)) for w in form.split()}
        g = "m" if words & _MALE_TITLES else "f" if words & _FEMALE_TITLES else self._pronoun_gender(ent)
        self._genders[ent.id] = g
        return g

    def _first_pronoun(self, words) -> str | None:
        """m/f of the first he/she/his/her in words, unless another person is named first."""
        for w in words:
            if w.ent_type_ == "PERSON":
                return None
            if w.pos_ == "PRON" and not (self.quoted is not None and self.quoted(w.idx)):
                if w.lower_ in _MALE:
                    return "m"
                if w.lower_ in _FEMALE:
                    return "f"
        return None

    def _pronoun_gender(self, ent: Entity) -> str | None:
        """The gender of the pronouns that follow the person as subject, before any other name,
        in the same clause ("Jane Doe thanked her staff") or opening the next sentence ("Jane Doe
        spoke first. She said ..." with no other person in between); the majority, when clear."""
        votes = {"m": 0, "f": 0}
        doc = self.doc
        for m in ent.mentions:
            tok = doc[self._tok(m.span[1] - 1)]
            if tok.dep_ not in ("nsubj", "nsubjpass") or (self.quoted is not None and self.quoted(m.span[0])):
                continue
            g = self._first_pronoun(doc[tok.i + 1:tok.sent.end])
            if g is None and tok.sent.end < len(doc):
                nxt = next((w for w in doc[tok.sent.end:] if not (w.is_space or w.is_punct)), None)
                if nxt is not None and nxt.dep_ in ("nsubj", "nsubjpass") and nxt.sent.start == tok.sent.end:
                    g = self._first_pronoun([nxt])
            if g is not None:
                votes[g] += 1
        if votes["m"] > 2 * votes["f"]:
            return "m"
        if votes["f"] > 2 * votes["m"]:
            return "f"
        return None

    def _tok(self, char: int) -> int:
        return max(0, min(len(self.doc) - 1, bisect_right(self._starts, char) - 1))

    def _pronoun(self, low: str, span: Span) -> Speaker:
        start = span[0]
        want_person = low in _PRONOUNS_PERSON or low in _PRONOUNS_SELF
        if low in _PRONOUNS_PERSON:
            # The evidence of the text (who was last named as a subject), not the last answer.
            subj = self._subject_person(low, start)
            if subj is not None:
                return Speaker(subj.name, subj.id, span)
        # The latest speaker of the right kind within about three sentences.
        window = self.text.rfind("\n", 0, max(0, start - 600))
        for off, sp in reversed(self.spoken):
            if off >= start or off < window:
                continue
            ent = self.index.get(sp.entity) if sp.entity else None
            is_person = ent.type == "PERSON" if ent else not sp.name.islower()
            if is_person and ent is not None and low in _MALE | _FEMALE and \
                    self._gender(ent) not in (None, "m" if low in _MALE else "f"):
                continue  # she is not the man who spoke last
            if is_person == want_person:
                return Speaker(sp.name, sp.entity, span)
        if want_person:
            want = "m" if low in _MALE else "f" if low in _FEMALE else None
            before = [e for e in self.index.persons_before(start)
                      if not want or self._gender(e) in (None, want)]  # gender agreement
            if before:
                return Speaker(before[0].name, before[0].id, span)
            for ent in reversed([e for e in self.people if e.end_char <= start]):
                return Speaker(self._ner_people.get(ent[-1].text.casefold(), ent.text), None, span)
        # number agreement: "it" is an organisation or a place, "they"/"we" also a group ("Democrats")
        kinds = ("ORG", "PLACE") if low == "it" else ("ORG", "GROUP", "PLACE")
        for m, ent in reversed(self.index.mentions_in(max(0, start - 3000), start)):
            if ent.type in kinds:
                return Speaker(ent.name, ent.id, span)
        return Speaker(low, None, span)

    def _described_org(self, head: str, start: int) -> Entity | None:
        """The organisation "the company"/"the ministry" stands for: the latest one named before."""
        for m, ent in reversed(self.index.mentions_in(max(0, start - 3000), start)):
            if ent.type == "ORG":
                return ent
        return None

    def _antecedent(self, span: Span) -> Span | None:
        """The noun a relative pronoun stands for: "Jane Doe, who said ..." -> "Jane Doe"."""
        tok = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        if tok is None or not len(tok):
            return None
        verb = tok[0].head
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return speaker_mentions(verb.head)[0]
        return None

    def _near_surname(self, word: str) -> Entity | None:
        if len(word) < 3:
            return None
        ent = self.index.resolve(word)
        return ent if ent is not None and ent.type == "PERSON" else None

    def _titled(self, head: str, start: int) -> Entity | None:
        """The person whose title (or an equivalent one) the description's head names; of
        several holders ("the senator" among two senators), the one mentioned last before it."""
        wanted = _EQUIVALENT.get(head, frozenset())
        holders = [e for e in self.index.entities if e.type == "PERSON"
                   and any(head in t.casefold().split() or t.casefold() in wanted for t in e.titles)]
        if len(holders) <= 1:
            return holders[0] if holders else None
        ids = {e.id for e in holders}
        return next((e for e in self.index.persons_before(start) if e.id in ids), None)

    @staticmethod
    def _capitalised(text: str) -> bool:
        words = [w for w in text.split() if w.casefold() not in ("the", "a", "an")]
        return bool(words) and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _description(text: str) -> str:
    return " ".join(text.split())
