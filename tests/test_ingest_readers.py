"""read_inputs: every format, folders, stdin, and bad input turned into catalogued failures."""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from eventwire.ingest import IngestFailure, IngestOptions, read_inputs
from eventwire.record import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = (
    "Soldiers opened fire on a crowd of protesters outside the governor's office on Thursday, "
    "killing three people, hospital officials said."
)


def _split(items: Iterable[Article | IngestFailure]) -> tuple[list[Article], list[IngestFailure]]:
    articles: list[Article] = []
    failures: list[IngestFailure] = []
    for item in items:
        (articles if isinstance(item, Article) else failures).append(item)  # type: ignore[arg-type]
    return articles, failures


def _one_failure(paths: list[str | Path], **options: object) -> IngestFailure:
    items = list(read_inputs(paths, IngestOptions(**options)))  # type: ignore[arg-type]
    assert len(items) == 1 and isinstance(items[0], IngestFailure), items
    return items[0]


def test_readers_txt_headline_body_and_footer() -> None:
    (article,) = read_inputs([FIXTURES / "footer-boilerplate.txt"])
    assert isinstance(article, Article)
    assert article.title == "Gunmen kill seven in attack on market in northern town"
    assert article.text.startswith("Gunmen on motorbikes attacked a crowded livestock market")
    assert article.text.endswith("No group has claimed responsibility for the attack.")
    assert article.outlet == "northerncourier"
    assert article.language == "en"
    assert "read more about the victims" in article.text
    for junk in ("Advertisement", "Share this:", "Via northerncourier", "Related Articles", "WhatsApp"):
        assert junk in article.removed_boilerplate
        assert junk not in article.text
    assert article.removed_boilerplate[-1] == "Flooding displaces hundreds in river villages"


def test_readers_html_metadata() -> None:
    (article,) = read_inputs([FIXTURES / "page-metadata.html"])
    assert isinstance(article, Article)
    assert article.title == "Protesters clash with police over fuel prices"
    assert article.outlet == "The Harbour Times"
    assert article.url == "https://harbourtimes.example.com/news/fuel-protest"
    assert article.published == dt.date(2020, 11, 4)
    assert article.text.startswith("Thousands of protesters marched on parliament")
    assert "14 officers were injured" in article.text
    assert "Storm warning" not in article.text and "Home" not in article.text


def test_readers_html_without_metadata_falls_back(tmp_path: Path) -> None:
    page = tmp_path / "bare.htm"
    page.write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    (article,) = read_inputs([page], IngestOptions(published=dt.date(2021, 5, 6)))
    assert isinstance(article, Article)
    assert article.text == BODY
    assert article.published == dt.date(2021, 5, 6)


def test_readers_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = tmp_path / "cyrillic.html"
    body = "Армия заявила, что повстанцы атаковали город ночью и отступили к реке."
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{body}</p></body></html>'
    page.write_bytes(html.encode("cp1251"))
    (article,) = read_inputs([page])
    assert isinstance(article, Article)
    assert article.text == body and article.language == "ru"


def test_readers_folder_sorted_recursive_skipping_hidden_and_unsupported() -> None:
    articles, failures = _split(read_inputs([FIXTURES / "tree"]))
    assert failures == []
    assert [a.title for a in articles] == [
        "Curfew imposed after riots",  # reports/older/two.html
        "Fishermen detained by coast guard",  # reports/one.txt
        "Aid convoy reaches besieged town",  # zz-batch.jsonl
    ]


def test_readers_folder_with_garbage_file_yields_good_articles_and_one_failure(tmp_path: Path) -> None:
    for name in ("a.txt", "c.txt"):
        (tmp_path / name).write_text(f"Headline {name}\n\n{BODY}", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02garbage\xff\xfe" * 50)
    articles, failures = _split(read_inputs([tmp_path]))
    assert [a.title for a in articles] == ["Headline a.txt", "Headline c.txt"]
    assert len(failures) == 1
    assert failures[0].path == str(tmp_path / "b.txt") and failures[0].code == "E002"


def test_readers_directly_named_unsupported_file_is_e009(tmp_path: Path) -> None:
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04")
    failure = _one_failure([notes])
    assert failure.code == "E009" and ".docx" in failure.message


def test_readers_missing_path_is_e008(tmp_path: Path) -> None:
    failure = _one_failure([tmp_path / "nowhere.txt"])
    assert failure.code == "E008" and failure.path == str(tmp_path / "nowhere.txt")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"", "E001"),
        ("blank.txt", b"  \n\n\t\n", "E001"),
        ("empty.html", b"", "E001"),
        ("empty.jsonl", b"\n\n", "E001"),
        ("empty.csv", b"", "E001"),
        ("nul.txt", b"Headline\n\nBody with a \x00 NUL byte inside it.", "E002"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E002"),
        ("controls.txt", bytes(range(1, 9)) * 200, "E002"),
        ("gbk.txt", "军方说叛军夜间袭击了这座城市，造成多人死亡。".encode("gbk") * 20, "E003"),
        ("broken.json", b'[{"text": "unclosed', "E005"),
        ("tagless.html", b"no markup at all, just words", "E005"),
        ("broken.rss", b"<rss><channel><item><title>x</item></rss>", "E005"),
        ("notafeed.xml", b"<catalog><book>Title</book></catalog>", "E005"),
        ("nobody.html", b"<html><head><title>Only a title</title></head><body></body></html>", "E006"),
        ("only-junk.txt", b"Headline\n\nAdvertisement\n\nShare this", "E006"),
    ],
)
def test_readers_bad_input_becomes_failure(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    failure = _one_failure([path])
    assert failure.code == code, failure.message
    assert failure.path == str(path)
    assert failure.message.startswith(f"[{code}] {path}")


def test_readers_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 2**20)
    failure = _one_failure([big])
    assert failure.code == "E004" and "20.0 MB" in failure.message and "10.0 MB" in failure.message
    assert _one_failure([big], max_mb=5).message.count("5") >= 1


