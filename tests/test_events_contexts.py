"""PLOVER contexts on events, specified by short sentences an analyst would code by hand.

Each row: one news sentence and a context its lead event must carry (it may carry others). Every one
of PLOVER's 37 contexts has a row; the cues come from the event's words, its actors and its mode.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from eventwire.errors import SetupError
from eventwire.evaluate.plover import pick_event
from eventwire.events.contexts import PLOVER_CONTEXTS, event_contexts, load_contexts, parse_contexts
from eventwire.events.lexicon import load_lexicon
from eventwire.ingest import make_article
from eventwire.record import Event, EventActor
from tests.conftest import require_shared

CONTEXTS: list[tuple[str, str]] = [
    # state, security and politics
    ("Warplanes bombed a market in Idlib on Sunday.", "military"),
    ("The Nigerian army attacked a rebel camp near Maiduguri.", "military"),
    ("Police arrested two men accused of spying for a foreign power.", "intelligence"),
    ("The prime minister visited flood victims in Sindh.", "executive"),
    ("Lawmakers rejected the budget on Wednesday.", "legislative"),
    ("Opposition supporters protested against the results of the presidential election.", "election"),
    ("The ruling party rejected the proposed changes to the constitution.", "political_institutions"),
    ("Students marched in Bangkok to demand democracy.", "pro_democracy"),
    ("Army officers seized power in a coup on Wednesday.", "pro_autocracy"),
    ("Japan expelled two Russian diplomats on Friday.", "diplomatic"),
    ("Azerbaijan accused Armenia of violating its territorial integrity.", "territory"),
    ("Rebels seized control of the town of Kidal on Sunday.", "territory"),
    ("Militants attacked a UN peacekeeping base in northern Mali.", "peacekeeping"),
    # economy and law
    ("The union demanded higher wages for nurses.", "economic"),
    ("The court sentenced the former minister to ten years in prison.", "legal"),
    ("The government agreed to pay compensation to the families of the victims.", "reparations"),
    # rights and identity
    ("Rights groups condemned the torture of detainees in Tripoli.", "human_rights"),
    ("Rebels were accused of war crimes in Tigray.", "human_rights"),
    ("Authorities blocked access to social media ahead of the vote.", "rights_freedoms"),
    ("Police fired tear gas at protesters in Khartoum.", "repression"),
    ("Women marched in Mexico City against domestic violence.", "gender"),
    ("Soldiers were accused of rape and sexual violence in Darfur.", "gender"),
    ("Activists demanded the legalisation of same-sex marriage.", "lgbt"),
    ("Gunmen attacked a mosque in Kano during Friday prayers.", "religion_ethnicity"),
    ("Protesters denounced discrimination against the Dalit caste.", "inequality"),
    # people, health and the land
    ("Aid agencies warned of famine in Tigray.", "human_security"),
    ("The WHO sent vaccines to fight a cholera outbreak in Yemen.", "health"),
    ("The embassy granted asylum to four activists on Wednesday.", "asylum"),
    ("Greece deported 40 migrants to Turkey.", "migration"),
    ("The government sent troops to help victims of the earthquake.", "disasters"),
    ("Herders and farmers clashed over grazing land in Plateau state.", "natural_resource"),
    ("Villagers protested against pollution from an oil refinery.", "environment"),
    # weapons, technology and information
    ("Police arrested a man for hacking government computers.", "technology"),
    ("Hackers attacked the websites of several ministries.", "cyber"),
    ("The ministry accused the opposition of spreading disinformation.", "misinformation"),
    ("A suicide bomber killed 12 people at a checkpoint in Mogadishu.", "terrorism"),
    ("The government accused the rebels of using chemical weapons.", "cbrn"),
    ("Iran threatened to enrich uranium to weapons grade.", "cbrn"),
    # crime
    ("Gang members robbed a bus and killed the driver.", "crime"),
    ("Bandits kidnapped 20 passengers on the Abuja-Kaduna highway.", "crime"),
    ("Police arrested the mayor on charges of corruption and bribery.", "corruption"),
    ("Police seized two tonnes of cocaine in the port of Guayaquil.", "illegal_drugs"),
    ("Police arrested five men suspected of human trafficking.", "trafficking"),
]


def _lead(pipeline: Any, text: str) -> Event:
    # one sentence is too short for language identification: the text is English by construction
    article = make_article(text, title=None).model_copy(update={"language": "en"})
    lead = pick_event(pipeline.extract_article(article))
    assert lead is not None, "no event found"
    return lead


@pytest.mark.parametrize(("text", "context"), CONTEXTS, ids=[t[:48] for t, _ in CONTEXTS])
def test_events_contexts_lead_event_carries_its_context(pipeline: Any, text: str, context: str) -> None:
    lead = _lead(pipeline, text)
    assert context in lead.context, lead.context
    assert lead.context == sorted(set(lead.context))


def test_events_contexts_table_covers_every_context() -> None:
    assert {c for _, c in CONTEXTS} == set(PLOVER_CONTEXTS)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed three villagers near Maiduguri on Monday.",
        "Hundreds of prisoners went on hunger strike on Monday.",  # not hunger: human_security
    ],
)
def test_events_contexts_an_unrelated_event_has_none(pipeline: Any, text: str) -> None:
    assert _lead(pipeline, text).context == []


def test_events_contexts_words_count_only_in_the_events_own_sentences(pipeline: Any) -> None:
    lead = _lead(
        pipeline, "Gunmen killed three villagers near Maiduguri on Monday. The region is rich in oil."
    )
    assert "natural_resource" not in lead.context


def test_events_contexts_a_phrase_uses_up_its_words(nlp: Any) -> None:
    sentences = list(nlp("Rebels were accused of war crimes and crimes against humanity.").sents)
    assert event_contexts(sentences, [], "ACCUSE", "allege") == ["human_rights"]  # not crime


def test_events_contexts_from_actors_and_modes_alone() -> None:
    spy = EventActor(role="source", name="Spy agency", sector="SPY", kind="intelligence")
    minister = EventActor(role="source", name="A minister", sector="GOV", kind="person")
    state = EventActor(role="source", name="A state", sector="GOV", kind="state")
    assert event_contexts([], [spy], "ACCUSE", None) == ["intelligence"]
    assert event_contexts([], [minister], "CONSULT", None) == ["executive"]
    assert event_contexts([], [state], "CONSULT", None) == []  # "GOV person" needs both
    assert event_contexts([], [], "ASSAULT", "sexual") == ["gender"]
    assert event_contexts([], [], "COERCE", "cyber") == ["cyber"]  # a mode cue without a type fits any
    assert event_contexts([], [], "SUPPORT", "unconventional") == []  # "ASSAULT unconventional" only


def test_events_contexts_data_file_names_all_37_and_only_them() -> None:
    cues = load_contexts()
    named = {c for entries in cues.phrases.values() for _, contexts in entries for c in contexts}
    named |= {c for *_, c in cues.actors} | {c for *_, c in cues.modes}
    assert named == set(PLOVER_CONTEXTS)
    assert len(PLOVER_CONTEXTS) == 37


def test_events_contexts_names_are_the_codebooks() -> None:
    text = require_shared("CODEBOOKS.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*Contexts \(37\):\*\*(.*?)\.\n", text, re.S)
    assert match is not None
    assert [w.strip() for w in match.group(1).split(",")] == list(PLOVER_CONTEXTS)


def _data(**entries: Any) -> dict[str, Any]:
    contexts: dict[str, Any] = {c: {"words": [c, f"{c} cue"]} for c in PLOVER_CONTEXTS}
    contexts.update(entries)
    return {"contexts": contexts}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_data(militray={"words": ["army", "troop"]}), "unknown contexts"),
        ({"contexts": {"military": {"words": ["army", "troop"]}}}, "contexts without cues"),
        (_data(military={"words": ["army"]}), "at least 2"),
        (_data(military={"words": ["army"], "actors": ["MLT"]}), "not a PLOVER sector"),
        (_data(military={"words": ["army"], "modes": ["ASSAULT aireal"]}), "not a mode"),
        (_data(military={"words": ["army"], "modes": ["ATTACK aerial"]}), "'TYPE mode'"),
        (_data(military={"words": ["army", True]}), "quote every word"),
        (_data(military={"word": ["army", "troop"]}), "expected a mapping"),
    ],
)
def test_events_contexts_invalid_data_fails_with_e030(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SetupError, match=r"\[E030\].*contexts\.yaml") as raised:
        parse_contexts(data, load_lexicon())
    assert message in str(raised.value)
