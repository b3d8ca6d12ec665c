"""Hypothesis settings shared by the fuzz tests (tests/test_fuzz_*.py).

Locally each run draws new cases, so fuzzing keeps finding new inputs; in CI (the `CI` variable is
set, as every CI service does) the cases are derandomized: the same ones on every run, so a red
build is reproducible and never flaky. No example database is written into the repository.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI = bool(os.environ.get("CI"))

FUZZ = settings(
    deadline=None,  # a case may take a while (a 1 MB line, trafilatura on odd HTML); the count matters
    derandomize=CI,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
