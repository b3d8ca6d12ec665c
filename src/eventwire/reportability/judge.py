"""Is this candidate a specific, real, current happening that the text reports as fact?

Each candidate is judged on the words that told it (its triggers) and the sentence around them:

1. What stops it being news, whatever else holds. A question; a possibility or a fear ("the Kurds
   fear attack by Turkey", "to avoid a massacre"); a plan ("preparations for an offensive"); a figure
   of speech ("an attack on Syrian sovereignty"); a recollection in quotation marks ("They beat me
   around the face"); a toll summed over a campaign ("530 people have died since last Sunday"); a
   habit told in the present ("Isis fighters execute deserters"); a date more than 30 days before
   publication (background).
2. What anchors it as news: a date in the news window ("on Sunday", "on 25 November"), the article's
   headline, the opening sentences of a news report told in the past tense, or, in a report, a
   past-tense happening with its own toll or its place named in the same sentence.
A candidate with an anchor and no stop is `occurred`; a stopped one gets the status its stop says
(`hypothetical`, `planned`, `historical`) or, where it is no event at all (figure of speech,
recollection, campaign toll, habit, or nothing anchors it), is dropped. Events outside ACLED's
scope (statements, accusations, meetings) need no anchor: they are judged on the stops alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.annotations import DateMention
from eventwire.claims import summarize_figures
from eventwire.events.candidate import Candidate
from eventwire.events.coding import acled_coding, ucdp_coding
from eventwire.record import Event, Figures, Genre, Reportability
from eventwire.reportability.cues import Cues

NEWS_WINDOW = dt.timedelta(days=30)  # older happenings are background (ACLED's and our coders' rule)
LEDE_SENTENCES = 2  # a news report tells its news in its first two sentences
BRIEF_SENTENCES = 15  # a report this short is a wire item or a release: no background section
NEWS_TOP = 12  # the inverted pyramid: a report's news comes in its first dozen sentences, background after
ARGUING: frozenset[str] = frozenset({"opinion", "letter"})  # genres that argue, not report
_NEWS_PRECISION = {"day", "days", "week"}
_GOVERNING_LINKS = {
    "prep",
    "pobj",
    "dobj",
    "nsubj",
    "nsubjpass",
    "attr",
    "appos",
    "conj",
    "compound",
    "npadvmod",
    "agent",
    "poss",
    "pcomp",
    "oprd",
}


@dataclass(frozen=True)
class Verdict:
    """The stage's decision: the status to give, or None to drop the candidate, and why."""

    status: str | None
    reason: str
    cue: str | None = None

    @property
    def kept(self) -> bool:
        return self.status is not None


@dataclass(frozen=True)
class Reading:
    """What the judge knows of the article around a candidate."""

    genre: Genre
    published: dt.date | None
    lede: frozenset[int]  # indices (into `sentences`) of the sentences that open the article
    sentences: Sequence[Span]
    text: str  # the parsed piece's text (spaCy rebuilds doc.text on every read)
    dates: Sequence[DateMention] = ()  # every date the piece mentions
    brief: bool = False  # a short report (a wire item, a press release): all of it is news

    def dates_in(self, sentence: Span) -> list[DateMention]:
        return [d for d in self.dates if sentence.start_char <= d.start < sentence.end_char]

    def news_date(self, sentence: Span, trigger: Token) -> DateMention | None:
        """A day or a week in the sentence that falls in the news window (or any absolute day in an
        undated story) and dates the trigger. A month or a year places a happening too loosely to
        make it news; the day someone spoke ("officials said on Tuesday that ...") or the start of a
        span ("since Monday") does not date what they spoke of."""
        for d in self.dates_in(sentence):
            if not _dates_trigger(d, sentence, trigger):
                continue
            if (
                d.historical
                or d.date_start is None
                or d.date_end is None
                or d.precision not in _NEWS_PRECISION
            ):
                continue
            if self.published is None and not d.relative:
                return d
            if self.published is not None and d.date_end >= self.published - NEWS_WINDOW:
                return d
        return None

    def old_date(self, sentence: Span, trigger: Token) -> DateMention | None:
        """A date of the trigger from before the news window: 'in 2014', 'last April', 'three years ago'."""
        for d in self.dates_in(sentence):
            if not _dates_trigger(d, sentence, trigger):
                continue
            if d.historical:
                return d
            if (
                self.published is not None
                and d.date_end is not None
                and d.date_end < self.published - NEWS_WINDOW
            ):
                return d
        return None


