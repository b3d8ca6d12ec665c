"""JSON, JSONL and CSV: one article per record, renamed columns, bad records named and skipped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventwire.ingest import IngestFailure, IngestOptions, read_inputs
from eventwire.ingest.tabular import column_aliases
from eventwire.record import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = "Armed men abducted 14 passengers from a bus on the highway on Sunday, the state police said."
CSV_OPTIONS = IngestOptions(
    text_column="story_body",
    title_column="story_title",
    url_column="story_link",
    published_column="story_date",
    outlet_column="publisher",
)


def _codes(items: list[Article | IngestFailure]) -> list[str]:
    return ["article" if isinstance(i, Article) else f"{i.code} {i.path.rsplit(':', 1)[-1]}" for i in items]


def test_tabular_jsonl_common_field_names_and_bad_lines() -> None:
    path = FIXTURES / "renamed-columns.jsonl"
    items = list(read_inputs([path]))
    assert _codes(items) == ["article", "article", "E005 line 4", "article", "E006 line 6"]
    first = items[0]
    assert isinstance(first, Article)
    assert first.title == "Roadside bomb hits army convoy"
    assert first.url == "https://wire.example.net/1"
    assert first.outlet == "Example Wire"
    assert first.published == dt.date(2019, 7, 2)
    second, fourth = items[1], items[3]
    assert isinstance(second, Article) and second.published == dt.date(2019, 7, 4)
    # 2019-02-30 does not exist: the article is kept, undated.
    assert isinstance(fourth, Article) and fourth.published is None
    failure = items[2]
    assert isinstance(failure, IngestFailure) and failure.path == f"{path}:line 4"


def test_tabular_csv_renamed_columns_and_bad_rows() -> None:
    path = FIXTURES / "renamed-columns.csv"
    items = list(read_inputs([path], CSV_OPTIONS))
    assert _codes(items) == ["article", "article", "E005 row 4", "E006 row 5", "article"]
    court = items[1]
    assert isinstance(court, Article)
    assert court.title == "Court jails opposition leader"
    assert court.text.endswith("He plans to appeal the verdict.")
    assert court.outlet == "Desk News" and court.published == dt.date(2018, 3, 14)
    drone = items[4]
    assert isinstance(drone, Article) and drone.published == dt.date(2018, 3, 15)
    assert items[2].path == f"{path}:row 4"  # type: ignore[union-attr]


def test_tabular_csv_without_text_column_is_one_failure() -> None:
    (failure,) = read_inputs([FIXTURES / "renamed-columns.csv"])
    assert isinstance(failure, IngestFailure)
    assert failure.code == "E006" and "story_body" in failure.message and "'text'" in failure.message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_tabular_csv_delimiter_detected(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(
        delimiter.join(["title", "text", "date"])
        + "\n"
        + delimiter.join(["Bus attack", BODY.replace(",", ""), "2020-01-05"])
        + "\n"
    )
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.title == "Bus attack" and article.published == dt.date(2020, 1, 5)


def test_tabular_csv_long_field_beyond_default_csv_limit(tmp_path: Path) -> None:
    long_text = " ".join([BODY] * 3000)  # ~280 KB, over csv's default 128 KB field limit
    path = tmp_path / "long.csv"
    path.write_text(f'title,text\nLong report,"{long_text}"\nShort report,"{BODY}"\n', encoding="utf-8")
    first, second = read_inputs([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert len(first.text) == len(long_text)


def test_tabular_record_over_max_mb_is_e004_and_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    lines = [{"text": BODY * 200}, {"text": BODY}]
    path.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    big, small = read_inputs([path], IngestOptions(max_mb=0.01))
    assert isinstance(big, IngestFailure) and big.code == "E004" and big.path == f"{path}:line 1"
    assert isinstance(small, Article)


def test_tabular_csv_extra_fields_and_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "western.csv"
    content = f'title,text\n"Café raid","{BODY} The owner’s shop was closed."\n"Too many",b,c\n'
    path.write_bytes(content.encode("cp1252"))
    good, bad = read_inputs([path])
    assert isinstance(good, Article) and good.title == "Café raid" and "owner’s" in good.text
    assert isinstance(bad, IngestFailure) and bad.code == "E005" and bad.path == f"{path}:row 3"


@pytest.mark.parametrize(
    "document",
    [
        [{"title": "One", "text": BODY}, {"title": "Two", "text": BODY + " Two died."}],
        {
            "status": "ok",
            "articles": [{"title": "One", "text": BODY}, {"title": "Two", "text": BODY + " Two died."}],
        },
    ],
)
def test_tabular_json_array_or_wrapped_array(tmp_path: Path, document: object) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    items = list(read_inputs([path]))
    assert [a.title for a in items if isinstance(a, Article)] == ["One", "Two"]


def test_tabular_json_single_object_and_jsonl_misnamed(tmp_path: Path) -> None:
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"headline": "Lone article", "content": BODY}), encoding="utf-8")
    lines = tmp_path / "lines.json"
    lines.write_text(
        json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " More."}) + "\n", encoding="utf-8"
    )
    (one,) = read_inputs([single])
    assert isinstance(one, Article) and one.title == "Lone article" and one.text == BODY
    assert [type(i).__name__ for i in read_inputs([lines])] == ["Article", "Article"]


@pytest.mark.parametrize(
    ("record", "detail"),
    [
        ({"text": 42}, "int, not text"),
        ({"text": ["a", "b"]}, "list, not text"),
        ({"title": "No body"}, "no 'text' field"),
    ],
)
def test_tabular_bad_text_values(tmp_path: Path, record: dict[str, object], detail: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    (failure,) = read_inputs([path])
    assert isinstance(failure, IngestFailure) and failure.code == "E006" and detail in failure.message
    assert failure.path == f"{path}:item 1"


def test_tabular_non_object_items_are_e005(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(f'[1, 2]\n{{"text": "{BODY}"}}\n', encoding="utf-8")
    bad, good = read_inputs([path])
    assert isinstance(bad, IngestFailure) and bad.code == "E005" and "list" in bad.message
    assert isinstance(good, Article)


def test_tabular_html_in_record_text_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    record = {"title": "Scraped", "text": f"<p>{BODY}</p><p>Police said three suspects were arrested.</p>"}
    path.write_text(json.dumps(record), encoding="utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.text == f"{BODY}\n\nPolice said three suspects were arrested."


def test_tabular_news_api_style_source_object(tmp_path: Path) -> None:
    path = tmp_path / "newsapi.json"
    record = {"title": "Bus attack", "content": BODY, "source": {"id": None, "name": "Highway Times"}}
    path.write_text(json.dumps({"articles": [record]}), encoding="utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article) and article.outlet == "Highway Times"


def test_tabular_explicit_column_is_not_replaced_by_aliases(tmp_path: Path) -> None:
    path = tmp_path / "explicit.jsonl"
    path.write_text(json.dumps({"body": BODY, "summary": "Short."}), encoding="utf-8")
    (article,) = read_inputs([path], IngestOptions(text_column="summary"))
    assert isinstance(article, Article) and article.text == "Short."


def test_tabular_badly_encoded_line_costs_only_that_record(tmp_path: Path) -> None:
    path = tmp_path / "late-error.jsonl"
    good = (json.dumps({"text": BODY}) + "\n").encode("utf-8")
    western = '{"text": "Caf\xe9 owners said the raid lasted an hour."}\n'.encode("cp1252")
    chinese = '{"text": "军方说叛军夜间袭击了这座城市"}\n'.encode("gbk")
    path.write_bytes(good * 3000 + western + chinese + good)
    items = list(read_inputs([path]))
    assert sum(isinstance(i, Article) for i in items) == 3002
    cafe = items[3000]
    assert isinstance(cafe, Article) and cafe.text.startswith("Café owners")
    failure = items[3001]
    assert (
        isinstance(failure, IngestFailure) and failure.code == "E003" and failure.path == f"{path}:line 3002"
    )


def test_tabular_column_aliases_file_is_valid() -> None:
    aliases = column_aliases()
    assert set(aliases) == {"text", "title", "url", "published", "outlet"}
    for field, names in aliases.items():
        assert names[0] == field and all(name == name.lower() for name in names)
    flat = [name for names in aliases.values() for name in names]
    assert len(flat) == len(set(flat)), "a name may stand for one field only"
