"""RSS and Atom feeds: one article per item, markup stripped, dates and links kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.ingest import IngestFailure, IngestOptions, read_inputs
from eventwire.ingest.feeds import looks_like_feed
from eventwire.record import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_feeds_rss_items_with_description_and_content() -> None:
    path = FIXTURES / "world-news.rss"
    shelling, minister, empty = read_inputs([path])
    assert isinstance(shelling, Article)
    assert shelling.title == "Rebels shell government-held district"
    assert shelling.url == "https://worlddesk.example.com/rebels-shell-district"
    assert shelling.published == dt.date(2019, 9, 8)
    assert shelling.outlet == "Example World Desk"
    assert shelling.text == (
        "Rebels shelled a government-held district of the city on Saturday, killing four civilians, "
        "state media reported.\n\nThe army said it had returned fire."
    )
    # content:encoded (the full story) wins over a one-line description.
    assert isinstance(minister, Article)
    assert minister.text.startswith("The defence minister resigned on Monday")
    assert minister.published == dt.date(2019, 9, 9)
    assert isinstance(empty, IngestFailure) and empty.code == "E006" and empty.path == f"{path}:item 3"


def test_feeds_atom_entry() -> None:
    (article,) = read_inputs([FIXTURES / "regional.atom"])
    assert isinstance(article, Article)
    assert article.title == "Hostages freed after negotiations"
    assert article.url == "https://monitor.example.org/hostages-freed"
    assert article.published == dt.date(2022, 5, 2)  # published, not updated
    assert article.outlet == "Regional Monitor"
    assert "<p>" not in article.text and article.text.startswith("Twenty hostages")


def test_feeds_default_date_and_xml_suffix(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        "<rss><channel><title>Desk</title><item><title>Undated</title>"
        "<description>Police dispersed a rally in the capital with water cannon.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    (article,) = read_inputs([path], IngestOptions(published=dt.date(2023, 8, 1)))
    assert isinstance(article, Article) and article.published == dt.date(2023, 8, 1)


def test_feeds_rdf_rss1(tmp_path: Path) -> None:
    path = tmp_path / "rdf.rss"
    path.write_text(
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>RDF Desk</title></channel>"
        "<item><title>Strike halts ports</title><link>https://rdf.example/1</link>"
        "<dc:date>2017-04-03</dc:date>"
        "<description>Dock workers went on strike on Monday.</description></item>"
        "</rdf:RDF>",
        encoding="utf-8",
    )
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.outlet == "RDF Desk" and article.published == dt.date(2017, 4, 3)
    assert article.url == "https://rdf.example/1"


def test_feeds_entities_are_not_expanded_from_outside(tmp_path: Path) -> None:
    path = tmp_path / "xxe.rss"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file:///etc/hostname">]>'
        "<rss><channel><item><title>x</title>"
        "<description>Before &leak; after.</description></item></channel></rss>",
        encoding="utf-8",
    )
    items = list(read_inputs([path]))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, Article):
        assert item.text in {"Before after.", "Before  after."}
    else:
        assert item.code == "E005"


def test_feeds_sniffing() -> None:
    assert looks_like_feed('<?xml version="1.0"?>\n<rss version="2.0">')
    assert looks_like_feed('<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed("<!-- generator --><rdf:RDF>")
    assert not looks_like_feed("<!DOCTYPE html><html><body>")
