"""The events stage: PLOVER type, mode and status, actors, and ACLED/UCDP codes per event."""

from eventwire.events.build import EventBuilder
from eventwire.events.lexicon import load_lexicon

__all__ = ["EventBuilder", "load_lexicon"]