def test_readers_latin1_and_cp1252_text_decodes(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Café attack in São Paulo\n\nThe café’s owner said “nobody” was hurt.".encode("cp1252"))
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.title == "Café attack in São Paulo"
    assert article.text == "The café’s owner said “nobody” was hurt."


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_readers_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "bom.txt"
    data = f"Headline\n\n{BODY}".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.title == "Headline" and article.text == BODY


def test_readers_non_english_article_returned_with_language() -> None:
    (article,) = read_inputs([FIXTURES / "rapport-francais.txt"])
    assert isinstance(article, Article)
    assert article.language == "fr"
    assert article.title == "Des affrontements font plusieurs morts dans le nord"


def test_readers_default_published_date_applies_to_undated_articles() -> None:
    day = dt.date(2019, 1, 2)
    txt, html = read_inputs(
        [FIXTURES / "footer-boilerplate.txt", FIXTURES / "page-metadata.html"], IngestOptions(published=day)
    )
    assert isinstance(txt, Article) and isinstance(html, Article)
    assert txt.published == day
    assert html.published == dt.date(2020, 11, 4)


def test_readers_one_line_file_keeps_line_as_body(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text(BODY + "\n", encoding="utf-8")
    (article,) = read_inputs([path])
    assert isinstance(article, Article)
    assert article.title == BODY and article.text == BODY


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_readers_unreadable_file_is_e010(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(f"Headline\n\n{BODY}", encoding="utf-8")
    path.chmod(0)
    assert _one_failure([path]).code == "E010"


def test_readers_os_error_while_reading_is_e010(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.txt"
    path.write_text(f"Headline\n\n{BODY}", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    failure = _one_failure([path])
    assert failure.code == "E010" and "Permission denied" in failure.message


def test_readers_never_raise_on_a_reader_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.ingest import readers

    def broken(path: Path, label: str, options: IngestOptions) -> Iterable[Article | IngestFailure]:
        raise RuntimeError("boom")

    monkeypatch.setitem(readers.READERS, ".txt", broken)
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    failure = _one_failure([path])
    assert failure.code == "E010" and "RuntimeError: boom" in failure.message


@pytest.mark.parametrize(
    ("stdin", "title"),
    [
        (f"Headline from a pipe\n\n{BODY}\n", "Headline from a pipe"),
        (f'{{"title": "JSON from a pipe", "text": "{BODY}"}}', "JSON from a pipe"),
        (f'[{{"title": "Array from a pipe", "text": "{BODY}"}}]', "Array from a pipe"),
        (
            f"<html><head><title>HTML from a pipe</title></head><body><p>{BODY}</p></body></html>",
            "HTML from a pipe",
        ),
        (
            f'<?xml version="1.0"?><rss><channel><title>Pipe</title><item><title>RSS from a pipe</title>'
            f"<description>{BODY}</description></item></channel></rss>",
            "RSS from a pipe",
        ),
    ],
)
def test_readers_stdin_sniffs_format(stdin: str, title: str) -> None:
    (article,) = read_inputs(["-"], stdin=io.StringIO(stdin))
    assert isinstance(article, Article)
    assert article.title == title and article.text == BODY


def test_readers_stdin_empty_and_oversized() -> None:
    (empty,) = read_inputs(["-"], stdin=io.StringIO("  \n"))
    assert isinstance(empty, IngestFailure) and empty.code == "E001" and empty.path == "<stdin>"
    (big,) = read_inputs(["-"], IngestOptions(max_mb=0.001), stdin=io.StringIO("Headline\n\n" + BODY * 20))
    assert isinstance(big, IngestFailure) and big.code == "E004"


def test_readers_mixed_batch_keeps_order_and_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = list(
        read_inputs(
            [FIXTURES / "footer-boilerplate.txt", tmp_path / "missing.txt", empty, FIXTURES / "regional.atom"]
        )
    )
    assert [type(i).__name__ for i in items] == ["Article", "IngestFailure", "IngestFailure", "Article"]
    assert [i.code for i in items if isinstance(i, IngestFailure)] == ["E008", "E001"]