def judge_triggers(
    candidate: Candidate, reading: Reading, cues: Cues
) -> tuple[Verdict, list[tuple[Token, Verdict]]]:
    """The candidate's verdict, and each trigger's own: the best anchor wins when any trigger tells
    the happening as news; else the first stop."""
    event = candidate.event
    if event.status != "occurred":
        return Verdict(event.status, _earlier_reason(event)), []
    each = [(t, _judge_trigger(t, candidate, reading, cues)) for t in candidate.triggers]
    verdicts = [v for _, v in each]
    if not verdicts:
        return Verdict("occurred", "headline" if candidate.headline else "reported"), each
    kept = [v for v in verdicts if v.status == "occurred"]
    if kept:
        return min(kept, key=lambda v: _ANCHOR_RANK.get(v.reason, 9)), each
    stopped = [v for v in verdicts if v.status is not None]
    return (stopped[0] if stopped else verdicts[0]), each


_ANCHOR_RANK = {"dated": 0, "headline": 1, "lede": 2, "brief": 3, "specific": 4, "reported": 5}


def _judge_trigger(token: Token, candidate: Candidate, reading: Reading, cues: Cues) -> Verdict:
    event = candidate.event
    sentence = token.sent
    dated = reading.news_date(sentence, token)
    if dated is None:
        old = reading.old_date(sentence, token)
        if old is not None:
            return Verdict("historical", "old-date", old.text)
    stop = _stop(token, sentence, dated, event.type, reading.text, cues, headline=candidate.headline)
    if stop is not None:
        return stop
    if not event.acled.event_type:
        return Verdict("occurred", "reported")  # a statement or a meeting: no anchor needed
    if candidate.headline:
        return Verdict("occurred", "headline")
    if dated is not None:
        return Verdict("occurred", "dated", dated.text)
    past = told_as_past(token)
    if reading.genre not in ARGUING and past is not None:
        index = _index_of(sentence, reading.sentences)
        if index in reading.lede:
            return Verdict("occurred", "lede", past.text)
        if reading.brief:
            return Verdict("occurred", "brief", past.text)
        told = _tells_in_main_clause(token, past)
        figures = event.fatalities is not None or event.injuries is not None
        figures = figures or (event.type == "ASSAULT" and _named_victim(token, past))
        if told and 0 <= index < NEWS_TOP and (figures or _place_named(event, sentence)):
            return Verdict("occurred", "specific", past.text)
    return Verdict(None, "unanchored")


def _stop(
    token: Token,
    sentence: Span,
    dated: DateMention | None,
    event_type: str,
    text: str,
    cues: Cues,
    headline: bool = False,
) -> Verdict | None:
    day = dated is not None and dated.precision in {"day", "days"}
    if sentence.text.rstrip(" ”\"’'").endswith("?"):
        return Verdict("hypothetical", "question", sentence.text.strip()[-40:])
    governor = _governor(token, cues)
    if governor is not None:
        return governor
    figurative = _governed_by(token, cues.comparison_verbs)
    if figurative is None and event_type == "ASSAULT":
        figurative = _abstract_target(token, cues)  # a protest against a law is no figure of speech
    if figurative is not None:
        return Verdict(None, "figurative", figurative)
    denial = _governed_by(token, cues.denial_verbs)
    if denial is not None:
        return Verdict("denied", "denial", denial)
    alleged = _governed_by(token, cues.allegation_words)
    if alleged is not None:
        return Verdict(None, "alleged", alleged)
    if not dated:
        recollection = _recollection(token, sentence, text, cues)
        if recollection is not None:
            return Verdict(None, "recollection", recollection)
    phase = _campaign_phase(token, cues)
    if phase is not None:
        return Verdict(None, "cumulative", phase)
    counted = event_type in {"ASSAULT", "PROTEST", "COERCE"}  # what tolls and counts sum up
    cumulative = None if day or not counted else _cumulative(token, sentence, cues)
    if cumulative is not None:
        return Verdict(None, "cumulative", cumulative)
    habit = None if headline else _habitual(token)  # headlines tell the news in the present
    if habit is not None:
        return Verdict(None, "generic", habit)
    return None


