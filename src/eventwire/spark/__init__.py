"""The pipeline on Apache Spark (`eventwire spark extract`, the optional eventwire[spark] extra).

Importing this package does not import pyspark: `eventwire store import` reads the job's Parquet
output without it. See job.py for the job's stages and importer.py for the second pass.
"""
