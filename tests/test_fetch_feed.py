"""Feed items as the watcher sees them: identity across polls, the page to fetch, teaser or story."""

from __future__ import annotations

from eventwire.fetch.feed import FULL_TEXT_CHARS, read_feed
from eventwire.ingest import IngestFailure, IngestOptions
from eventwire.record import Article

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Regional Monitor</title>
  <entry>
    <id>tag:monitor.example.org,2024:hostages</id>
    <title>Hostages freed</title>
    <link rel="alternate" href="/2024/hostages-freed"/>
    <link rel="enclosure" href="/photo.jpg"/>
    <updated>2024-05-02T10:00:00Z</updated>
    <summary>Twenty hostages were freed on Thursday.</summary>
  </entry>
  <entry>
    <id>tag:monitor.example.org,2024:ceasefire</id>
    <title>Ceasefire holds</title>
    <link href="https://monitor.example.org/ceasefire"/>
    <content type="html">&lt;p&gt;The ceasefire in the north held, monitors said.&lt;/p&gt;</content>
  </entry>
</feed>"""

RSS = """<rss version="2.0"><channel><title>Desk</title>
<item><title>Opaque guid</title><guid isPermaLink="false">12345</guid>
  <description>Police dispersed a rally in the capital.</description></item>
<item><title>Link only</title><link>https://desk.example.org/link-only</link></item>
<item><title>Nothing at all</title></item>
<item><title>Long</title><link>https://desk.example.org/long</link><description>{long}</description></item>
</channel></rss>"""


def test_feed_atom_ids_links_and_full_content() -> None:
    hostages, ceasefire = read_feed(
        ATOM, "atom", IngestOptions(), base="https://monitor.example.org/feeds/all"
    )
    assert hostages.key == "tag:monitor.example.org,2024:hostages"
    assert hostages.link == "https://monitor.example.org/2024/hostages-freed"  # resolved, not the enclosure
    assert hostages.outlet == "Regional Monitor" and hostages.title == "Hostages freed"
    assert hostages.published is not None and hostages.published.isoformat() == "2024-05-02"
    assert not hostages.full_text  # a summary: its page is worth fetching
    assert ceasefire.full_text and isinstance(ceasefire.article, Article)


def test_feed_rss_keys_teasers_and_items_without_text() -> None:
    opaque, link_only, nothing, long = read_feed(
        RSS.format(long="Soldiers clashed with gunmen. " * 60),
        "rss",
        IngestOptions(),
        base="https://desk.example.org/",
    )
    assert opaque.key == "12345" and opaque.link is None  # an opaque guid is no address
    assert link_only.key == link_only.link == "https://desk.example.org/link-only"
    assert isinstance(link_only.article, IngestFailure) and link_only.article.code == "E006"
    assert (
        nothing.link is None
        and nothing.key.startswith("sha1:")
        and isinstance(nothing.article, IngestFailure)
    )
    assert isinstance(long.article, Article) and len(long.article.text) >= FULL_TEXT_CHARS and long.full_text


def test_feed_without_items_is_empty_not_broken() -> None:
    assert read_feed("<rss><channel><title>Quiet</title></channel></rss>", "quiet", IngestOptions()) == []
