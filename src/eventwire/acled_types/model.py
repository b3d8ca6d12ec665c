"""The ACLED type model: a linear classifier over text features, from text to sub-event type.

It is stored as two files in a folder: `model.json` (the labels, the vocabulary with each
feature's inverse document frequency, and the card: what it was trained on and how it scored)
and `model.npz` (the weights). Loading needs numpy only; scoring a sentence takes microseconds.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from eventwire.acled_types.features import text_features
from eventwire.errors import Errors, SetupError

MODEL_JSON = "model.json"
MODEL_WEIGHTS = "model.npz"


@dataclass(frozen=True)
class Prediction:
    sub_event_type: str
    event_type: str
    probability: float


@dataclass
class TypeModel:
    labels: list[str]  # ACLED sub-event types, the classes
    event_types: dict[str, str]  # sub-event type -> its event type
    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]  # features x labels
    bias: npt.NDArray[np.float32]
    card: dict[str, Any] = field(default_factory=dict)

    def vector(self, text: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """The text's features as indices and their tf-idf values, normalised to unit length."""
        index = np.array(sorted(self.vocabulary[f] for f in text_features(text) if f in self.vocabulary))
        index = index.astype(np.int64)
        values = self.idf[index]
        norm = float(np.linalg.norm(values))
        return index, (values / norm if norm else values).astype(np.float32)

    def probabilities(self, text: str) -> npt.NDArray[np.float64]:
        index, values = self.vector(text)
        scores = (values @ self.weights[index] if len(index) else np.zeros(len(self.labels))) + self.bias
        scores = scores.astype(np.float64) - float(scores.max())
        exp = np.exp(scores)
        return exp / exp.sum()  # type: ignore[no-any-return]

    def predict(self, text: str, allowed: Collection[str] | None = None) -> Prediction | None:
        """The most probable sub-event type, among `allowed` ones when given (None if none is known)."""
        probabilities = self.probabilities(text)
        best: tuple[float, str] | None = None
        for i, label in enumerate(self.labels):
            if allowed is not None and label not in allowed:
                continue
            if best is None or probabilities[i] > best[0]:
                best = (float(probabilities[i]), label)
        if best is None:
            return None
        return Prediction(best[1], self.event_types[best[1]], best[0])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        ordered = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        meta = {
            "labels": self.labels,
            "event_types": self.event_types,
            "vocabulary": ordered,
            "card": self.card,
        }
        (folder / MODEL_JSON).write_text(
            json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        # float16 halves the file; the scores it gives differ from float32 in the fourth decimal
        np.savez_compressed(
            folder / MODEL_WEIGHTS,
            idf=self.idf.astype(np.float16),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )

    @classmethod
    def load(cls, folder: Path) -> TypeModel:
        meta_path, weights_path = folder / MODEL_JSON, folder / MODEL_WEIGHTS
        if not meta_path.is_file() or not weights_path.is_file():
            raise SetupError(Errors.E076.format(path=folder))
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(weights_path) as arrays:
            idf = arrays["idf"].astype(np.float32)
            weights = arrays["weights"].astype(np.float32)
            bias = arrays["bias"].astype(np.float32)
        return cls(
            labels=list(meta["labels"]),
            event_types=dict(meta["event_types"]),
            vocabulary={f: i for i, f in enumerate(meta["vocabulary"])},
            idf=idf,
            weights=weights,
            bias=bias,
            card=dict(meta.get("card", {})),
        )


def packaged_model_folder() -> Path:
    return Path(str(resources.files("eventwire.acled_types").joinpath("data")))


@cache
def load_type_model(folder: Path | None = None) -> TypeModel:
    """The model in `folder` (one `eventwire train types` wrote), else the packaged one; loaded once."""
    return TypeModel.load(folder or packaged_model_folder())
