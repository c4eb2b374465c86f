"""The source audit (``data/audit/source-audit.csv``) is a valid record: every key it names is
in the bibliography, every verdict in the vocabulary, every chapter real, and every verdict
short of "supported" carries a fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import audit, paths
from analysis.errors import DataError

PROJECT = paths.Project.discover(Path(__file__).parent)
AUDIT = PROJECT.data / "audit" / "source-audit.csv"


def _load(file: Path) -> pd.DataFrame:
    return audit.load(file, bibliography_path=PROJECT.bibliography, chapters=PROJECT.chapters)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return _load(AUDIT)


def test_valid(table: pd.DataFrame) -> None:
    assert list(table.columns) == list(audit.COLUMNS)
    assert set(table["verdict"]) <= set(audit.VERDICTS)
    assert set(table["chapter"]) <= {p.stem for p in PROJECT.chapters.glob("*.md")}


def test_introduction_is_covered(table: pd.DataFrame) -> None:
    assert (table["chapter"] == "introduction").sum() >= 20


def test_known_errors_are_recorded(table: pd.DataFrame) -> None:
    belousov = table[table["claim"].str.contains("Belousov") & (table["chapter"] == "after-assad")]
    assert list(belousov["verdict"]) == ["not supported"]
    assert belousov["fix"].str.contains("Abu Qasra").all()


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("sources", "no_such_key", "known_keys"),
        ("verdict", "true", "isin"),
        ("chapter", "no-such-chapter", "isin"),
        ("fix", "", "fix_unless_supported"),
    ],
)
def test_bad_row_fails(
    tmp_path: Path, table: pd.DataFrame, column: str, value: str, says: str
) -> None:
    row = int((table["verdict"] != "supported").to_numpy().argmax())
    frame = pd.read_csv(AUDIT, dtype=str, keep_default_na=False)
    frame.loc[row, column] = value
    bad = tmp_path / "source-audit.csv"
    frame.to_csv(bad, index=False)
    with pytest.raises(DataError) as info:
        _load(bad)
    assert says in info.value.message
    assert info.value.file == str(bad)
