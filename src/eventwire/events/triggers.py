"""Find event triggers (verbs, nouns and fixed phrases) in a parsed document."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventwire.events.lexicon import Lexicon, TriggerSense
from eventwire.events.syntax import subjects, with_conjuncts

_VERB_POS = {"VERB"}
_NOUN_POS = {"NOUN", "PROPN"}
# An adjectival or participial use ("the wounded", "armed") is tagged ADJ; verbs only.
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "obj"}
# Links from a governing trigger down to its complement ("agreed to lift the curfew",
# "accused Kigali of supporting the rebels"): clausal complements, objects, and prepositions.
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp"}
_MAX_COMPLEMENT_DEPTH = 3
# A promise reaches its content through purpose clauses, modifiers and conjuncts too: "promised to
# work with Dhaka to scrap the restrictions", "agreed on measures to lift the curfew and release ...".
_PROMISE_DEPS = _COMPLEMENT_DEPS | {"advcl", "acl", "conj"}
_PROMISE_DEPTH = 4
# Quantities and groups an object is made of ("sent hundreds of police", "freed a group of hostages").
_COLLECTIVES = {
    "hundred",
    "thousand",
    "dozen",
    "score",
    "million",
    "group",
    "number",
    "contingent",
    "team",
    "unit",
    "batch",
    "squad",
    "detachment",
    "column",
    "convoy",
    "couple",
    "handful",
    # "lifted the state of emergency": what is lifted is the emergency
    "state",
    # partitives: "eased some of the restrictions", "released all of the detainees"
    "some",
    "all",
    "many",
    "most",
    "part",
    "several",
    "rest",
    "majority",
    "half",
    "few",
    "each",
    "both",
    "portion",
}
# Verbs that say an event began or took place, and nothing of what it was ("launched", "staged").
_LIGHT_VERBS = {"launch", "stage", "hold", "carry", "conduct", "begin", "start", "mount", "call", "declare"}
# Harm done in a protest is the protest's (a riot): deaths, wounds, burnt and looted property.
_HARM_VERBS = {
    "kill",
    "injure",
    "wound",
    "hurt",
    "die",
    "burn",
    "torch",
    "loot",
    "vandalize",
    "vandalise",
    "destroy",
}
# Entity labels of names whose words are not events ("Organisation to Combat Genocide").
_NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "PRODUCT", "GPE", "NORP", "LOC"}


@dataclass(frozen=True)
class TriggerHit:
    token: Token  # syntactic head of the trigger words
    start: int
    end: int
    sense: TriggerSense

    @property
    def text(self) -> str:
        doc = self.token.doc
        return doc.text[self.start : self.end]


def find_triggers(doc: Doc, lexicon: Lexicon) -> list[TriggerHit]:
    """Every trigger in `doc`, in text order.

    Phrases first, then single words (the first sense whose constraints hold); then, in order:
    announced coercion becomes a threat, a promise takes its type from its content, a noun object
    joins its verb's event, and the content of a speech act is dropped (see the helpers below).
    """
    hits: list[TriggerHit] = []
    covered: set[int] = set()
    lowers = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    verbs = [t.pos_ in {"VERB", "AUX"} for t in doc]
    # a phrase word matches the token as written, or a verb's lemma ("pulled out" for "pull out");
    # an earlier phrase of the lexicon wins over a later one that overlaps it, wherever they start
    by_first = lexicon.phrases_by_first_word
    found: list[tuple[int, int, int, TriggerSense]] = []
    for i in range(len(doc)):
        starting = by_first.get(lowers[i], [])
        if verbs[i] and lemmas[i] != lowers[i]:
            starting = starting + by_first.get(lemmas[i], [])
        for order, words, sense in starting:
            n = len(words)
            if i + n <= len(doc) and all(
                lowers[i + k] == w or (verbs[i + k] and lemmas[i + k] == w) for k, w in enumerate(words)
            ):
                found.append((order, i, n, sense))
    for _, i, n, sense in sorted(found, key=lambda f: (f[0], f[1])):
        span = doc[i : i + n]
        if any(t.i in covered for t in span):
            continue
        covered.update(t.i for t in span)
        hits.append(TriggerHit(span.root, span.start_char, span.end_char, sense))
    for token in doc:
        if token.i in covered:
            continue
        word_sense = _word_sense(token, lexicon)
        if word_sense is not None:
            hits.append(TriggerHit(token, token.idx, token.idx + len(token.text), word_sense))
    hits = _without_content(_absorb(_compose(_as_threats(hits, lexicon), lexicon)), lexicon)
    hits.sort(key=lambda h: h.start)
    return hits


def _word_sense(token: Token, lexicon: Lexicon) -> TriggerSense | None:
    lemma = token.lemma_.lower()
    if token.pos_ in _VERB_POS:
        senses = lexicon.verbs.get(lemma, ())
    elif token.pos_ in _NOUN_POS:
        if token.pos_ == "PROPN" and token.ent_type_ in _NAME_LABELS and not _headline(token):
            return None  # part of a name: "Popular Mobilization Forces", "Committee against Torture"
        senses = lexicon.nouns.get(lemma) or lexicon.nouns.get(token.lower_, ())
    else:
        return None
    sense = next((s for s in senses if _constraints_hold(token, s, lexicon)), None)
    if sense is None:
        return None
    if sense.future_only and token.tag_ in {"VBD", "VBN"} and not _has_modal(token):
        # "retaliated" reports a strike back; "will retaliate" / "ready to retaliate" is a threat.
        return TriggerSense(type="ASSAULT")
    return sense


def _headline(token: Token) -> bool:
    """A title-case headline ("Court Convicts Friend of Boston Bombing Suspect") tags every word as
    a proper noun and names inside it are not reliable: its event words still count."""
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) >= 0.8 * len(words)


def _as_threats(hits: list[TriggerHit], lexicon: Lexicon) -> list[TriggerHit]:
    """An announced coercive act is a threat (PLOVER THREATEN: "threaten to arrest, ban, expel"):
    "the government said it would detain journalists", "plans to expel the observers"."""
    rule = lexicon.future_threats
    if rule is None:
        return hits
    out: list[TriggerHit] = []
    for hit in hits:
        token = hit.token
        future = token.pos_ in _VERB_POS and _future(token, rule.modals, rule.governors)
        if hit.sense.future_only and hit.sense.type == "THREATEN" and token.pos_ in _VERB_POS and not future:
            continue  # "took action against" reports nothing; "will take action against" threatens
        vow = future and hit.sense.type in rule.vow_types and _first_person_subject(token)
        if (future and hit.sense.type in rule.types) or vow:
            mode = rule.vow_mode if vow else rule.modes.get(hit.sense.mode or "")
            hit = replace(hit, sense=TriggerSense(type="THREATEN", mode=mode))
        out.append(hit)
    return out


def _future(token: Token, modals: frozenset[str], governors: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in modals for c in token.children) or (
        token.dep_ == "xcomp" and token.head.lemma_.lower() in governors
    )


def _first_person_subject(token: Token) -> bool:
    """ "We will strike the terrorists": a speaker's vow of force against others is a threat."""
    return any(s.lower_ in {"we", "i"} for s in subjects(token))


