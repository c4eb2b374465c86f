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

Every actor name is mapped through the producer-names table (``data/producer-names.csv``,
passed in as ``names``) to the book's name for it; a name the table lacks is an error that
quotes the line to add. Text cells are stripped of surrounding spaces (SIPRI writes e.g.
``"9M119 "``); empty text becomes missing. Column names are matched ignoring case and
surrounding spaces (the register spells ``status`` in lower case); a missing column is an
error, extra columns are ignored.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

import pandas as pd

from analysis import countries
from analysis.countries import ProducerNames
from analysis.errors import DataError
from analysis.sources import Parsed, Parser
from analysis.sources._checks import check_same_within, check_unique, last_year, to_float, to_int
from analysis.sources._text import (
    Cells,
    Record,
    Table,
    is_blank,
    parse_line,
    physical_lines,
    read_rows,
    read_text,
    table_of,
)

T = TypeVar("T")

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


# --- cell converters: each takes the cell as written and raises ValueError ----------------
# (Table.convert turns that into a DataError at the cell's line and column.)


def _tiv(cell: str) -> float | None:
    """A TIV: a finite number >= 0; blank (no deliveries identified) -> None."""
    text = cell.strip()
    if not text:
        return None
    value = to_float(text)
    if value < 0:
        raise ValueError(f"negative TIV {text!r}")
    return value


def _count(cell: str) -> int | None:
    """A number of items: a whole number >= 0; blank -> None."""
    text = cell.strip()
    if not text:
        return None
    value = to_int(text)
    if value < 0:
        raise ValueError(f"negative count {text!r}")
    return value


def _text(cell: str) -> str | None:
    """Free text, stripped; empty -> None."""
    return cell.strip() or None


def _required(convert: Callable[[str], T | None], what: str) -> Callable[[str], T]:
    """``convert`` refusing a blank cell."""

    def required(cell: str) -> T:
        value = convert(cell)
        if value is None:
            raise ValueError(f"empty cell where {what} is required")
        return value

    return required


def _year(first: int = FIRST_YEAR) -> Callable[[str], int]:
    """A calendar year within ``first``..next year (the last year is never hard-coded)."""

    def year(cell: str) -> int:
        text = cell.strip()
        if not _YEAR.fullmatch(text):
            raise ValueError(f"expected a four-digit year, got {text!r}")
        value = int(text)
        if not first <= value <= last_year():
            raise ValueError(f"year {value} outside {first}..{last_year()}")
        return value

    return year


def _optional_year(first: int) -> Callable[[str], int | None]:
    year = _year(first)
    return lambda cell: year(cell) if cell.strip() else None


def _actor(names: ProducerNames, *, total: bool = False) -> Callable[[str], str]:
    """The book's name for a SIPRI actor (see ``data/producer-names.csv``); with ``total``,
    SIPRI's ``Total`` becomes :data:`countries.ALL`."""

    def actor(cell: str) -> str:
        text = cell.strip()
        if total and text == TOTAL:
            return countries.ALL
        return names.book_name(PRODUCER, text)

    return actor


def _question_flag(cell: str) -> bool:
    """The register's uncertainty column: ``?`` -> True, blank -> False."""
    text = cell.strip()
    if text not in ("", "?"):
        raise ValueError(f"expected '?' or nothing, got {text!r}")
    return text == "?"


def _yes_no(cell: str) -> bool:
    """``Yes`` -> True, ``No`` -> False; anything else (blank included) is an error."""
    text = cell.strip()
    if text not in ("Yes", "No"):
        raise ValueError(f"expected Yes or No, got {text!r}")
    return text == "Yes"


# --- reading an export ------------------------------------------------------------------------


def _key(name: str) -> str:
    return name.strip().casefold()


def _header_with(names: Iterable[str], at_least: int) -> Callable[[Cells], bool]:
    """A header test: the row holds ``at_least`` of ``names`` (so a renamed column is reported
    as missing instead of the whole header going unfound)."""
    wanted = {_key(name) for name in names}

    def is_header(cells: Cells) -> bool:
        return len(wanted & {_key(cell) for cell in cells}) >= at_least

    return is_header


