"""find_figures: casualty figures read from the dependency parse, each with its kind and speaker.

A quantity becomes a figure only when the parse ties it to what it counts: the object of
"killing", the passive subject of "were wounded", a number beside "dead", a "death toll" that
"rose to" it. Everything else (years, ages, distances, "a 500-strong force") is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from eventwire.annotations import ActorMention, FigureKind, FigureMention
from eventwire.claims.lexicon import ClaimsLexicon, load_lexicon
from eventwire.claims.quantity import Quantity, quantity_from_match, quantity_regex
from eventwire.claims.speaker import speaker_of

# TIME is left out: the NER tags "20 to 31 overnight" as one TIME; units catch "10 am".
_SKIP_ENTS = frozenset({"MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_COUNTED_DEPS = frozenset({"nummod", "quantmod", "amod", "det", "compound", "npadvmod", "advmod"})
_STATE_DEPS = frozenset({"oprd", "acomp", "xcomp", "ccomp", "advmod", "attr", "amod", "acl", "appos", "conj"})
_MAX_SPAN_TOKENS = 12


@dataclass(frozen=True)
class _Link:
    kinds: tuple[FigureKind, ...]
    anchor: Token  # the verb or noun the figure hangs on: where the speaker search starts
    edge: Token | None  # the furthest word of the construction to include in the text
    group: tuple[int, int] | None = None  # (verb, first conjunct): "22 fighters and 3 civilians" add up


def find_figures(doc: Doc, actors: Sequence[ActorMention] = ()) -> list[FigureMention]:
    """Casualty figures of `doc`, sorted by start offset, attributed to their speakers."""
    lex = load_lexicon()
    found: list[tuple[FigureMention, tuple[int, int] | None]] = []
    covered: set[int] = set()
    previous: FigureKind | None = None  # the kind of the last figure: what a bare "the figure" counts
    text = doc.text  # Doc.text rebuilds the string on every access
    lowered = text.lower()
    same_offsets = len(lowered) == len(text)  # a few non-ASCII letters grow when lower-cased
    matches = quantity_regex(True).finditer(lowered) if same_offsets else quantity_regex().finditer(text)
    for m in matches:
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        quantity = quantity_from_match(m, lex)
        if quantity is None:
            continue
        link = _link(span, quantity, lex, previous)
        if link is None:
            continue
        previous = link.kinds[0]
        covered.update(t.i for t in span)
        quantity = _toll_change(span, quantity, lex)
        found.extend((_mention(span, quantity, kind, link, actors, lex), link.group) for kind in link.kinds)
    found.extend((f, None) for f in _single_victims(doc, covered, actors, lex))
    figures = _add_up(found, text)
    figures.sort(key=lambda f: (f.start, f.kind))
    return _add_up_tallies(figures, doc, lex)


def _add_up_tallies(figures: list[FigureMention], doc: Doc, lex: ClaimsLexicon) -> list[FigureMention]:
    """One speaker's count of each side, in one sentence, is one toll: "17 fighters of the group had
    been killed and four soldiers had died" is 21 dead (ACLED sums both sides), not two claims of
    which the summary would keep the smaller. Not a subset ("including four soldiers"), not an
    update ("and the toll rose to 30"), not another speaker's count."""
    out: list[FigureMention] = []
    for figure in figures:
        last = out[-1] if out else None
        if last is not None and _same_tally(last, figure, doc, lex):
            out[-1] = _sum(last, figure, doc.text)
        else:
            out.append(figure)
    return out


def _same_tally(a: FigureMention, b: FigureMention, doc: Doc, lex: ClaimsLexicon) -> bool:
    if a.kind != b.kind or a.vague or b.vague or a.value is None or b.value is None:
        return False
    if a.according_to is None or a.according_to != b.according_to or a.end > b.start:
        return False
    first, second = doc.char_span(a.start, a.end, "expand"), doc.char_span(b.start, b.end, "expand")
    if first is None or second is None or first.sent.start != second.sent.start:
        return False
    gap = doc.text[a.end : b.start].lower()
    words = set(gap.replace(",", " ").split())
    if "and" not in words or set(b.text.lower().split()) & lex.update_words:
        return False
    return not any((w in gap) if " " in w else (w in words) for w in lex.subset_words | lex.update_words)


def _quantity_root(span: Span) -> Token:
    """The quantity's syntactic head; in "from 20 to 31" the number, not the preposition."""
    root = span.root
    if root.lower_ in {"from", "between"} and root.i == span.start:
        inner = [t for t in span[1:] if t.head.i == root.i]
        return inner[-1] if inner else root
    return root


