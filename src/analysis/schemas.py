"""Schemas of the processed tables (pandera): types, units, ranges, vocabularies, keys.

Each table is validated after it is assembled and again whenever it is loaded, so a table
edited by hand, or built by a parser that drifted, is refused with the table, the row and
the column of the first failure.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from analysis.countries import ALL, RUSSIA, SIPRI_NAMES, SYRIA, USSR
from analysis.errors import DataError, from_schema
from analysis.sources._checks import FIRST_YEAR, last_year
from analysis.sources.sipri import REGISTER_KEY

ACTORS = sorted(SIPRI_NAMES | {ALL})


def check_citations(frame: pd.DataFrame, keys: frozenset[str], file: str) -> None:
    """Every cell of ``citation`` names only keys of the bibliography. Judged once per
    distinct cell: a table of votes repeats the same few citations on every row."""
    if "citation" not in frame:
        return
    for cell in frame["citation"].unique():
        unknown = [key.strip() for key in str(cell).split(";") if key.strip() not in keys]
        if unknown:
            row = int(frame.index[frame["citation"] == cell][0]) + 2  # header is line 1
            raise DataError(
                file,
                f"citation key {unknown[0]!r} not in references.bib",
                row=row,
                column="citation",
            )


def year(nullable: bool = False) -> pa.Column:
    return pa.Column(
        "Int64" if nullable else "int64",
        pa.Check(
            lambda s: s.between(FIRST_YEAR, last_year()),
            element_wise=False,
            error=f"year outside {FIRST_YEAR}..next year",
        ),
        nullable=nullable,
    )


def text(nullable: bool = False, **options: object) -> pa.Column:
    return pa.Column(str, nullable=nullable, **options)


def one_of(values: list[str], nullable: bool = False) -> pa.Column:
    return pa.Column(str, pa.Check.isin(values), nullable=nullable)


def amount(nullable: bool = True) -> pa.Column:
    """A non-negative quantity (TIV millions, US$ millions)."""
    return pa.Column(float, pa.Check.ge(0), nullable=nullable)


def count(nullable: bool = True) -> pa.Column:
    return pa.Column("Int64", pa.Check.ge(0), nullable=nullable)


def flag(nullable: bool = False) -> pa.Column:
    return pa.Column("boolean" if nullable else bool, nullable=nullable)


def day(nullable: bool = False) -> pa.Column:
    return pa.Column("datetime64[ns]", nullable=nullable)


CITATION = pa.Column(str)  # keys checked against the bibliography by check_citations
RELEASE = text()


def schema(columns: dict[str, pa.Column], key: list[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, unique=key, strict=True, ordered=True, coerce=True)


TIV = {"tiv": amount(nullable=False)}
DIRECTIONS = ["russia_to_syria", "syria_to_russia"]
VOTES = ["yes", "no", "abstain"]

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "arms_exports": schema(
        {
            "supplier": one_of(ACTORS),
            "recipient": one_of(ACTORS),
            "year": year(),
            **TIV,
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "supplier", "recipient", "year"],
    ),
    "arms_export_totals": schema(
        {
            "supplier": one_of(ACTORS),
            "recipient": one_of(ACTORS),
            "first_year": year(),
            "last_year": year(),
            **TIV,
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "supplier", "recipient"],
    ),
    "arms_imports": schema(
        {
            "recipient": one_of(ACTORS),
            "supplier": one_of(ACTORS),
            "year": year(),
            **TIV,
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "recipient", "supplier", "year"],
    ),
    "arms_deliveries": schema(
        {
            "deal_id": pa.Column("int64", pa.Check.gt(0)),
            "supplier": one_of(ACTORS),
            "recipient": one_of(ACTORS),
            "designation": text(),
            "description": text(),
            "category": text(),
            "order_year": year(nullable=True),
            "order_year_estimated": flag(),
            "number_delivered": count(),
            "number_delivered_estimated": flag(),
            "delivery_year": year(),
            "delivery_year_estimated": flag(),
            "status": text(),
            "tiv_unit_estimate": amount(),
            "tiv_deal_unit": amount(),
            "tiv_delivered": amount(),
            "local_production": flag(),
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "deal_id", "delivery_year"],
    ),
    "arms_register": schema(
        {
            "recipient": one_of(ACTORS),
            "supplier": one_of(ACTORS),
            "order_year": year(nullable=True),
            "order_year_uncertain": flag(),
            "number_ordered": count(),
            "number_ordered_uncertain": flag(),
            "designation": text(),
            "description": text(),
            "number_delivered": count(),
            "number_delivered_uncertain": flag(),
            "delivery_years": text(),
            "first_delivery_year": year(nullable=True),
            "last_delivery_year": year(nullable=True),
            "status": text(nullable=True),
            "comments": text(nullable=True),
            "tiv_per_unit": amount(),
            "tiv_total_order": amount(),
            "tiv_delivered": amount(),
            "deal": count(nullable=False),
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", *REGISTER_KEY],
    ),
    "arms_revisions": schema(
        {
            "recipient": one_of(ACTORS),
            "supplier": one_of(ACTORS),
            "year": year(),
            "release_old": RELEASE,
            "tiv_old": amount(),
            "release_new": RELEASE,
            "tiv_new": amount(),
            "change": pa.Column(float, nullable=True),
            "status": one_of(["unchanged", "revised", "added", "removed"]),
            "citation": CITATION,
        },
        ["recipient", "supplier", "release_old", "release_new", "year"],
    ),
    "trade": schema(
        {
            "year": year(),
            "direction": one_of(DIRECTIONS),
            "series": one_of(["flow", "smoothed"]),
            "value_musd": amount(),
            "missing": flag(),
            "release": RELEASE,
            "citation": CITATION,
            "rounded": flag(),
        },
        # COW's own exact file and peacesciencer's rounded copy can share a version number.
        ["release", "rounded", "series", "year", "direction"],
    ),
    "trade_official": schema(
        {
            "period_start": day(),
            "period_end": day(),
            "year": year(),
            "partial_year": flag(),
            "current_at_article": flag(),
            "measure": one_of(
                ["total_trade_turnover", "russian_exports_to_syria", "syrian_exports_to_russia"]
            ),
            "value_musd": amount(nullable=False),
            "qualifier": one_of(["exact", "approximate", "upper_bound"]),
            "value_as_stated": text(),
            "speaker": text(),
            "url": text(),
            "quote": text(),
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "period_start", "period_end", "measure", "url"],
    ),
    "unga_votes": schema(
        {
            "rcid": pa.Column("int64", pa.Check.gt(0)),
            "date": day(),
            "year": year(),
            "session": pa.Column("int64", pa.Check.gt(0)),
            "country": one_of([RUSSIA, SYRIA]),
            "vote": one_of(VOTES),
            "important": flag(nullable=True),
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "rcid", "country"],
    ),
    "unga_roll_calls": schema(
        {
            "rcid": pa.Column("int64", pa.Check.gt(0)),
            "session": pa.Column("int64", pa.Check.gt(0)),
            "date": day(),
            "year": year(),
            "unres": text(nullable=True),
            "short": text(nullable=True),
            "descr": text(nullable=True),
            "important": flag(nullable=True),
            "amend": flag(nullable=True),
            "para": flag(nullable=True),
            "issue_codes": text(nullable=True),
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "rcid"],
    ),
    "unga_votes_rawcodes": schema(
        {
            "rcid": pa.Column("int64", pa.Check.gt(0)),
            "date": day(nullable=True),
            "year": year(nullable=True),
            "session": pa.Column("int64", pa.Check.gt(0)),
            "country": one_of([RUSSIA, SYRIA]),
            "vote": one_of([*VOTES, "absent", "not_member"]),
            "release": RELEASE,
            "citation": CITATION,
        },
        ["release", "rcid", "country"],
    ),
}
# Sort order of each table's rows: its unique key.
KEYS: dict[str, list[str]] = {name: list(s.unique or []) for name, s in SCHEMAS.items()}


def validate(
    name: str, frame: pd.DataFrame, *, origin: str, citations: frozenset[str]
) -> pd.DataFrame:
    """A table in its schema's column order, sorted by its key, validated and typed."""
    schema_ = SCHEMAS[name]
    file = f"data/processed/{name}.csv (built from {origin})"
    missing = [column for column in schema_.columns if column not in frame.columns]
    if missing:
        raise DataError(file, "column missing from the assembled table", column=missing[0])
    frame = frame[list(schema_.columns)]
    if KEYS[name]:
        frame = frame.sort_values(KEYS[name], kind="stable")
    frame = frame.reset_index(drop=True)
    try:
        frame = schema_.validate(frame, lazy=True)
    except (SchemaError, SchemaErrors) as error:
        raise from_schema(file, error.failure_cases, order=list(schema_.columns)) from None
    check_citations(frame, citations, file)
    return frame