def _read(path: Path, required: Sequence[str], at_least: int = 3) -> Table:
    """An export whose header holds ``required`` (matched ignoring case and surrounding
    spaces; the keys are the names as given here), as a :class:`Table`.

    A required column missing or given twice is a DataError at the header; other columns
    are kept under their own spelling (made unique by their position where repeated).
    """
    rows = read_rows(path, _header_with(required, at_least), FALLBACK_ENCODING)
    canonical = {_key(name): name for name in required}
    keys: list[str] = []
    for index, cell in enumerate(rows.header):
        key = canonical.get(_key(cell), cell)
        if key in keys:
            if key in required:
                raise DataError(
                    path, "column appears twice in the header", row=rows.header_line, column=cell
                )
            key = f"{cell}#{index}"
        keys.append(key)
    for name in required:
        if name not in keys:
            raise DataError(
                path,
                f"required column missing or renamed (header: {rows.header!r})",
                row=rows.header_line,
                column=name,
            )
    return table_of(rows, keys)


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
            try:
                actor = _actor(names)(match["actor"])
            except ValueError as exc:
                raise DataError(
                    path, str(exc), row=record.line, column=wide.actor.capitalize()
                ) from None
            title = first.strip()
            break
    if actor is None:
        raise DataError(
            path, f"title 'TIV of arms {wide.direction} <{wide.actor}>, <years>' not found"
        )

    header = rows.header
    if header[-1].strip() != TOTAL:
        raise DataError(path, "the last column must be 'Total'", row=rows.header_line, column=TOTAL)
    year_of: dict[str, int] = {}
    for cell in header[1:-1]:
        try:
            year = _year()(cell)
        except ValueError as exc:
            raise DataError(path, str(exc), row=rows.header_line, column=cell) from None
        if year in year_of.values():
            raise DataError(path, "year appears twice", row=rows.header_line, column=cell)
        year_of[cell] = year
    years = list(year_of.values())
    total_column = header[-1]
    table = table_of(rows, [wide.label, *header[1:]])

    labels = table.convert(wide.label, _actor(names, total=True))
    check_unique(table, {wide.label: labels})
    by_year = {cell: table.convert(cell, _tiv) for cell in year_of}
    row_totals = table.convert(total_column, _required(_tiv, "a number"))
    values: dict[str, dict[int, float]] = {}
    totals: dict[str, tuple[int, float]] = {}
    for position, (line, name, total) in enumerate(
        zip(table.cells.index, labels, row_totals, strict=True)
    ):
        row = {
            year: value
            for cell, year in year_of.items()
            if (value := by_year[cell][position]) is not None
        }
        if not _within_rounding(total, list(row.values())):
            raise table.error(
                f"Total {total:g} differs from the sum of the years ({sum(row.values()):g}) "
                "by more than rounding",
                line,
                total_column,
            )
        values[name] = row
        totals[name] = (line, total)

    if countries.ALL not in values:
        raise table.error("no 'Total' row: truncated file?", column=wide.label)
    all_line, grand_total = totals[countries.ALL]
    counterparts = [name for name in values if name != countries.ALL]
    for cell, year in year_of.items():
        parts = [values[name][year] for name in counterparts if year in values[name]]
        published = values[countries.ALL].get(year)
        if (published is None and parts) or not _within_rounding(published or 0.0, parts):
            raise table.error(
                f"Total row {published} differs from the sum of the {wide.rows}s "
                f"({sum(parts):g}) by more than rounding",
                all_line,
                cell,
            )
    if not _within_rounding(grand_total, [totals[name][1] for name in counterparts]):
        raise table.error(
            f"grand total differs from the sum of the {wide.rows}s' totals by more than rounding",
            all_line,
            total_column,
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
    table = _read(Path(path), _LONG_COLUMNS, at_least=2)
    year = _year()
    recipients = table.convert("Import_To", _actor(names))
    suppliers = table.convert("Export_From", _actor(names, total=True))
    year_or_total = table.convert(
        "Year", lambda cell: None if cell.strip() == TOTAL else year(cell)
    )
    tivs = table.convert("TIV", _required(_tiv, "a number"))
    check_unique(
        table,
        {
            "Import_To": recipients,
            "Export_From": suppliers,
            "Year": [TOTAL if y is None else y for y in year_or_total],
        },
    )
    years: dict[tuple[str, str], dict[int, float]] = {}
    sums: dict[tuple[str, str], tuple[int, float]] = {}
    lines: dict[tuple[str, str, int], int] = {}
    out: list[tuple[str, str, int, float]] = []
    for line, recipient, supplier, when, tiv in zip(
        table.cells.index, recipients, suppliers, year_or_total, tivs, strict=True
    ):
        if when is None:
            sums[recipient, supplier] = (line, tiv)
        else:
            years.setdefault((recipient, supplier), {})[when] = tiv
            lines[recipient, supplier, when] = line
            out.append((recipient, supplier, when, tiv))

    for pair, by_year in years.items():
        if pair not in sums:
            raise table.error(
                f"no 'Total' year row for {pair[1]} -> {pair[0]}: truncated file?", column="Year"
            )
        total_line, total = sums[pair]
        if not _within_rounding(total, list(by_year.values())):
            raise table.error(
                f"Total {total:g} differs from the sum of the years ({sum(by_year.values()):g})"
                " by more than rounding",
                total_line,
                "TIV",
            )
    for recipient in {pair[0] for pair in years if pair[1] == countries.ALL}:
        every = years[recipient, countries.ALL]
        others = [s for (r, s) in years if r == recipient and s != countries.ALL]
        for when in sorted({y for s in others for y in years[recipient, s]} | set(every)):
            parts = [years[recipient, s][when] for s in others if when in years[recipient, s]]
            if when not in every or not _within_rounding(every[when], parts):
                raise table.error(
                    f"supplier 'Total' for {recipient} {when} ({every.get(when)}) differs from the"
                    f" sum over suppliers ({sum(parts):g}) by more than rounding",
                    lines.get((recipient, countries.ALL, when))
                    or min(
                        lines[recipient, s, when] for s in others if when in years[recipient, s]
                    ),
                    "TIV",
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


def _delivery_years(cell: str) -> list[int]:
    """``1982; 1984`` -> [1982, 1984]: years in range, strictly increasing."""
    text = cell.strip()
    if not text:
        return []
    years = [_year()(part) for part in text.split(";")]
    if any(a >= b for a, b in itertools.pairwise(years)):
        raise ValueError(f"delivery years not in increasing order: {text!r}")
    return years


def parse_trade_register(path: Path, names: ProducerNames) -> Parsed:
    """Read the deal-level trade register (one row per deal).

    Checks: the three ``" "`` columns follow the columns they qualify and hold ``?`` or
    nothing; names known; order year in 1930..next year and not after the first delivery;
    delivery years in 1950..next year, increasing; counts whole numbers >= 0, TIVs numbers
    >= 0; designation and description present. Exact duplicates get ``deal`` 1, 2, ...
    """
    path = Path(path)
    table = _read(path, _REGISTER_COLUMNS)
    flag_of: dict[str, str] = {}
    for name in _FLAGGED:
        index = table.header.index(name) + 1
        flag = table.header[index] if index < len(table.header) else None
        if flag is None or table.spelled.get(flag, flag).strip():
            raise DataError(
                path,
                f"expected the '?' column (named ' ') right after {name!r}",
                row=table.header_line,
                column=name if flag is None else table.spelled.get(flag, flag),
            )
        flag_of[name] = flag

    delivered_in = table.convert("Year(s) of delivery", _delivery_years)
    columns: dict[str, list[object]] = {
        "recipient": table.convert("Recipient", _actor(names)),
        "supplier": table.convert("Supplier", _actor(names)),
        "order_year": table.convert("Year of order", _year(FIRST_ORDER_YEAR)),
        "order_year_uncertain": table.convert(flag_of["Year of order"], _question_flag),
        "number_ordered": table.convert("Number ordered", _count),
        "number_ordered_uncertain": table.convert(flag_of["Number ordered"], _question_flag),
        "designation": table.convert("Weapon designation", _required(_text, "a value")),
        "description": table.convert("Weapon description", _required(_text, "a value")),
        "number_delivered": table.convert("Number delivered", _count),
        "number_delivered_uncertain": table.convert(flag_of["Number delivered"], _question_flag),
        "delivery_years": [";".join(map(str, years)) or None for years in delivered_in],
        "first_delivery_year": [years[0] if years else None for years in delivered_in],
        "last_delivery_year": [years[-1] if years else None for years in delivered_in],
        "status": table.convert("status", _text),
        "comments": table.convert("Comments", _text),
        "tiv_per_unit": table.convert("SIPRI TIV per unit", _tiv),
        "tiv_total_order": table.convert("SIPRI TIV for total order", _tiv),
        "tiv_delivered": table.convert("SIPRI TIV of delivered weapons", _tiv),
    }
    for line, order_year, years in zip(
        table.cells.index, columns["order_year"], delivered_in, strict=True
    ):
        if years and isinstance(order_year, int) and order_year > years[0]:
            raise table.error(
                f"first delivery {years[0]} before the order year {order_year}",
                line,
                "Year(s) of delivery",
            )

    int_columns = (
        "order_year",
        "number_ordered",
        "number_delivered",
        "first_delivery_year",
        "last_delivery_year",
    )
    frame = _frame(
        columns,
        {
            **dict.fromkeys(int_columns, "Int64"),
            **dict.fromkeys(
                ("order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"),
                "bool",
            ),
            **dict.fromkeys(("tiv_per_unit", "tiv_total_order", "tiv_delivered"), "float64"),
        },
    )
    frame["deal"] = (
        frame.groupby(list(REGISTER_KEY[:-1]), dropna=False, sort=False).cumcount() + 1
    ).astype("Int64")
    return Parsed(frame, _generated(path, table.preamble))


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
    table = _read(path, list(_DEALS_COLUMNS.values()))
    value = _required(_text, "a value")
    converters: dict[str, Callable[[str], object]] = {
        "deal_id": _required(_count, "a whole number"),
        "supplier": _actor(names),
        "recipient": _actor(names),
        "designation": value,
        "description": value,
        "category": value,
        "order_year": _optional_year(FIRST_ORDER_YEAR),
        "order_year_estimated": _yes_no,
        "number_delivered": _count,
        "number_delivered_estimated": _yes_no,
        "delivery_year": _year(),
        "delivery_year_estimated": _yes_no,
        "status": _text,
        "tiv_unit_estimate": _tiv,
        "tiv_deal_unit": _tiv,
        "tiv_delivered": _required(_tiv, "a number"),
        "local_production": _yes_no,
    }
    out = {
        name: table.convert(_DEALS_COLUMNS[name], convert) for name, convert in converters.items()
    }
    ids, id_column = out["deal_id"], _DEALS_COLUMNS["deal_id"]
    for line, deal, order, delivery in zip(
        table.cells.index, ids, out["order_year"], out["delivery_year"], strict=True
    ):
        if deal == 0:
            raise table.error("deal id 0", line, id_column)
        if isinstance(order, int) and isinstance(delivery, int) and order > delivery:
            raise table.error(
                f"delivery year {delivery} before the order year {order}",
                line,
                _DEALS_COLUMNS["delivery_year"],
            )
    check_unique(table, {id_column: ids, _DEALS_COLUMNS["delivery_year"]: out["delivery_year"]})
    for name in _DEAL_LEVEL:
        check_same_within(table, ("deal", ids), _DEALS_COLUMNS[name], out[name])

    frame = _frame(
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
    return Parsed(frame, _generated(path, table.preamble))


# --- format registry and sniffing -----------------------------------------------------------


# Every SIPRI format id and its parser (which takes the producer-names table as ``names``).
PARSERS = {
    "sipri-tiv-table": parse_tiv_table,
    "sipri-tiv-import-table": parse_tiv_import_table,
    "sipri-imports-long": parse_imports_long,
    "sipri-trade-register": parse_trade_register,
    "sipri-deals-by-year": parse_deals_by_year,
}


def formats(names: ProducerNames) -> dict[str, Parser]:
    """Every SIPRI format id mapped to its parser, which maps names through ``names``."""
    return {fmt: partial(parse, names=names) for fmt, parse in PARSERS.items()}


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
