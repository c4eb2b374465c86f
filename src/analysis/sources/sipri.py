"""SIPRI Arms Transfers Database: the four export formats the book reads.

All values are SIPRI trend-indicator values (TIV, millions, constant 1990 prices), a volume
index that is never money. A blank cell means "no deliveries identified" and is dropped (or
kept as missing), never read as zero; a ``0`` means "less than 0.5 m" and is kept as 0.0.

Formats (id -> parser; output columns in order; key):

``sipri-tiv-table`` -> :func:`parse_tiv_table`
    The wide "TIV of arms exports from <Supplier>, 1950-YYYY" table.
    ``supplier, recipient, year (int64), tiv (float64)``; key ``(supplier, recipient, year)``.
    SIPRI's ``Total`` row is kept as recipient :data:`countries.ALL`.
``sipri-tiv-import-table`` -> :func:`parse_tiv_import_table`
    The same layout for one recipient, "TIV of arms imports to <Recipient>, 1950-YYYY", a row
    per supplier. ``recipient, supplier, year (int64), tiv (float64)`` like
    ``sipri-imports-long``; the ``Total`` row is kept as supplier :data:`countries.ALL`.
``sipri-imports-long`` -> :func:`parse_imports_long`
    Per-recipient import tables in long form (``Import_To,Export_From,Year,TIV``).
    ``recipient, supplier, year (int64), tiv (float64)``; key ``(recipient, supplier, year)``.
    Supplier ``Total`` becomes :data:`countries.ALL`; the ``Year == "Total"`` sums are checked
    and dropped.
``sipri-trade-register`` -> :func:`parse_trade_register`
    The deal-level trade register. One row per deal; key ``(recipient, supplier, order_year,
    designation, description, delivery_years, deal)``, where ``deal`` (Int64) numbers the
    rows sharing the other six fields in file order (1 throughout the 2025-03-13 file, which
    has no exact duplicates): the register has no deal id, and nothing is ever dropped.
``sipri-deals-by-year`` -> :func:`parse_deals_by_year`
    The "deals and TIVs" export, one row per deal and delivery year; key
    ``(deal_id, delivery_year)``.

Text cells are stripped of surrounding spaces (SIPRI writes e.g. ``"9M119 "``); empty text
becomes missing. Column names are matched ignoring case and surrounding spaces (the register
spells ``status`` in lower case); a missing column is an error, extra columns are ignored.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from analysis import countries
from analysis.countries import ProducerNames
from analysis.errors import DataError
from analysis.sources import Parsed, Parser
from analysis.sources._checks import last_year, to_float, to_int
from analysis.sources._text import (
    Cells,
    Record,
    Rows,
    is_blank,
    parse_line,
    physical_lines,
    read_rows,
    read_text,
)

FALLBACK_ENCODING = "cp1252"
"""SIPRI exports UTF-8 or Windows Latin-1 depending on the release: a file that is not UTF-8
is read as cp1252 (see :func:`analysis.sources._text.read_text`)."""

PRODUCER = "sipri"
"""SIPRI's key in ``data/producer-names.csv``."""

FIRST_YEAR = 1950
"""The database starts in 1950: no delivery or table year can be earlier."""

FIRST_ORDER_YEAR = 1930
"""Orders may precede 1950 (e.g. Italy's G-55A for Syria, ordered 1949, delivered 1950)."""

TOTAL = "Total"
"""SIPRI's spelling of the all-recipients row, all-suppliers row and sum column."""

ROUNDING = 0.5
"""SIPRI rounds each published cell to whole millions: a sum of n cells may be off by n/2."""

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_GENERATED = re.compile(r"^\s*(?:data\s+)?generated:\s*(?P<date>.*?)\s*$", re.IGNORECASE)
_DATE = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})\b")
_TITLE = re.compile(
    r"^\s*TIV of arms (?P<direction>exports from|imports to) (?P<actor>.+?),"
    r"\s*\d{4}\s*-\s*\d{4}\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")


