"""COW dyadic trade parsers: the real files' known values, and every malformed input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.sources import cow
from helpers import BOM, CRLF, Edit, bad_copy, raises_at, set_cell

V3 = "cow/cow-trade-v3.0-russia-syria.csv"
V4 = "cow/cow-trade-v4.0-rounded-russia-syria.csv"


def value(table: pd.DataFrame, year: int, direction: str, series: str = "flow") -> float:
    row = table[(table.year == year) & (table.direction == direction) & (table.series == series)]
    assert len(row) == 1
    return float(row.value_musd.iloc[0])


@pytest.fixture(scope="module")
def v3(sources: Path) -> pd.DataFrame:
    return cow.parse_v3(sources / V3).table


@pytest.fixture(scope="module")
def v4(sources: Path) -> pd.DataFrame:
    return cow.parse_v4_rounded(sources / V4).table


# --- the real files -------------------------------------------------------------------------


def test_v3_shape_and_dtypes(v3: pd.DataFrame) -> None:
    assert list(v3.columns) == ["year", "direction", "series", "value_musd", "missing"]
    assert v3.year.dtype == "int64" and v3.value_musd.dtype == "float64"
    assert v3.missing.dtype == bool
    assert set(v3.series) == {"flow"}
    assert set(v3.direction) == {"russia_to_syria", "syria_to_russia"}
    assert len(v3) == 2 * 58
    assert not v3.duplicated(["year", "direction", "series"]).any()
    assert (v3.year.min(), v3.year.max()) == (1950, 2009)


def test_v3_spikes(v3: pd.DataFrame) -> None:
    # The README's 1415 and 2135 are v3's exact 1415.03 and 2134.51, rounded.
    assert value(v3, 2004, "russia_to_syria") == 1415.03
    assert value(v3, 2008, "russia_to_syria") == 2134.51
    assert round(value(v3, 2004, "russia_to_syria")) == 1415
    assert round(value(v3, 2008, "russia_to_syria")) == 2135
    # flow1 is Russia's imports from Syria: Syrian exports to Russia.
    assert value(v3, 2008, "syria_to_russia") == 38.95


def test_v4_values(v4: pd.DataFrame) -> None:
    assert value(v4, 2004, "russia_to_syria") == 1415
    assert value(v4, 2008, "russia_to_syria") == 2135
    assert value(v4, 2004, "russia_to_syria", "smoothed") == 357
    assert value(v4, 2008, "russia_to_syria", "smoothed") == 1030
    assert set(v4.series) == {"flow", "smoothed"}
    assert len(v4) == 4 * 63
    assert (v4.year.min(), v4.year.max()) == (1950, 2014)


def test_no_united_arab_republic_years(v3: pd.DataFrame, v4: pd.DataFrame) -> None:
    for table in (v3, v4):
        assert not table.year.isin([1946, 1947, 1948, 1949, 1959, 1960]).any()


def test_nothing_missing_in_the_real_files(v3: pd.DataFrame, v4: pd.DataFrame) -> None:
    for table in (v3, v4):
        assert not table.missing.any()
        assert table.value_musd.notna().all()


def test_v4_is_v3_rounded_except_the_1961_63_revision(v3: pd.DataFrame, v4: pd.DataFrame) -> None:
    both = v3.merge(v4, on=["year", "direction", "series"], suffixes=("_v3", "_v4"))
    assert len(both) == len(v3)
    differ = both[np.round(both.value_musd_v3) != both.value_musd_v4]  # half to even, as R
    assert differ[["year", "direction"]].to_records(index=False).tolist() == [
        (1961, "syria_to_russia"),
        (1962, "syria_to_russia"),
        (1963, "syria_to_russia"),
    ]


def test_formats_and_sniff(sources: Path) -> None:
    expected = {"cow-trade-v3": cow.parse_v3, "cow-trade-v4-rounded": cow.parse_v4_rounded}
    assert expected == cow.FORMATS
    assert cow.sniff(sources / V3) == "cow-trade-v3"
    assert cow.sniff(sources / V4) == "cow-trade-v4-rounded"
    assert cow.sniff(sources / "quoted/official-trade-figures-quoted-in-news.csv") is None


# --- tolerated variations ---------------------------------------------------------------------


def test_crlf_and_bom_are_fine(sources: Path, tmp_path: Path, v3: pd.DataFrame) -> None:
    path = bad_copy(tmp_path, sources / V3, CRLF, prefix=BOM)
    pd.testing.assert_frame_equal(cow.parse_v3(path).table, v3)


def test_column_order_and_extra_columns_are_fine(
    sources: Path, tmp_path: Path, v4: pd.DataFrame
) -> None:
    frame = pd.read_csv(sources / V4, dtype=str, keep_default_na=False)
    # Columns move, but each numbered pair keeps COW's order (see the swapped-header cases).
    frame = frame[[*frame.columns[3:], *reversed(frame.columns[:3])]].assign(note="x")
    path = tmp_path / "reordered.csv"
    frame.to_csv(path, index=False)
    pd.testing.assert_frame_equal(cow.parse_v4_rounded(path).table, v4)


def test_extra_year_and_missing_values_are_kept(sources: Path, tmp_path: Path) -> None:
    path = bad_copy(tmp_path, sources / V4, lambda ls: [*ls[:-1], "365,652,2015,,-9,3,4", ""])
    table = cow.parse_v4_rounded(path).table
    assert table.year.max() == 2015
    gaps = table[table.missing]
    assert len(gaps) == 2 and set(gaps.year) == {2015} and gaps.value_musd.isna().all()
    assert set(gaps.series) == {"flow"}


def test_v3_minus_nine_is_missing(sources: Path, tmp_path: Path) -> None:
    path = bad_copy(tmp_path, sources / V3, set_cell(20, "flow2", "-9"))  # line 20: 1970
    table = cow.parse_v3(path).table
    assert table.missing.sum() == 1 and np.isnan(value(table, 1970, "russia_to_syria"))


# --- malformed inputs: each names the file, the line and the column ---------------------------


MALFORMED_V3: list[tuple[str, Edit, int | None, str | None]] = [
    ("header only", lambda ls: ls[:1], 1, None),
    ("short row", lambda ls: [*ls[:58], ls[58].rsplit(",", 3)[0], ""], 59, "flow2"),
    ("renamed column", lambda ls: [ls[0].replace("flow2", "flow_2"), *ls[1:]], 1, "flow2"),
    ("missing column", lambda ls: [",".join(c.split(",")[:-1]) for c in ls], 1, "source2"),
    ("non-numeric flow", set_cell(30, "flow2", "n/a"), 30, "flow2"),
    ("nan is not a number", set_cell(30, "flow1", "nan"), 30, "flow1"),
    ("non-numeric year", set_cell(12, "year", "1962a"), 12, "year"),
    ("duplicate year", set_cell(11, "year", "1958"), 11, "year"),
    ("unknown country", set_cell(7, "ccode2", "999"), 7, "ccode2"),
    ("wrong known country", set_cell(7, "ccode1", "652"), 7, "ccode1"),
    ("importer not the code's country", set_cell(8, "importer2", "Egypt"), 8, "importer2"),
    ("negative flow", set_cell(40, "flow1", "-3.5"), 40, "flow1"),
    ("year too early", set_cell(2, "year", "1850"), 2, "year"),
    ("year in the future", set_cell(59, "year", "2999"), 59, "year"),
    ("non-numeric source code", set_cell(3, "source1", "x"), 3, "source1"),
    ("stray value past the last column", lambda ls: [*ls[:4], ls[4] + ",7", *ls[5:]], 5, None),
]


@pytest.mark.parametrize(
    ("edit", "row", "column"),
    [case[1:] for case in MALFORMED_V3],
    ids=[case[0] for case in MALFORMED_V3],
)
def test_v3_malformed(
    sources: Path, tmp_path: Path, edit: Edit, row: int | None, column: str | None
) -> None:
    path = bad_copy(tmp_path, sources / V3, edit)
    raises_at(cow.parse_v3, path, row, column)


MALFORMED_V4: list[tuple[str, Edit, int, str]] = [
    ("not whole millions", set_cell(10, "smoothflow2", "4.4"), 10, "smoothflow2"),
    ("negative smoothed flow", set_cell(10, "smoothflow1", "-1"), 10, "smoothflow1"),
    (
        "renamed smoothed column",
        lambda ls: [ls[0].replace("smoothflow1", "smooth1"), *ls[1:]],
        1,
        "smoothflow1",
    ),
    ("unknown country", set_cell(64, "ccode1", "2"), 64, "ccode1"),
]


@pytest.mark.parametrize(
    ("edit", "row", "column"),
    [case[1:] for case in MALFORMED_V4],
    ids=[case[0] for case in MALFORMED_V4],
)
def test_v4_malformed(sources: Path, tmp_path: Path, edit: Edit, row: int, column: str) -> None:
    path = bad_copy(tmp_path, sources / V4, edit)
    raises_at(cow.parse_v4_rounded, path, row, column)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    raises_at(cow.parse_v3, path, None, None)


def test_undecodable_bytes(sources: Path, tmp_path: Path) -> None:
    data = (sources / V3).read_bytes().split(b"\n")
    data[4] = data[4].replace(b"Russia", b"R\xfcssia")
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"\n".join(data))
    raises_at(cow.parse_v3, path, 5, "importer1")


# --- swapped headers and lost lines -----------------------------------------------------------


def swap_names(first: str, second: str) -> Edit:
    """An edit swapping two column names in the header (line 1), the data left as it was."""

    def edit(lines: list[str]) -> list[str]:
        names = lines[0].split(",")
        i, j = names.index(first), names.index(second)
        names[i], names[j] = names[j], names[i]
        return [",".join(names), *lines[1:]]

    return edit


def without_year(year: int) -> Edit:
    """An edit dropping the whole line of one year, as a damaged copy might."""
    return lambda lines: [line for line in lines if f",{year}," not in line]


@pytest.mark.parametrize(
    ("name", "edit", "column"),
    [
        (V3, swap_names("flow1", "flow2"), "flow2"),
        (V3, swap_names("importer1", "importer2"), "importer2"),
        (V4, swap_names("flow1", "flow2"), "flow2"),
        (V4, swap_names("smoothflow1", "smoothflow2"), "smoothflow2"),
    ],
    ids=["v3 flows", "v3 importers", "v4 flows", "v4 smoothed flows"],
)
def test_swapped_header_names_are_refused_on_line_1(
    sources: Path, tmp_path: Path, name: str, edit: Edit, column: str
) -> None:
    path = bad_copy(tmp_path, sources / name, edit)
    parse = cow.parse_v3 if name == V3 else cow.parse_v4_rounded
    error = raises_at(parse, path, 1, column)
    assert "swapped" in error.message


@pytest.mark.parametrize(("name", "year", "line"), [(V3, 1975, 25), (V4, 1962, 12)])
def test_a_lost_line_inside_the_file_is_refused(
    sources: Path, tmp_path: Path, name: str, year: int, line: int
) -> None:
    """The line after the gap (which now holds the next year) is blamed."""
    path = bad_copy(tmp_path, sources / name, without_year(year))
    parse = cow.parse_v3 if name == V3 else cow.parse_v4_rounded
    assert path.read_text().split("\n")[line - 1].split(",")[2] == str(year + 1)
    error = raises_at(parse, path, line, "year")
    assert f"no row for {year}" in error.message


def test_the_united_arab_republic_gap_is_accepted(v3: pd.DataFrame) -> None:
    assert {1958, 1961} <= set(v3.year) and not {1959, 1960} & set(v3.year)
