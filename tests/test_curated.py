"""The curated tables load and hold the facts the chapters rely on; bad copies fail precisely."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import curated, eras
from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project
from helpers import project_with


@pytest.fixture(scope="module")
def tables(data: Data) -> dict[str, pd.DataFrame]:
    return {name: data.curated(name) for name in curated.TABLES}


def test_all_tables_load(tables: dict[str, pd.DataFrame]) -> None:
    assert set(tables) == {"agreements", "unsc_vetoes", "events", "bases", "claims"}
    assert all(len(frame) for frame in tables.values())


def test_vetoes(tables: dict[str, pd.DataFrame]) -> None:
    vetoes = tables["unsc_vetoes"].sort_values("n")
    assert len(vetoes) == 18
    assert list(vetoes["n"]) == list(range(1, 19))
    first, last = vetoes.iloc[0], vetoes.iloc[-1]
    assert (first["draft_symbol"], first["date"]) == ("S/2011/612", "2011-10-04")
    assert bool(first["china_vetoed"]) and first["vetoed_by"] == "Russia; China"
    assert last["draft_symbol"] == "S/2023/506"
    assert not last["china_vetoed"]
    assert (vetoes["china_vetoed"] == (vetoes["vetoed_by"] == "Russia; China")).all()


def _agreement(tables: dict[str, pd.DataFrame], id_: str) -> pd.Series:
    rows = tables["agreements"].set_index("id")
    return rows.loc[id_]


def test_treaty_of_friendship(tables: dict[str, pd.DataFrame]) -> None:
    treaty = _agreement(tables, "1980-10-08-treaty-friendship-cooperation")
    assert treaty["date"] == "1980-10-08" and treaty["date_precision"] == "day"
    assert (treaty["term_years"], treaty["renewal_years"]) == (20, 5)
    assert treaty["kind"] == "treaty"


def test_tartus_2017(tables: dict[str, pd.DataFrame]) -> None:
    tartus = _agreement(tables, "2017-01-18-tartus-naval-facility")
    assert (tartus["term_years"], tartus["renewal_years"]) == (49, 25)


def test_tartus_port_concession_terminated(tables: dict[str, pd.DataFrame]) -> None:
    port = _agreement(tables, "2019-04-20-tartus-port-concession")
    assert port["status"] == "terminated"
    assert port["end_date"].startswith("2025-01")


def test_eras_are_derived(tables: dict[str, pd.DataFrame]) -> None:
    for name in ("agreements", "events"):
        frame = tables[name]
        derived = frame["date"].map(lambda d: eras.era_of(curated.first_day(d)))
        assert (derived == frame["era"]).all(), name


def test_values_only_with_a_note(tables: dict[str, pd.DataFrame]) -> None:
    agreements = tables["agreements"]
    assert (agreements["value_usd"].notna() == agreements["value_note"].notna()).all()


# --- malformed copies -------------------------------------------------------------------


def _copy(tmp_path: Path, project: Project) -> Project:
    """A project with copies of the curated tables and what validates them."""
    return project_with(tmp_path, project, "data/curated", "data/edition.yaml", "references.bib")


def _edit(copy: Project, name: str, change: Callable[[list[list[str]]], None]) -> Path:
    """Apply ``change`` to the table's rows (header first) and write it back."""
    file = copy.curated / f"{name}.csv"
    rows = list(csv.reader(io.StringIO(file.read_text("utf-8"))))
    change(rows)
    with file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return file


def _set(name_col: str, row_index: int, value: str) -> Callable[[list[list[str]]], None]:
    def change(rows: list[list[str]]) -> None:
        rows[row_index + 1][rows[0].index(name_col)] = value

    return change


def _fails(copy: Project, name: str) -> DataError:
    with pytest.raises(DataError) as info:
        Data(copy).curated(name)
    return info.value


def test_impossible_date(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    file = _edit(copy, "events", _set("date", 4, "2017-13-01"))
    error = _fails(copy, "events")
    assert (error.file, error.row, error.column) == (str(file), 6, "date")


def test_citation_key_missing_from_bibliography(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    file = _edit(copy, "agreements", _set("sources", 2, "frus_1955_57_v13_d320; no_such_key"))
    error = _fails(copy, "agreements")
    assert (error.file, error.row, error.column) == (str(file), 4, "sources")
    assert "no_such_key" in error.message


def test_citation_checked_against_given_bibliography(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    bib = tmp_path / "tiny.bib"
    bib.write_text("@misc{un_veto_list, title={Veto list}, year={2022}}\n", "utf-8")
    with pytest.raises(DataError) as info:
        curated.load("unsc_vetoes", copy.curated, bibliography_path=bib)
    assert (info.value.row, info.value.column) == (2, "sources")


def test_unknown_vocabulary_value(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    file = _edit(copy, "agreements", _set("status", 7, "dormant"))
    error = _fails(copy, "agreements")
    assert (error.file, error.row, error.column) == (str(file), 9, "status")
    assert "dormant" in error.message


def test_duplicate_id(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)

    def duplicate(rows: list[list[str]]) -> None:
        rows[11][0] = rows[10][0]

    file = _edit(copy, "events", duplicate)
    error = _fails(copy, "events")
    assert (error.file, error.row, error.column) == (str(file), 12, "id")


def test_missing_column(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)

    def drop_era(rows: list[list[str]]) -> None:
        position = rows[0].index("era")
        for row in rows:
            del row[position]

    file = _edit(copy, "events", drop_era)
    error = _fails(copy, "events")
    assert (error.file, error.row, error.column) == (str(file), 1, "era")


def test_era_disagreeing_with_date(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    file = _edit(copy, "agreements", _set("era", 0, "assad"))  # a 1946 row
    error = _fails(copy, "agreements")
    assert (error.file, error.row, error.column) == (str(file), 2, "era")


def test_precision_disagreeing_with_date(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    file = _edit(copy, "events", _set("date_precision", 0, "month"))
    error = _fails(copy, "events")
    assert (error.file, error.row, error.column) == (str(file), 2, "date_precision")


def test_bad_vote_count(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)
    file = _edit(copy, "unsc_vetoes", _set("vote_for", 2, "eleven"))
    error = _fails(copy, "unsc_vetoes")
    assert (error.file, error.row, error.column) == (str(file), 4, "vote_for")


def test_terminated_needs_end_date(tmp_path: Path, project: Project) -> None:
    copy = _copy(tmp_path, project)

    def clear_end(rows: list[list[str]]) -> None:
        header = rows[0]
        for row in rows[1:]:
            if row[header.index("status")] == "terminated":
                row[header.index("end_date")] = ""
                row[header.index("end_precision")] = ""

    _edit(copy, "agreements", clear_end)
    assert _fails(copy, "agreements").column == "end_date"


def test_unknown_table(data: Data) -> None:
    with pytest.raises(ValueError, match="unknown curated table"):
        data.curated("treaties")