def _counted_noun(span: Span, lex: ClaimsLexicon) -> Token:
    """The noun a number counts ("22 fighters" -> fighters), or the number itself ("killing 3")."""
    root = _quantity_root(span)
    head = root.head
    outside = head.i != root.i and not (span.start <= head.i < span.end)
    if root.dep_ in _COUNTED_DEPS and outside and head.pos_ in {"NOUN", "PROPN", "ADJ", "PRON", "NUM"}:
        return head
    return root


def _excluded(span: Span, noun: Token, quantity: Quantity, lex: ClaimsLexicon) -> bool:
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in {"-", "–"}:
        return True  # "a 500-strong force", "a 22-year-old"
    if any(t.ent_type_ in _SKIP_ENTS for t in span) or noun.ent_type_ in _SKIP_ENTS:
        return True
    if noun.lemma_.lower() in lex.units or noun.lower_ in lex.units:
        return True
    root = _quantity_root(span)
    if noun.i == root.i and quantity.qualifier == "exact" and 1900 <= quantity.value <= 2100:
        return True  # a bare year ("in 2015") is not a head count
    return noun.head.lower_ in lex.subset_words or root.head.lower_ in lex.subset_words


def _link(span: Span, quantity: Quantity, lex: ClaimsLexicon, previous: FigureKind | None) -> _Link | None:
    noun = _counted_noun(span, lex)
    if _excluded(span, noun, quantity, lex):
        return None
    own = _own_kind(noun, span, lex)
    if own:
        zero_casualties = quantity.value == 0 and noun.lemma_.lower() == "casualty"
        kinds: tuple[FigureKind, ...] = ("killed", "injured") if zero_casualties else (own[0],)
        return _Link(kinds, noun, _verb_edge(noun) or own[1])
    first = noun
    while first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN", "NUM"} and first.head.i != first.i:
        first = first.head  # "killing 22 fighters and 3 civilians": 3 hangs on the verb through 22
    link = _by_relation(first, lex, previous)
    if link is not None:
        link = replace(link, group=(link.anchor.i, first.i))
    return link or _surface(span, lex)


def _own_kind(noun: Token, span: Span, lex: ClaimsLexicon) -> tuple[FigureKind, Token | None] | None:
    """Kind words on the counted noun itself: "22 deaths", "15 dead", "5 people killed"."""
    if noun.i != _quantity_root(span).i or noun.pos_ == "NOUN":
        kind = lex.nouns.get(noun.lemma_.lower()) or lex.nouns.get(noun.lower_)
        if kind:
            return kind, None
    for child in noun.children:
        if child.dep_ in {"amod", "acl", "appos"} and child.lower_ in lex.states and child.tag_ != "VBG":
            return lex.states[child.lower_], child
    return None


def _state_child(verb: Token, lex: ClaimsLexicon) -> tuple[FigureKind, Token] | None:
    for child in verb.children:
        if child.dep_ in _STATE_DEPS and child.lower_ in lex.states and child.i > verb.i:
            return lex.states[child.lower_], child
    return None


def _by_relation(noun: Token, lex: ClaimsLexicon, previous: FigureKind | None = None) -> _Link | None:
    head, dep = noun.head, noun.dep_
    lemma = head.lemma_.lower()
    if dep in {"dobj", "obj"}:
        if lemma in lex.transitive_verbs and head.pos_ in {"VERB", "AUX"}:
            return _Link((lex.transitive_verbs[lemma],), head, head)
        if lemma in lex.loss_verbs and noun.lemma_.lower() in lex.loss_nouns:
            return _Link((lex.loss_verbs[lemma],), head, head)
        if head.lower_ in lex.states and head.tag_ in {"JJ", "VBN", "VBD"}:  # "and injured dozens" (JJ)
            return _Link((lex.states[head.lower_],), head, head)
        state = _state_child(head, lex)  # "left 4 soldiers dead", "shot 3 men dead"
        if state:
            return _Link((state[0],), head, state[1])
        count = _count_kind(head, lex, skip=noun, previous=previous)  # "the toll reached 31"
        if count:
            return _Link((count[0],), head, count[1])
    if dep in {"nsubjpass", "nsubj"}:
        passive = dep == "nsubjpass" or head.tag_ == "VBN"
        if passive and lemma in lex.transitive_verbs:
            return _Link((lex.transitive_verbs[lemma],), head, head)
        if dep == "nsubj" and lemma in lex.intransitive_verbs:
            return _Link((lex.intransitive_verbs[lemma],), head, head)
        if passive and lemma in lex.loss_verbs and noun.lemma_.lower() in lex.loss_nouns:
            return _Link((lex.loss_verbs[lemma],), head, head)
        state = _state_child(head, lex)  # "15 were dead", "two were reported killed"
        if state:
            return _Link((state[0],), head, state[1])
    if dep == "pobj" and head.lower_ in {"to", "at", "of", "from"}:
        target = head.head
        target_lemma = target.lemma_.lower()
        if head.lower_ == "of" and target.pos_ == "NOUN":
            if target_lemma in lex.nouns:  # "the deaths of some 500 personnel"
                return _Link((lex.nouns[target_lemma],), target, target.left_edge)
            count = (
                _count_kind(target, lex, skip=noun, previous=previous)
                if target_lemma in lex.count_nouns
                else None
            )
            if count:  # "a death toll of 31"
                return _Link((count[0],), target, target.left_edge)
        if target.pos_ in {"VERB", "AUX"} and target_lemma in lex.count_verbs:
            count = _count_kind(
                target, lex, skip=noun, previous=previous
            )  # "rose to 31", "put the figure at 50"
            if count:
                return _Link((count[0],), target, count[1])
    if dep == "attr" and lemma == "be":
        count = _count_kind(head, lex, skip=noun, previous=previous)  # "the death toll was 31"
        if count:
            return _Link((count[0],), head, count[1])
    return None


