"""Language detection: scripts, function-word profiles, 'und' when unsure, and speed."""

from __future__ import annotations

import time

import pytest

from eventwire.ingest import detect_language
from eventwire.ingest.language import SAMPLE_CHARS, load_profiles


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Gunmen killed five people in a village on Monday, police said.", "en"),
        ("Police said.", "en"),
        ("Le gouvernement a annoncé mardi que les combats ont repris dans le nord du pays.", "fr"),
        ("El ejército dijo que los rebeldes atacaron la ciudad durante la noche.", "es"),
        ("O exército disse que os rebeldes atacaram a cidade durante a noite.", "pt"),
        ("Die Armee teilte mit, dass die Rebellen die Stadt in der Nacht angegriffen haben.", "de"),
        ("L'esercito ha detto che i ribelli hanno attaccato la città durante la notte.", "it"),
        ("Het leger zei dat de rebellen de stad in de nacht hebben aangevallen.", "nl"),
        ("Ordu, isyancıların gece boyunca şehre saldırdığını söyledi ve bu konuda açıklama yaptı.", "tr"),
        ("Tentara mengatakan bahwa pemberontak menyerang kota itu pada malam hari.", "id"),
        ("Jeshi lilisema kuwa waasi walishambulia mji huo usiku wa jana na watu wengi walikufa.", "sw"),
        ("قال الجيش إن المتمردين هاجموا المدينة ليلا", "ar"),
        ("ارتش گفت که شورشیان به شهر حمله کردند", "fa"),
        ("Армия заявила, что повстанцы атаковали город ночью", "ru"),
        ("Армія заявила, що повстанці атакували місто і їхні сили відступили", "uk"),
        ("军方说叛军夜间袭击了这座城市", "zh"),
        ("軍は反乱軍が夜間に都市を攻撃したと述べた", "ja"),
        ("군은 반군이 밤에 도시를 공격했다고 밝혔다", "ko"),
        ("הצבא אמר שהמורדים תקפו את העיר", "he"),
        ("सेना ने कहा कि विद्रोहियों ने शहर पर हमला किया", "hi"),
        ("Ο στρατός είπε ότι οι αντάρτες επιτέθηκαν στην πόλη", "el"),
        ("กองทัพกล่าวว่ากลุ่มกบฏโจมตีเมือง", "th"),
    ],
)
def test_language_detected(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "12 345 678", "Xyzzy plugh frobnicate quux."])
def test_language_undetermined_without_evidence(text: str) -> None:
    assert detect_language(text) == "und"


def test_language_english_story_quoting_other_script_stays_english() -> None:
    text = "The banner read “الموت للغزاة” as the crowd marched to the embassy, witnesses said on Friday."
    assert detect_language(text) == "en"


def test_language_reads_only_the_start() -> None:
    english = "The army said the attack was repelled and that the town was calm. " * 40
    assert len(english) > SAMPLE_CHARS
    assert detect_language(english + "Le gouvernement a dit que les combats sont finis. " * 400) == "en"


def test_language_profiles_are_valid() -> None:
    profiles = load_profiles()
    languages = {lang for entries in profiles.weights.values() for lang, _ in entries}
    assert languages == {"en", "fr", "es", "de", "it", "pt", "nl", "tr", "id", "sw"}
    assert all(word == word.lower() and word.strip() for word in profiles.weights)
    script_languages = {s.language for s in profiles.scripts}
    assert {"ar", "ru", "zh", "ja", "ko", "he", "hi", "el", "th"} <= script_languages


def test_language_is_fast_on_long_articles() -> None:
    article = "Troops fired on protesters in the capital on Tuesday, witnesses said. " * 2000
    detect_language(article)
    start = time.perf_counter()
    for _ in range(200):
        detect_language(article)
    assert (time.perf_counter() - start) / 200 < 0.005