def _absorb(hits: list[TriggerHit]) -> list[TriggerHit]:
    """Drop a noun trigger that is the object of a verb trigger of another type: "suspended the
    protests", "lifted the curfew", "called for a ceasefire" report the verb's event, not a protest,
    a curfew or a ceasefire. Violent nouns stay: "condemned the attack" still reports an attack,
    which the events stage reads as the content of the accusation."""
    verbs = {h.token.i: h for h in hits if h.token.pos_ in _VERB_POS}
    light = _light_verbs(hits, verbs) | _harm_in_protests(hits)
    kept: list[TriggerHit] = []
    for hit in hits:
        token = hit.token
        if token.i in light:
            continue
        if token.pos_ in _NOUN_POS and hit.sense.type != "ASSAULT":
            governor = _governing_verb(token)
            owner = verbs.get(governor.i) if governor is not None else None
            if owner is not None and owner.token.i not in light and owner.sense.type != hit.sense.type:
                continue
        kept.append(hit)
    return kept


def _harm_in_protests(hits: list[TriggerHit]) -> set[int]:
    """ "Seven people were killed during violent protests": the deaths are the protest's figures (a
    riot, in ACLED's and PLOVER's terms), not a separate attack; so are shops burnt in it."""
    protests = {h.token.i for h in hits if h.sense.type == "PROTEST" and h.token.pos_ in _NOUN_POS}
    return {
        hit.token.i
        for hit in hits
        if hit.token.pos_ in _VERB_POS
        and _lemma(hit.token) in _HARM_VERBS
        and any(
            prep.dep_ == "prep" and prep.lower_ in {"in", "during", "amid"} and pobj.i in protests
            for verb in _coordinated(hit.token)  # "were killed and shops looted during ..."
            for prep in verb.children
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        )
    }


def _coordinated(verb: Token) -> list[Token]:
    """The verb and those coordinated with it. The small model often hangs "X were killed and Y
    burned, police said" as two clauses of "said" rather than a conjunction: an "and" on the first
    joins it to the next clause of the same head."""
    out = with_conjuncts(verb)
    if any(c.dep_ == "cc" for c in verb.children):
        out.extend(
            t for t in verb.head.children if t.i > verb.i and t.dep_ == verb.dep_ and t.pos_ in _VERB_POS
        )
    return out


def _light_verbs(hits: list[TriggerHit], verbs: dict[int, TriggerHit]) -> set[int]:
    """Verbs that fired only for their object, when the object's own words say what it is: in
    "launched a wildcat general strike" the strike's modifiers make it a labour strike, and
    "launched" (an attack word only with an attack for object) takes its type from it."""
    light: set[int] = set()
    for hit in hits:
        token = hit.token
        phrase = hit.end - hit.start > len(token.text)  # "general strike" is typed by its own words
        if token.pos_ not in _NOUN_POS or not (hit.sense.needs_modifier or phrase):
            continue
        governor = _governing_verb(token)
        owner = verbs.get(governor.i) if governor is not None else None
        if (
            owner is not None
            and _lemma(owner.token) in _LIGHT_VERBS
            and owner.sense.type != hit.sense.type
            and _lemma(token) in owner.sense.needs_object
        ):
            light.add(owner.token.i)
    return light


