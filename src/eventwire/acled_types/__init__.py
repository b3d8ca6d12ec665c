"""ACLED event types learned from ACLED's own coding (`eventwire train types`).

The events stage finds an event by its trigger words and gives it a PLOVER type; within the ACLED
event types that PLOVER type allows (an ASSAULT is a battle, a remote-violence event or violence
against civilians; a PROTEST a protest or a riot), this model reads the event's sentences and picks
the ACLED sub-event type, as ACLED's coders did on the notes it was trained on.
"""

from __future__ import annotations

from eventwire.acled_types.card import write_card
from eventwire.acled_types.model import Prediction, TypeModel, load_type_model, packaged_model_folder
from eventwire.acled_types.train import LabelledNote, build_model, read_acled_csv, score, train

__all__ = [
    "LabelledNote",
    "Prediction",
    "TypeModel",
    "build_model",
    "load_type_model",
    "packaged_model_folder",
    "read_acled_csv",
    "score",
    "train",
    "write_card",
]