# --- cell readers: each takes the cell as written and raises DataError located at it -------


class _Cell:
    """One cell's location, so that every converter can report a precise DataError."""

    __slots__ = ("column", "line", "path", "text")

    def __init__(self, path: Path, line: int, column: str, text: str) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.text = text.strip()

    def error(self, message: str) -> DataError:
        return DataError(self.path, message, row=self.line, column=self.column)

    def number(self, *, required: bool = True) -> float | None:
        """A TIV: a finite number >= 0 (blank -> None unless required)."""
        if not self.text:
            if required:
                raise self.error("empty cell where a number is required")
            return None
        try:
            value = to_float(self.text)
        except ValueError as exc:
            raise self.error(str(exc)) from None
        if value < 0:
            raise self.error(f"negative TIV {self.text!r}")
        return value

    def count(self, *, required: bool = True) -> int | None:
        """A number of items: a whole number >= 0 (blank -> None unless required)."""
        if not self.text:
            if required:
                raise self.error("empty cell where a whole number is required")
            return None
        try:
            value = to_int(self.text)
        except ValueError as exc:
            raise self.error(str(exc)) from None
        if value < 0:
            raise self.error(f"negative count {self.text!r}")
        return value

    def year(self, first: int = FIRST_YEAR, *, required: bool = True) -> int | None:
        """A calendar year within ``first``..next year (the last year is never hard-coded)."""
        if not self.text and not required:
            return None
        if not _YEAR.fullmatch(self.text):
            raise self.error(f"expected a four-digit year, got {self.text!r}")
        value = int(self.text)
        if not first <= value <= last_year():
            raise self.error(f"year {value} outside {first}..{last_year()}")
        return value

    def name(self, names: ProducerNames, *, total: bool = False) -> str:
        """The book's name for a SIPRI actor (see ``data/producer-names.csv``); with
        ``total``, SIPRI's ``Total`` becomes :data:`ALL`."""
        if total and self.text == TOTAL:
            return countries.ALL
        try:
            return names.book_name(PRODUCER, self.text)
        except ValueError as exc:
            raise self.error(str(exc)) from None

    def text_value(self, *, required: bool = True) -> str | None:
        """Free text, stripped; empty -> None unless required."""
        if not self.text:
            if required:
                raise self.error("empty cell where a value is required")
            return None
        return self.text

    def question_flag(self) -> bool:
        """The register's uncertainty column: ``?`` -> True, blank -> False."""
        if self.text not in ("", "?"):
            raise self.error(f"expected '?' or nothing, got {self.text!r}")
        return self.text == "?"

    def yes_no(self) -> bool:
        """``Yes`` -> True, ``No`` -> False; anything else (blank included) is an error."""
        if self.text not in ("Yes", "No"):
            raise self.error(f"expected Yes or No, got {self.text!r}")
        return self.text == "Yes"


def _key(name: str) -> str:
    return name.strip().casefold()


class _Columns:
    """Required columns located by name in a header row (case and spaces ignored)."""

    def __init__(self, rows: Rows, required: Sequence[str]) -> None:
        self.rows = rows
        found: dict[str, int] = {}
        for index, cell in enumerate(rows.header):
            key = _key(cell)
            if key in found and key in map(_key, required):
                raise DataError(
                    rows.path,
                    "column appears twice in the header",
                    row=rows.header_line,
                    column=cell,
                )
            found.setdefault(key, index)
        self.index: dict[str, int] = {}
        for name in required:
            if _key(name) not in found:
                raise DataError(
                    rows.path,
                    f"required column missing or renamed (header: {rows.header!r})",
                    row=rows.header_line,
                    column=name,
                )
            self.index[name] = found[_key(name)]

    def cell(self, record: Record, name: str) -> _Cell:
        """The cell of ``record`` under column ``name`` (reported as the header spells it)."""
        return self.cell_at(record, self.index[name])

    def cell_at(self, record: Record, index: int) -> _Cell:
        return _Cell(self.rows.path, record.line, self.rows.header[index], record.cells[index])