def told_as_past(token: Token) -> Token | None:
    """The verb that tells this trigger as something that happened (past, perfect or passive), if any."""
    verb = token if token.pos_ in {"VERB", "AUX"} else _governing_verb(token)
    seen = 0
    while (
        verb is not None
        and verb.tag_ == "VBG"
        and verb.dep_ in {"advcl", "xcomp", "conj", "acl"}
        and seen < 3
    ):
        if any(c.dep_ == "aux" for c in verb.children):
            break  # "were attacking": the auxiliary says the tense
        verb, seen = verb.head, seen + 1
    if verb is None or verb.lemma_ == "be":
        return None  # "the US plan was a blatant attack": a copula describes, it does not tell
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "MD" for a in auxes):
        return None
    if verb.tag_ == "VBD":
        return verb
    if verb.tag_ == "VBN":
        headless = verb.dep_ == "acl" and verb.head.dep_ == "ROOT"  # "Thousands protested in X"
        if not auxes and verb.dep_ in {"acl", "amod", "relcl"} and not headless:
            return None  # "a British man killed while clearing mines": who he was, not the news
        return verb  # "has been killed", "was killed"
    if verb.tag_ == "VBG" and any(a.tag_ == "VBD" for a in auxes):
        return verb  # "were shelling"
    if verb.tag_ == "VB" and any(a.lower_ == "did" for a in auxes):
        return verb
    return None


def _tells_in_main_clause(token: Token, verb: Token) -> bool:
    """'Kurdish militias shelled Kilis', 'aircraft conducted 12 strikes', 'residents said jets hit the
    town': the trigger is the verb (or what it carries out) of a main clause or of reported speech,
    not of a relative clause, an adverbial or an infinitive."""
    if not (token.i == verb.i or (token.dep_ in {"dobj", "nsubjpass", "nsubj"} and token.head.i == verb.i)):
        return False
    if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
        return True
    return verb.dep_ in {"ccomp", "parataxis"} and verb.head.lemma_.lower() in _SAYING


_FACT_LINKS = {"after", "following", "since", "amid", "despite", "because", "as"}
_SAYING = {"say", "tell", "report", "confirm", "announce", "state", "add", "claim", "insist", "allege"}


def _named_victim(token: Token, verb: Token) -> bool:
    """'Policeman Castro Roman was shot', 'gunmen killed Josef Piescher': a named victim makes an
    attack as specific as a toll does."""
    for word in (token, verb):
        for child in word.children:
            if child.dep_ in {"nsubjpass", "dobj"} and child.ent_type_ == "PERSON":
                return True
    return False


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(5):
        if current.dep_ not in _GOVERNING_LINKS or current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _governor(token: Token, cues: Cues) -> Verdict | None:
    """A fear, a possibility or a plan above the trigger, up to the first verb that tells a fact."""
    if token.pos_ in {"NOUN", "PROPN"}:
        for child in token.children:
            if child.dep_ in {"amod", "compound"} and child.lower_ in cues.hypothetical_modifiers:
                return Verdict("hypothetical", "feared", f"{child.text} {token.text}")
    current = token
    for _ in range(8):
        if current.dep_ in {"pobj", "pcomp"} and current.head.lower_ in _FACT_LINKS:
            return None  # "would suspend trips after Wednesday's bombing": the bombing is a given
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _FACT_LINKS for c in current.children
        ):
            return None
        if current.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "aux" and c.tag_ == "MD" for c in current.children):
                modal = next(c for c in current.children if c.dep_ == "aux" and c.tag_ == "MD")
                return Verdict("hypothetical", "modal", f"{modal.text} {current.text}")
            if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in current.children):
                return Verdict("hypothetical", "conditional", current.text)
        lemma = current.lemma_.lower()
        if current.i != token.i and lemma in cues.hypothetical_governors:
            return Verdict("hypothetical", "feared", current.text)
        if current.i != token.i and lemma in cues.planned_governors:
            return Verdict("planned", "planned", current.text)
        if current.i != token.i and current.tag_ in {"VBD"} and current.pos_ == "VERB":
            return None  # a fact told in the past stops the search: what it governs happened
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _dates_trigger(date: DateMention, sentence: Span, trigger: Token) -> bool:
    """Does the date stand in the trigger's own clause ("shelled Kilis on Sunday", "Sunday's attack"),
    or in a clause above it that is not someone speaking ("stormed the village on Monday, killing 12")?"""
    words = [t for t in sentence if date.start <= t.idx < date.end]
    if not words:
        return True
    first = words[0]
    if first.i > sentence.start and first.nbor(-1).lower_ in {"since", "from", "until", "till"}:
        return False
    if trigger.left_edge.i <= first.i <= trigger.right_edge.i and trigger.pos_ in {"NOUN", "PROPN"}:
        return True  # inside the event's own noun phrase: "Sunday's attack", "the strike on Monday"
    verb = _verb_above(first)
    own = _verb_above(trigger)
    if verb is not None and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children):
        return False  # "have died since the shelling began last Sunday": the start of a span
    if verb is None or own is None or verb.i == own.i:
        return True
    above = any(a.i == verb.i for a in own.ancestors)
    return above and verb.lemma_.lower() not in _SAYING


