"""Correlates of War dyadic trade, Russia (365) and Syria (652): versions 3.0 and 4.0.

COW's dyads are non-directed with ``ccode1 < ccode2``: ``flow1`` is what country 1 (Russia)
imported from country 2 (Syria), i.e. Syrian exports to Russia; ``flow2`` is Russian exports
to Syria. Values are millions of current US$; COW codes a missing value as -9 (the v4.0
repackaging by peacesciencer leaves the cell empty instead, and rounds to whole millions).

Both parsers return the same long table, one row per year, direction and series:

- ``year`` (int64), ``direction`` ("russia_to_syria" | "syria_to_russia"),
  ``series`` ("flow" | "smoothed"; v3.0 has only "flow"),
- ``value_musd`` (float64; NaN exactly where COW says missing),
- ``missing`` (bool; True where COW says missing). Missing years are kept, never dropped,
  so that a gap is explicit; years COW has no row for (1946-49, 1959-60: the United Arab
  Republic) are not invented.

Key: (year, direction, series). Extra columns and extra years are accepted, and columns may
move, except that each numbered pair keeps COW's order (``importer1`` before ``importer2``,
``flow1`` before ``flow2``, ``smoothflow1`` before ``smoothflow2``): a header whose names were
swapped would otherwise pass and swap the two directions of trade. Years run without a gap
except 1959-60 (a lost line inside the file is refused; a file cut after a whole line is
caught by the registry's size and sha256, see ``registry.check``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.countries import COW_CODES
from analysis.sources import Parsed, Parser
from analysis.sources._checks import check_unique, check_years, to_float, to_int
from analysis.sources._text import Table, read_table, sniff_header

UAR_YEARS = frozenset({1959, 1960})
"""Syria was part of the United Arab Republic: COW has no row for these years."""
RUSSIA_CODE = 365
SYRIA_CODE = 652
MISSING_CODE = -9.0
SYRIA_TO_RUSSIA = "syria_to_russia"
RUSSIA_TO_SYRIA = "russia_to_syria"

V3_COLUMNS = (
    "ccode1",
    "ccode2",
    "year",
    "importer1",
    "importer2",
    "flow1",
    "flow2",
    "source1",
    "source2",
)
V4_ROUNDED_COLUMNS = ("ccode1", "ccode2", "year", "flow1", "flow2", "smoothflow1", "smoothflow2")

# value column -> (series, direction); flow1 = imports of Russia = Syrian exports to Russia.
_V3_VALUES = {"flow1": ("flow", SYRIA_TO_RUSSIA), "flow2": ("flow", RUSSIA_TO_SYRIA)}
_V4_VALUES = {
    **_V3_VALUES,
    "smoothflow1": ("smoothed", SYRIA_TO_RUSSIA),
    "smoothflow2": ("smoothed", RUSSIA_TO_SYRIA),
}


def parse_v3(path: Path) -> Parsed:
    """COW trade v3.0 rows for the pair: exact values, flows only."""
    table = read_table(path, V3_COLUMNS)
    _check_pair_order(table, ("importer", "flow", "source"))
    years = _check_dyad(table)
    for number in ("1", "2"):
        _check_importer(table, f"importer{number}", f"ccode{number}")
        table.convert(f"source{number}", to_int)  # COW's source codes: must at least be codes
    return Parsed(_long(table, years, _V3_VALUES, whole=False))


def parse_v4_rounded(path: Path) -> Parsed:
    """COW trade v4.0 as repackaged (and rounded to whole millions) by peacesciencer."""
    table = read_table(path, V4_ROUNDED_COLUMNS)
    _check_pair_order(table, ("flow", "smoothflow"))
    years = _check_dyad(table)
    return Parsed(_long(table, years, _V4_VALUES, whole=True))


FORMATS: dict[str, Parser] = {
    "cow-trade-v3": parse_v3,
    "cow-trade-v4-rounded": parse_v4_rounded,
}
HEADERS: dict[str, tuple[str, ...]] = {
    "cow-trade-v3": V3_COLUMNS,
    "cow-trade-v4-rounded": V4_ROUNDED_COLUMNS,
}


def sniff(path: Path) -> str | None:
    """The id of the COW format whose columns the file's header has, else None."""
    return sniff_header(path, HEADERS)


