"""The headline: the event a story is about, in the words its editor chose.

News writing puts the story's event in the headline ("Militants Behead Local Official Over
Government Policy"), and the body often tells it in other words or buries it under background.
The headline is parsed on its own (in sentence case: nlp/truecase.py) and its events are joined to
the body's:

- a headline event whose type the body also has is that body event, told again: the body event
  (the earliest current one of the type) gains the headline as evidence, so readers and
  `eventwire evaluate plover` can tell the story's lead event;
- a headline event the body does not tell is kept on its own, with the headline as its evidence.
  Its figures are dropped: the body gives figures with their speakers, and a claim's span points
  into the article's text, which the headline is not part of.

The events the headline tells are listed first, in the headline's order: the first is the lead.

Evidence from the headline has `part="title"` and spans the whole title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.actors import ActorKB
from eventwire.actors.normalize import is_acronym
from eventwire.events.build import event_confidence
from eventwire.events.coding import event_id
from eventwire.events.lexicon import Lexicon
from eventwire.nlp.truecase import (
    NAME_JOINERS,
    in_capitals,
    model_verbs_and_adjectives,
    model_words,
    sentence_case,
    text_case,
)
from eventwire.places import Gazetteer
from eventwire.places.candidates import WELL_KNOWN_POPULATION
from eventwire.places.lexicon import demonyms
from eventwire.places.normalize import name_key
from eventwire.record import Article, Event, Evidence

_NAMES_CACHED = 50_000
_POSSESSIVE_END = re.compile(r"['’]S$")
# Longer than this, a "title" is not a headline but a page's first paragraph or a one-line file.
MAX_HEADLINE_CHARS = 300


def reads_headline(article: Article) -> bool:
    """Whether the article has a headline to read: short, and not its whole text again (a one-line
    text file is both its headline and its text)."""
    title = (article.title or "").strip()
    return bool(title) and len(title) <= MAX_HEADLINE_CHARS and title != article.text.strip()


class HeadlineReader:
    """What a headline needs before its events are read: sentence case, and a parse with a verb.

    The gazetteer and the knowledge base name the names; the model's word lists and the trigger
    lexicon the ordinary words. A whole text written in capitals is given ordinary case the same way.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer, kb: ActorKB, lexicon: Lexicon) -> None:
        model = model_words(nlp)
        # Trigger words are ordinary words even where WordNet lacks them ("airstrike", "shelling").
        triggers = frozenset(w for w in (*lexicon.verbs, *lexicon.nouns) if " " not in w)
        self._is_word: Callable[[str], bool] = lambda word: word in triggers or model(word)
        self._verbs = lexicon.verbs
        self._irregular = irregular_pasts(nlp)
        self._gazetteer = gazetteer
        self._kb = kb
        self.is_name: Callable[[str], bool] = lru_cache(maxsize=_NAMES_CACHED)(self._is_name)
        self._stop_words = frozenset(w.lower() for w in nlp.Defaults.stop_words)
        # Acronyms the knowledge base spells in capitals ("FARC", "ELN") stay so in a text in capitals,
        # unless they spell a stop word, a verb or an adjective ("IS", "WHO", "MEND").
        spelled_like_words = self._stop_words | model_verbs_and_adjectives(nlp)
        self._demonyms = frozenset(demonyms())
        self._names_in_text: Callable[[str], bool] = lru_cache(maxsize=_NAMES_CACHED)(self._is_name_in_text)
        self._acronyms = frozenset(
            alias
            for entry in kb
            for alias in (entry.name, *entry.aliases)
            if len(alias) > 1 and is_acronym(alias) and alias.lower() not in spelled_like_words
        )

    def case(self, title: str) -> str:
        """The headline in sentence case (nlp/truecase.py)."""
        return sentence_case(title, self.is_name, self._is_word)

    def ordinary_case(self, text: str) -> str | None:
        """A text written in capitals in ordinary case (nlp/truecase.py); None for any other text."""
        if not in_capitals(text):
            return None
        cased = text_case(text, self._names_in_text, self._is_word, self._keeps_capitals)
        return cased if cased != text else None

    def _is_name_in_text(self, text: str) -> bool:
        """`is_name` for the many word runs of a whole text: a run with a stop word inside is not a
        name, and a run of ordinary words is one only when the knowledge base knows it ("Shining
        Path"), which spares the gazetteer a thousand look-ups an article."""
        words = text.split()
        lowered = [w.lower() for w in words]
        if len(words) == 1:
            if lowered[0] in self._stop_words:  # "WHO", "US", "IN" are words before they are names
                return False
            return name_key(text) in self._demonyms or self.is_name(text)
        if any(w in self._stop_words and w not in NAME_JOINERS for w in lowered):
            return False
        if all(self._is_word(w) for w in lowered):
            return self._kb_knows(text)
        # A run with a word no word list knows is a name wherever the gazetteer has it, however
        # small the place ("Santa Elena", "La Esperanza").
        key = name_key(text)
        return self._kb_knows(text) or any(name_key(p.name) == key for p in self._gazetteer.lookup(text))

    def _kb_knows(self, text: str) -> bool:
        return any(not actor_id.startswith("generic:") for actor_id in self._kb.alias_index.lookup(text))

    def _keeps_capitals(self, word: str) -> bool:
        return _POSSESSIVE_END.sub("", word) in self._acronyms

    def past_tense(self, doc: Doc) -> str | None:
        """The parsed headline's text with its verb in the past tense, if it parsed without one."""
        return in_past_tense(doc, self._verbs, self._irregular)

    def mend(self, doc: Doc) -> None:
        """Tag the verb of a headline parsed without one (mend_headline_verbs)."""
        mend_headline_verbs(doc, self._verbs)

    def _is_name(self, text: str) -> bool:
        if self._kb_knows(text):
            return True
        ordinary = " " not in text and self._is_word(text.lower())
        key = name_key(text)
        for place in self._gazetteer.lookup(text):
            # The gazetteer also answers alternate and loose spellings ("Raid" finds Riyadh): only a
            # country may be named otherwise ("Côte d'Ivoire"), and not by an ordinary word.
            exact = name_key(place.name) == key
            feature = place.feature_code or ""
            if feature.startswith("PCL") and (exact or not ordinary):
                return True
            # An ordinary word names a town only when the town is large ("Mosul", "Gaza"); "Deal",
            # "March" and "Police" are small towns, and "Capital" is a province somewhere.
            if (
                exact
                and place.population >= WELL_KNOWN_POPULATION
                and (feature.startswith("PPL") or not ordinary)
            ):
                return True
        return False