def _count_kind(
    verb: Token, lex: ClaimsLexicon, skip: Token, previous: FigureKind | None = None
) -> tuple[FigureKind, Token] | None:
    """The kind a counting noun around `verb` counts ("death toll", "fatality figure", "number of
    people killed"), with the word where the construction starts."""
    for child in verb.children:
        if child.i == skip.i or child.dep_ not in {"nsubj", "nsubjpass", "dobj"}:
            continue
        if child.lemma_.lower() not in lex.count_nouns:
            continue
        kind = _counted_kind(child, lex) or _bare_kind(child, lex, previous)
        if kind:
            return kind, child.left_edge if child.i < verb.i else verb
    return None


def _counted_kind(count_noun: Token, lex: ClaimsLexicon) -> FigureKind | None:
    words = [t for t in count_noun.subtree if t.i != count_noun.i][:10]
    lemmas = [t.lemma_.lower() for t in words]
    # "casualty toll": injured, unless a death word says killed (lexicon note on "casualties").
    for t, lemma in zip(words, lemmas, strict=True):
        kind = lex.nouns.get(lemma) or lex.states.get(t.lower_)
        if kind == "killed":
            return kind
    for t, lemma in zip(words, lemmas, strict=True):
        kind = lex.nouns.get(lemma) or lex.states.get(t.lower_) or lex.transitive_verbs.get(lemma)
        if kind:
            return kind
    return None


_EVENT_PREPS = {"from", "in", "after"}


def _bare_kind(count_noun: Token, lex: ClaimsLexicon, previous: FigureKind | None) -> FigureKind | None:
    """A counting noun with only a determiner or adjectives ("the toll", "the figure"): what the
    lexicon says it counts, or else what the figure before it counted."""
    lemma = count_noun.lemma_.lower()
    # "the toll from the drone strike" names the event, not who is counted ("the number of arrests")
    if lemma not in lex.bare_counts or any(
        c.dep_ == "prep" and c.lower_ not in _EVENT_PREPS for c in count_noun.children
    ):
        return None
    return lex.bare_counts[lemma] or previous


def _verb_edge(noun: Token) -> Token | None:
    head = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.pos_ in {"VERB", "AUX"} and head.lemma_ != "be":
        return head
    return None


