"""From event mentions to events: one event per occurrence, not per mention.

An article names its main attack many times ("the airstrike", "Monday's strike", "the attack");
mentions merge into one event unless something says they differ (another mode, another day,
"a separate attack"). Speech acts merge only when they share a speaker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.annotations import ActorMention, DateMention, FigureMention
from eventwire.events.lexicon import Lexicon
from eventwire.events.mentions import SPEECH_ACTS, EventMention, NegatedMention
from eventwire.events.perpetrators import PerpetratorCue, denial_actors
from eventwire.events.roles import MentionIndex, unique_actors

# Modes that describe the same attack from different angles ("aircraft fired missiles").
_MODE_FAMILIES = {"aerial": "air", "drone": "air", "heavy-weapons": "air"}
_MAX_FIGURE_DISTANCE = 2  # sentences after an attack whose figures still describe it


@dataclass
class Draft:
    type: str
    status: str
    mentions: list[EventMention]
    historical: bool
    mode: str | None = None
    clash: bool = False
    denials: list[NegatedMention] = field(default_factory=list)
    cues: list[PerpetratorCue] = field(default_factory=list)
    figures: list[FigureMention] = field(default_factory=list)

    @property
    def sentences(self) -> list[int]:
        return sorted({m.sentence for m in self.mentions})

    @property
    def sources(self) -> list[ActorMention]:
        return unique_actors(a for m in self.mentions for a in m.sources)

    @property
    def targets(self) -> list[ActorMention]:
        return unique_actors(a for m in self.mentions for a in m.targets)

    def add(self, mention: EventMention) -> None:
        self.mentions.append(mention)
        self.mode = self.mode or mention.hit.sense.mode
        self.clash = self.clash or mention.hit.sense.clash


def cluster(
    mentions: Sequence[EventMention],
    dates: Sequence[Sequence[DateMention]],
    towns: Sequence[frozenset[str]] = (),
) -> list[Draft]:
    """Mentions grouped into events. `towns` holds, per sentence, the towns and villages it names: a
    new mention in a later sentence that names other towns, or other perpetrators, is another event."""
    drafts: list[Draft] = []
    # "Five others were wounded in the attack": a sentence that points back with one mention points
    # back with all of its mentions of that kind
    pointing = {(m.sentence, m.hit.sense.type) for m in mentions if m.anaphoric}
    for mention in (m for m in mentions if not m.weak):
        is_old = mention.historical
        status = _status(mention)
        if (mention.sentence, mention.hit.sense.type) in pointing:
            mention.anaphoric = True
        target = _find_antecedent(drafts, mention, status, dates, towns)
        if target is None:
            draft = Draft(type=mention.hit.sense.type, status=status, mentions=[], historical=is_old)
            draft.add(mention)
            drafts.append(draft)
        else:
            target.add(mention)
    for mention in (m for m in mentions if m.weak):
        status = _status(mention)
        target = _find_antecedent(drafts, mention, status, dates, towns)
        if target is not None and min(target.sentences) <= mention.sentence:
            target.add(mention)
    for draft in drafts:
        draft.mentions.sort(key=lambda m: m.hit.start)
    return drafts


def _status(mention: EventMention) -> str:
    """Background first; then an attack whose own clause denies it ("the army denied that its troops
    had shelled the village") is a denied event, unless it joins an attack reported as news."""
    if mention.historical:
        return "historical"
    return "denied" if mention.denied and mention.status == "occurred" else mention.status


def denied_drafts(
    negated: Sequence[NegatedMention], historical: Sequence[bool], index: MentionIndex, lexicon: Lexicon
) -> list[Draft]:
    """With no attack reported as news, "the ministry said no airstrikes had been carried out in
    Tigray" is itself an event: an attack that is denied, by the speaker and whoever the phrase names."""
    drafts: list[Draft] = []
    for denial in negated:
        if historical[denial.sentence]:
            continue
        mention = EventMention(hit=denial.hit, sentence=denial.sentence, status="denied", denied=True)
        mention.sources = denial_actors(denial.hit.token, index, lexicon)
        draft = Draft(type="ASSAULT", status="denied", mentions=[], historical=False)
        draft.add(mention)
        drafts.append(draft)
    return drafts


def _find_antecedent(
    drafts: Sequence[Draft],
    mention: EventMention,
    status: str,
    dates: Sequence[Sequence[DateMention]],
    towns: Sequence[frozenset[str]] = (),
) -> Draft | None:
    kind = mention.hit.sense.type
    for draft in reversed(drafts):
        if draft.type != kind:
            continue
        same_sentence = mention.sentence in draft.sentences
        if mention.distinct and not same_sentence:
            continue  # "another attack" is new, but "would hold further demonstrations" is one plan
        # "the attack" after the news of it, or a denial of the attack just reported ("X denied
        # that its aircraft had carried out the strike"), is the same event
        joins_news = (
            (mention.anaphoric or mention.denied) and draft.status == "occurred" and not same_sentence
        )
        if draft.status != status and not joins_news:
            continue
        if kind in SPEECH_ACTS:
            if _speech_acts_match(draft, mention, same_sentence):
                return draft
            continue
        if not _modes_compatible(draft.mode, mention.hit.sense.mode) and not mention.anaphoric:
            continue
        if not same_sentence and _dates_conflict(draft, mention, dates):
            continue
        if not same_sentence and not mention.anaphoric and _another_happening(draft, mention, towns):
            continue
        return draft
    return None


def _another_happening(draft: Draft, mention: EventMention, towns: Sequence[frozenset[str]]) -> bool:
    """A mention that does not point back ("Kurdish militias shelled Kilis", not "the shelling") in
    another sentence tells another happening when it is a clause of its own more than a sentence
    away that brings actors or places of its own, names other places or perpetrators, or is an
    indefinite noun ("an attack") that shares no place or perpetrator with the event so far and
    refers back to none of its participants. "Four soldiers had died", sentences later, still
    tells the battle."""
    token = mention.hit.token
    told = token.pos_ == "VERB" and token.tag_ in {"VBD", "VBN", "VBZ", "VBP"}
    back = _refers_back(token)  # "he died on Monday morning": the man the story is about
    mine = towns[mention.sentence] if towns else frozenset()
    theirs = frozenset().union(*(towns[s] for s in draft.sentences)) if towns else frozenset()
    named = {a.actor.id for a in mention.sources if not a.actor.id.startswith("generic:")}
    before = {a.actor.id for a in draft.sources if not a.actor.id.startswith("generic:")}
    if (
        told
        and not back
        and mention.sentence - max(draft.sentences) > 1
        and (named - before or mine - theirs)
    ):
        return True  # a clause of its own, sentences later, with its own actors or places
    if mine and theirs and not mine & theirs:
        return True
    if named and before and not named & before:
        return True
    tied = bool(mine & theirs) or bool(named & before) or back
    indefinite = token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children
    )
    return indefinite and not tied  # "an attack" introduces a happening of its own