_NOMINAL = frozenset({"NOUN", "PROPN"})
_CLAUSE_DEPS = frozenset({"nsubj", "dobj"})
# Words after which a verb is not the headline's past event: "Government to Detain Journalists".
_NOT_BEFORE_PAST = frozenset(
    {"to", "will", "would", "may", "might", "could", "should", "must", "can", "the", "a", "an"}
)
_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")  # one short syllable: "ban" -> "banned"


def has_verb(doc: Doc) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in doc)


def in_past_tense(doc: Doc, verbs: Collection[str], irregular: Mapping[str, str]) -> str | None:
    """The headline with its event verb in the past tense, for a headline parsed without a verb.

    Headlines tell past events in the present and drop their articles ("rival factions sign
    ceasefire in Juba"), and the small model then reads the verb as a noun. The same headline in
    the past tense ("rival factions signed ceasefire in Juba") parses with its verb, and it says the
    same thing. None when the parse has a verb or no event verb of the lexicon is found.
    """
    if has_verb(doc):
        return None
    for token in doc[1:]:
        if token.pos_ not in _NOMINAL or token.dep_ == "pobj" or doc[token.i - 1].lower_ in _NOT_BEFORE_PAST:
            continue
        lemma = _verb_lemma(token.lower_, verbs)
        if lemma is None or not _agrees(doc[token.i - 1], third_person=token.lower_ != lemma):
            continue
        past = irregular.get(lemma) or _regular_past(lemma)
        text = doc.text
        return text[: token.idx] + past + text[token.idx + len(token.text) :]
    return None