def read(name: str, file: Path, citations: frozenset[str]) -> pd.DataFrame:
    """A processed table read back from CSV with its types, validated."""
    if not file.is_file():
        raise DataError(file, f"processed table {name!r} not found: run `make data`")
    columns = SCHEMAS[name].columns
    # Booleans and integers go through pandas' own nullable parsers: coercing the text
    # "False" to bool would give True.
    readers = {"bool": "boolean", "boolean": "boolean", "int64": "Int64", "Int64": "Int64"}
    dtypes = {c: readers.get(str(column.dtype), "str") for c, column in columns.items()}
    dates = [c for c, column in columns.items() if "datetime" in str(column.dtype)]
    for column in dates:
        dtypes.pop(column)
    floats = [c for c, column in columns.items() if str(column.dtype) == "float64"]
    for column in floats:
        dtypes[column] = "float64"
    frame = pd.read_csv(file, dtype=dtypes, keep_default_na=False, na_values=[""])
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    try:
        frame = SCHEMAS[name].validate(frame, lazy=True)
    except (SchemaError, SchemaErrors) as error:
        raise from_schema(file, error.failure_cases, order=list(columns)) from None
    check_citations(frame, citations, str(file))
    return frame


def cross_check(tables: dict[str, pd.DataFrame]) -> None:
    """Sanity checks across sources, each a fact the producers' documentation promises.

    1. SIPRI's imports table for a recipient equals the exporters' tables of the same release.
    2. Where two UN voting releases share a roll call, every vote agrees.
    3. Every vote of a UN release is on a roll call of that release's roll-call table (the
       votes join the roll calls on rcid), so a roll-call file cut short is caught.
    """
    exports, imports = tables["arms_exports"], tables["arms_imports"]
    key = ["release", "supplier", "recipient", "year"]
    pair = imports[imports["supplier"].isin([USSR, RUSSIA])]
    merged = pair.merge(exports, on=key, how="left", suffixes=("", "_exports"))
    merged = merged[merged["release"].isin(exports["release"])]
    differs = merged[merged["tiv"] != merged["tiv_exports"]]
    if len(differs):
        first = differs.iloc[0]
        raise DataError(
            "data/processed/arms_imports.csv",
            f"{first['supplier']} -> {first['recipient']} {first['year']}: imports table "
            f"{first['tiv']} vs exports table {first['tiv_exports']} (release {first['release']})",
            column="tiv",
        )
    votes, raw = tables["unga_votes"], tables["unga_votes_rawcodes"]
    shared = votes.merge(raw, on=["rcid", "country"], suffixes=("", "_raw"))
    shared = shared[shared["vote_raw"].isin(VOTES)]
    disagree = shared[shared["vote"] != shared["vote_raw"]]
    if len(disagree):
        first = disagree.iloc[0]
        raise DataError(
            "data/processed/unga_votes.csv",
            f"roll call {first['rcid']}, {first['country']}: {first['vote']} in release "
            f"{first['release']} but {first['vote_raw']} in release {first['release_raw']}",
            column="vote",
        )
    calls = tables["unga_roll_calls"]
    voted = votes[votes["release"].isin(calls["release"])][["release", "rcid"]]
    joined = voted.drop_duplicates().merge(
        calls[["release", "rcid"]], on=["release", "rcid"], how="left", indicator=True
    )
    orphans = joined[joined["_merge"] == "left_only"]
    if len(orphans):
        first = orphans.iloc[0]
        raise DataError(
            "data/processed/unga_roll_calls.csv",
            f"roll call {first['rcid']} of release {first['release']} has votes but no row "
            f"here ({len(orphans)} such roll calls): was the roll-call file cut short?",
            column="rcid",
        )
