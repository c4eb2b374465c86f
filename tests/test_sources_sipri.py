"""SIPRI parsers: real values from the upstream files, tolerance, and one case per bad input.

Bad inputs are modified copies of the real files written into ``tmp_path``; every case of a
bad input checks that the DataError names the file, the physical line and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import countries
from analysis.paths import Project
from analysis.sources import Parsed, sipri
from analysis.sources._text import read_rows, read_text
from helpers import BOM, CRLF, Edit, bad_copy, every_line, raises_at

USSR_TABLE = "TIV-Export-USR-1950-2021.csv"
RUSSIA_TABLE = "TIV-Export-RUS-1950-2021.csv"
IMPORTS = "tiv-imports-syria-by-supplier-1950-2021.csv"
REGISTER = "trade-register-2025-03-13-syria.csv"
DEALS = "deals-by-delivery-year-2025-01-03-syria.csv"

# Physical lines in the real files (as an editor numbers them).
TABLE_HEADER = 11  # both TIV tables
USSR_SYRIA = 75
USSR_TOTAL = 89
USSR_1974 = 25  # cell index of 1974 in the year header (index 1 = 1950)
USSR_TOTAL_COLUMN = 73
IMPORTS_USSR_1974 = 146
IMPORTS_USSR_TOTAL = 164
IMPORTS_ALL_1974 = 203
IMPORTS_ALL_TOTAL = 250
REGISTER_GENERATED = 11  # "Data generated: ..."
REGISTER_HEADER = 12
DEALS_HEADER = 12
FIRST_RECORD = 13  # register and deals

NEXT_YEAR_PLUS_ONE = dt.date.today().year + 2

NAMES = countries.load_names(Project.discover().producer_names)
BY_FORMAT = sipri.formats(NAMES)
parse_tiv_table = BY_FORMAT["sipri-tiv-table"]
parse_imports_long = BY_FORMAT["sipri-imports-long"]
parse_trade_register = BY_FORMAT["sipri-trade-register"]
parse_deals_by_year = BY_FORMAT["sipri-deals-by-year"]


@pytest.fixture(scope="module")
def sipri_dir(sources: Path) -> Path:
    return sources / "sipri"


@pytest.fixture(scope="module")
def ussr(sipri_dir: Path) -> Parsed:
    return parse_tiv_table(sipri_dir / USSR_TABLE)


@pytest.fixture(scope="module")
def russia(sipri_dir: Path) -> Parsed:
    return parse_tiv_table(sipri_dir / RUSSIA_TABLE)


@pytest.fixture(scope="module")
def imports(sipri_dir: Path) -> Parsed:
    return parse_imports_long(sipri_dir / IMPORTS)


@pytest.fixture(scope="module")
def register(sipri_dir: Path) -> Parsed:
    return parse_trade_register(sipri_dir / REGISTER)


@pytest.fixture(scope="module")
def deals(sipri_dir: Path) -> Parsed:
    return parse_deals_by_year(sipri_dir / DEALS)


# --- helpers to write modified copies ---------------------------------------------------------


def set_raw_cell(line_no: int, index: int, text: str) -> Edit:
    """An edit replacing cell ``index`` of physical line ``line_no`` by ``text`` as written
    (quotes included); for lines whose commas all separate cells."""

    def edit(lines: list[str]) -> list[str]:
        cells = lines[line_no - 1].split(",")
        cells[index] = text
        lines[line_no - 1] = ",".join(cells)
        return lines

    return edit


def chain(*edits: Edit) -> Edit:
    """An edit applying ``edits`` one after the other."""

    def edit(lines: list[str]) -> list[str]:
        for one in edits:
            lines = one(lines)
        return lines

    return edit


def truncate_row(line_no: int, keep: int) -> Edit:
    """An edit keeping only the first ``keep`` cells of physical line ``line_no``."""
    return lambda lines: [
        *lines[: line_no - 1],
        ",".join(lines[line_no - 1].split(",")[:keep]),
        *lines[line_no:],
    ]


def duplicate_line(line_no: int) -> Edit:
    """An edit writing physical line ``line_no`` twice in a row."""
    return lambda lines: [*lines[:line_no], lines[line_no - 1], *lines[line_no:]]


def drop_line(line_no: int) -> Edit:
    """An edit removing physical line ``line_no``."""
    return lambda lines: [*lines[: line_no - 1], *lines[line_no:]]


def end_after(line_no: int) -> Edit:
    """An edit ending the file (with a line break) right after physical line ``line_no``."""
    return lambda lines: [*lines[:line_no], ""]


def assert_same(a: Parsed, b: Parsed) -> None:
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.generated == b.generated


# --- 1. TIV tables: real values ---------------------------------------------------------------


def test_tiv_table_columns_and_dtypes(ussr: Parsed) -> None:
    table = ussr.table
    assert list(table.columns) == ["supplier", "recipient", "year", "tiv"]
    assert table["year"].dtype == "int64"
    assert table["tiv"].dtype == "float64"
    assert not table.duplicated(["supplier", "recipient", "year"]).any()
    assert set(table["supplier"]) == {countries.USSR}
    assert ussr.generated == dt.date(2022, 7, 28)


def test_ussr_to_syria(ussr: Parsed) -> None:
    syria = ussr.table.query("recipient == @countries.SYRIA").set_index("year")["tiv"]
    assert syria[1974] == 3420.0
    # The file's Total column says 34319; its 37 rounded year cells add up to 34318.
    assert syria.sum() == 34318.0
    assert abs(syria.sum() - 34319.0) <= sipri.ROUNDING * (len(syria) + 1)
    assert (syria.index.min(), syria.index.max()) == (1955, 1991)
    assert syria.index.is_unique and syria.index.is_monotonic_increasing


def test_published_syria_totals(sipri_dir: Path) -> None:
    """The Total column (dropped from the parsed table) as the files print it."""
    for name, total in ((USSR_TABLE, "34319"), (RUSSIA_TABLE, "2409")):
        rows = read_rows(sipri_dir / name, sipri._is_year_header)
        syria = next(r for r in rows.records if r.cells[0] == countries.SYRIA)
        assert rows.header[-1] == "Total" and syria.cells[-1] == total


def test_russia_to_syria(russia: Parsed) -> None:
    assert set(russia.table["supplier"]) == {countries.RUSSIA}
    assert russia.generated == dt.date(2022, 7, 28)
    syria = russia.table.query("recipient == @countries.SYRIA").set_index("year")["tiv"]
    assert syria[2012] == 496.0
    assert syria.index.min() == 1992
    assert not {1994, 1995, 1996, 1997, 2007, 2019} & set(syria.index)
    assert syria[2018] == 181.0


def test_tiv_table_zero_kept_blank_dropped(ussr: Parsed) -> None:
    algeria = ussr.table.query("recipient == 'Algeria'").set_index("year")["tiv"]
    assert algeria[1970] == 0.0  # '0' = less than 0.5 m
    assert 1971 not in algeria.index  # blank = no deliveries
    assert algeria[1961] == 7.0


def test_tiv_table_total_row_is_all(ussr: Parsed, russia: Parsed) -> None:
    every = ussr.table.query("recipient == @countries.ALL").set_index("year")["tiv"]
    assert every[1950] == 3977.0
    assert every.sum() == 450753.0  # the years; the file's grand total says 450754 (rounding)
    assert "Total" not in set(ussr.table["recipient"])
    assert russia.table.query("recipient == @countries.ALL")["year"].min() == 1992


# --- 2. long imports table --------------------------------------------------------------------


def test_imports_long_shape(imports: Parsed) -> None:
    table = imports.table
    assert list(table.columns) == ["recipient", "supplier", "year", "tiv"]
    assert table["year"].dtype == "int64" and table["tiv"].dtype == "float64"
    assert set(table["recipient"]) == {countries.SYRIA}
    assert countries.ALL in set(table["supplier"]) and "Total" not in set(table["supplier"])
    assert not table.duplicated(["recipient", "supplier", "year"]).any()
    assert imports.generated is None


def test_imports_agree_with_export_tables(imports: Parsed, ussr: Parsed, russia: Parsed) -> None:
    """Every year of Syria's imports from the USSR and Russia equals the exporters' tables."""
    for exports in (ussr, russia):
        table = exports.table
        exported = table[table["recipient"] == countries.SYRIA].set_index("year")["tiv"]
        supplier = imports.table["supplier"] == table["supplier"].iloc[0]
        imported = imports.table[supplier].set_index("year")["tiv"]
        pd.testing.assert_series_equal(
            imported.sort_index(), exported.sort_index(), check_names=False
        )


# --- 3. trade register ------------------------------------------------------------------------

REGISTER_COLUMNS = [
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
    "deal",
]


def test_register_columns_and_key(register: Parsed) -> None:
    table = register.table
    assert list(table.columns) == REGISTER_COLUMNS
    assert len(table) == 292
    for name in ("order_year", "number_ordered", "number_delivered", "first_delivery_year"):
        assert table[name].dtype == "Int64"
    for name in ("order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"):
        assert table[name].dtype == "bool"
    for name in ("tiv_per_unit", "tiv_total_order", "tiv_delivered"):
        assert table[name].dtype == "float64"
    assert not table.duplicated(list(sipri.REGISTER_KEY)).any()
    assert (table["deal"] == 1).all()  # the real file holds no duplicate deals
    assert register.generated == dt.date(2025, 3, 13)


def test_register_rows(register: Parsed) -> None:
    table = register.table
    assert (table["recipient"] == countries.SYRIA).all()
    il76 = table.query("designation == 'Il-76M' and order_year == 2019").iloc[0]
    assert il76["supplier"] == countries.RUSSIA
    assert il76["delivery_years"] == "2019"
    assert (il76["first_delivery_year"], il76["last_delivery_year"]) == (2019, 2019)
    assert bool(il76["order_year_uncertain"]) and not bool(il76["number_ordered_uncertain"])
    assert (il76["number_ordered"], il76["tiv_per_unit"], il76["tiv_delivered"]) == (2, 34, 68)
    osa = table.query("designation == 'Project-205' and order_year == 1982").iloc[0]
    assert osa["delivery_years"] == "1982;1984"
    assert (osa["first_delivery_year"], osa["last_delivery_year"]) == (1982, 1984)
    assert osa["comments"] == "Second-hand; Project-205M (Osa-2) version"


def test_register_flags_are_booleans(register: Parsed) -> None:
    # blanks in the three " " columns of the file: 77, 60 and 243 of 292 rows
    table = register.table
    assert table["order_year_uncertain"].sum() == 292 - 77
    assert table["number_ordered_uncertain"].sum() == 292 - 60
    assert table["number_delivered_uncertain"].sum() == 292 - 243


def test_register_order_before_1950(register: Parsed) -> None:
    g55 = register.table.query("designation == 'G-55A'").iloc[0]
    assert (g55["order_year"], g55["delivery_years"]) == (1949, "1950")


# --- 4. deals by delivery year ----------------------------------------------------------------


def test_deals_columns_and_key(deals: Parsed) -> None:
    table = deals.table
    assert list(table.columns) == [
        "deal_id",
        "supplier",
        "recipient",
        "designation",
        "description",
        "category",
        "order_year",
        "order_year_estimated",
        "number_delivered",
        "number_delivered_estimated",
        "delivery_year",
        "delivery_year_estimated",
        "status",
        "tiv_unit_estimate",
        "tiv_deal_unit",
        "tiv_delivered",
        "local_production",
    ]
    assert table["deal_id"].dtype == "int64" and table["delivery_year"].dtype == "int64"
    assert table["order_year"].dtype == "Int64" and table["number_delivered"].dtype == "Int64"
    assert table["local_production"].dtype == "bool"
    assert not table.duplicated(list(sipri.DEALS_KEY)).any()
    assert len(table) == 102
    assert deals.generated == dt.date(2025, 1, 3)


def test_deals_values(deals: Parsed) -> None:
    table = deals.table
    assert (table["recipient"] == countries.SYRIA).all()
    russia_2018 = table.query("supplier == @countries.RUSSIA and delivery_year == 2018")
    assert russia_2018["tiv_delivered"].sum() == pytest.approx(199.06, abs=0.01)
    first = table.iloc[0]
    assert (first["deal_id"], first["delivery_year"], first["tiv_delivered"]) == (54496, 2020, 3.75)
    assert bool(first["order_year_estimated"]) and not bool(first["delivery_year_estimated"])
    assert "9M119" in set(table["designation"])  # SIPRI writes "9M119 "


def test_deals_sum_to_published_tables_within_rounding(deals: Parsed, russia: Parsed) -> None:
    """2010-2013: 353.4 / 409.8 / 495.5 / 495.5 in deals vs 353 / 410 / 496 / 496 published."""
    by_year = deals.table.query("supplier == @countries.RUSSIA").groupby("delivery_year")
    summed = by_year["tiv_delivered"].sum()
    table = russia.table.query("recipient == @countries.SYRIA").set_index("year")["tiv"]
    for year in (2010, 2011, 2012, 2013):
        assert abs(summed[year] - table[year]) <= 0.5


# --- format registry and sniffing -------------------------------------------------------------


def test_formats() -> None:
    assert set(BY_FORMAT) == {
        "sipri-tiv-table",
        "sipri-tiv-import-table",
        "sipri-imports-long",
        "sipri-trade-register",
        "sipri-deals-by-year",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (USSR_TABLE, "sipri-tiv-table"),
        (RUSSIA_TABLE, "sipri-tiv-table"),
        (IMPORTS, "sipri-imports-long"),
        (REGISTER, "sipri-trade-register"),
        (DEALS, "sipri-deals-by-year"),
    ],
)
def test_sniff_real_files(sipri_dir: Path, name: str, expected: str) -> None:
    assert sipri.sniff(sipri_dir / name) == expected


def test_sniff_other_files(tmp_path: Path, sources: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 10)
    other = tmp_path / "other.csv"
    other.write_text("year,value\n2000,1\n", encoding="utf-8")
    for path in (empty, binary, other, tmp_path / "missing.csv"):
        assert sipri.sniff(path) is None


def test_sniff_tolerates_bom_and_crlf(tmp_path: Path, sipri_dir: Path) -> None:
    path = bad_copy(tmp_path, sipri_dir / REGISTER, CRLF, prefix=BOM)
    assert sipri.sniff(path) == "sipri-trade-register"


# --- the import table as SIPRI publishes it (a synthetic file in the producer's layout) -------

THIS_YEAR = dt.date.today().year


def write_import_table(
    path: Path,
    rows: dict[str, dict[int, int]],
    last: int = THIS_YEAR - 1,
    subject: str = "imports to Syria",
    generated: str = "10 March 2025",
) -> Path:
    """A "TIV of arms <subject>, 1950-<last>" table in SIPRI's layout: title, notes,
    generation date, a blank-labelled year header, a row per counterpart, a Total row."""
    years = range(1950, last + 1)
    lines = [
        f'"TIV of arms {subject}, 1950-{last}",,',
        "Figures are SIPRI Trend Indicator Values (TIVs) expressed in millions.,,",
        "Source: SIPRI Arms Transfers Database,,",
        f"Generated: {generated},,",
        ",,",
        ",".join(["", *map(str, years), "Total"]),
    ]
    every: dict[int, int] = {}
    for supplier, by_year in rows.items():
        cells = [str(by_year[year]) if year in by_year else "" for year in years]
        lines.append(",".join([supplier, *cells, str(sum(by_year.values()))]))
        for year, value in by_year.items():
            every[year] = every.get(year, 0) + value
    cells = [str(every[year]) if year in every else "" for year in years]
    lines.append(",".join(["Total", *cells, str(sum(every.values()))]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_table_in_the_producers_layout(tmp_path: Path, imports: Parsed) -> None:
    path = write_import_table(
        tmp_path / "imports.csv",
        {"Soviet Union": {1956: 20, 1990: 5}, "Türkiye": {THIS_YEAR - 1: 3}},
    )
    assert sipri.sniff(path) == "sipri-tiv-import-table"
    parsed = BY_FORMAT["sipri-tiv-import-table"](path)
    # The same columns and dtypes as the long form: both feed the table arms_imports.
    assert parsed.table.dtypes.to_dict() == imports.table.dtypes.to_dict()
    assert list(parsed.table.columns) == ["recipient", "supplier", "year", "tiv"]
    rows = set(parsed.table.itertuples(index=False, name=None))
    # SIPRI's current spelling "Türkiye" is mapped to the book's name through the names table.
    assert ("Syria", "Turkey", THIS_YEAR - 1, 3.0) in rows
    assert ("Syria", countries.ALL, 1956, 20.0) in rows
    assert len(rows) == 6
    assert parsed.generated == dt.date(2025, 3, 10)
    assert parsed.title == f"TIV of arms imports to Syria, 1950-{THIS_YEAR - 1}"


def test_import_table_bad_supplier_names_its_column(tmp_path: Path) -> None:
    path = write_import_table(tmp_path / "imports.csv", {"Sovjet Union": {1956: 20}})
    error = raises_at(BY_FORMAT["sipri-tiv-import-table"], path, 7, "Supplier")
    assert "add this line to data/producer-names.csv: sipri,Sovjet Union,Sovjet Union," in str(
        error
    )


def test_export_parser_refuses_an_import_table(tmp_path: Path) -> None:
    path = write_import_table(tmp_path / "imports.csv", {"Soviet Union": {1956: 20}})
    raises_at(parse_tiv_table, path, None, None)


def test_register_and_deals_with_more_and_fewer_years(
    tmp_path: Path, sipri_dir: Path, register: Parsed, deals: Parsed
) -> None:
    """A later release lists later delivery years, an earlier one fewer: no year is fixed."""
    later = bad_copy(tmp_path, sipri_dir / REGISTER, set_raw_cell(FIRST_RECORD, 10, str(THIS_YEAR)))
    assert parse_trade_register(later).table["last_delivery_year"].max() == THIS_YEAR
    fewer = bad_copy(tmp_path, sipri_dir / DEALS, lambda ls: ls[: DEALS_HEADER + 3])
    assert len(parse_deals_by_year(fewer).table) == 3


# --- tolerance: what a real release may do ----------------------------------------------------

ALL_FILES = [
    (USSR_TABLE, parse_tiv_table),
    (IMPORTS, parse_imports_long),
    (REGISTER, parse_trade_register),
    (DEALS, parse_deals_by_year),
]


@pytest.mark.parametrize(("name", "parse"), ALL_FILES)
def test_crlf_and_bom(tmp_path: Path, sipri_dir: Path, name: str, parse) -> None:
    original = parse(sipri_dir / name)
    crlf = bad_copy(tmp_path, sipri_dir / name, CRLF)
    assert_same(parse(crlf), original)
    bom = bad_copy(tmp_path, sipri_dir / name, prefix=BOM)
    assert_same(parse(bom), original)


@pytest.mark.parametrize(("name", "parse"), ALL_FILES)
def test_trailing_empty_columns(tmp_path: Path, sipri_dir: Path, name: str, parse) -> None:
    original = parse(sipri_dir / name)
    path = bad_copy(tmp_path, sipri_dir / name, every_line(lambda line: line + ",,"))
    assert_same(parse(path), original)


def test_fewer_and_more_preamble_lines(tmp_path: Path, sipri_dir: Path, ussr: Parsed) -> None:
    fewer = bad_copy(tmp_path, sipri_dir / USSR_TABLE, lambda ls: ls[:1] + ls[5:])
    assert_same(parse_tiv_table(fewer), ussr)
    more = bad_copy(
        tmp_path, sipri_dir / USSR_TABLE, lambda ls: [*ls[:2], "A new note, here", *ls[2:]]
    )
    assert_same(parse_tiv_table(more), ussr)


def test_register_more_preamble_lines(tmp_path: Path, sipri_dir: Path, register: Parsed) -> None:
    path = bad_copy(tmp_path, sipri_dir / REGISTER, lambda ls: [*ls[:3], "Another note.", *ls[3:]])
    assert_same(parse_trade_register(path), register)


def test_more_years_and_recipients(tmp_path: Path, sipri_dir: Path) -> None:
    """A later release adds a year column (before Total) and a recipient row."""

    def edit(lines: list[str]) -> list[str]:
        out = []
        for number, line in enumerate(lines[:-1], start=1):
            cells = line.split(",")
            if number == TABLE_HEADER:
                cells.insert(-1, "2022")
            elif number in (USSR_SYRIA, USSR_TOTAL):
                cells.insert(-1, "0")
            elif number > TABLE_HEADER:
                cells.insert(-1, "")
            out.append(",".join(cells))
        newcomer = ["Ukraine Rebels*", *[""] * 72, "0", "0"]
        return [*out[:USSR_SYRIA], ",".join(newcomer), *out[USSR_SYRIA:], lines[-1]]

    parsed = parse_tiv_table(bad_copy(tmp_path, sipri_dir / USSR_TABLE, edit))
    table = parsed.table.set_index(["recipient", "year"])["tiv"]
    assert table[countries.SYRIA, 2022] == 0.0
    assert table["Ukraine Rebels*", 2022] == 0.0
    assert table[countries.SYRIA, 1974] == 3420.0


def test_register_latin1_fallback(tmp_path: Path, sipri_dir: Path) -> None:
    """The producer's full export is Latin-1: a non-UTF-8 byte switches to cp1252."""
    edit = set_raw_cell(FIRST_RECORD, 12, "Second-hand; Il-76MD version (Côte)")
    path = bad_copy(tmp_path, sipri_dir / REGISTER, edit, encoding="cp1252")
    parsed = parse_trade_register(path)
    assert parsed.table["comments"].iloc[0] == "Second-hand; Il-76MD version (Côte)"
    assert "Côte" in read_text(path, sipri.FALLBACK_ENCODING)