def _agrees(subject_end: Token, *, third_person: bool) -> bool:
    """Whether a verb can follow this word as its subject's last word: "factions sign", "government
    lifts", "Egypt and Sudan sign", but not "wildcat strike" (a singular noun before a bare verb)."""
    tag = subject_end.tag_
    if tag in {"NNS", "NNPS", "PRP"}:
        return not third_person
    if tag == "NN":
        return third_person
    return tag == "NNP"


def mend_headline_verbs(doc: Doc, verbs: Collection[str]) -> None:
    """Tag a verb the parser missed in a headline that not even the past tense mended.

    The small model sometimes makes the verb the root of the clause but tags it a noun
    ("rebels ambush army convoy"): a word that heads the headline (the root, or the head of a
    subject or object) and is an event verb of the lexicon is tagged a verb, so its event and roles
    are read as from a sentence.
    """
    if has_verb(doc):
        return
    for token in doc:
        if token.i == 0 or token.pos_ not in _NOMINAL:
            continue
        if token.dep_ != "ROOT" and not any(c.dep_ in _CLAUSE_DEPS for c in token.children):
            continue
        lemma = _verb_lemma(token.lower_, verbs)
        if lemma is None:
            continue
        token.pos_ = "VERB"
        token.tag_ = "VBZ" if token.lower_ != lemma else "VBP"
        token.lemma_ = lemma
        return


def _verb_lemma(word: str, verbs: Collection[str]) -> str | None:
    for lemma in (word, word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else ""):
        if lemma and lemma in verbs:
            return lemma
    return None


def _regular_past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    if _CVC.match(lemma):
        return lemma + lemma[-1] + "ed"
    return lemma + "ed"


def irregular_pasts(nlp: Language) -> dict[str, str]:
    """Lemma -> past form of the irregular verbs the model's lemmatizer lists ("strike" -> "struck").

    Where it lists several forms, a simple past is preferred to a participle ("withdrew", not
    "withdrawn"); -ing forms are not pasts.
    """
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_exc"):
        return {}
    forms: dict[str, list[str]] = {}
    for form, lemmas in (lookups.get_table("lemma_exc").get("verb") or {}).items():
        if form.endswith("ing"):
            continue
        for lemma in lemmas:
            forms.setdefault(lemma, []).append(form)
    return {lemma: min(found, key=lambda f: (f.endswith("n"), f)) for lemma, found in forms.items()}


def from_headline(event: Event, article: Article) -> Event:
    """A headline event as the record keeps it: the headline as evidence, no figures, its own id."""
    title = article.title or ""
    evidence = [Evidence(article_id=article.id, sentence=title, start=0, end=len(title), part="title")]
    told = event.model_copy(
        update={
            "id": event_id(article.id, [(0, len(title))], event.type, part="title"),
            "evidence": evidence,
            "fatalities": None,
            "injuries": None,
        }
    )
    told.confidence = event_confidence(told)
    return told


def join_headline(body: Sequence[Event], headline: Sequence[Event]) -> list[Event]:
    """The body's events with the headline's joined to them (see the module docstring).

    The events the headline tells come first, in the headline's order, so the first event is the
    story's lead; the body's other events follow in the body's order.
    """
    rest = list(body)
    told: list[Event] = []
    for event in headline:
        same = [
            i
            for i, other in enumerate(rest)
            if other.type == event.type and (other.status == "historical") == (event.status == "historical")
        ]
        if not same:
            told.append(event)
            continue
        first = rest.pop(min(same, key=lambda i: text_start(rest[i])))
        told.append(first.model_copy(update={"evidence": [*first.evidence, *event.evidence]}))
    return [*told, *rest]


def text_start(event: Event) -> int:
    """Where the event's first evidence in the text starts (0 for an event only the headline tells)."""
    return min((e.start for e in event.evidence if e.part == "text"), default=0)


def told_by_headline(event: Event) -> bool:
    return any(e.part == "title" for e in event.evidence)