def _surface(span: Span, lex: ClaimsLexicon) -> _Link | None:
    """Headline-style fallbacks the parse misses: "kills 22", "22 killed"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lemma_.lower() in lex.transitive_verbs and before.tag_.startswith("VB"):
        return _Link((lex.transitive_verbs[before.lemma_.lower()],), before, before)
    for t in doc[span.end : min(span.end + 4, len(doc))]:
        if t.is_sent_start:
            break
        if t.lower_ in lex.states and t.tag_ in {"VBN", "JJ"}:
            return _Link((lex.states[t.lower_],), t, t)
        if t.is_punct or t.pos_ not in {"NOUN", "ADJ", "AUX", "ADV", "PROPN"}:
            break
    return None


def _toll_change(span: Span, quantity: Quantity, lex: ClaimsLexicon) -> Quantity:
    """ "the toll rose from 20 to 31" is a count of 31, not a range."""
    if quantity.qualifier != "range" or span[0].lower_ != "from" or span.start == 0:
        return quantity
    if span.doc[span.start - 1].lemma_.lower() in lex.count_verbs and quantity.high is not None:
        return Quantity(quantity.high)
    return quantity


def _mention(
    span: Span,
    quantity: Quantity,
    kind: FigureKind,
    link: _Link,
    actors: Sequence[ActorMention],
    lex: ClaimsLexicon,
) -> FigureMention:
    first, last = span.start, span.end - 1
    for word in (link.edge, link.anchor):
        if word is not None and abs(word.i - span.start) <= _MAX_SPAN_TOKENS:
            first, last = min(first, word.i), max(last, word.i)
    noun = _counted_noun(span, lex)
    if first <= noun.i <= last + 3:
        last = max(last, noun.i)
    if last - first >= _MAX_SPAN_TOKENS:
        first, last = span.start, max(span.end - 1, noun.i if noun.i - span.end < 3 else span.end - 1)
    doc = span.doc
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return FigureMention(
        kind=kind,
        value=quantity.value,
        low=quantity.low,
        high=quantity.high,
        qualifier=quantity.qualifier,
        start=start,
        end=end,
        text=doc[first : last + 1].text,
        according_to=speaker_of(link.anchor, actors, lex),
        vague=quantity.vague,
    )


def _single_victims(
    doc: Doc, covered: set[int], actors: Sequence[ActorMention], lex: ClaimsLexicon
) -> list[FigureMention]:
    """ "A policeman was killed", "gunmen killed a shopkeeper": one victim, no number written."""
    out: list[FigureMention] = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB":
            continue
        if (
            lemma not in lex.transitive_verbs
            and lemma not in lex.intransitive_verbs
            and not _state_child(verb, lex)
        ):
            continue
        for noun in verb.children:
            kind = _single_kind(verb, noun, lex)
            if kind is None or noun.i in covered:
                continue
            det = next(c for c in noun.children if c.dep_ == "det")
            first, last = min(det.i, verb.i), max(noun.i, verb.i)
            if last - first >= _MAX_SPAN_TOKENS:
                first, last = det.i, noun.i
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            text = doc[first : last + 1].text
            speaker = speaker_of(verb, actors, lex)
            out.append(FigureMention(kind, 1, None, None, "exact", start, end, text, speaker))
    return out


def _single_kind(verb: Token, noun: Token, lex: ClaimsLexicon) -> FigureKind | None:
    lemma = verb.lemma_.lower()
    if noun.tag_ != "NN" or noun.lemma_.lower() in lex.collectives or noun.lemma_.lower() in lex.units:
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children):
        return None
    if any(c.dep_ in {"nummod", "conj"} for c in noun.children):
        return None
    passive = noun.dep_ == "nsubjpass" or (noun.dep_ == "nsubj" and verb.tag_ == "VBN")
    state = _state_child(verb, lex)  # "a policeman was shot dead", "gunmen shot dead a chief"
    if state is not None and (noun.dep_ == "dobj" or passive):
        return state[0]
    if lemma in lex.transitive_verbs and (noun.dep_ == "dobj" or passive):
        return lex.transitive_verbs[lemma]
    if lemma in lex.intransitive_verbs and noun.dep_ == "nsubj":
        return lex.intransitive_verbs[lemma]
    return None


def _add_up(found: list[tuple[FigureMention, tuple[int, int] | None]], text: str) -> list[FigureMention]:
    """Conjoined counts under one verb are one figure: "killing 22 fighters and 3 civilians" = 25,
    not two claims of which the summary would keep the smaller."""
    out: list[FigureMention] = []
    index: dict[tuple[int, int, str], int] = {}
    for figure, group in found:
        if group is None:
            out.append(figure)
            continue
        key = (*group, figure.kind)
        if key in index:
            out[index[key]] = _sum(out[index[key]], figure, text)
        else:
            index[key] = len(out)
            out.append(figure)
    return out


def _sum(a: FigureMention, b: FigureMention, text: str) -> FigureMention:
    start, end = min(a.start, b.start), max(a.end, b.end)
    return replace(
        a,
        value=(a.value or 0) + (b.value or 0),
        low=(a.low or a.value or 0) + (b.low or b.value or 0)
        if a.low is not None or b.low is not None
        else None,
        high=(a.high or a.value or 0) + (b.high or b.value or 0)
        if a.high is not None or b.high is not None
        else None,
        qualifier=a.qualifier if a.qualifier == b.qualifier else "approximate",
        start=start,
        end=end,
        text=text[start:end],
        vague=a.vague and b.vague,
    )