def test_line_numbers_count_quoted_line_breaks(tmp_path: Path, sipri_dir: Path) -> None:
    """A cell holding a line break makes the record span two lines: errors count both."""
    edit = chain(
        set_raw_cell(FIRST_RECORD + 1, 15, "oops"),
        set_raw_cell(FIRST_RECORD, 12, '"Second-hand;\nIl-76MD version"'),
    )
    path = bad_copy(tmp_path, sipri_dir / REGISTER, edit)
    raises_at(parse_trade_register, path, FIRST_RECORD + 2, "SIPRI TIV of delivered weapons")
    rows = read_rows(path, lambda cells: cells[:1] == ["Recipient"])
    assert [r.line for r in rows.records[:2]] == [FIRST_RECORD, FIRST_RECORD + 2]


# --- malformed input: every parser ------------------------------------------------------------


@pytest.mark.parametrize(("name", "parse"), ALL_FILES)
def test_empty_file(tmp_path: Path, name: str, parse) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    raises_at(parse, path, None, None)
    path.write_bytes(b"\n\n")
    raises_at(parse, path, None, None)


@pytest.mark.parametrize(
    ("name", "parse", "header"),
    [
        (USSR_TABLE, parse_tiv_table, TABLE_HEADER),
        (IMPORTS, parse_imports_long, 1),
        (REGISTER, parse_trade_register, REGISTER_HEADER),
        (DEALS, parse_deals_by_year, DEALS_HEADER),
    ],
)
def test_header_without_rows(
    tmp_path: Path, sipri_dir: Path, name: str, parse, header: int
) -> None:
    path = bad_copy(tmp_path, sipri_dir / name, end_after(header))
    raises_at(parse, path, header, None)


