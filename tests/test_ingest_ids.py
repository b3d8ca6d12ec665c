"""Content ids: same content, same id, whatever the whitespace or the file it came from."""

from __future__ import annotations

import re
from pathlib import Path

from eventwire.ingest import article_id, make_article, read_inputs
from eventwire.record import Article

TEXT = "Rebels attacked an army post on Friday.\n\nThe army said it repelled the attack."


def test_ids_same_content_same_id() -> None:
    assert article_id("Rebels attack post", TEXT) == article_id("Rebels attack post", TEXT)
    assert re.fullmatch(r"[0-9a-f]{20}", article_id("Rebels attack post", TEXT))


def test_ids_whitespace_only_differences_same_id() -> None:
    spaced = "  Rebels attacked   an army post on Friday.\r\n\r\n\tThe army said it repelled the attack.  "
    assert article_id("Rebels  attack post ", spaced) == article_id("Rebels attack post", TEXT)


def test_ids_title_and_text_both_count() -> None:
    assert article_id("Rebels attack post", TEXT) != article_id("Army repels rebels", TEXT)
    assert article_id(None, TEXT) == article_id("", TEXT)
    assert article_id(None, TEXT) != article_id(None, TEXT + " Two soldiers died.")


def test_ids_unicode_normal_form_does_not_matter() -> None:
    assert article_id(None, "Cafe\u0301 owners fled.") == article_id(None, "Café owners fled.")


def test_ids_reingesting_a_file_is_idempotent(tmp_path: Path) -> None:
    unix = tmp_path / "unix.txt"
    windows = tmp_path / "windows.txt"
    unix.write_text("Rebels attack post\n\n" + TEXT + "\n", encoding="utf-8")
    windows.write_bytes(
        ("Rebels attack post\r\n\r\n" + TEXT.replace("\n", "\r\n") + "  \r\n").encode("utf-8")
    )
    first, second, third = read_inputs([unix, unix, windows])
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, Article)
    assert first.id == second.id == third.id
    assert first.id == make_article(TEXT, title="Rebels attack post").id
