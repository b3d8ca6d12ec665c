"""Reports into events: the connected components of the "same event" links, with one constraint.

Two reports of one article are two events the article itself told apart, so they never end up in
one event, not even through a third report that matches both. Links are therefore applied one at
a time, strongest first (a shared event id, then by score, ties by key): a link joins its two
groups unless the joined group would hold two reports of one article; that link is then left out.
Without such conflicts this is exactly the connected components. The order depends only on the
links, never on the order articles arrived in, so the same reports always give the same events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkEdge:
    key_a: str
    key_b: str
    score: float
    forced: bool


def cluster(keys: Iterable[str], article_of: Mapping[str, str], links: Sequence[LinkEdge]) -> list[list[str]]:
    """Groups of report keys, each sorted, the groups sorted by their first key."""
    parent = {key: key for key in keys}
    articles = {key: {article_of[key]} for key in parent}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for link in sorted(links, key=lambda e: (not e.forced, -e.score, e.key_a, e.key_b)):
        ra, rb = root(link.key_a), root(link.key_b)
        if ra == rb or articles[ra] & articles[rb]:
            continue
        if rb < ra:
            ra, rb = rb, ra
        parent[rb] = ra
        articles[ra] |= articles.pop(rb)
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    return sorted((sorted(group) for group in groups.values()), key=lambda g: g[0])


def merged_event_id(report_ids: Iterable[str]) -> str:
    """A group's event id: its report's own id when it has one, else derived from all of them."""
    ids = sorted(set(report_ids))
    if len(ids) == 1:
        return ids[0]
    return "ev-" + hashlib.sha256("\n".join(ids).encode()).hexdigest()[:20]
