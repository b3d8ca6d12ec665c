"""What the type model reads in a text: its words, word pairs and word stems.

ACLED's notes open with the date ("On 23 February 2022, ...") and close with the crowd size
("[size=around 80]"); neither says what kind of event it was, so both are left out, here and in
the news sentences the model reads, so that the two read alike.
"""

from __future__ import annotations

import re
from itertools import pairwise

_OPENING_DATE = re.compile(r"^\s*(?:on|around|between)\s+\d{1,2}\s+[a-z]+\s+\d{4}\b[^,]*,?", re.IGNORECASE)
_SIZE = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z]+|\d+")
STEM_CHARS = 5  # a longer word also counts by its first five letters: "shelled", "shelling" -> "shell"


def text_features(text: str) -> set[str]:
    """The features of one text: lower-case words (numbers as "0"), adjacent pairs, and stems."""
    cleaned = _SIZE.sub(" ", _OPENING_DATE.sub(" ", text)).lower()
    tokens = ["0" if t.isdigit() else t for t in _TOKEN.findall(cleaned)]
    features = set(tokens)
    features.update(f"{a} {b}" for a, b in pairwise(tokens))
    features.update(f"~{t[:STEM_CHARS]}" for t in tokens if len(t) > STEM_CHARS)
    return features
