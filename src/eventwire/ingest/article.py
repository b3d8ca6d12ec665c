"""Text in, `Article` out: headline, cleaning, duplicate-headline removal, language and content id."""

from __future__ import annotations

import datetime as dt

from eventwire.errors import Errors
from eventwire.ingest.clean import clean_text, is_boilerplate_line, normalise, replace_surrogates
from eventwire.ingest.ids import article_id
from eventwire.ingest.language import detect_language
from eventwire.ingest.options import ingest_error
from eventwire.record import Article

TEXT_SOURCE = "<text>"


def make_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    title_from_first_line: bool = False,
) -> Article:
    """One cleaned `Article` from raw text; raises `IngestError` (E006) when no body text is left.

    With `title_from_first_line`, the first non-empty line (that is not a widget line such as
    "Advertisement") is the headline and the rest is the body; an explicit `title` wins over it. A
    file that holds nothing but that one line keeps it as body too, so a one-line report is still
    coded. An outlet named by a trailing credit line ("Source: X") is used when `outlet` is None.
    """
    return build_article(
        text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        title_from_first_line=title_from_first_line,
        source=TEXT_SOURCE,
    )


def build_article(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    title_from_first_line: bool = False,
    source: str = TEXT_SOURCE,
) -> Article:
    """`make_article` for readers: `source` names the file or record in error messages."""
    skipped: list[str] = []
    if title_from_first_line and not title:
        title, text, skipped = _split_headline(text)
    headline = " ".join(normalise(title).split()) if title else None
    cleaned = clean_text(text)
    removed = [*skipped, *cleaned.removed]
    body = cleaned.text
    if headline and body:
        first, _, rest = body.partition("\n\n")
        # Scrapers and extractors often repeat the headline as the body's first paragraph.
        if rest and _same(first, headline):
            removed.insert(len(skipped), first)
            body = rest
    if not body and headline and title_from_first_line and not cleaned.removed:
        body = headline
    if not body:
        detail = "only boilerplate was left after cleaning" if removed else "the text is empty"
        raise ingest_error(Errors.E006, source, detail=detail)
    return Article(
        id=article_id(headline, body),
        url=_field(url),
        outlet=_field(outlet) or cleaned.outlet,
        title=headline or None,
        published=published,
        language=detect_language(body),
        text=body,
        removed_boilerplate=removed,
    )


def _split_headline(text: str) -> tuple[str | None, str, list[str]]:
    lines = text.splitlines()
    skipped: list[str] = []
    for i, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            continue
        if is_boilerplate_line(line):
            skipped.append(line)
            continue
        return line, "\n".join(lines[i + 1 :]), skipped
    return None, "", skipped


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(".") == " ".join(b.split()).casefold().rstrip(".")


def _field(value: str | None) -> str | None:
    value = " ".join(replace_surrogates(value).split()) if value else None
    return value or None
