"""The producer-names table: loaded from the project's CSV, every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import countries
from analysis.paths import Project
from helpers import raises_at

HEADER = "producer,name,book_name,note\n"


def test_the_projects_table_maps_current_and_old_spellings() -> None:
    names = countries.load_names(Project.discover().producer_names)
    assert names.book_name("sipri", "Türkiye") == "Turkey"
    assert names.book_name("sipri", "Soviet Union") == countries.USSR
    assert set(names.book_names.values()) <= countries.SIPRI_NAMES


def test_unknown_name_quotes_the_line_to_add(tmp_path: Path) -> None:
    path = tmp_path / "producer-names.csv"
    path.write_text(HEADER + "sipri,Syria,Syria,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r'add this line to .*: sipri,"Korea, North"'):
        countries.load_names(path).book_name("sipri", "Korea, North")


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        ("sipri,Syria,Syria,\nsipri,Syria,Syrie,\n", 3, "producer"),
        ("sipri,Syria,,\n", 2, "book_name"),
        ("sipri, Syria,Syria,\n", 2, "name"),
    ],
    ids=["duplicate", "blank-book-name", "spaces"],
)
def test_bad_table_is_located(tmp_path: Path, body: str, line: int, column: str) -> None:
    path = tmp_path / "producer-names.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    raises_at(countries.load_names, path, line, column)