@pytest.mark.parametrize(("name", "parse"), ALL_FILES)
def test_utf16_is_not_read_as_garbage(tmp_path: Path, sipri_dir: Path, name: str, parse) -> None:
    path = bad_copy(tmp_path, sipri_dir / name, encoding="utf-16")
    error = raises_at(parse, path, None, None)
    assert "header" in error.message


def test_bytes_neither_utf8_nor_cp1252(tmp_path: Path, sipri_dir: Path) -> None:
    path = bad_copy(tmp_path, sipri_dir / REGISTER)
    data = path.read_bytes().split(b"\n")
    data[FIRST_RECORD - 1] = data[FIRST_RECORD - 1].replace(b"Il-76MD", b"Il-76\x81MD")
    path.write_bytes(b"\n".join(data))
    error = raises_at(parse_trade_register, path, FIRST_RECORD, None)
    assert "encoding" in error.message


# --- malformed input: one case per bad input --------------------------------------------------

PARSERS = dict(ALL_FILES)


def cases_of(name: str, prefix: str) -> Callable[..., pytest.ParameterSet]:
    """A maker of BAD_INPUT cases for file ``name``, their ids starting with ``prefix``."""

    def case(
        case_id: str, edit: Edit, row: int | None, column: str | None, says: str | None = None
    ) -> pytest.ParameterSet:
        return pytest.param(name, edit, row, column, says, id=f"{prefix}-{case_id}")

    return case


