"""Training the type model on ACLED's own coding: each event's `notes`, labelled with its sub-event type.

Multinomial logistic regression over tf-idf features (features.py), fitted by AdaGrad in a fixed
order from a fixed seed, so the same rows always give the same weights. Plain numpy: no learning
library to install, and training on a year of one region takes seconds.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.acled_types.features import STEM_CHARS, text_features
from eventwire.acled_types.model import TypeModel
from eventwire.errors import Errors, UsageError

REQUIRED_COLUMNS = ("event_date", "event_type", "sub_event_type", "notes")
MIN_DOCUMENT_FREQUENCY = 2  # a feature seen once says nothing about its class
EPOCHS = 20
LEARNING_RATE = 0.5
L2 = 1e-5
SEED = 0


@dataclass(frozen=True)
class LabelledNote:
    date: dt.date
    text: str
    event_type: str
    sub_event_type: str


def read_acled_csv(path: Path) -> list[LabelledNote]:
    """The rows of an ACLED export with a note and a sub-event type."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise UsageError(Errors.E077.format(path=path, detail=f"no column {', '.join(missing)}"))
            rows = list(reader)
    except OSError as exc:
        raise UsageError(Errors.E078.format(path=path, detail=exc.strerror or str(exc))) from exc
    except UnicodeDecodeError as exc:
        raise UsageError(Errors.E077.format(path=path, detail="not UTF-8 text")) from exc
    notes = []
    for n, row in enumerate(rows, start=2):
        if not (row["notes"] or "").strip() or not row["sub_event_type"] or not row["event_type"]:
            continue
        try:
            date = dt.date.fromisoformat(row["event_date"].strip()[:10])
        except ValueError as exc:
            detail = f"line {n}: event_date '{row['event_date']}' is not YYYY-MM-DD"
            raise UsageError(Errors.E077.format(path=path, detail=detail)) from exc
        notes.append(
            LabelledNote(date, row["notes"], row["event_type"].strip(), row["sub_event_type"].strip())
        )
    if not notes:
        raise UsageError(Errors.E077.format(path=path, detail="no row has a note and a sub-event type"))
    return notes


def train(notes: Sequence[LabelledNote], *, epochs: int = EPOCHS, seed: int = SEED) -> TypeModel:
    """A model fitted on `notes` (the same notes, epochs and seed give the same model)."""
    labels = sorted({n.sub_event_type for n in notes})
    event_types = {n.sub_event_type: n.event_type for n in notes}
    features = [text_features(n.text) for n in notes]
    frequency = Counter(f for fs in features for f in fs)
    kept = sorted(f for f, count in frequency.items() if count >= MIN_DOCUMENT_FREQUENCY)
    vocabulary = {f: i for i, f in enumerate(kept)}
    total = len(notes)
    idf = np.array([math.log((1 + total) / (1 + frequency[f])) + 1 for f in kept], dtype=np.float32)
    model = TypeModel(
        labels=labels,
        event_types=event_types,
        vocabulary=vocabulary,
        idf=idf,
        weights=np.zeros((len(kept), len(labels)), dtype=np.float32),
        bias=np.zeros(len(labels), dtype=np.float32),
    )
    vectors = [model.vector(n.text) for n in notes]
    target = np.array([labels.index(n.sub_event_type) for n in notes])
    weights = np.zeros((len(kept), len(labels)), dtype=np.float64)
    bias = np.zeros(len(labels), dtype=np.float64)
    squared = np.full_like(weights, 1e-8)
    squared_bias = np.full_like(bias, 1e-8)
    order = np.random.default_rng(seed)
    for _ in range(epochs):
        for k in order.permutation(total):
            index, values = vectors[k]
            scores = values @ weights[index] + bias
            scores -= scores.max()
            gradient = np.exp(scores)
            gradient /= gradient.sum()
            gradient[target[k]] -= 1.0
            step = np.outer(values, gradient) + L2 * weights[index]
            squared[index] += step * step
            weights[index] -= LEARNING_RATE * step / np.sqrt(squared[index])
            squared_bias += gradient * gradient
            bias -= LEARNING_RATE * gradient / np.sqrt(squared_bias)
    model.weights = weights.astype(np.float32)
    model.bias = bias.astype(np.float32)
    return model


def score(model: TypeModel, notes: Sequence[LabelledNote]) -> dict[str, Any]:
    """Accuracy of event and sub-event type, per-class precision and recall, and the confusion matrix
    (gold sub-event type -> predicted -> count) of `model` on `notes`."""
    confusion: dict[str, Counter[str]] = {}
    right_type = right_sub = 0
    for note in notes:
        predicted = model.predict(note.text)
        label = predicted.sub_event_type if predicted else ""
        confusion.setdefault(note.sub_event_type, Counter())[label] += 1
        right_sub += label == note.sub_event_type
        right_type += predicted is not None and predicted.event_type == note.event_type
    classes: dict[str, dict[str, float | int]] = {}
    for label in sorted({*confusion, *model.labels}):
        support = sum(confusion.get(label, Counter()).values())
        found = sum(row[label] for row in confusion.values())
        hits = confusion.get(label, Counter())[label]
        classes[label] = {
            "support": support,
            "precision": round(hits / found, 4) if found else 0.0,
            "recall": round(hits / support, 4) if support else 0.0,
        }
    n = len(notes)
    return {
        "n": n,
        "event_type": round(right_type / n, 4) if n else 0.0,
        "sub_event_type": round(right_sub / n, 4) if n else 0.0,
        "classes": classes,
        "confusion": {gold: dict(row.most_common()) for gold, row in sorted(confusion.items())},
    }


def build_model(
    notes: Sequence[LabelledNote],
    *,
    files: Sequence[str],
    licence: str,
    validate_from: dt.date | None = None,
) -> TypeModel:
    """The model of all `notes`, with its card; with `validate_from`, the card also scores a model
    trained on the notes before that day on the notes from that day on."""
    validation = None
    if validate_from is not None:
        before = [n for n in notes if n.date < validate_from]
        after = [n for n in notes if n.date >= validate_from]
        if not before or not after:
            detail = f"no events {'before' if not before else 'from'} {validate_from} to train or score on"
            raise UsageError(Errors.E078.format(path="--validate-from", detail=detail))
        validation = {"split": validate_from.isoformat(), **score(train(before), after)}
    model = train(notes)
    model.card = {
        "files": list(files),
        "rows": len(notes),
        "first_date": min(n.date for n in notes).isoformat(),
        "last_date": max(n.date for n in notes).isoformat(),
        "licence": licence,
        "command": "eventwire train types "
        + " ".join(f"--acled {name}" for name in files)
        + (f" --validate-from {validate_from.isoformat()}" if validate_from else "")
        + " --out FOLDER",
        "features": f"words, word pairs, {STEM_CHARS}-letter stems: {len(model.vocabulary)}",
        "labels": model.labels,
        "trained": dt.date.today().isoformat(),
        "validation": validation,
    }
    return model
