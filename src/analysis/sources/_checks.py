"""Cell converters and whole-column checks, shared by the parsers.

The converters turn one cell's text into a value or raise ValueError with a message a person
can act on; :meth:`Table.convert <analysis.sources._text.Table.convert>` turns that into a
:class:`DataError` at the cell's physical line and column. The checks look at a whole column
of a :class:`~analysis.sources._text.Table` (years in range, unique keys, agreement within a
group) and point at the offending line. The modules ``cow``, ``quoted`` and ``unga`` only say
*what* to check; *how* a cell is converted and reported lives here (and in ``_text``), once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

import pandas as pd

from analysis.sources._text import Table

T = TypeVar("T")

_INT = re.compile(r"-?\d+")
# Plain decimals only: float() would also accept "nan", "inf", "1_000" and " 3 ".
_FLOAT = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")

FIRST_YEAR = 1870
"""No source the book reads can hold a year before COW's first (1870): the one lower bound
of the parsers' year checks and of the processed tables' schemas (SIPRI's own first year,
1950, is SIPRI's rule and lives with its parser)."""


def last_year() -> int:
    """The latest year a file may contain: next year (a release can run ahead by weeks)."""
    return dt.date.today().year + 1


# --- cell converters (each raises ValueError with a message a person can act on) ----------


def to_int(cell: str) -> int:
    """A whole number written as digits."""
    if not _INT.fullmatch(cell):
        raise ValueError(f"expected a whole number, got {cell!r}")
    return int(cell)


def to_float(cell: str) -> float:
    """A finite decimal number."""
    if not _FLOAT.fullmatch(cell):
        raise ValueError(f"expected a number, got {cell!r}")
    value = float(cell)
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {cell!r}")
    return value


def to_iso_date(cell: str) -> dt.date:
    """A calendar date written yyyy-mm-dd."""
    return _date(cell, _ISO_DATE, "yyyy-mm-dd", (1, 2, 3))


def to_us_date(cell: str) -> dt.date:
    """A calendar date written m/d/yyyy."""
    return _date(cell, _US_DATE, "m/d/yyyy", (3, 1, 2))


def _date(
    cell: str, pattern: re.Pattern[str], spelled: str, order: tuple[int, int, int]
) -> dt.date:
    match = pattern.fullmatch(cell)
    if not match:
        raise ValueError(f"expected a date written {spelled}, got {cell!r}")
    year, month, day = (int(match.group(i)) for i in order)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"impossible date {cell!r}") from None


def to_flag(cell: str, na: Iterable[str] = ("NA", "")) -> bool | None:
    """A 0/1 indicator; the ``na`` spellings mean 'not coded' (None)."""
    if cell in na:
        return None
    if cell not in ("0", "1"):
        spelled = " or ".join(repr(n) for n in ("0", "1", *na))
        raise ValueError(f"expected {spelled}, got {cell!r}")
    return cell == "1"


def one_of(vocabulary: Mapping[str, T], what: str) -> Callable[[str], T]:
    """A converter accepting only the keys of ``vocabulary`` (mapped to their values)."""

    def convert(cell: str) -> T:
        if cell not in vocabulary:
            allowed = ", ".join(repr(k) for k in vocabulary)
            raise ValueError(f"unknown {what} {cell!r} (expected one of {allowed})")
        return vocabulary[cell]

    return convert


# --- whole-column checks -------------------------------------------------------------------


def check_years(table: Table, column: str, years: Sequence[int | None]) -> None:
    """Every year within FIRST_YEAR..next year (a typo like 20009 or 1009 is caught here).

    ``None`` (no date given, where a format allows that) is not checked.
    """
    high = last_year()
    for (line, _), year in zip(table.column(column), years, strict=True):
        if year is not None and not FIRST_YEAR <= year <= high:
            raise table.error(f"year {year} outside {FIRST_YEAR}..{high}", line, column)


def check_unique(table: Table, key: Mapping[str, Sequence[object]]) -> None:
    """No two rows share the key (the converted values of the named columns).

    The error points at the second occurrence and at the key's first column.
    """
    names = list(key)
    seen: dict[tuple[object, ...], int] = {}
    for line, *values in zip(table.cells.index, *key.values(), strict=True):
        value = tuple(values)
        if value in seen:
            shown = ", ".join(f"{n}={v}" for n, v in zip(names, value, strict=True))
            raise table.error(
                f"duplicate key ({shown}); first on line {seen[value]}", line, names[0]
            )
        seen[value] = line


def check_same_within(
    table: Table,
    group: tuple[str, Sequence[object]],
    column: str,
    values: Sequence[object],
) -> None:
    """Rows of one group (e.g. one roll call, ``("rcid", rcids)``) agree on ``column``."""
    group_name, groups = group
    first: dict[object, tuple[object, int]] = {}
    for line, g, value in zip(table.cells.index, groups, values, strict=True):
        if g not in first:
            first[g] = (value, line)
        elif first[g][0] != value:
            seen, seen_line = first[g]
            raise table.error(
                f"{value} differs from {seen} on line {seen_line} for the same {group_name} {g}",
                line,
                column,
            )


def dates(values: Sequence[dt.date | None]) -> pd.Series:
    """Dates as ``datetime64[ns]`` (missing -> NaT), the dtype every tidy table uses."""
    return pd.Series(pd.to_datetime(list(values)), dtype="datetime64[ns]")