tiv_case = cases_of(USSR_TABLE, "tiv")
imports_case = cases_of(IMPORTS, "imports")
register_case = cases_of(REGISTER, "register")
deals_case = cases_of(DEALS, "deals")


BAD_INPUT = [
    # TIV table
    tiv_case("truncated-row", truncate_row(USSR_SYRIA, USSR_1974 + 1), USSR_SYRIA, "1975"),
    tiv_case("truncated-before-total-row", end_after(USSR_SYRIA), None, "Recipient"),
    tiv_case(
        "renamed-total-column",
        set_raw_cell(TABLE_HEADER, USSR_TOTAL_COLUMN, "Sum"),
        TABLE_HEADER,
        "Total",
    ),
    tiv_case("missing-title", drop_line(1), None, None),
    tiv_case("non-numeric", set_raw_cell(USSR_SYRIA, USSR_1974, "3.4k"), USSR_SYRIA, "1974"),
    tiv_case(
        "negative", set_raw_cell(USSR_SYRIA, USSR_1974, "-3420"), USSR_SYRIA, "1974", "negative"
    ),
    tiv_case("header-year-1949", set_raw_cell(TABLE_HEADER, 1, "1949"), TABLE_HEADER, "1949"),
    tiv_case(
        "header-year-next-year-plus-one",
        set_raw_cell(TABLE_HEADER, 1, str(NEXT_YEAR_PLUS_ONE)),
        TABLE_HEADER,
        str(NEXT_YEAR_PLUS_ONE),
    ),
    tiv_case("header-year-197", set_raw_cell(TABLE_HEADER, 1, "197"), TABLE_HEADER, "197"),
    tiv_case(
        "unknown-recipient",
        set_raw_cell(USSR_SYRIA, 0, "Syrie"),
        USSR_SYRIA,
        "Recipient",
        "add this line to data/producer-names.csv: sipri,Syrie,Syrie,",
    ),
    tiv_case("duplicate-recipient", duplicate_line(USSR_SYRIA), USSR_SYRIA + 1, "Recipient"),
    tiv_case(
        "row-total-mismatch",
        set_raw_cell(USSR_SYRIA, USSR_TOTAL_COLUMN, "34419"),
        USSR_SYRIA,
        "Total",
    ),
    # Syria's row still adds up to its own Total; the 1974 column no longer sums to the Total row.
    tiv_case(
        "total-row-mismatch",
        chain(
            set_raw_cell(USSR_SYRIA, USSR_1974, "3520"),
            set_raw_cell(USSR_SYRIA, USSR_TOTAL_COLUMN, "34419"),
        ),
        USSR_TOTAL,
        "1974",
    ),
    # long imports table
    imports_case("renamed-column", set_raw_cell(1, 3, '"Value"'), 1, "TIV"),
    imports_case("truncated-row", truncate_row(IMPORTS_USSR_1974, 3), IMPORTS_USSR_1974, "TIV"),
    imports_case("non-numeric", set_raw_cell(IMPORTS_USSR_1974, 3, "NA"), IMPORTS_USSR_1974, "TIV"),
    imports_case(
        "year-1949", set_raw_cell(IMPORTS_USSR_1974, 2, '"1949"'), IMPORTS_USSR_1974, "Year"
    ),
    imports_case(
        "year-next-year-plus-one",
        set_raw_cell(IMPORTS_USSR_1974, 2, f'"{NEXT_YEAR_PLUS_ONE}"'),
        IMPORTS_USSR_1974,
        "Year",
    ),
    imports_case("year-74", set_raw_cell(IMPORTS_USSR_1974, 2, '"74"'), IMPORTS_USSR_1974, "Year"),
    imports_case(
        "unknown-supplier",
        set_raw_cell(IMPORTS_USSR_1974, 1, '"USSR"'),
        IMPORTS_USSR_1974,
        "Export_From",
    ),
    imports_case(
        "duplicate-key", duplicate_line(IMPORTS_USSR_1974), IMPORTS_USSR_1974 + 1, "Import_To"
    ),
    imports_case("negative", set_raw_cell(IMPORTS_USSR_1974, 3, "-3420"), IMPORTS_USSR_1974, "TIV"),
    imports_case(
        "year-total-mismatch", set_raw_cell(IMPORTS_USSR_1974, 3, "3520"), IMPORTS_USSR_TOTAL, "TIV"
    ),
    imports_case(
        "supplier-total-mismatch",
        chain(
            set_raw_cell(IMPORTS_ALL_1974, 3, "3520"), set_raw_cell(IMPORTS_ALL_TOTAL, 3, "40289")
        ),
        IMPORTS_ALL_1974,
        "TIV",
    ),
    imports_case("missing-total-row", drop_line(IMPORTS_USSR_TOTAL), None, "Year"),
    # trade register
    register_case(
        "renamed-column",
        set_raw_cell(REGISTER_HEADER, 2, "Order year"),
        REGISTER_HEADER,
        "Year of order",
    ),
    register_case(
        "flag-column-renamed",
        set_raw_cell(REGISTER_HEADER, 5, "Uncertain"),
        REGISTER_HEADER,
        "Uncertain",
    ),
    register_case(
        "truncated-row", truncate_row(FIRST_RECORD, 7), FIRST_RECORD, "Weapon description"
    ),
    register_case(
        "non-numeric", set_raw_cell(FIRST_RECORD, 13, "n/a"), FIRST_RECORD, "SIPRI TIV per unit"
    ),
    register_case(
        "non-integer-count", set_raw_cell(FIRST_RECORD, 4, "2.5"), FIRST_RECORD, "Number ordered"
    ),
    register_case(
        "negative-tiv",
        set_raw_cell(FIRST_RECORD, 15, "-68"),
        FIRST_RECORD,
        "SIPRI TIV of delivered weapons",
    ),
    register_case(
        "order-year-next-year-plus-one",
        set_raw_cell(FIRST_RECORD, 2, str(NEXT_YEAR_PLUS_ONE)),
        FIRST_RECORD,
        "Year of order",
    ),
    register_case(
        "order-year-1929", set_raw_cell(FIRST_RECORD, 2, "1929"), FIRST_RECORD, "Year of order"
    ),
    register_case(
        "delivery-year-20199",
        set_raw_cell(FIRST_RECORD, 10, "2019; 20199"),
        FIRST_RECORD,
        "Year(s) of delivery",
    ),
    register_case(
        "delivery-year-1949",
        set_raw_cell(FIRST_RECORD, 10, "1949"),
        FIRST_RECORD,
        "Year(s) of delivery",
    ),
    register_case(
        "delivery-year-next-year-plus-one",
        set_raw_cell(FIRST_RECORD, 10, f"2019; {NEXT_YEAR_PLUS_ONE}"),
        FIRST_RECORD,
        "Year(s) of delivery",
    ),
    register_case(
        "delivery-before-order",
        set_raw_cell(FIRST_RECORD, 10, "2018; 2019"),
        FIRST_RECORD,
        "Year(s) of delivery",
    ),
    register_case(
        "delivery-years-out-of-order",
        set_raw_cell(FIRST_RECORD + 1, 10, "1984; 1982"),
        FIRST_RECORD + 1,
        "Year(s) of delivery",
    ),
    register_case(
        "unknown-supplier", set_raw_cell(FIRST_RECORD, 1, "USSR"), FIRST_RECORD, "Supplier"
    ),
    register_case("bad-flag", set_raw_cell(FIRST_RECORD, 3, "x"), FIRST_RECORD, " "),
    # the "Data generated" line has no comma: its one cell is the whole line
    register_case(
        "bad-generated-date",
        set_raw_cell(REGISTER_GENERATED, 0, "Data generated: 13 Smarch 2025 10:02:49 AM"),
        REGISTER_GENERATED,
        None,
    ),
    # deals by delivery year
    deals_case(
        "renamed-column",
        set_raw_cell(DEALS_HEADER, 15, "TIV delivered"),
        DEALS_HEADER,
        "TIV delivery values",
    ),
    deals_case("truncated-row", truncate_row(FIRST_RECORD, 16), FIRST_RECORD, "Local production"),
    deals_case(
        "non-numeric", set_raw_cell(FIRST_RECORD, 15, "3.75m"), FIRST_RECORD, "TIV delivery values"
    ),
    deals_case(
        "negative", set_raw_cell(FIRST_RECORD, 15, "-3.75"), FIRST_RECORD, "TIV delivery values"
    ),
    deals_case(
        "bad-deal-id", set_raw_cell(FIRST_RECORD, 0, "54496a"), FIRST_RECORD, "SIPRI AT Database ID"
    ),
    deals_case("year-1949", set_raw_cell(FIRST_RECORD, 10, "1949"), FIRST_RECORD, "Delivery year"),
    deals_case(
        "year-next-year-plus-one",
        set_raw_cell(FIRST_RECORD, 10, str(NEXT_YEAR_PLUS_ONE)),
        FIRST_RECORD,
        "Delivery year",
    ),
    deals_case("year-20x0", set_raw_cell(FIRST_RECORD, 10, "20x0"), FIRST_RECORD, "Delivery year"),
    deals_case(
        "unknown-recipient",
        set_raw_cell(FIRST_RECORD, 2, "Syrian Arab Republic"),
        FIRST_RECORD,
        "Recipient",
    ),
    deals_case(
        "duplicate-key", duplicate_line(FIRST_RECORD), FIRST_RECORD + 1, "SIPRI AT Database ID"
    ),
    deals_case(
        "local-production-yes",
        set_raw_cell(FIRST_RECORD, 16, "yes"),
        FIRST_RECORD,
        "Local production",
    ),
    deals_case(
        "local-production-empty",
        set_raw_cell(FIRST_RECORD, 16, ""),
        FIRST_RECORD,
        "Local production",
    ),
    deals_case(
        "local-production-Y", set_raw_cell(FIRST_RECORD, 16, "Y"), FIRST_RECORD, "Local production"
    ),
    deals_case(
        "local-production-Maybe",
        set_raw_cell(FIRST_RECORD, 16, "Maybe"),
        FIRST_RECORD,
        "Local production",
    ),
    deals_case(
        "inconsistent-deal",
        set_raw_cell(FIRST_RECORD + 1, 3, "R-77"),
        FIRST_RECORD + 1,
        "Designation",
    ),
    deals_case(
        "delivery-before-order",
        set_raw_cell(FIRST_RECORD, 10, "2019"),
        FIRST_RECORD,
        "Delivery year",
    ),
]


