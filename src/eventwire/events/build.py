"""The events stage: triggers, mentions and clusters become Event records."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from eventwire.acled_types import TypeModel
from eventwire.actors import ActorKB
from eventwire.annotations import ActorMention, Annotations, DateMention, FigureMention, PlaceMention
from eventwire.claims import summarize_figures, to_claim
from eventwire.dates import event_date, precision_codes
from eventwire.events.assemble import Draft, attach_figures, cluster, denied_drafts, main_attack
from eventwire.events.background import Background
from eventwire.events.candidate import Candidate
from eventwire.events.coding import LearnedType, acled_coding, event_id, implied_mode, ucdp_coding
from eventwire.events.contexts import event_contexts
from eventwire.events.lexicon import Lexicon, load_lexicon
from eventwire.events.mentions import EventMention, NegatedMention, read_mention
from eventwire.events.modes import event_mode, weapons_named
from eventwire.events.perpetrators import (
    PerpetratorCue,
    denial_actors,
    perpetrator_cues,
    speaks_of_responsibility,
)
from eventwire.events.quotes import quote_speakers
from eventwire.events.roles import MentionIndex
from eventwire.events.triggers import find_triggers
from eventwire.nlp.dateline import dateline_end
from eventwire.places import Gazetteer, event_location
from eventwire.record import Article, Event, EventActor, EventDate, Evidence, Figures, Location, Report

_AIR_MODES = {"aerial", "drone"}  # an unnamed air force, not an armed group, did it


class EventBuilder:
    """Codes the events of one parsed piece of an article (`offset` is where the piece starts)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        kb: ActorKB,
        lexicon: Lexicon | None = None,
        type_model: TypeModel | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.kb = kb
        self.lexicon = lexicon or load_lexicon()
        self.type_model = type_model

    def _learned_type(self, evidence: Sequence[Evidence]) -> LearnedType | None:
        """What the type model reads in the event's sentences, for acled_coding to choose from."""
        if self.type_model is None:
            return None
        return LearnedType(self.type_model, evidence[0].sentence if evidence else "")

    def build(self, doc: Doc, ann: Annotations, article: Article, offset: int = 0) -> list[Candidate]:
        """Every candidate event of one parsed piece, each with the trigger words that told it."""
        sentences = list(doc.sents)
        if not sentences:
            return []
        starts = [s.start_char for s in sentences]

        def sentence_of(char: int) -> int:
            return max(0, bisect_right(starts, char) - 1)

        n = len(sentences)
        dates: list[list[DateMention]] = [[] for _ in range(n)]
        figures: list[list[FigureMention]] = [[] for _ in range(n)]
        for d in ann.dates:
            dates[sentence_of(d.start)].append(d)
        for f in ann.figures:
            figures[sentence_of(f.start)].append(f)
        places_in = [0] * n
        towns: list[set[str]] = [set() for _ in range(n)]
        for p in ann.places:
            places_in[sentence_of(p.start)] += 1
            towns[sentence_of(p.start)] |= _place_keys(p)
        background = Background(sentences, dates, article.published, self.lexicon)
        historical = background.sentence

        # "MAIDUGURI, Nigeria - A bomb ...": the dateline's place is not an actor of the story.
        dateline = dateline_end(doc.text)  # read once: doc.text is rebuilt from the tokens each time
        filed_end = dateline if offset == 0 else 0
        index = MentionIndex([a for a in ann.actors if a.start >= filed_end])
        mentions: list[EventMention] = []
        negated: list[NegatedMention] = []
        quoted_by = quote_speakers(sentences, index, self.lexicon)
        for hit in find_triggers(doc, self.lexicon):
            sentence = sentence_of(hit.start)
            old = background.of_trigger(hit.token, sentence)
            read = read_mention(
                hit, sentence, index, self.lexicon, historical=old, quoted_by=quoted_by[sentence]
            )
            if isinstance(read, EventMention):
                read.historical = old
                if read.generic_plural and _anchored(read.sentence, dates, figures, places_in):
                    read.weak = False  # "Heavy clashes broke out in Omdurman on Saturday" is news
                mentions.append(read)
            elif isinstance(read, NegatedMention):
                negated.append(read)
        drafts = cluster(mentions, dates, [frozenset(t) for t in towns])
        if main_attack(drafts) is None:
            drafts += denied_drafts(negated, historical, index, self.lexicon)
            negated = []
        attach_figures(drafts, figures, historical)
        self._attach_perpetrators(drafts, sentences, negated, historical, index)
        return [
            Candidate(
                self._record(d, doc, sentences, dates, ann, article, offset, dateline),
                tuple(m.hit.token for m in d.mentions),
            )
            for d in drafts
        ]

    def _attach_perpetrators(
        self,
        drafts: list[Draft],
        sentences: Sequence[Span],
        negated: Sequence[NegatedMention],
        historical: Sequence[bool],
        index: MentionIndex,
    ) -> None:
        main = main_attack(drafts)
        for i, sent in enumerate(sentences):
            if historical[i]:
                continue
            cues = perpetrator_cues(sent, i, index, self.lexicon)
            if not cues:
                continue
            here = [d for d in drafts if d.type == "ASSAULT" and i in d.sentences and not d.historical]
            if here:
                here[0].cues.extend(cues)
            elif main is not None and speaks_of_responsibility(sent):
                main.cues.extend(cues)
        if main is None:
            return
        for denial in negated:
            if historical[denial.sentence]:
                continue
            main.denials.append(denial)
            speaker = None
            for actor in denial_actors(denial.hit.token, index, self.lexicon):
                speaker = speaker or actor.actor.name
                main.cues.append(_denied(actor, speaker, denial.sentence))

    def _record(
        self,
        draft: Draft,
        doc: Doc,
        sentences: Sequence[Span],
        dates: Sequence[Sequence[DateMention]],
        ann: Annotations,
        article: Article,
        offset: int,
        dateline: int,
    ) -> Event:
        sent_ids = draft.sentences
        spans = [(m.hit.start, m.hit.end) for m in draft.mentions]
        located_spans = spans + [(d.hit.start, d.hit.end) for d in draft.denials]
        evidence = [_evidence(sentences[i], article.id, offset) for i in sent_ids]
        actors = self._actors(draft)
        mode = event_mode(draft, sentences, self.lexicon)
        date_mentions = [d for i in sent_ids for d in dates[i]]
        if not draft.historical:
            date_mentions = [d for d in date_mentions if not d.historical]
        date = (
            _background_date(date_mentions)
            if draft.historical
            else event_date(date_mentions, article.published)
        )
        location = event_location(
            doc, located_spans, ann.places, ann.country_context, self.gazetteer, filed_at=dateline
        )
        if draft.type == "PROTEST":
            actors = self._protesters(actors, draft.mode)
        if location is not None and location.country_code:
            actors = [self._state_force(a, location.country_code) for a in actors]
        fatalities, injuries = self._figures(draft, article)
        status = draft.status
        if (
            status == "occurred"
            and date.start is not None
            and article.published
            and date.start > article.published
        ):
            status = (
                "planned"  # "called a national strike for next week": dated after the story, not news yet
            )
        acled = (
            acled_coding(
                draft.type,
                mode,
                actors,
                clash=draft.clash,
                words={m.hit.token.lemma_.lower() for m in draft.mentions},
                local_place=_names_local_place(location, evidence),
                learned=self._learned_type(evidence),
            )
            if status in {"occurred", "historical"}
            else acled_coding("", None, actors, clash=False)
        )
        implied = implied_mode(draft.type, acled.sub_event_type)  # the type model's reading, in PLOVER
        if implied and (mode is None or (mode == "demo" and implied == "riot")):
            mode = implied
        event = Event(
            id=event_id(article.id, [(s + offset, e + offset) for s, e in spans], draft.type),
            type=draft.type,  # type: ignore[arg-type]
            mode=mode,
            context=event_contexts([sentences[i] for i in sent_ids], actors, draft.type, mode),
            acled=acled,
            ucdp=ucdp_coding(draft.type, status, actors),
            status=status,  # type: ignore[arg-type]
            date=date,
            location=location,
            actors=actors,
            fatalities=fatalities,
            injuries=injuries,
            weapons=weapons_named(sentences, sent_ids, self.lexicon),
            evidence=evidence,
            reports=[
                Report(
                    article_id=article.id, outlet=article.outlet, url=article.url, published=article.published
                )
            ],
        )
        event.confidence = event_confidence(event)
        return event

    def _actors(self, draft: Draft) -> list[EventActor]:
        out: list[EventActor] = []
        seen: set[tuple[str, str]] = set()
        speaker_of = {id(m): m.speaker for m in draft.mentions}

        def add(mention: ActorMention, role: str, status: str, according_to: str | None) -> None:
            key = (role, mention.actor.id)
            if key in seen:
                return
            seen.add(key)
            out.append(_event_actor(mention, role, status, according_to))

        for cue in draft.cues:
            # "claimed the attack", "suspected Al-Shabaab militants attacked": the cue says more
            # about the actor than the bare subject of the attack does
            if cue.status in {"claimed", "suspected"}:
                add(cue.actor, "source", cue.status, cue.according_to)
        for m in draft.mentions:
            for actor in m.sources:
                add(actor, "source", "denied" if m.denied else "asserted", speaker_of[id(m)])
        for cue in draft.cues:
            add(cue.actor, "source", cue.status, cue.according_to)
        # One actor is never both sides of one event: "17 fighters of the group had been killed" in
        # a battle Al-Shabaab started counts its losses; it does not make it its own target.
        for m in draft.mentions:
            for actor in m.targets:
                if ("source", actor.actor.id) not in seen:
                    add(actor, "target", "asserted", speaker_of[id(m)])
        out = _prefer_named(out)
        perpetrator_named = any(a.role == "source" and a.status in {"asserted", "claimed"} for a in out)
        if draft.type == "ASSAULT" and draft.status == "occurred" and not perpetrator_named:
            out.insert(0, _unidentified(draft))
        return out

    def _protesters(self, actors: list[EventActor], mode: str | None) -> list[EventActor]:
        """The people who protest are coded as protesters (rioters in a riot), as ACLED codes them,
        whether the text calls them residents, students or nothing at all."""
        crowd = self.kb.get("generic:rioters" if mode == "riot" else "generic:protesters")
        if crowd is None:
            return actors
        named = [a for a in actors if a.role == "source" and not (a.id or "").startswith("generic:")]
        if named:
            return actors
        rest = [a for a in actors if a.role != "source"]
        texts = [a.text for a in actors if a.role == "source"]
        # ACLED keeps who marched beside the crowd: "Protesters (Kenya)" with "Labour Group (Kenya)"
        organisers = [
            a.model_copy(update={"role": "assoc_source"})
            for a in actors
            if a.role == "source"
            and a.kind not in {"protesters", "rioters", "civilians"}
            and a.id != crowd.id
        ]
        source = EventActor(
            role="source",
            name=crowd.name,
            id=crowd.id,
            kind=crowd.kind,
            sector=crowd.sector,
            acled_inter=crowd.acled_inter,
            status="asserted",
            text=texts[0] if texts else None,
        )
        return [source, *organisers, *rest]

    def _state_force(self, actor: EventActor, country_code: str) -> EventActor:
        """'the army', 'police', 'security forces' with no nationality are the forces of the country
        where the event happened (ACLED's "Military Forces of X"); other unnamed groups (civilians,
        protesters) take that country too."""
        if actor.kind == "unidentified" or (
            (actor.id or "").startswith("generic:") and actor.kind not in {"military", "police"}
        ):
            # ACLED names unnamed groups by country: "Civilians (Syria)", "Protesters (Kenya)".
            state = self.kb.get(country_code.lower())
            suffix = f" ({state.name})" if state is not None else ""
            name = actor.name if actor.name.endswith(")") else actor.name + suffix
            return actor.model_copy(update={"country_code": actor.country_code or country_code, "name": name})
        if not (actor.id or "").startswith("generic:") or actor.kind is None:
            return actor
        entry = self.kb.country_actor(country_code, actor.kind)
        if entry is None:
            return actor.model_copy(update={"country_code": country_code})
        return actor.model_copy(
            update={
                "name": entry.name,
                "id": entry.id,
                "wikidata": entry.wikidata,
                "kind": entry.kind,
                "sector": entry.sector,
                "country_code": entry.country_code,
                "acled_inter": entry.acled_inter,
            }
        )

    def _figures(self, draft: Draft, article: Article) -> tuple[Figures | None, Figures | None]:
        killed = [to_claim(f, article.id) for f in draft.figures if f.kind == "killed"]
        hurt = [to_claim(f, article.id) for f in draft.figures if f.kind == "injured"]
        return (summarize_figures(killed) if killed else None, summarize_figures(hurt) if hurt else None)


