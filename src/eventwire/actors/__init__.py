"""Actors: the knowledge base (states, forces, armed groups, IGOs, leaders) and the mention resolver.

`find_actors(doc, kb)` returns every actor mention of a parsed article; `ActorKB` loads and
validates the packaged YAML knowledge base and feeds the EntityRuler (`entity_ruler_patterns`,
for a ruler configured with `phrase_matcher_attr: LOWER`).
"""

from eventwire.actors.kb import ActorKB, default_kb
from eventwire.actors.normalize import normalize_name
from eventwire.actors.resolve import find_actors

__all__ = ["ActorKB", "default_kb", "find_actors", "normalize_name"]