def _header_with(names: Iterable[str], at_least: int) -> Callable[[Cells], bool]:
    """A header test: the row holds ``at_least`` of ``names`` (so a renamed column is reported
    as missing instead of the whole header going unfound)."""
    wanted = {_key(name) for name in names}

    def is_header(cells: Cells) -> bool:
        return len(wanted & {_key(cell) for cell in cells}) >= at_least

    return is_header


def _check_unique(path: Path, seen: dict[object, int], key: object, line: int, column: str) -> None:
    """Record ``key`` as seen on ``line``; a second occurrence is a DataError there."""
    if key in seen:
        raise DataError(
            path, f"duplicate key {key!r}; first on line {seen[key]}", row=line, column=column
        )
    seen[key] = line


def _within_rounding(total: float, parts: Sequence[float]) -> bool:
    """SIPRI's rounding rule: every published cell is rounded, so allow 0.5 per part + 0.5."""
    return abs(total - sum(parts)) <= ROUNDING * len(parts) + ROUNDING


def _generated(path: Path, preamble: Sequence[Record]) -> dt.date | None:
    """The date of a ``Generated: 28 July 2022`` / ``Data generated: 13 Mar 2025 ...`` line."""
    for record in preamble:
        first = next((cell for cell in record.cells if cell.strip()), "")
        match = _GENERATED.match(first)
        if match is None:
            continue
        date = _DATE.match(match["date"])
        month = date and [
            m for m in _MONTHS if len(date["month"]) >= 3 and m.startswith(date["month"].casefold())
        ]
        if not date or not month:
            raise DataError(path, f"unreadable generation date {match['date']!r}", row=record.line)
        try:
            return dt.date(int(date["year"]), _MONTHS.index(month[0]) + 1, int(date["day"]))
        except ValueError:
            raise DataError(
                path, f"impossible generation date {match['date']!r}", row=record.line
            ) from None
    return None


