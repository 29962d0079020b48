"""Actors of events: which noun phrase is the source or target of a trigger, and its code.

An actor phrase is coded as PLOVER and CAMEO do, by a country (ISO 3166 alpha-3; IGO for
international bodies) and a sector (GOV, MIL, COP, REB, OPP, CVL, LEG, JUD, MED, BUS, ...),
derived from the words of the phrase and, for a named person, from every mention of that
person in the article ("the top U.S. diplomat" makes a later "Blinken" USA):

- a named actor of event_actors.tsv ("the Kremlin" -> RUS GOV, "Hamas" -> PSE REB)
- a country, capital, city or demonym inside the phrase ("Iranian regime" -> IRN, "Moscow"
  -> RUS GOV: a capital acting is its government)
- the head noun, or a person's title, for the sector ("regime" -> GOV, "protesters" -> CVL)
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from newsgraph.article import Entity
from newsgraph.extract.events_lexicon import capitals, city_countries, country_codes, named_actors, sectors

__all__ = ["ActorCoder", "is_actor_head", "phrase_tokens"]

# Dependents that end an actor phrase: clauses, appositions and coordination.
_CUT = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep", "det", "case", "nummod",
        "quantmod", "cop", "aux", "mark"}
# Prepositions whose object still belongs to the actor ("police in Jericho", "Albanians of Serbia").
_KEEP_PREP = {"in", "of", "from"}
_PRONOUNS = {"it", "they", "he", "she", "we", "i", "you", "them", "him", "her", "us", "who", "which", "that"}


def phrase_tokens(head: Token) -> list[Token]:
    """The actor phrase around `head`: its modifiers and "of/in/from X", without clauses or conjuncts."""
    out = [head]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in _KEEP_PREP:
            for g in c.children:
                if g.dep_ == "pobj":
                    out += [c] + phrase_tokens(g)
        elif c.dep_ not in _CUT:
            out += [t for t in c.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")]
    return sorted(set(out), key=lambda t: t.i)


def is_actor_head(tok: Token, index) -> bool:
    """Whether a noun can name an actor: an entity mention, a country form, a named actor or
    a sector word ("protesters", "government")."""
    if tok.pos_ == "PRON" and tok.lower_ not in _PRONOUNS:
        return False
    if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    if tok.pos_ == "PRON":
        return True
    if index is not None and index.at(tok.idx, tok.idx + len(tok.text)) is not None:
        return True
    if tok.text in country_codes() or tok.text in capitals():
        return True
    if tok.lemma_.lower() in sectors() or tok.lower_ in sectors():
        return True
    return any(name == tok.text or name.split()[-1] == tok.text for name, _, _ in named_actors())


class ActorCoder:
    """Codes actor phrases of one article (keeps a per-article cache of persons' countries)."""

    def __init__(self, doc, index, *, default_country: str | None = None):
        self.doc = doc
        self.index = index
        self.default_country = default_country
        self._person_country: dict[str, str | None] = {}

    def code(self, tokens: list[Token], head: Token) -> dict:
        """{name, text, span, entity, country, sector} for the phrase `tokens` headed by `head`."""
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = self.doc.text[start:end]
        entity = self._entity(head)
        # an apposition describes the actor: "Kenzo Oshima, the United Nations Emergency Relief Coordinator"
        appos = [t for c in head.children if c.dep_ == "appos" for t in c.subtree]
        country, sector = self._named(text)
        if country is None and appos:
            country, sector = self._named(self.doc.text[appos[0].idx:appos[-1].idx + len(appos[-1].text)])
        if country is None:
            country, from_capital = self._country(tokens, head)
            if from_capital and sector is None and head.text in capitals():
                sector = "GOV"
            located = self._located(tokens, head)
            if located is not None:
                country = located
        if country is None and appos:
            country, _ = self._country(appos, appos[0])
        if sector is None:
            sector = self._sector(head, entity)
        if country is None and entity is not None and entity.type == "PERSON":
            country = self._country_of_person(entity)
        if country is None and entity is not None and entity.type in ("PLACE", "GROUP"):
            country = country_codes().get(entity.name) or capitals().get(entity.name) or city_countries().get(entity.name)
        name = entity.name if entity is not None else text
        if head.pos_ == "PRON" and entity is None:
            name = head.text
        return {"name": name, "text": text, "span": (start, end), "entity": entity.id if entity else None,
                "country": country, "sector": sector}

    @staticmethod
    def _located(tokens: list[Token], head: Token) -> str | None:
        """"The Albanians of southern Serbia", "Kurds in Turkey": a people named by a demonym
        and placed in a country belong to that country."""
        codes = country_codes()
        if not (head.tag_ in ("NNPS", "NNS") and head.text in codes):
            return None
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.text in codes and g.text != head.text:
                        return codes[g.text]
        return None

    def _entity(self, head: Token) -> Entity | None:
        if self.index is None:
            return None
        return self.index.at(head.idx, head.idx + len(head.text))

    @staticmethod
    def _named(text: str) -> tuple[str | None, str | None]:
        for phrase, country, sector in named_actors():
            i = text.find(phrase)
            if i >= 0 and (i == 0 or not text[i - 1].isalnum()) and (
                    i + len(phrase) == len(text) or not text[i + len(phrase)].isalnum()):
                return country, sector or None
        return None, None

    @staticmethod
    def _country(tokens: list[Token], head: Token) -> tuple[str | None, bool]:  # noqa: C901
        codes, caps, cities = country_codes(), capitals(), city_countries()
        # "an anti-Syria journalist" is not Syrian
        tokens = [t for t in tokens if not (t.i >= 2 and t.nbor(-1).text == "-" and t.nbor(-2).lower_ in ("anti", "pro"))]
        words = [t.text for t in tokens]
        # longest form first: "Saudi Arabia", "South Korean", "Ivory Coast"
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                form = " ".join(words[i:i + n])
                if form in codes:
                    return codes[form], False
        for t in tokens:
            if t.text in caps and t.pos_ == "PROPN":
                return caps[t.text], True
        for t in tokens:
            if t.pos_ == "PROPN" and t.text in cities and t.ent_type_ in ("GPE", "LOC"):
                return cities[t.text], False
        return None, False

    def _sector(self, head: Token, entity: Entity | None) -> str | None:
        sec = {k: v for k, v in sectors().items() if v}
        for w in (head.lemma_.lower(), head.lower_):
            if w in sec:
                if sec[w] == "GOV":
                    # "border patrol agents", "Cairo's security chief": the force they belong to
                    force = [sec[c.lemma_.lower()] for c in head.children
                             if c.dep_ in ("compound", "amod") and sec.get(c.lemma_.lower()) in ("COP", "MIL")]
                    if force:
                        return force[0]
                return sec[w]
        # "Palestinians", "young Algerians": a people named by its demonym is civilians
        if head.tag_ in ("NNPS", "NNS") and head.text in country_codes() and head.text not in capitals():
            return "CVL"
        # "Foreign Minister Kozyrev": the title words before a name
        for c in head.children:
            if c.dep_ == "compound" and (c.lemma_.lower() in sec) and c.i < head.i:
                return sec[c.lemma_.lower()]
        if entity is not None:
            for title in entity.titles:
                words = title.lower().replace("-", " ").split()
                for w in words:
                    if w in sec:
                        return sec[w]
            if entity.type == "PERSON":
                return None
            if entity.type == "ORG":
                low = entity.name.lower().split()
                for w in reversed(low):
                    if w in sec:
                        return sec[w]
        return None

    def _country_of_person(self, entity: Entity) -> str | None:
        if entity.id in self._person_country:
            return self._person_country[entity.id]
        found = None
        codes = country_codes()
        for m in entity.mentions:
            # the words just before the mention: "U.S. Secretary of State Antony Blinken"
            span = self.doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is None:
                continue
            left = self.doc[max(span.start - 5, span.sent.start):span.start]
            words = [t.text for t in left] + [t.text for t in span]
            for n in (2, 1):
                for i in range(len(words) - n + 1):
                    form = " ".join(words[i:i + n])
                    if form in codes:
                        found = codes[form]
                        break
                if found:
                    break
            if found:
                break
        self._person_country[entity.id] = found
        return found


def sentence_places(sent: SpacySpan, index) -> list[tuple[Token, str]]:
    """(token, alpha-3) of the place names in a sentence, in order."""
    codes, caps, cities = country_codes(), capitals(), city_countries()
    out = []
    for ent in sent.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        code = codes.get(name) or caps.get(name) or cities.get(name)
        if code:
            out.append((ent.root, code))
    return out
