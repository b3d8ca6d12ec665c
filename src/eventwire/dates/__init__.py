"""The dates stage: date expressions found in the text and resolved against the publication date."""

from __future__ import annotations

from eventwire.dates.choose import event_date, precision_codes
from eventwire.dates.find import find_dates

__all__ = ["event_date", "find_dates", "precision_codes"]