def _without_content(hits: list[TriggerHit], lexicon: Lexicon) -> list[TriggerHit]:
    """Drop the triggers inside what a speech act is about: "urged the council to impose sanctions",
    "accused Kigali of supporting the rebels", "refused to release the prisoners" report a request,
    an accusation and a refusal, not sanctions, support or a release. Violent content stays for
    the events stage, which reads threatened and alleged attacks itself."""
    governors = lexicon.content_governors
    if not governors:
        return hits
    by_token = {h.token.i: h for h in hits}
    inside: set[int] = set()
    for hit in hits:
        if hit.sense.type in governors and hit.token.i not in inside:
            inside.update(
                h.token.i
                for h in _complement_hits(hit.token, by_token)
                if h.sense.type not in {"ASSAULT", hit.sense.type}
            )
    return [h for h in hits if h.token.i not in inside]


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (direct, or through one preposition) the noun is."""
    if noun.dep_ in {"dobj", "nsubjpass", "obj"}:
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun.head.head
    return None


def _compose(hits: list[TriggerHit], lexicon: Lexicon) -> list[TriggerHit]:
    """Retype a governing trigger by its complement (lexicon `compositions`): "agreed to withdraw
    its troops" is a promise of a concession, CONCEDE."""
    if not lexicon.compositions:
        return hits
    by_token = {h.token.i: h for h in hits}
    out: list[TriggerHit] = []
    for hit in hits:
        rule_sense = None
        for rule in lexicon.compositions:
            if hit.sense.type != rule.governor or (rule.words and _lemma(hit.token) not in rule.words):
                continue
            complement = next(
                (
                    h
                    for h in _complement_hits(hit.token, by_token, _PROMISE_DEPS, _PROMISE_DEPTH)
                    if h.sense.type in rule.complement
                ),
                None,
            )
            if complement is not None:
                mode = complement.sense.mode if rule.keep_mode else None
                rule_sense = replace(hit.sense, type=rule.type, mode=mode)
                break
        out.append(hit if rule_sense is None else replace(hit, sense=rule_sense))
    return out


def _complement_hits(
    governor: Token,
    by_token: dict[int, TriggerHit],
    deps: set[str] = _COMPLEMENT_DEPS,
    depth: int = _MAX_COMPLEMENT_DEPTH,
) -> list[TriggerHit]:
    """Triggers in the governor's complements, nearest first."""
    found: list[TriggerHit] = []
    frontier = [governor]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children if c.dep_ in deps]
        found.extend(by_token[t.i] for t in frontier if t.i in by_token)
    return found


def _constraints_hold(token: Token, sense: TriggerSense, lexicon: Lexicon) -> bool:
    if sense.needs_object and not any(_lemma(o) in sense.needs_object for o in _objects(token)):
        return False
    if sense.needs_modifier:
        modifiers = [c for c in token.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
        # as written, without dots ("U.S."), and as lemma ("protesters' blockade")
        mods = {form for c in modifiers for form in (c.lower_, c.lower_.replace(".", ""), _lemma(c))}
        if not mods & sense.needs_modifier and not (mods & _names_of_days()):
            return False
    if sense.needs_verb and not (token.head.pos_ == "VERB" and token.head.lemma_.lower() in sense.needs_verb):
        return False
    if sense.needs_subject and not any(
        _lemma(s) in sense.needs_subject or any(_lemma(c) in sense.needs_subject for c in s.children)
        for s in subjects(token)
    ):
        return False
    if sense.needs_agent_or_weapon:
        subjects_ = [c for c in token.children if c.dep_ in {"nsubj", "agent"}]
        # "mortar rounds landed": a round, a projectile or a munition is a weapon too
        weapons = {w.lower() for w in lexicon.weapons} | {
            "strike",
            "airstrike",
            "shell",
            "bomb",
            "round",
            "projectile",
        }
        if not any(_lemma(s) in weapons for s in subjects_):
            return False
    return True


def _objects(token: Token) -> list[Token]:
    out = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    for particle in (c for c in token.children if c.dep_ == "prt"):
        out.extend(c for c in particle.children if c.dep_ == "pobj")
    # "lifted curfews and restrictions": every conjoined object counts; "sent hundreds of police":
    # so does the noun a quantity or group is made of
    out.extend(conj for o in list(out) for conj in o.conjuncts)
    out.extend(
        pobj
        for o in list(out)
        if _lemma(o) in _COLLECTIVES
        for prep in o.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )
    return out


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _has_modal(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.children)


def _names_of_days() -> set[str]:
    # "Monday's strike": a dated strike is an attack, whatever adjective it lacks.
    return {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
