"""Hand-built gazetteer entries for the places tests."""

from __future__ import annotations

from eventwire.annotations import Place


def place(
    name: str,
    cc: str,
    lat: float,
    lon: float,
    feature: str = "PPL",
    pop: int = 10_000,
    admin1: str | None = None,
    admin2: str | None = None,
    country: str = "",
) -> Place:
    return Place(
        name=name,
        lat=lat,
        lon=lon,
        country_code=cc,
        country=country or cc,
        admin1=admin1,
        admin2=admin2,
        feature_code=feature,
        population=pop,
    )