def _place_keys(mention: PlaceMention) -> set[str]:
    """A town or province as the names that place it: itself and its province, so that "Maarat
    al-Numan" and "Idlib province" agree while "Kilis" and "Afrin" do not. Countries and regions
    place nothing this finely."""
    place = mention.place
    code = place.feature_code or ""
    if not (code.startswith(("PPL", "ADM")) or code == ""):  # "near Jowhar" still places it at Jowhar
        return set()
    if code.startswith("ADM1"):
        return {place.name}
    return {place.name, place.admin1} if place.admin1 else {place.name}


def _anchored(
    sentence: int,
    dates: Sequence[Sequence[DateMention]],
    figures: Sequence[Sequence[FigureMention]],
    places_in: Sequence[int],
) -> bool:
    current_dates = [d for d in dates[sentence] if not d.historical]
    return bool(current_dates or figures[sentence] or places_in[sentence])


def _background_date(mentions: Sequence[DateMention]) -> EventDate:
    """A background fact keeps the date it is given ('since 2009'), never the news window."""
    for m in mentions:
        if m.date_start is not None:
            acled, ucdp = precision_codes(m.precision, m.date_start, m.date_end)
            return EventDate(
                start=m.date_start,
                end=m.date_end,
                precision=m.precision,
                text=m.text,
                acled_time_precision=acled,  # type: ignore[arg-type]
                ucdp_date_prec=ucdp,  # type: ignore[arg-type]
            )
    return EventDate(text=mentions[0].text if mentions else None)


