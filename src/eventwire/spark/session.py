"""The SparkSession `eventwire spark extract` runs in: the extra checked, the executors' Python set.

Under `spark-submit` the session already has its master and settings; from the command line the
master is --master (default local[*]). Executors must run a Python with eventwire installed: by
default the one running this command (PYSPARK_PYTHON), which is right for local[*]; on a cluster
set spark.pyspark.python (see the README, "Running on a cluster").
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Mapping
from typing import Any

from eventwire.errors import Errors, SetupError

DEFAULT_MASTER = "local[*]"


def spark_session(master: str | None = None, conf: Mapping[str, str] | None = None) -> Any:
    """Get or create the session; SetupError E093 without pyspark, E094 when Spark cannot start."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SetupError(Errors.E093.format(detail=exc)) from exc
    # pyspark 4.3 warns that pandas 3 is newer than it was tested with; eventwire's job uses Arrow
    # batches (mapInArrow), not pandas, so the warning says nothing about this job.
    warnings.filterwarnings(
        "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
    )
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("eventwire")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit, which set the master
    if master or not submitted:
        builder = builder.master(master or DEFAULT_MASTER)
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SetupError(Errors.E094.format(detail=detail)) from exc