def _check_dyad(table: Table) -> list[int]:
    """Every row is the Russia-Syria dyad, one row per year; returns the years."""
    for column, expected in (("ccode1", RUSSIA_CODE), ("ccode2", SYRIA_CODE)):
        for (line, _), code in zip(
            table.column(column), table.convert(column, to_int), strict=True
        ):
            if code not in COW_CODES:
                raise table.error(f"unknown country code {code}", line, column)
            if code != expected:
                raise table.error(
                    f"{code} ({COW_CODES[code]}) where this file must hold "
                    f"{expected} ({COW_CODES[expected]})",
                    line,
                    column,
                )
    years = table.convert("year", to_int)
    check_years(table, "year", years)
    check_unique(table, {"year": years})
    _check_contiguous(table, years)
    return years


def _check_pair_order(table: Table, stems: tuple[str, ...]) -> None:
    """Each numbered pair of columns in COW's order, country 1's column first.

    ``flow1`` is what ``ccode1`` imported from ``ccode2``: COW publishes it, like every
    column of country 1, before its country-2 twin. A twin found first means the header's
    names were swapped (the file would then read as the other direction of trade).
    """
    for stem in stems:
        first, second = table.header.index(f"{stem}1"), table.header.index(f"{stem}2")
        if second < first:
            raise table.error(
                f"{stem}2 comes before {stem}1: COW puts country 1's column first "
                f"({stem}1 = ccode1's, flow1 = imports of ccode1 from ccode2); "
                "were the header's names swapped?",
                1,
                f"{stem}2",
            )


def _check_contiguous(table: Table, years: list[int]) -> None:
    """No year missing between the first and the last, except the UAR's: a missing year
    is a line lost from the file, never a gap COW leaves."""
    present = set(years)
    missing = sorted(set(range(min(present), max(present) + 1)) - present - UAR_YEARS)
    if missing:
        after = min(year for year in present if year > missing[0])
        line = int(table.cells.index[years.index(after)])
        raise table.error(
            f"no row for {', '.join(map(str, missing))}: COW's years run without a gap except "
            f"{min(UAR_YEARS)}-{max(UAR_YEARS)} (the United Arab Republic); a line lost?",
            line,
            "year",
        )


def _check_importer(table: Table, column: str, code_column: str) -> None:
    """An importer name, where given, is COW's name for the row's country code."""
    codes = table.convert(code_column, to_int)
    for (line, name), code in zip(table.column(column), codes, strict=True):
        if name and name != COW_CODES[code]:
            raise table.error(
                f"importer {name!r} is not {COW_CODES[code]!r} (code {code})", line, column
            )


def _flow(whole: bool) -> Callable[[str], float]:
    """Cell -> value in US$ million, NaN for COW's missing (-9 or empty); no other negative."""

    def convert(cell: str) -> float:
        if cell == "":
            return math.nan
        value = to_float(cell)
        if value == MISSING_CODE:
            return math.nan
        if value < 0:
            raise ValueError(f"negative trade flow {cell!r} (COW's only negative is -9, missing)")
        if whole and value != round(value):
            raise ValueError(f"{cell!r} is not a whole number: this format is rounded")
        return value

    return convert


def _long(
    table: Table, years: list[int], values: dict[str, tuple[str, str]], whole: bool
) -> pd.DataFrame:
    """One row per year, series and direction."""
    parts = []
    for column, (series, direction) in values.items():
        musd = table.convert(column, _flow(whole))
        parts.append(
            pd.DataFrame(
                {
                    "year": pd.Series(years, dtype="int64"),
                    "direction": direction,
                    "series": series,
                    "value_musd": pd.Series(musd, dtype="float64"),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    out["missing"] = out["value_musd"].isna()
    out = out.sort_values(["series", "direction", "year"], ignore_index=True)
    return out[["year", "direction", "series", "value_musd", "missing"]]


__all__ = ["FORMATS", "HEADERS", "parse_v3", "parse_v4_rounded", "sniff"]
