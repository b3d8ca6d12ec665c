"""Fetched documents to articles: pages through ingest's HTML path, feeds through its feed reader.

`read_url` is what `eventwire ingest https://…` runs for each URL it is given (and only for those:
links inside a fetched feed are not followed by ingest; `eventwire watch` does that, with a cap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from eventwire.fetch.client import Fetched, Fetcher, FetchLimits, PageFetcher
from eventwire.fetch.media import body_text, shape_of
from eventwire.ingest.article import build_article
from eventwire.ingest.feeds import feed_items
from eventwire.ingest.html import read_page
from eventwire.ingest.options import IngestFailure, IngestOptions
from eventwire.record import Article


def page_article(
    fetched: Fetched,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    outlet: str | None = None,
    default_published: dt.date | None = None,
    text: str | None = None,
) -> Article:
    """The article of a fetched page, its `url` the address it was fetched from (after redirects).

    The page's own headline wins over the feed item's `title`, which fills in when the page has
    none: the content hash covers the headline, so a page coded from a feed and the same page given
    to `eventwire ingest URL` are one article. The item's date wins over the page's (the feed states
    it as data; a page's is often guessed from its text), and the page's site name over the feed's
    title as the outlet. Plain text is read like a .txt file, its first line the headline. `text`
    is the body already decoded, when the caller has it. Raises IngestError (E002/E003/E005/E006).
    """
    label = fetched.requested
    if text is None:
        text = body_text(fetched)
    if shape_of(fetched, text) == "text":
        return build_article(
            text,
            url=fetched.url,
            outlet=outlet,
            published=published or default_published,
            title_from_first_line=True,
            source=label,
        )
    page = read_page(text, label)
    return build_article(
        page.text,
        title=page.title or title,
        url=fetched.url,
        outlet=page.outlet or outlet,
        published=published or page.published or default_published,
        source=label,
    )


def read_url(
    url: str, options: IngestOptions = IngestOptions(), fetcher: PageFetcher | None = None
) -> Iterator[Article | IngestFailure]:
    """The articles at one URL: a page is one article, a feed one per item (their text as the feed
    carries it), plain text one. Raises IngestError (E060-E066 for the fetch) for the caller to
    report as this URL's failure; `options.max_mb` caps the download.
    """
    if fetcher is None:
        with Fetcher(FetchLimits.of(max_mb=options.max_mb)) as own:
            yield from read_url(url, options, own)
        return
    fetched = fetcher.fetch(url, kind="any")
    text = body_text(fetched)
    if shape_of(fetched, text) == "feed":
        yield from feed_items(text, url, options)
    else:
        yield page_article(fetched, default_published=options.published, text=text)