def _frame(columns: dict[str, list[object]], dtypes: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with explicit dtypes, so that an all-missing column keeps its type."""
    frame = pd.DataFrame(columns)
    return frame.astype(dtypes) if dtypes else frame


# --- 1. the wide TIV table ------------------------------------------------------------------


def _is_year_header(cells: Cells) -> bool:
    """The year header: every cell after the first is a number, except a last ``Total``.

    Any digits count, so that a mistyped year is reported at its cell, not as "no header".
    """
    rest = [cell.strip() for cell in cells[1:]]
    while rest and not rest[-1]:
        rest.pop()
    return len(rest) >= 2 and all(cell.isdigit() for cell in rest[:-1])


@dataclass(frozen=True)
class _Wide:
    """What differs between the export and the import table: who the title names (the
    ``actor``), who the rows name, and the output columns."""

    direction: str  # as the title spells it, lower case
    actor: str  # output column of the actor the title names
    rows: str  # output column of the actors the rows name

    @property
    def label(self) -> str:
        """The row-label column, as a person reading the table would name it (SIPRI leaves
        that header cell blank)."""
        return self.rows.capitalize()


_EXPORTS = _Wide("exports from", "supplier", "recipient")
_IMPORTS = _Wide("imports to", "recipient", "supplier")


def parse_tiv_table(path: Path, names: ProducerNames) -> Parsed:
    """Read a "TIV of arms exports from <Supplier>" table into long form
    (``supplier, recipient, year, tiv``; SIPRI's printed Total column as extra ``totals``)."""
    return _parse_wide(Path(path), names, _EXPORTS)


def parse_tiv_import_table(path: Path, names: ProducerNames) -> Parsed:
    """Read a "TIV of arms imports to <Recipient>" table (a row per supplier) into the long
    form of ``sipri-imports-long``: ``recipient, supplier, year, tiv``."""
    return _parse_wide(Path(path), names, _IMPORTS)


def _parse_wide(path: Path, names: ProducerNames, wide: _Wide) -> Parsed:
    """Read one of SIPRI's wide TIV tables: preamble, year header, a row per counterpart.

    Checks: the title names a known actor; the header's years lie in 1950..next year,
    once each, followed by a ``Total`` column; every row label is a known SIPRI name and
    appears once; every cell is blank or a number >= 0; each row's years add up to its
    ``Total`` and the ``Total`` row to the column sums, within SIPRI's rounding.
    """
    rows = read_rows(path, _is_year_header, FALLBACK_ENCODING)
    title = actor = None
    for record in rows.preamble:
        first = next((cell for cell in record.cells if cell.strip()), "")
        match = _TITLE.match(first)
        if match and match["direction"].casefold() == wide.direction:
            actor = _Cell(path, record.line, wide.actor.capitalize(), match["actor"]).name(names)
            title = first.strip()
            break
    if actor is None:
        raise DataError(
            path, f"title 'TIV of arms {wide.direction} <{wide.actor}>, <years>' not found"
        )

    header = [rows.header[0].strip() or wide.label, *rows.header[1:]]
    if header[-1].strip() != TOTAL:
        raise DataError(path, "the last column must be 'Total'", row=rows.header_line, column=TOTAL)
    years: list[int] = []
    for index in range(1, len(header) - 1):
        year = _Cell(path, rows.header_line, header[index], header[index]).year()
        if year in years:
            raise _Cell(path, rows.header_line, header[index], "").error("year appears twice")
        years.append(year)
    total_index = len(header) - 1

    def cell(record: Record, index: int) -> _Cell:
        return _Cell(path, record.line, header[index], record.cells[index])

    seen: dict[object, int] = {}
    values: dict[str, dict[int, float]] = {}
    totals: dict[str, tuple[Record, float]] = {}
    for record in rows.records:
        name = cell(record, 0).name(names, total=True)
        _check_unique(path, seen, name, record.line, header[0])
        row = {
            year: value
            for index, year in enumerate(years, start=1)
            if (value := cell(record, index).number(required=False)) is not None
        }
        total = cell(record, total_index).number()
        assert total is not None
        if not _within_rounding(total, list(row.values())):
            raise cell(record, total_index).error(
                f"Total {total:g} differs from the sum of the years ({sum(row.values()):g}) "
                "by more than rounding"
            )
        values[name] = row
        totals[name] = (record, total)

    if countries.ALL not in values:
        raise DataError(path, "no 'Total' row: truncated file?", column=header[0])
    all_record, grand_total = totals[countries.ALL]
    counterparts = [name for name in values if name != countries.ALL]
    for index, year in enumerate(years, start=1):
        parts = [values[name][year] for name in counterparts if year in values[name]]
        published = values[countries.ALL].get(year)
        if (published is None and parts) or not _within_rounding(published or 0.0, parts):
            raise cell(all_record, index).error(
                f"Total row {published} differs from the sum of the {wide.rows}s "
                f"({sum(parts):g}) by more than rounding"
            )
    if not _within_rounding(grand_total, [totals[name][1] for name in counterparts]):
        raise cell(all_record, total_index).error(
            f"grand total differs from the sum of the {wide.rows}s' totals by more than rounding"
        )

    count = sum(map(len, values.values()))
    table = _frame(
        {
            wide.actor: [actor] * count,
            wide.rows: [name for name, row in values.items() for _ in row],
            "year": [year for row in values.values() for year in sorted(row)],
            "tiv": [row[year] for row in values.values() for year in sorted(row)],
        },
        {"year": "int64", "tiv": "float64"},
    )
    table = table[
        [
            *(("supplier", "recipient") if wide is _EXPORTS else ("recipient", "supplier")),
            "year",
            "tiv",
        ]
    ]
    extras = {}
    if wide is _EXPORTS:
        # SIPRI's printed Total column: the published figure for the table's whole span, kept
        # because it is what SIPRI states (the sum of the rounded years can differ slightly).
        extras["totals"] = _frame(
            {
                "supplier": [actor] * len(totals),
                "recipient": list(totals),
                "first_year": [min(years)] * len(totals),
                "last_year": [max(years)] * len(totals),
                "tiv": [total for _, total in totals.values()],
            },
            {"first_year": "int64", "last_year": "int64", "tiv": "float64"},
        )
    return Parsed(table, _generated(path, rows.preamble), extras, title=title)


# --- 2. the long imports table --------------------------------------------------------------

_LONG_COLUMNS = ("Import_To", "Export_From", "Year", "TIV")


def parse_imports_long(path: Path, names: ProducerNames) -> Parsed:
    """Read SIPRI import tables reshaped to ``Import_To,Export_From,Year,TIV``.

    Checks: known names; years in 1950..next year or ``Total``; TIVs numbers >= 0 (blank is an
    error: the reshaping dropped blank cells); one row per (recipient, supplier, year); each
    (recipient, supplier) has a ``Total`` row equal to its years' sum, and each supplier
    ``Total`` year equals the sum over suppliers, within SIPRI's rounding.
    """
    path = Path(path)
    rows = read_rows(path, _header_with(_LONG_COLUMNS, 2), FALLBACK_ENCODING)
    columns = _Columns(rows, _LONG_COLUMNS)
    seen: dict[object, int] = {}
    years: dict[tuple[str, str], dict[int, float]] = {}
    sums: dict[tuple[str, str], tuple[_Cell, float]] = {}
    lines: dict[tuple[str, str, int], int] = {}
    out: list[tuple[str, str, int, float, int]] = []
    for record in rows.records:
        recipient = columns.cell(record, "Import_To").name(names)
        supplier = columns.cell(record, "Export_From").name(names, total=True)
        year_cell = columns.cell(record, "Year")
        year = None if year_cell.text == TOTAL else year_cell.year()
        tiv_cell = columns.cell(record, "TIV")
        tiv = tiv_cell.number()
        assert tiv is not None
        _check_unique(path, seen, (recipient, supplier, year or TOTAL), record.line, "Import_To")
        if year is None:
            sums[recipient, supplier] = (tiv_cell, tiv)
        else:
            years.setdefault((recipient, supplier), {})[year] = tiv
            lines[recipient, supplier, year] = record.line
            out.append((recipient, supplier, year, tiv, record.line))

    for pair, by_year in years.items():
        if pair not in sums:
            raise DataError(
                path,
                f"no 'Total' year row for {pair[1]} -> {pair[0]}: truncated file?",
                column="Year",
            )
        tiv_cell, total = sums[pair]
        if not _within_rounding(total, list(by_year.values())):
            raise tiv_cell.error(
                f"Total {total:g} differs from the sum of the years ({sum(by_year.values()):g})"
                " by more than rounding"
            )
    for recipient in {pair[0] for pair in years if pair[1] == countries.ALL}:
        every = years[recipient, countries.ALL]
        suppliers = [s for (r, s) in years if r == recipient and s != countries.ALL]
        for year in sorted({y for s in suppliers for y in years[recipient, s]} | set(every)):
            parts = [years[recipient, s][year] for s in suppliers if year in years[recipient, s]]
            if year not in every or not _within_rounding(every[year], parts):
                raise DataError(
                    path,
                    f"supplier 'Total' for {recipient} {year} ({every.get(year)}) differs from the"
                    f" sum over suppliers ({sum(parts):g}) by more than rounding",
                    row=lines.get((recipient, countries.ALL, year))
                    or min(
                        lines[recipient, s, year] for s in suppliers if year in years[recipient, s]
                    ),
                    column="TIV",
                )

    table = _frame(
        {
            "recipient": [r[0] for r in out],
            "supplier": [r[1] for r in out],
            "year": [r[2] for r in out],
            "tiv": [r[3] for r in out],
        },
        {"year": "int64", "tiv": "float64"},
    )
    return Parsed(table, None)


# --- 3. the trade register ------------------------------------------------------------------

# Each "?" column (header " ") follows the column whose value it qualifies.
_FLAGGED = ("Year of order", "Number ordered", "Number delivered")
_REGISTER_COLUMNS = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "Comments",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
REGISTER_KEY = (
    "recipient",
    "supplier",
    "order_year",
    "designation",
    "description",
    "delivery_years",
    "deal",
)


def _delivery_years(cell: _Cell) -> list[int]:
    """``1982; 1984`` -> [1982, 1984]: years in range, strictly increasing."""
    if not cell.text:
        return []
    parts = [part.strip() for part in cell.text.split(";")]
    years = [_Cell(cell.path, cell.line, cell.column, part).year() for part in parts]
    if any(a >= b for a, b in itertools.pairwise(years)):
        raise cell.error(f"delivery years not in increasing order: {cell.text!r}")
    return [y for y in years if y is not None]


def parse_trade_register(path: Path, names: ProducerNames) -> Parsed:
    """Read the deal-level trade register (one row per deal).

    Checks: the three ``" "`` columns follow the columns they qualify and hold ``?`` or
    nothing; names known; order year in 1930..next year and not after the first delivery;
    delivery years in 1950..next year, increasing; counts whole numbers >= 0, TIVs numbers
    >= 0; designation and description present. Exact duplicates get ``deal`` 1, 2, ...
    """
    path = Path(path)
    rows = read_rows(path, _header_with(_REGISTER_COLUMNS, 3), FALLBACK_ENCODING)
    columns = _Columns(rows, _REGISTER_COLUMNS)
    flag_index: dict[str, int] = {}
    for name in _FLAGGED:
        index = columns.index[name] + 1
        if index >= len(rows.header) or rows.header[index].strip():
            raise DataError(
                path,
                f"expected the '?' column (named ' ') right after {name!r}",
                row=rows.header_line,
                column=rows.header[index] if index < len(rows.header) else name,
            )
        flag_index[name] = index

    out: dict[str, list[object]] = {
        name: []
        for name in (
            "recipient",
            "supplier",
            "order_year",
            "order_year_uncertain",
            "number_ordered",
            "number_ordered_uncertain",
            "designation",
            "description",
            "number_delivered",
            "number_delivered_uncertain",
            "delivery_years",
            "first_delivery_year",
            "last_delivery_year",
            "status",
            "comments",
            "tiv_per_unit",
            "tiv_total_order",
            "tiv_delivered",
        )
    }
    for record in rows.records:
        get = columns.cell

        def flag(name: str, record: Record = record) -> bool:
            return columns.cell_at(record, flag_index[name]).question_flag()

        order_year = get(record, "Year of order").year(FIRST_ORDER_YEAR)
        delivery_cell = get(record, "Year(s) of delivery")
        delivered_in = _delivery_years(delivery_cell)
        if delivered_in and order_year is not None and order_year > delivered_in[0]:
            raise delivery_cell.error(
                f"first delivery {delivered_in[0]} before the order year {order_year}"
            )
        out["recipient"].append(get(record, "Recipient").name(names))
        out["supplier"].append(get(record, "Supplier").name(names))
        out["order_year"].append(order_year)
        out["order_year_uncertain"].append(flag("Year of order"))
        out["number_ordered"].append(get(record, "Number ordered").count(required=False))
        out["number_ordered_uncertain"].append(flag("Number ordered"))
        out["designation"].append(get(record, "Weapon designation").text_value())
        out["description"].append(get(record, "Weapon description").text_value())
        out["number_delivered"].append(get(record, "Number delivered").count(required=False))
        out["number_delivered_uncertain"].append(flag("Number delivered"))
        out["delivery_years"].append(";".join(map(str, delivered_in)) or None)
        out["first_delivery_year"].append(delivered_in[0] if delivered_in else None)
        out["last_delivery_year"].append(delivered_in[-1] if delivered_in else None)
        out["status"].append(get(record, "status").text_value(required=False))
        out["comments"].append(get(record, "Comments").text_value(required=False))
        out["tiv_per_unit"].append(get(record, "SIPRI TIV per unit").number(required=False))
        out["tiv_total_order"].append(
            get(record, "SIPRI TIV for total order").number(required=False)
        )
        out["tiv_delivered"].append(
            get(record, "SIPRI TIV of delivered weapons").number(required=False)
        )

    int_columns = (
        "order_year",
        "number_ordered",
        "number_delivered",
        "first_delivery_year",
        "last_delivery_year",
    )
    table = _frame(
        out,
        {
            **dict.fromkeys(int_columns, "Int64"),
            **dict.fromkeys(
                ("order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"),
                "bool",
            ),
            **dict.fromkeys(("tiv_per_unit", "tiv_total_order", "tiv_delivered"), "float64"),
        },
    )
    table["deal"] = (
        table.groupby(list(REGISTER_KEY[:-1]), dropna=False, sort=False).cumcount() + 1
    ).astype("Int64")
    return Parsed(table, _generated(path, rows.preamble))


# --- 4. deals by delivery year --------------------------------------------------------------

_DEALS_COLUMNS = {
    # output column -> file column
    "deal_id": "SIPRI AT Database ID",
    "supplier": "Supplier",
    "recipient": "Recipient",
    "designation": "Designation",
    "description": "Description",
    "category": "Armament category",
    "order_year": "Order date",
    "order_year_estimated": "Order date is estimate",
    "number_delivered": "Numbers delivered",
    "number_delivered_estimated": "Numbers delivered is estimate",
    "delivery_year": "Delivery year",
    "delivery_year_estimated": "Delivery year is estimate",
    "status": "Status",
    "tiv_unit_estimate": "SIPRI estimate",
    "tiv_deal_unit": "TIV deal unit",
    "tiv_delivered": "TIV delivery values",
    "local_production": "Local production",
}
# Facts about the deal, which every delivery-year row of one deal must repeat identically.
_DEAL_LEVEL = (
    "supplier",
    "recipient",
    "designation",
    "description",
    "category",
    "order_year",
    "order_year_estimated",
    "status",
    "tiv_unit_estimate",
    "tiv_deal_unit",
    "local_production",
)
DEALS_KEY = ("deal_id", "delivery_year")


def parse_deals_by_year(path: Path, names: ProducerNames) -> Parsed:
    """Read the "deals and TIVs" export (one row per deal and delivery year).

    Checks: deal ids whole numbers > 0; names known; order year in 1930..next year and not
    after the delivery year; delivery year in 1950..next year; Yes/No columns exactly Yes or
    No; counts whole numbers >= 0; TIVs numbers >= 0 (the delivered value is required);
    ``(deal_id, delivery_year)`` unique; the deal-level columns agree across a deal's rows.
    """
    path = Path(path)
    rows = read_rows(path, _header_with(_DEALS_COLUMNS.values(), 3), FALLBACK_ENCODING)
    columns = _Columns(rows, list(_DEALS_COLUMNS.values()))
    readers: dict[str, Callable[[_Cell], object]] = {
        "deal_id": lambda c: c.count(),
        "supplier": lambda c: c.name(names),
        "recipient": lambda c: c.name(names),
        "designation": _Cell.text_value,
        "description": _Cell.text_value,
        "category": _Cell.text_value,
        "order_year": lambda c: c.year(FIRST_ORDER_YEAR, required=False),
        "order_year_estimated": _Cell.yes_no,
        "number_delivered": lambda c: c.count(required=False),
        "number_delivered_estimated": _Cell.yes_no,
        "delivery_year": _Cell.year,
        "delivery_year_estimated": _Cell.yes_no,
        "status": lambda c: c.text_value(required=False),
        "tiv_unit_estimate": lambda c: c.number(required=False),
        "tiv_deal_unit": lambda c: c.number(required=False),
        "tiv_delivered": _Cell.number,
        "local_production": _Cell.yes_no,
    }
    out: dict[str, list[object]] = {name: [] for name in _DEALS_COLUMNS}
    seen: dict[object, int] = {}
    deals: dict[int, dict[str, object]] = {}
    for record in rows.records:
        row = {
            name: readers[name](columns.cell(record, source))
            for name, source in _DEALS_COLUMNS.items()
        }
        id_cell = columns.cell(record, _DEALS_COLUMNS["deal_id"])
        if row["deal_id"] == 0:
            raise id_cell.error("deal id 0")
        order, delivery = row["order_year"], row["delivery_year"]
        if isinstance(order, int) and isinstance(delivery, int) and order > delivery:
            raise columns.cell(record, _DEALS_COLUMNS["delivery_year"]).error(
                f"delivery year {delivery} before the order year {order}"
            )
        _check_unique(
            path, seen, (row["deal_id"], delivery), record.line, _DEALS_COLUMNS["deal_id"]
        )
        first = deals.setdefault(row["deal_id"], row)
        for name in _DEAL_LEVEL:
            if row[name] != first[name]:
                raise columns.cell(record, _DEALS_COLUMNS[name]).error(
                    f"{row[name]!r} differs from {first[name]!r} in an earlier row of deal "
                    f"{row['deal_id']}"
                )
        for name, value in row.items():
            out[name].append(value)

    table = _frame(
        out,
        {
            "deal_id": "int64",
            "order_year": "Int64",
            "number_delivered": "Int64",
            "delivery_year": "int64",
            **dict.fromkeys(
                (
                    "order_year_estimated",
                    "number_delivered_estimated",
                    "delivery_year_estimated",
                    "local_production",
                ),
                "bool",
            ),
            **dict.fromkeys(("tiv_unit_estimate", "tiv_deal_unit", "tiv_delivered"), "float64"),
        },
    )
    return Parsed(table, _generated(path, rows.preamble))


# --- format registry and sniffing -----------------------------------------------------------


def formats(names: ProducerNames) -> dict[str, Parser]:
    """Every SIPRI format id mapped to its parser, which maps names through ``names``."""
    return {
        fmt: partial(parse, names=names)
        for fmt, parse in (
            ("sipri-tiv-table", parse_tiv_table),
            ("sipri-tiv-import-table", parse_tiv_import_table),
            ("sipri-imports-long", parse_imports_long),
            ("sipri-trade-register", parse_trade_register),
            ("sipri-deals-by-year", parse_deals_by_year),
        )
    }


_SNIFF_LINES = 40
"""Producers' preambles are about ten lines: the header is always near the top."""


def sniff(path: Path) -> str | None:
    """The SIPRI format of a file, judged by its title and header row; None if not SIPRI.

    Used to recognise a new release before parsing it, so it never raises on bad content.
    """
    try:
        text = read_text(Path(path), FALLBACK_ENCODING)
    except (DataError, OSError):
        return None
    titled = ""
    for line in physical_lines(text)[:_SNIFF_LINES]:
        cells = parse_line(line)
        if is_blank(cells):
            continue
        keys = [_key(cell) for cell in cells]
        if match := _TITLE.match(cells[0]):
            titled = match["direction"].casefold()
        elif titled and _is_year_header(cells):
            return "sipri-tiv-table" if titled == _EXPORTS.direction else "sipri-tiv-import-table"
        elif keys[:4] == [_key(name) for name in _LONG_COLUMNS]:
            return "sipri-imports-long"
        elif keys[:2] == ["recipient", "supplier"] and "year of order" in keys:
            return "sipri-trade-register"
        elif keys[:1] == ["sipri at database id"] and "tiv delivery values" in keys:
            return "sipri-deals-by-year"
    return None
