"""`eventwire kb stats` and `eventwire kb find` through the CLI."""

from __future__ import annotations

import json

import pycountry
from typer.testing import CliRunner

from eventwire.actors.stats import regions
from eventwire.cli import app

runner = CliRunner()


def test_cli_kb_stats_counts_by_kind_and_region() -> None:
    result = runner.invoke(app, ["kb", "stats"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert {"total", "by_kind", "by_region", "non_state_armed_groups"} <= set(stats)
    assert stats["total"] == sum(stats["by_kind"].values()) == sum(stats["by_region"].values())
    assert stats["by_kind"]["state"] >= 193
    assert "Middle East" in stats["by_region"]


def test_cli_kb_find_explains_a_variant_spelling() -> None:
    result = runner.invoke(app, ["kb", "find", "Kata’ib Hizballah"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [e["id"] for e in found["exact"]] == ["kataib-hezbollah"]
    assert found["exact"][0]["ancestors"] == ["iq-pmf"]


def test_cli_kb_find_suggests_the_closest_names_for_a_typo() -> None:
    found = json.loads(runner.invoke(app, ["kb", "find", "Hezbolah Brigades"]).stdout)
    assert found["exact"] == []
    assert found["closest"][0]["id"] == "kataib-hezbollah"


def test_actors_regions_table_uses_real_country_codes() -> None:
    known = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    assert set(regions()) <= known
    assert len(set(regions())) >= 193
