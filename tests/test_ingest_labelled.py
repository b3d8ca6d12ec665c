"""read_labelled: every item comes with the file it was read from, so messages can name it."""

from __future__ import annotations

from pathlib import Path

from eventwire.ingest import IngestFailure, read_labelled
from eventwire.record import Article


def test_ingest_labelled_names_the_file_of_each_article_and_failure(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline A\n\nTroops clashed with rebels near the border on Monday.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02 binary")
    items = list(read_labelled([tmp_path]))
    assert [(Path(label).name, type(item)) for label, item in items] == [
        ("a.txt", Article),
        ("b.txt", IngestFailure),
    ]
