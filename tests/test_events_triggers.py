"""Event triggers and typing, specified by short sentences an analyst would code by hand.

Each row: one news sentence and the PLOVER type of its lead event (the event the sentence reports
first, as `eventwire evaluate plover` reads a story). Every PLOVER type has at least two rows.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from eventwire.errors import SetupError
from eventwire.evaluate.plover import pick_event
from eventwire.events import lexicon as lexicon_module
from eventwire.events.lexicon import load_lexicon
from eventwire.events.triggers import find_triggers
from eventwire.ingest import make_article
from eventwire.record import PLOVER_TYPES

TYPED: list[tuple[str, str]] = [
    # AGREE: promises and stated willingness to cooperate
    ("Chile and Peru agreed on Monday to hold regular meetings of their foreign ministers.", "AGREE"),
    ("The president pledged to work with neighbouring states on a new security framework.", "AGREE"),
    ("The two governments reached an agreement on water sharing after months of negotiation.", "AGREE"),
    # CONSULT: meetings, visits, calls
    ("The Kenyan president visited Addis Ababa on Tuesday for two days of talks.", "CONSULT"),
    ("The foreign ministers of India and Japan spoke by phone about the border dispute.", "CONSULT"),
    ("Norway hosted peace talks between the government and the rebels in Oslo.", "CONSULT"),
    # SUPPORT: verbal support, praise, diplomatic ties, signed accords
    ("Germany praised Ghana for its handling of the election.", "SUPPORT"),
    ("The two countries restored diplomatic relations after a decade-long rift.", "SUPPORT"),
    ("Senegal and Gambia signed a treaty on fishing rights on Friday.", "SUPPORT"),
    # CONCEDE: concessions, easing of restrictions, declared ceasefires, halted protests
    ("The mayor lifted the night curfew in the capital on Sunday.", "CONCEDE"),
    ("The opposition suspended its protests for two weeks.", "CONCEDE"),
    ("The government agreed to ease restrictions on civil society groups.", "CONCEDE"),
    ("The rebels declared a unilateral ceasefire on Thursday.", "CONCEDE"),
    # COOPERATE: economic, military, judicial and intelligence cooperation
    ("France and Morocco held joint military exercises near Agadir this week.", "COOPERATE"),
    ("Brazil extradited two suspects to Argentina on Monday.", "COOPERATE"),
    ("Vietnam began exporting rice to the Philippines under a new arrangement.", "COOPERATE"),
    # AID: material help
    ("Japan provided emergency aid to flood victims in Pakistan.", "AID"),
    ("The embassy granted asylum to four activists on Wednesday.", "AID"),
    ("The IMF agreed to forgive the debt owed by Somalia.", "AGREE"),
    ("The World Bank forgave the debt owed by Somalia.", "AID"),
    # RETREAT: withdrawal, release, disarmament, resignation
    ("The army withdrew its troops from the border town on Saturday.", "RETREAT"),
    ("The rebels released 12 hostages after talks with mediators.", "RETREAT"),
    ("The minister resigned on Friday amid a corruption inquiry.", "RETREAT"),
    ("The militia laid down its arms under the peace plan.", "RETREAT"),
    # REQUEST: demands, appeals and calls
    ("The union demanded higher wages for nurses.", "REQUEST"),
    ("Rights groups called for the release of the jailed journalists.", "REQUEST"),
    ("Lebanon asked the United Nations for emergency assistance.", "REQUEST"),
    # ACCUSE: disapprove, investigate, allege
    ("Human rights groups condemned the new media law.", "ACCUSE"),
    ("Prosecutors charged the former minister with corruption.", "ACCUSE"),
    ("The commission launched an investigation into the killings.", "ACCUSE"),
    # REJECT: refuse a request, an offer or a proposal
    ("The rebels rejected calls for a ceasefire.", "REJECT"),
    ("The government refused an offer of international mediation.", "REJECT"),
    # THREATEN: threats and announced coercion
    ("The militants threatened to attack ships in the strait.", "THREATEN"),
    ("The government said it would detain journalists who publish the report.", "THREATEN"),
    ("Officials warned that they could ban the opposition party.", "THREATEN"),
    # PROTEST: demonstrations, riots, strikes, boycotts, obstruction
    ("Thousands of teachers went on strike on Monday over unpaid salaries.", "PROTEST"),
    ("Protesters blocked the main highway into the city.", "PROTEST"),
    ("Rioters looted shops in the city centre overnight.", "PROTEST"),
    ("Several countries boycotted the summit over human rights concerns.", "PROTEST"),
    # SANCTION: sanctions, convictions, expulsions, cut ties
    ("The court convicted the former general of war crimes.", "SANCTION"),
    ("Poland expelled three Russian diplomats on Tuesday.", "SANCTION"),
    ("The European Union imposed sanctions on the company.", "SANCTION"),
    ("The country suspended diplomatic relations with its neighbour.", "SANCTION"),
    # MOBILIZE: troops, weapons, police, militia
    ("The government deployed thousands of soldiers to the border.", "MOBILIZE"),
    ("The army put its units on high alert after the incident.", "MOBILIZE"),
    ("Hundreds of police were sent to the city centre before the match.", "MOBILIZE"),
    # COERCE: arrests, bans, censorship, curfews, cyber attacks
    ("Police arrested 20 activists in the capital on Friday.", "COERCE"),
    ("The authorities imposed a curfew after the riots.", "COERCE"),
    ("The government shut down the internet in three provinces.", "COERCE"),
    ("Hackers breached the national electricity network.", "COERCE"),
    # ASSAULT: violence
    ("Gunmen killed five villagers in an overnight raid.", "ASSAULT"),
    ("A drone strike hit a convoy near the border.", "ASSAULT"),
    ("Soldiers beat the protesters with batons.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "expected"), TYPED, ids=[t[:48] for t, _ in TYPED])
def test_events_triggers_type_the_lead_event(pipeline: Any, text: str, expected: str) -> None:
    # one sentence is too short for language identification: the text is English by construction
    article = make_article(text, title=None).model_copy(update={"language": "en"})
    lead = pick_event(pipeline.extract_article(article))
    assert lead is not None, "no event found"
    assert lead.type == expected


def test_events_triggers_table_covers_every_plover_type() -> None:
    counts = {t: sum(expected == t for _, expected in TYPED) for t in PLOVER_TYPES}
    assert all(n >= 2 for n in counts.values()), counts


def test_events_triggers_lexicon_has_verbs_and_nouns_for_every_type() -> None:
    lex = load_lexicon()
    for kind in PLOVER_TYPES:
        assert any(s.type == kind for senses in lex.verbs.values() for s in senses), kind
        assert any(s.type == kind for senses in lex.nouns.values() for s in senses), kind


def test_events_triggers_lexicon_words_are_lower_case_lemmas() -> None:
    lex = load_lexicon()
    for table in (lex.verbs, lex.nouns):
        assert all(word == word.lower().strip() and word for word in table)
    assert all(all(sense for sense in senses) for senses in lex.verbs.values())


def test_events_triggers_lexicon_rejects_a_misspelt_constraint(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"verbs": {"lift": {"type": "CONCEDE", "needs_objects": ["curfew"]}}}
    monkeypatch.setattr(lexicon_module, "_read", lambda name: data if name == "triggers.yaml" else {})
    load_lexicon.cache_clear()
    try:
        with pytest.raises(SetupError, match="unknown keys"):
            load_lexicon()
    finally:
        monkeypatch.undo()
        load_lexicon.cache_clear()


def test_events_triggers_a_verb_sense_needs_its_object(nlp: Any) -> None:
    lex = load_lexicon()
    types = [h.sense.type for h in find_triggers(nlp("The mayor lifted the curfew."), lex)]
    assert set(types) == {"CONCEDE"}  # the curfew is what is conceded, not a new curfew
    assert find_triggers(nlp("The crane lifted the box."), lex) == []


def test_events_triggers_speech_act_content_is_not_an_event(nlp: Any) -> None:
    lex = load_lexicon()
    doc = nlp("Kinshasa called on the Security Council to impose sanctions on Kigali.")
    assert [h.sense.type for h in find_triggers(doc, lex)] == ["REQUEST"]


def test_events_triggers_names_are_not_triggers(nlp: Any) -> None:
    lex = load_lexicon()
    doc = nlp("The Popular Mobilization Forces said nothing.")
    assert [h for h in find_triggers(doc, lex) if h.sense.type == "MOBILIZE"] == []


def test_events_triggers_data_file_is_valid_yaml_with_known_sections() -> None:
    from importlib import resources

    text = resources.files("eventwire.events.data").joinpath("triggers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    expected = {"sets", "verbs", "nouns", "phrases", "compositions", "content_governors"}
    assert expected <= set(data)
    assert {"future_threats", "mode_cues", "weapons"} <= set(data)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Gunmen raped two girls in the village near the river on Monday.", "sexual"),
        ("Attackers hacked five people to death in the market on Sunday.", "primitive"),
    ],
)
def test_events_triggers_violence_the_small_model_lemmatizes_badly(
    pipeline: Any, text: str, mode: str
) -> None:
    article = make_article(text).model_copy(update={"language": "en"})
    assert [(e.type, e.mode) for e in pipeline.extract_article(article)] == [("ASSAULT", mode)]
