"""The claims stage: casualty figures with their qualifiers, attributed to whoever states them."""

from __future__ import annotations

from eventwire.claims.figures import find_figures
from eventwire.claims.quantity import Quantity, parse_quantity
from eventwire.claims.summary import summarize_figures, to_claim

__all__ = ["Quantity", "find_figures", "parse_quantity", "summarize_figures", "to_claim"]