def _verb_above(token: Token) -> Token | None:
    """The verb of the clause a word stands in (the word itself when it is one)."""
    for t in (token, *token.ancestors):
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return None


def _governed_by(token: Token, lemmas: frozenset[str]) -> str | None:
    """The first word above the trigger, within its sentence, whose lemma is in `lemmas`."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in lemmas:
            return ancestor.text
    return None


def _abstract_target(token: Token, cues: Cues) -> str | None:
    """'an attack on Syrian sovereignty', 'assault on democracy': the target is an idea."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "upon"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in cues.abstract_targets:
                    return f"{token.text} {prep.text} {obj.text}"
    for obj in token.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in cues.abstract_targets:
            return f"{token.text} {obj.text}"
    return None


def _recollection(token: Token, sentence: Span, text: str, cues: Cues) -> str | None:
    """A past happening told in the first person inside quotation marks, or under a verb of remembering."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in cues.recollection_verbs and ancestor.i != token.i:
            return ancestor.text
    if not _inside_quotes(token.idx, text):
        return None
    first = [t for t in sentence if t.lower_ in cues.first_person and _inside_quotes(t.idx, text)]
    return first[0].text if first else None


def _inside_quotes(char: int, text: str) -> bool:
    """Is the character inside an open quotation in its paragraph (curly or straight quotes)?"""
    start = text.rfind("\n", 0, char) + 1
    before = text[start:char]
    opens = before.count("“") - before.count("”")
    straight = before.count('"') % 2
    return opens > 0 or straight == 1


def _cumulative(token: Token, sentence: Span, cues: Cues) -> str | None:
    """A toll or a happening summed over a campaign: 'have died since last Sunday', 'this year',
    'weeks of fighting'. The phrase must stand in the trigger's own clause; "weeks of" and the
    like must govern the trigger itself. (Not asked of a sentence with a news date: "14 were killed
    on Sunday, bringing the toll to 530" tells Sunday's killing.)"""
    clause = _clause(token)
    lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
    lowered = sentence.text.lower()
    base = sentence.start_char
    for phrase in cues.cumulative:
        at = lowered.find(phrase)
        if at < 0 or not _word_edges(lowered, at, len(phrase)):
            continue
        after = lowered[at + len(phrase) : at + len(phrase) + 16]
        if any(after.lstrip(" 0123456789,").startswith(span) for span in cues.short_spans):
            continue  # "in the past 24 hours", "over the last day": still one happening
        start = base + at
        if phrase.endswith(" of"):
            gap = sentence.text[at + len(phrase) : token.idx - base]
            if not (0 <= token.idx - start - len(phrase) <= 40 and len(gap.split()) <= 4):
                continue  # "after months of negotiation" says nothing of a toll elsewhere
        elif not lo <= start < hi:
            continue
        return sentence.text[at : at + len(phrase)]
    # the present perfect of a campaign ("has killed", "have been killed"); "had been killed in the
    # fighting" tells one finished battle
    perfect = any(c.dep_ == "aux" and c.lower_ in {"has", "have", "'ve", "'s"} for c in clause.children)
    for child in clause.children:
        if child.lower_ == "since" and child.dep_ in {"prep", "mark"}:
            return "since"
        if perfect and child.dep_ == "nsubj" and child.lemma_.lower() in cues.campaign_nouns:
            return f"{child.text} {clause.text}"  # "the war has killed": the toll of a whole war
        if perfect and child.dep_ == "prep" and child.lower_ in {"in", "during", "since"}:
            for obj in child.children:  # "250 have been killed in the bombardment of Afrin"
                if obj.dep_ == "pobj" and obj.lemma_.lower() in cues.campaign_nouns:
                    return f"{clause.text} {child.text} {obj.text}"
    return None


def _campaign_phase(token: Token, cues: Cues) -> str | None:
    """'The offensive restarted this weekend', 'the battle is coming to an end': a phase of a whole
    campaign, whatever its date, is not a happening in it (what happened that day may be told too)."""
    if (
        token.dep_ == "nsubj"
        and token.lemma_.lower() in cues.campaign_nouns
        and token.head.lemma_.lower() in cues.campaign_phases
    ):
        return f"{token.text} {token.head.text}"
    return None


def _word_edges(text: str, at: int, length: int) -> bool:
    before = text[at - 1] if at > 0 else " "
    after = text[at + length] if at + length < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def _clause(token: Token) -> Token:
    return token if token.pos_ in {"VERB", "AUX"} else (_governing_verb(token) or token)


def _habitual(token: Token) -> str | None:
    """'Isis fighters execute deserters', 'the regime uses chlorine': the simple present tells a habit."""
    verb = _clause(token)
    if verb.tag_ not in {"VBZ", "VBP"} or verb.pos_ != "VERB" or verb.is_upper:
        return None  # (a word in capitals is tagged too unreliably to tell a tense by)
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return None
    return verb.text


def _place_named(event: Event, sentence: Span) -> bool:
    place = event.location.text if event.location is not None else None
    return place is not None and place != "" and place in sentence.text


def _index_of(sentence: Span, sentences: Sequence[Span]) -> int:
    for i, s in enumerate(sentences):
        if s.start == sentence.start:
            return i
    return -1


def _earlier_reason(event: Event) -> str:
    """The events stage already set a status other than occurred: say which cue that was."""
    return {
        "historical": "background",
        "threatened": "threat",
        "denied": "denial",
        "planned": "future",
        "hypothetical": "modal",
    }.get(event.status, event.status)


def without_sentences(event: Event, spans: Sequence[tuple[int, int]]) -> Event:
    """The event without the sentences (article offsets) that told something else: their evidence
    and the figures they gave ("The war has killed 400,000" is not the toll of Sunday's raid)."""

    def inside(start: int) -> bool:
        return any(lo <= start < hi for lo, hi in spans)

    def figures(found: Figures | None) -> Figures | None:
        if found is None:
            return None
        claims = [c for c in found.claims if not inside(c.span[0])]
        if len(claims) == len(found.claims):
            return found
        return summarize_figures(claims) if claims else None

    return event.model_copy(
        update={
            "evidence": [e for e in event.evidence if e.part != "text" or not inside(e.start)],
            "fatalities": figures(event.fatalities),
            "injuries": figures(event.injuries),
        }
    )


def with_verdict(event: Event, verdict: Verdict, genre: Genre) -> Event:
    """The event as the stage leaves it: its status, its ACLED coding only when it occurred, and why."""
    status = verdict.status or event.status
    update: dict[str, object] = {
        "status": status,
        "reportability": Reportability(reason=verdict.reason, cue=verdict.cue, genre=genre),
    }
    if status != event.status:
        if status not in {"occurred", "historical"}:
            update["acled"] = acled_coding("", None, event.actors, clash=False)
        update["ucdp"] = ucdp_coding(event.type, status, event.actors)
    return event.model_copy(update=update)
