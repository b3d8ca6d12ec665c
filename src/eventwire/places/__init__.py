"""Places: the offline gazetteer, toponyms in the text, and each event's location."""

from eventwire.places.build import INDEX_VERSION, build_gazetteer
from eventwire.places.countries import country_context
from eventwire.places.find import actors_outside_places, find_places
from eventwire.places.gazetteer import (
    Gazetteer,
    InMemoryGazetteer,
    SqliteGazetteer,
    gazetteer_path,
    open_gazetteer,
)
from eventwire.places.locate import event_location, precision

__all__ = [
    "INDEX_VERSION",
    "Gazetteer",
    "InMemoryGazetteer",
    "SqliteGazetteer",
    "actors_outside_places",
    "build_gazetteer",
    "country_context",
    "event_location",
    "find_places",
    "gazetteer_path",
    "open_gazetteer",
    "precision",
]
