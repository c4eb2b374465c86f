"""The table of numbers quoted from sources (``data/curated/claims.csv``): it loads, holds
the figures the chapters state, and a bad row fails on its line and column."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import curated, edition, paths
from analysis.errors import DataError

PROJECT = paths.Project.discover(Path(__file__).parent)


def _load(folder: Path) -> pd.DataFrame:
    return curated.load("claims", folder, bibliography_path=PROJECT.bibliography)


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return _load(PROJECT.curated).set_index("id")


def test_claims_is_a_curated_table() -> None:
    assert "claims" in curated.TABLES


def test_loads_typed(claims: pd.DataFrame) -> None:
    assert claims["value"].dtype == "float64"
    assert set(claims["status"]) <= set(curated.CLAIM_STATUSES)
    assert claims.loc[claims["qualifier"] == "range", "value_high"].notna().all()


def test_shoigu_counted_strikes_and_sorties_apart(claims: pd.DataFrame) -> None:
    sorties, strikes = claims.loc["shoigu-2016-sorties"], claims.loc["shoigu-2016-strikes"]
    assert (sorties["value"], sorties["unit"]) == (17_800, "sorties")
    assert (strikes["value"], strikes["unit"]) == (71_000, "strikes")
    assert {sorties["status"], strikes["status"]} == {"claim"}
    assert sorties["date"] == strikes["date"] == "2016-12-22"


def test_basing_and_contract_figures(claims: pd.DataFrame) -> None:
    warships = claims.loc["tartus-2017-warships"]
    assert (warships["value"], warships["qualifier"]) == (11, "at_most")
    assert claims.loc["cast-2012-concluded-contracts", "value"] == 4e9
    assert claims.loc["tartus-2017-term", "value"] == 49


def test_debt_sources_disagree_and_both_are_kept(claims: pd.DataFrame) -> None:
    assert claims.loc["kudrin-2005-written-off", "value"] == 9.8e9
    assert claims.loc["rferl-2005-written-off", "value"] == 13.4e9


def test_nothing_after_the_record_closes() -> None:
    closes = edition.load(PROJECT.edition).record_closes
    table = curated.load(
        "claims", PROJECT.curated, bibliography_path=PROJECT.bibliography, record_closes=closes
    )
    assert not table.empty


def _bad_copy(tmp_path: Path, column: str, value: str, row: int = 0) -> Path:
    shutil.copy(PROJECT.curated / "claims.csv", tmp_path / "claims.csv")
    file = tmp_path / "claims.csv"
    rows = list(csv.reader(io.StringIO(file.read_text("utf-8"))))
    rows[row + 1][rows[0].index(column)] = value
    with file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return file


@pytest.mark.parametrize(
    ("column", "value", "blamed", "says"),
    [
        ("status", "UNVERIFIED", "status", "not in the vocabulary"),
        ("unit", "sortie", "unit", "not in the vocabulary"),
        ("value", "71,000", "value", "not a number"),
        ("value_high", "5", "value_high", "exactly when the qualifier is 'range'"),
        ("translation", "", "translation", "not English"),
        ("language", "English", "language", "ISO 639-1"),
        ("sources", "no_such_key", "sources", "no_such_key"),
    ],
)
def test_bad_cell_is_located(
    tmp_path: Path, column: str, value: str, blamed: str, says: str
) -> None:
    # row 0 is the FRUS credit: English, exact, one source
    row = 0 if column != "translation" else _first_non_english()
    file = _bad_copy(tmp_path, column, value, row)
    with pytest.raises(DataError) as info:
        _load(tmp_path)
    assert (info.value.file, info.value.row, info.value.column) == (str(file), row + 2, blamed)
    assert says in info.value.message


def _first_non_english() -> int:
    table = _load(PROJECT.curated)
    return int((table["language"] != "en").to_numpy().argmax())


def test_range_high_must_exceed_low(tmp_path: Path) -> None:
    table = _load(PROJECT.curated)
    row = int((table["qualifier"] == "range").to_numpy().argmax())
    file = _bad_copy(tmp_path, "value_high", "1", row)
    with pytest.raises(DataError) as info:
        _load(tmp_path)
    assert (info.value.file, info.value.row, info.value.column) == (
        str(file),
        row + 2,
        "value_high",
    )
    assert "not above value" in info.value.message
