"""The claims stage: casualty figures with their qualifiers, attributed to whoever states them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.claims.quantity import Quantity, parse_quantity
from eventwire.claims.summary import summarize_figures, to_claim

if TYPE_CHECKING:
    from eventwire.claims.figures import find_figures


def __getattr__(name: str) -> Any:
    # find_figures needs spaCy; the store reuses the figure rules (summary) when it merges reports
    # and must not load spaCy for that, so the finder is imported on first use.
    if name == "find_figures":
        from eventwire.claims.figures import find_figures

        return find_figures
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Quantity", "find_figures", "parse_quantity", "summarize_figures", "to_claim"]