def _prefer_named(actors: list[EventActor]) -> list[EventActor]:
    """A generic mention ('militias') adds nothing beside a named actor in the same role and status."""
    named = {(a.role, a.status) for a in actors if not (a.id or "").startswith("generic:")}
    return [a for a in actors if not ((a.id or "").startswith("generic:") and (a.role, a.status) in named)]


def _event_actor(mention: ActorMention, role: str, status: str, according_to: str | None) -> EventActor:
    entry = mention.actor
    return EventActor(
        role=role,  # type: ignore[arg-type]
        name=entry.name,
        id=entry.id,
        wikidata=entry.wikidata,
        kind=entry.kind,
        sector=entry.sector,
        country_code=entry.country_code,
        acled_inter=entry.acled_inter,
        status=status,  # type: ignore[arg-type]
        according_to=according_to,
        text=mention.text,
    )


def _denied(actor: ActorMention, speaker: str | None, sentence: int) -> PerpetratorCue:
    return PerpetratorCue("denied", actor, speaker, sentence)


def _unidentified(draft: Draft) -> EventActor:
    military = draft.mode in _AIR_MODES
    return EventActor(
        role="source",
        name="Unidentified military forces" if military else "Unidentified armed group",
        id=None,
        kind="unidentified",
        sector="UAF",
        acled_inter=8 if military else 3,
        status="unknown",
    )


def _names_local_place(location: Location | None, evidence: Sequence[Evidence]) -> bool:
    """Do the event's own sentences name its place, and is that place below the country?"""
    if location is None or not location.text or (location.feature_code or "").startswith("PCL"):
        return False
    return any(location.text in e.sentence for e in evidence)


def _evidence(sent: Span, article_id: str, offset: int) -> Evidence:
    text = sent.text.strip()
    lead = len(sent.text) - len(sent.text.lstrip())
    start = sent.start_char + offset + lead
    return Evidence(article_id=article_id, sentence=text, start=start, end=start + len(text))


def event_confidence(event: Event) -> float:
    """0.35 for a typed event, more for a named source, a target, a place, a date and figures."""
    score = 0.35
    if any(a.role == "source" and a.status in {"asserted", "claimed"} and a.id for a in event.actors):
        score += 0.15
    if any(a.role == "target" for a in event.actors):
        score += 0.1
    if event.location is not None and event.location.lat is not None:
        score += 0.15
    if event.date.start is not None:
        score += 0.1
    if event.fatalities is not None or event.injuries is not None:
        score += 0.1
    if event.status in {"planned", "hypothetical"}:
        score *= 0.7
    return round(min(score, 0.95), 2)