def _refers_back(token: Token) -> bool:
    """'They killed four', 'its fighters shelled the town': a participant already introduced."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj", "agent"}:
            head = (
                next((c for c in child.children if c.dep_ == "pobj"), child)
                if child.dep_ == "agent"
                else child
            )
            if head.tag_ in {"PRP", "PRP$"} or any(
                c.dep_ in {"det", "poss"} and c.lower_ in _BACK_WORDS for c in head.children
            ):
                return True
    return False


_BACK_WORDS = {"its", "their", "his", "her"}


def _speech_acts_match(draft: Draft, mention: EventMention, same_sentence: bool) -> bool:
    mine = {a.actor.id for a in mention.sources if not a.actor.id.startswith("generic:")}
    theirs = {a.actor.id for a in draft.sources if not a.actor.id.startswith("generic:")}
    if mine & theirs:
        return True
    # "The retaliation threats came from X": a definite mention adds sources to the threat before it.
    return (mention.anaphoric or same_sentence) and (not mine or not theirs or same_sentence)


def _modes_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return _MODE_FAMILIES.get(a, a) == _MODE_FAMILIES.get(b, b)


def _dates_conflict(draft: Draft, mention: EventMention, dates: Sequence[Sequence[DateMention]]) -> bool:
    """Both mentions carry exact days more than a day apart: two different events."""
    mine = {d.date_start for d in dates[mention.sentence] if d.precision == "day" and d.date_start}
    theirs = {
        d.date_start for s in draft.sentences for d in dates[s] if d.precision == "day" and d.date_start
    }
    if not mine or not theirs:
        return False
    return all(abs((a - b).days) > 1 for a in mine for b in theirs)


def attach_figures(
    drafts: Sequence[Draft],
    figures_by_sentence: Sequence[Sequence[FigureMention]],
    historical: Sequence[bool],
) -> None:
    """Casualty figures go to the attack in their sentence, or to the attack just before a sentence
    that only adds figures ('A monitor put the toll at more than 50')."""
    by_sentence: dict[int, list[Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.type in {"ASSAULT", "PROTEST"}:
            for s in draft.sentences:
                by_sentence[s].append(draft)
    last: Draft | None = None
    last_sentence = -10
    for i, figures in enumerate(figures_by_sentence):
        here = by_sentence.get(i, [])
        if here:
            last = _main(here)
            last_sentence = i
        if not figures:
            continue
        if here:
            _main(here).figures.extend(figures)
        elif (
            last is not None
            and i - last_sentence <= _MAX_FIGURE_DISTANCE
            and historical[i] == last.historical
        ):
            last.figures.extend(figures)


def main_attack(drafts: Sequence[Draft]) -> Draft | None:
    current = [d for d in drafts if d.type == "ASSAULT" and d.status == "occurred"]
    return _main(current) if current else None


def _main(drafts: Sequence[Draft]) -> Draft:
    return max(
        drafts, key=lambda d: (d.type == "ASSAULT", d.status == "occurred", len(d.mentions), -d.sentences[0])
    )
