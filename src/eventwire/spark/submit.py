"""Entry point for `spark-submit`: the same arguments as `eventwire spark extract`.

    SUBMIT=$(python -c 'import eventwire.spark.submit as s; print(s.__file__)')
    spark-submit --master spark://HOST:7077 "$SUBMIT" --input /shared/news --output /shared/out

spark-submit runs a Python file, not a console script; this one hands its arguments to the CLI.
"""

from __future__ import annotations

import sys

from eventwire.cli import main


def run() -> None:
    sys.argv = ["eventwire", "spark", "extract", *sys.argv[1:]]
    main()


if __name__ == "__main__":
    run()