@pytest.mark.parametrize(("name", "edit", "row", "column", "says"), BAD_INPUT)
def test_bad_input_is_located(
    tmp_path: Path,
    sipri_dir: Path,
    name: str,
    edit: Edit,
    row: int | None,
    column: str | None,
    says: str | None,
) -> None:
    """A modified copy of a real file fails with a DataError at ``row`` / ``column``."""
    path = bad_copy(tmp_path, sipri_dir / name, edit)
    error = raises_at(PARSERS[name], path, row, column)
    if says is not None:
        assert says in error.message


# --- near misses the parsers accept -----------------------------------------------------------


def test_tiv_total_within_rounding_is_accepted(tmp_path: Path, sipri_dir: Path) -> None:
    """Syria 1955-91 has 37 cells: a Total off by 18 is still SIPRI's rounding."""
    path = bad_copy(
        tmp_path, sipri_dir / USSR_TABLE, set_raw_cell(USSR_SYRIA, USSR_TOTAL_COLUMN, "34337")
    )
    parse_tiv_table(path)


def test_register_empty_number_ordered_is_missing(tmp_path: Path, sipri_dir: Path) -> None:
    path = bad_copy(tmp_path, sipri_dir / REGISTER, set_raw_cell(FIRST_RECORD, 4, ""))
    table = parse_trade_register(path).table
    assert table["number_ordered"].isna().sum() == 1
    assert table["number_ordered"].dtype == "Int64"


def test_register_exact_duplicates_are_numbered(tmp_path: Path, sipri_dir: Path) -> None:
    path = bad_copy(tmp_path, sipri_dir / REGISTER, duplicate_line(FIRST_RECORD))
    table = parse_trade_register(path).table
    assert len(table) == 293
    assert table["deal"].tolist()[:3] == [1, 2, 1]
    assert not table.duplicated(list(sipri.REGISTER_KEY)).any()
