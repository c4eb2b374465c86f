"""COW's own dyadic trade file (format ``cow-trade``), on small synthetic files in COW's layout."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from analysis.errors import DataError
from analysis.sources import cow, cow_dyadic, sniff
from helpers import raises_at

HEADER = (
    "ccode1,ccode2,year,importer1,importer2,flow1,flow2,smoothflow1,smoothflow2,spike1,spike2,"
    "dip1,dip2,trdspike,tradedip,bel_lux_alt_flow1,bel_lux_alt_flow2,china_alt_flow1,"
    "china_alt_flow2,source1,source2,version"
)
OTHER = (
    "2,20,2004,United States of America,Canada,1000.5,900.25,1000,900,0,0,0,0,0,0,-9,-9,-9,-9,1,1,4"
)
PAIR_2003 = "365,652,2003,Russia,Syria,150.12,498.7,150,480,0,0,0,0,0,0,-9,-9,-9,-9,1,1,4"
PAIR_2004 = "365,652,2004,Russia,Syria,-9,1415.43,140,357.2,0,1,0,0,1,0,-9,-9,-9,-9,3,1,4"


def write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def test_keeps_the_pair_with_exact_values(tmp_path: Path) -> None:
    path = write(
        tmp_path / "Dyadic_COW_4.0.csv", OTHER, PAIR_2003, OTHER.replace("2004", "2005"), PAIR_2004
    )
    assert sniff(path) == "cow-trade"
    assert cow.sniff(path) is None  # the subsets' formats do not claim COW's whole file
    parsed = cow_dyadic.parse(path)
    assert parsed.release == "4.0"
    table = parsed.table.set_index(["series", "direction", "year"])
    assert set(table.index.get_level_values("year")) == {2003, 2004}
    assert table.loc[("flow", "russia_to_syria", 2004), "value_musd"] == 1415.43
    assert table.loc[("smoothed", "russia_to_syria", 2004), "value_musd"] == 357.2
    assert table.loc[("flow", "syria_to_russia", 2003), "value_musd"] == 150.12
    missing = table.loc[("flow", "syria_to_russia", 2004)]
    assert missing["missing"] and math.isnan(missing["value_musd"])
    assert len(table) == 8
    assert list(parsed.table.columns) == ["year", "direction", "series", "value_musd", "missing"]


def test_same_table_as_the_subset_formats(tmp_path: Path) -> None:
    """The columns and dtypes of cow.py's formats: all feed the processed table `trade`."""
    whole = cow_dyadic.parse(write(tmp_path / "whole.csv", PAIR_2003))
    subset = tmp_path / "subset.csv"
    subset.write_text(
        "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n365,652,2003,150,499,150,480\n",
        encoding="utf-8",
    )
    assert whole.table.dtypes.to_dict() == cow.parse_v4_rounded(subset).table.dtypes.to_dict()


@pytest.mark.parametrize(
    ("rows", "line", "column"),
    [
        ((OTHER, PAIR_2003.replace("150.12", "-3")), 3, "flow1"),
        ((PAIR_2003, OTHER, PAIR_2003), 4, "year"),
        ((PAIR_2003, PAIR_2004[:-1] + "4.1"), 3, "version"),
        ((PAIR_2003[:-1] + "four",), 2, "version"),
        ((PAIR_2003.replace("Russia", "Rossiya"),), 2, "importer1"),
        ((OTHER.replace("2,20", "2,x"),), 2, "ccode2"),
        ((OTHER,), None, "ccode1"),
    ],
    ids=[
        "negative-flow",
        "duplicate-year",
        "two-versions",
        "bad-version",
        "importer",
        "code",
        "no-pair",
    ],
)
def test_bad_input_is_located(
    tmp_path: Path, rows: tuple[str, ...], line: int | None, column: str
) -> None:
    raises_at(cow_dyadic.parse, write(tmp_path / "bad.csv", *rows), line, column)


def test_missing_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER.replace(",version", "") + "\n" + PAIR_2003[:-2] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing column"):
        cow_dyadic.parse(path)
