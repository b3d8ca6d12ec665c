"""Hand-made events for the query and export tests: one of each case the exports must handle.

airstrike  Albu Kamal, unknown perpetrator with a suspected and a denied one, disputed toll (22 / 50+)
bombing    Konduga, claimed by ISWAP, civilians killed (UCDP one-sided), a three-day date range
battle     Mosul, IS attacks Iraqi forces (UCDP state-based: the government is side A)
protest    Nairobi, peaceful, nothing said about deaths
suva       Suva, Fiji: a protest east of the antimeridian (for boxes that cross it)
threat     Kata'ib Hezbollah threatens the United States: no ACLED or UCDP type
accusation no date, no place
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.record import (
    AcledCoding,
    Article,
    Event,
    EventActor,
    EventDate,
    Evidence,
    FigureClaim,
    Figures,
    Location,
    Report,
    UcdpCoding,
)
from eventwire.store import EventStore

PUBLISHED = dt.date(2019, 6, 19)


def article(key: str, outlet: str = "cnsnews") -> Article:
    return Article(
        id=f"art-{key}",
        url=f"https://news.example.org/{key}",
        outlet=outlet,
        title=f"Headline {key}",
        published=PUBLISHED,
        text=f"Text of {key}.",
    )


def _evidence(art: Article, sentence: str) -> list[Evidence]:
    return [Evidence(article_id=art.id, sentence=sentence, start=0, end=len(sentence))]


def _report(art: Article) -> list[Report]:
    return [Report(article_id=art.id, outlet=art.outlet, url=art.url, published=art.published)]


def _day(day: dt.date) -> EventDate:
    return EventDate(start=day, end=day, precision="day", acled_time_precision=1, ucdp_date_prec=1)


A_SYRIA, A_NIGERIA, A_KENYA, A_IRAQ = (
    article("syria"),
    article("nigeria", "sahelwire"),
    article("kenya"),
    article("iraq"),
)

AIRSTRIKE = Event(
    id="ev-airstrike",
    type="ASSAULT",
    mode="aerial",
    acled=AcledCoding(
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        interaction=38,
    ),
    date=_day(dt.date(2019, 6, 16)),
    location=Location(
        text="Albu Kamal",
        name="Albu Kamal",
        geonameid=172515,
        lat=34.45,
        lon=40.92,
        country="Syria",
        country_code="SY",
        admin1="Deir ez-Zor",
        feature_code="PPLA2",
        acled_geo_precision=1,
        ucdp_where_prec=1,
    ),
    actors=[
        EventActor(
            role="source", name="Unidentified military forces (Syria)", acled_inter=8, status="unknown"
        ),
        EventActor(
            role="source", name="Israel", id="il", kind="state", status="suspected", according_to="PMF"
        ),
        EventActor(
            role="source",
            name="US-led coalition",
            id="us-led-coalition",
            acled_inter=8,
            status="denied",
            according_to="US-led coalition",
        ),
        EventActor(
            role="target",
            name="Popular Mobilization Forces",
            id="iq-pmf",
            kind="militia",
            sector="PRM",
            country_code="IQ",
            acled_inter=3,
            text="PMF",
        ),
        EventActor(role="assoc_target", name="Kata'ib Hezbollah", id="kataib-hezbollah", acled_inter=3),
    ],
    fatalities=Figures(
        best=22,
        low=22,
        high=50,
        claims=[
            FigureClaim(value=22, text="22", span=(40, 42), according_to="PMF", article_id=A_SYRIA.id),
            FigureClaim(
                value=50, qualifier="more than", text="more than 50", span=(90, 102), according_to="a monitor"
            ),
        ],
    ),
    injuries=Figures(best=12, claims=[FigureClaim(value=12, qualifier="vague", text="dozens", span=(5, 11))]),
    evidence=_evidence(A_SYRIA, "An airstrike on a base near Albu Kamal killed 22 fighters, the PMF said."),
    reports=_report(A_SYRIA),
    confidence=0.8,
)

BOMBING = Event(
    id="ev-bombing",
    type="ASSAULT",
    mode="explosives",
    acled=AcledCoding(
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        interaction=27,
    ),
    ucdp=UcdpCoding(type_of_violence=3),
    date=EventDate(
        start=dt.date(2019, 6, 17),
        end=dt.date(2019, 6, 19),
        precision="days",
        text="early this week",
        acled_time_precision=2,
        ucdp_date_prec=2,
    ),
    location=Location(
        name="Konduga",
        lat=11.65,
        lon=13.42,
        country="Nigeria",
        country_code="NG",
        admin1="Borno",
        acled_geo_precision=1,
        ucdp_where_prec=1,
    ),
    actors=[
        EventActor(
            role="source",
            name="Islamic State West Africa Province",
            id="iswap",
            sector="REB",
            acled_inter=2,
            status="claimed",
        ),
        EventActor(
            role="target", name="Civilians (Nigeria)", id="generic:civilians", sector="CVL", acled_inter=7
        ),
    ],
    fatalities=Figures(best=8, low=8, high=8, claims=[FigureClaim(value=8, text="eight", span=(0, 5))]),
    evidence=_evidence(A_NIGERIA, "A roadside bomb killed eight villagers near Konduga in Borno State."),
    reports=_report(A_NIGERIA),
)

BATTLE = Event(
    id="ev-battle",
    type="ASSAULT",
    mode="firearms",
    acled=AcledCoding(
        disorder_type="Political violence", event_type="Battles", sub_event_type="Armed clash", interaction=12
    ),
    ucdp=UcdpCoding(type_of_violence=1),
    date=_day(dt.date(2019, 6, 10)),
    location=Location(
        name="Mosul",
        lat=36.34,
        lon=43.13,
        country="Iraq",
        country_code="IQ",
        admin1="Nineveh",
        acled_geo_precision=2,
        ucdp_where_prec=2,
    ),
    actors=[
        EventActor(role="source", name="Islamic State", id="isis", sector="REB", acled_inter=2),
        EventActor(
            role="target",
            name="Iraqi Security Forces",
            id="iq-military",
            kind="military",
            sector="MIL",
            country_code="IQ",
            acled_inter=1,
        ),
    ],
    fatalities=Figures(best=3, low=3, high=5),
    evidence=_evidence(
        A_IRAQ, "Islamic State fighters attacked an army post west of Mosul, killing three soldiers."
    ),
    reports=_report(A_IRAQ),
)

PROTEST = Event(
    id="ev-protest",
    type="PROTEST",
    acled=AcledCoding(
        disorder_type="Demonstrations",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        interaction=60,
    ),
    date=_day(dt.date(2019, 6, 14)),
    location=Location(
        name="Nairobi", lat=-1.28, lon=36.82, country="Kenya", country_code="KE", admin1="Nairobi"
    ),
    actors=[EventActor(role="source", name="Protesters (Kenya)", id="generic:protesters", acled_inter=6)],
    evidence=_evidence(A_KENYA, "Thousands of protesters marched through Nairobi over fuel prices."),
    reports=_report(A_KENYA),
)

SUVA = Event(
    id="ev-suva",
    type="PROTEST",
    date=_day(dt.date(2019, 6, 15)),
    location=Location(
        name="Suva", lat=-18.14, lon=178.44, country="Fiji", country_code="FJ", admin1="Central"
    ),
    actors=[EventActor(role="source", name="Protesters (Fiji)", id="generic:protesters", acled_inter=6)],
    evidence=_evidence(A_KENYA, "Hundreds rallied in Suva against the new land law."),
    reports=_report(A_KENYA),
)

THREAT = Event(
    id="ev-threat",
    type="THREATEN",
    mode="violence",
    status="threatened",
    date=EventDate(start=dt.date(2019, 6, 18), end=dt.date(2019, 6, 19), precision="days"),
    location=Location(
        name="Iraq",
        lat=33.0,
        lon=44.0,
        country="Iraq",
        country_code="IQ",
        feature_code="PCLI",
        ucdp_where_prec=6,
    ),
    actors=[
        EventActor(
            role="source",
            name="Kata'ib Hezbollah",
            id="kataib-hezbollah",
            acled_inter=3,
            text="Kata’ib Hezbollah",
        ),
        EventActor(
            role="target", name="United States", id="us", wikidata="Q30", kind="state", country_code="US"
        ),
    ],
    evidence=_evidence(A_SYRIA, "Kata’ib Hezbollah threatened to attack the United States after the strike."),
    reports=_report(A_SYRIA),
)

ACCUSATION = Event(
    id="ev-accusation",
    type="ACCUSE",
    actors=[EventActor(role="source", name="Northern Command", id="provisional:northern-command")],
    evidence=_evidence(A_IRAQ, "Northern Command blamed the militia for the café bombing."),
)

ALL = [AIRSTRIKE, BOMBING, BATTLE, PROTEST, SUVA, THREAT, ACCUSATION]


def build_store(path: Path) -> Path:
    """A store holding every event above (four articles)."""
    by_article: dict[str, list[Event]] = {}
    for event in ALL:
        by_article.setdefault(event.evidence[0].article_id, []).append(event)
    with EventStore.open(path) as store:
        for art in (A_SYRIA, A_NIGERIA, A_KENYA, A_IRAQ):
            store.add(art, by_article.get(art.id, []))
    return path
