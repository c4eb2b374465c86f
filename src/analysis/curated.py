"""The hand-curated tables: agreements, UN Security Council vetoes, events, Russia's sites,
and the numbers quoted from sources with who stated them (claims).

They are written by hand from the research notes, so every row is validated on load against
a pandera schema that states the rules declaratively: types, vocabularies, ranges, unique
keys, calendar-valid dates at their stated precision, the era derived from the date, and
citation keys that exist in ``references.bib``. Any failure becomes one ``DataError`` naming
the file, the line a text editor shows (header = line 1) and the column, so that a person
can open the CSV and fix it.

The schemas check the text as written (every cell is read as a string, an empty cell is
missing); only after the checks pass are numbers and booleans converted, so a bad cell is
reported with the value the author typed rather than as a conversion failure.

The vocabularies (``KINDS``, ``STATUSES``, ``CATEGORIES``, ``PRECISIONS``, ``SITE_KINDS``,
``SITE_STATUSES``, ``CLAIM_STATUSES``, ``QUALIFIERS``, ``UNITS``) carry their definitions, so
the book can print the same words the checks enforce.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from analysis import bibliography, eras
from analysis.errors import DataError, from_schema

PathLike = str | os.PathLike[str]

# In load order: the sites table checks its agreement ids against the agreements table.
TABLES: tuple[str, ...] = ("agreements", "unsc_vetoes", "events", "bases", "claims")

PRECISIONS: dict[str, str] = {
    "year": "only the year is known: YYYY",
    "month": "the month is known: YYYY-MM",
    "day": "the day is known: YYYY-MM-DD",
}

KINDS: dict[str, str] = {
    "diplomatic": "political understanding, communiqué or statement of intent that is not a treaty",
    "treaty": "formal treaty between the states (friendship, cooperation)",
    "basing": "right to station or supply armed forces at a base or facility",
    "arms": "arms supply contract or military-technical cooperation accord",
    "economic": "trade, credit, aid, investment, concession or other commercial contract",
    "debt": "settlement, rescheduling or cancellation of debt",
    "energy": "oil, gas or civil nuclear cooperation and exploration",
}

STATUSES: dict[str, str] = {
    "in_force": "a source read describes it as in force at its latest report; none reports its end",
    "terminated": "ended before its term by cancellation, annulment or denunciation, as a source "
    "states; end_date gives when",
    "expired": "ran out at the end of its stated term, as a source states; end_date gives when",
    "superseded": "replaced by a later agreement, which the note names",
    "under_review": "reported as being reviewed or renegotiated since December 2024, "
    "outcome not known",
    "historical": "a Soviet-era accord, or a one-off act carried out in full; the sources treat "
    "it as history and report no later end, expiry or continuing force",
    "unknown": "a post-Soviet arrangement whose conclusion, implementation or present standing "
    "no source read establishes",
}

CATEGORIES: dict[str, str] = {
    "diplomatic": "relations, recognition, treaties, talks and political decisions",
    "military": "arms deliveries, deployments, operations, claims and losses",
    "basing": "agreements and decisions on Russian bases and facilities",
    "economic": "trade, debt, investment, currency and commodity shipments",
    "UN": "action in United Nations bodies",
    "visit": "visits by leaders and senior officials",
}

#: How the research notes' event categories map onto CATEGORIES.
CATEGORY_FROM_RESEARCH: dict[str, str] = {
    "diplomatic": "diplomatic",
    "treaty": "diplomatic",
    "regime-change": "diplomatic",
    "military": "military",
    "casualties": "military",
    "basing": "basing",
    "economic": "economic",
    "UN": "UN",
    "visit": "visit",
}

SITE_KINDS: dict[str, str] = {
    "naval": "naval supply, repair and logistics facility",
    "air": "air base",
    "signals": "signals-intelligence (listening) post",
}

#: Whether Russia still holds a site; a site given up carries the end a source states.
SITE_STATUSES: dict[str, str] = {
    "in_use": "in Russian use at the latest report the book holds",
    "withdrawn": "given up: Russia withdrew its forces, as a source states; end_date gives when",
    "overrun": "captured by armed opponents, as a source states; end_date gives when",
}
IN_USE = "in_use"

CLAIM_STATUSES: dict[str, str] = {
    "ok": "stated in a source read, by the speaker named (a press or official figure)",
    "weak": "known only from a blog, a mirror or a secondary summary: used only as reported",
    "claim": "a government's or armed force's own figure, not checked independently: used "
    "only attributed to it",
}

QUALIFIERS: dict[str, str] = {
    "exact": "stated as a plain number",
    "approximate": "stated with 'about', 'some', 'nearly' or an estimate",
    "more_than": "stated as a floor ('more than', 'over', 'at least')",
    "at_most": "stated as a ceiling ('up to', 'less than', 'as many as')",
    "range": "stated as a range: value to value_high",
}

UNITS: dict[str, str] = {
    "usd": "US dollars (current, of the year stated)",
    "percent": "per cent",
    "tonnes": "metric tons",
    "tons": "tons, as the source gives them (short, long or metric not said)",
    "km": "kilometres: a depth or width that an agreement sets on the ground",
    "persons": "people (servicemen, advisers, militants, the dead)",
    "sorties": "flights by combat aircraft (Russian 'вылеты')",
    "strikes": "air strikes ('удары'), as counted by the speaker; not sorties",
    "warships": "warships at one time",
    "years": "years",
    "flights": "transport flights or missions",
    "votes": "votes cast in a legislature",
}

VETOERS: tuple[str, ...] = ("Russia", "Russia; China")
SECURITY_COUNCIL_SEATS = 15

# Columns converted after validation; every other column stays text (dates keep their
# precision as written, so they are not turned into timestamps).
_TYPES: dict[str, dict[str, str]] = {
    "agreements": {"term_years": "Int64", "renewal_years": "Int64", "value_usd": "Int64"},
    "unsc_vetoes": {
        "n": "int64",
        "china_vetoed": "bool",
        "vote_for": "int64",
        "vote_against": "int64",
        "vote_abstain": "int64",
    },
    "events": {},
    "bases": {"latitude": "float64", "longitude": "float64"},
    "claims": {"value": "float64", "value_high": "float64"},
}

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_KEY = r"[A-Za-z0-9_:.-]+"
_INT = r"0|[1-9][0-9]*"
_DECIMAL = r"-?\d{1,3}\.\d{1,6}"
_NUMBER = r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
_LANGUAGE = r"[a-z]{2}"


# ---------------------------------------------------------------------------------------
# Small pure helpers the checks use (pandera calls them; they never raise).


def first_day(text: str) -> dt.date | None:
    """The first day of the period an ISO date at any precision names; None if invalid."""
    match = _DATE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:  # 2017-13-01, 2019-02-30
        return None


def precision_of(text: str) -> str | None:
    """'year', 'month' or 'day' for a valid ISO date, judged by its form."""
    if first_day(text) is None:
        return None
    return ("year", "month", "day")[text.count("-")]


def split_keys(cell: str) -> list[str]:
    """The citation keys of a ``sources`` cell ("; "-joined)."""
    return [k for k in cell.split("; ") if k] if isinstance(cell, str) else []


def _present(series: pd.Series) -> pd.Series:
    return series.notna()


# ---------------------------------------------------------------------------------------
# Checks. Column checks are pandera built-ins or element-wise functions; a check across
# columns ("wide" check) is named, and _BLAME says which column its failures belong to.

_BLAME: dict[str, str] = {
    "date_matches_precision": "date_precision",
    "era_matches_date": "era",
    "end_date_matches_precision": "end_date",
    "end_date_and_precision_together": "end_precision",
    "end_not_before_start": "end_date",
    "end_only_when_ended": "end_date",
    "ended_needs_end_date": "end_date",
    "value_note_with_value": "value_note",
    "china_matches_vetoed_by": "china_vetoed",
    "votes_fit_council": "vote_for",
    "vetoers_voted_against": "vote_against",
    "numbered_in_date_order": "n",
    "high_only_with_range": "value_high",
    "high_above_value": "value_high",
    "translation_unless_english": "translation",
    "site_end_only_when_given_up": "end_date",
    "site_given_up_needs_end_date": "end_date",
}

_MESSAGES: dict[str, str] = {
    "iso_date": "not a valid calendar date in the form YYYY, YYYY-MM or YYYY-MM-DD",
    "day_date": "not a valid calendar date in the form YYYY-MM-DD",
    "stripped": "has leading or trailing blanks",
    "slug": "not a slug (lower-case letters, digits and single hyphens)",
    "integer": "not a whole number written with digits only",
    "sources_format": "not citation keys joined by '; '",
    "sources_distinct": "cites the same key twice",
    "sources_in_bibliography": "cites a key that is not in the bibliography",
    "list_format": "not a list of names joined by '; '",
    "date_matches_precision": "date_precision does not match the form of date",
    "era_matches_date": "era does not agree with the date (eras.era_of of its first day)",
    "end_date_matches_precision": "end_date does not match end_precision",
    "end_date_and_precision_together": "end_date and end_precision must be given together",
    "end_not_before_start": "end_date is before date",
    "end_only_when_ended": "end_date is given but status is not terminated, expired or superseded",
    "ended_needs_end_date": "status terminated or expired needs an end_date stated by a source",
    "value_note_with_value": "value_note and value_usd must be given together",
    "china_matches_vetoed_by": "china_vetoed does not agree with vetoed_by",
    "votes_fit_council": f"votes cast exceed the {SECURITY_COUNCIL_SEATS} Council seats",
    "vetoers_voted_against": "fewer votes against than vetoing members",
    "numbered_in_date_order": "n is not in date order",
    "decimal_degrees": "not decimal degrees such as 35.875",
    "basing_agreements": "not basing-agreement ids of agreements.csv joined by '; '",
    "number": "not a number written with digits and at most one decimal point",
    "language": "not a two-letter ISO 639-1 language code",
    "high_only_with_range": "value_high is given exactly when the qualifier is 'range'",
    "high_above_value": "value_high is not above value",
    "translation_unless_english": "translation is given exactly when the wording is not English",
    "site_end_only_when_given_up": f"end_date is given but status is {IN_USE}",
    "site_given_up_needs_end_date": "a site given up (status not in_use) needs the end_date a "
    "source states",
}


def _element(fn: Callable[[str], bool], name: str) -> pa.Check:
    # no ``error=``: pandera then reports the check by name, which _explainer looks up
    return pa.Check(fn, element_wise=True, name=name)


def _wide(fn: Callable[[pd.DataFrame], pd.Series], name: str) -> pa.Check:
    return pa.Check(fn, name=name)


_STRIPPED = _element(lambda v: v == v.strip(), "stripped")
_ISO_DATE = _element(lambda v: first_day(v) is not None, "iso_date")
_DAY_DATE = _element(lambda v: precision_of(v) == "day", "day_date")
_SLUG_CHECK = _element(lambda v: re.fullmatch(_SLUG, v) is not None, "slug")
_INTEGER = _element(lambda v: re.fullmatch(_INT, v) is not None, "integer")
_NAME_LIST = _element(
    lambda v: all(p and p == p.strip() and ";" not in p for p in v.split("; ")), "list_format"
)


def _int_range(low: int, high: int) -> pa.Check:
    """A range on a column still held as text; a non-number is left to the integer check."""

    def ok(v: str) -> bool:
        return re.fullmatch(_INT, v) is None or low <= int(v) <= high

    return pa.Check(ok, element_wise=True, name=f"between_{low}_and_{high}")


def _sources_checks(bib_path: PathLike) -> list[pa.Check]:
    def known(cell: str) -> bool:
        known_keys = bibliography.keys(bib_path)  # cached per file and mtime
        return all(k in known_keys for k in split_keys(cell))

    return [
        _element(lambda v: re.fullmatch(f"{_KEY}(?:; {_KEY})*", v) is not None, "sources_format"),
        _element(lambda v: len(set(split_keys(v))) == len(split_keys(v)), "sources_distinct"),
        _element(known, "sources_in_bibliography"),
    ]


def _text(*checks: pa.Check, nullable: bool = False, unique: bool = False) -> pa.Column:
    """A text column: never padded with blanks; empty means missing."""
    return pa.Column(
        str,
        checks=[_STRIPPED, *checks],
        nullable=nullable,
        unique=unique,
        report_duplicates="exclude_first",
    )


def _vocabulary(values: object, nullable: bool = False) -> pa.Column:
    return _text(pa.Check.isin(list(values)), nullable=nullable)


def _date_matches_precision(
    date_col: str, precision_col: str
) -> Callable[[pd.DataFrame], pd.Series]:
    def check(df: pd.DataFrame) -> pd.Series:
        stated = df[precision_col]
        actual = df[date_col].map(lambda v: precision_of(v) if isinstance(v, str) else None)
        # an invalid date or an unknown precision is reported by its own column check
        return actual.isna() | ~stated.isin(list(PRECISIONS)) | (actual == stated)

    return check


def _era_matches_date(df: pd.DataFrame) -> pd.Series:
    def derived(text: object) -> str | None:
        day = first_day(text) if isinstance(text, str) else None
        if day is None:
            return None
        try:
            return eras.era_of(day)
        except ValueError:  # before the first era
            return "(none)"

    expected = df["date"].map(derived)
    return expected.isna() | (df["era"] == expected)


def _dated_columns() -> dict[str, pa.Column]:
    """The columns shared by the tables of dated rows (agreements, events)."""
    return {
        "id": _text(_SLUG_CHECK, unique=True),
        "date": _text(_ISO_DATE),
        "date_precision": _vocabulary(PRECISIONS),
        "era": _vocabulary(eras.ERA_IDS),
    }


# ---------------------------------------------------------------------------------------
# The three schemas.


def agreements_schema(bib: PathLike) -> pa.DataFrameSchema:
    """Treaties, basing deals, arms and economic contracts, debt settlements (one row each)."""

    def end_first(df: pd.DataFrame) -> pd.Series:
        return df["end_date"].map(lambda v: first_day(v) if isinstance(v, str) else None)

    def start_first(df: pd.DataFrame) -> pd.Series:
        return df["date"].map(lambda v: first_day(v) if isinstance(v, str) else None)

    def end_not_before_start(df: pd.DataFrame) -> pd.Series:
        start, end = start_first(df), end_first(df)
        return pd.Series(
            [s is None or e is None or e >= s for s, e in zip(start, end, strict=True)],
            index=df.index,
        )

    return pa.DataFrameSchema(
        {
            **_dated_columns(),
            "title": _text(),
            "kind": _vocabulary(KINDS),
            "parties": _text(_NAME_LIST),
            "summary": _text(),
            "term_years": _text(_INTEGER, _int_range(1, 99), nullable=True),
            "renewal_years": _text(_INTEGER, _int_range(1, 99), nullable=True),
            "end_date": _text(_ISO_DATE, nullable=True),
            "end_precision": _vocabulary(PRECISIONS, nullable=True),
            "status": _vocabulary(STATUSES),
            "value_usd": _text(_INTEGER, _int_range(1, 10**12), nullable=True),
            "value_note": _text(nullable=True),
            "sources": _text(*_sources_checks(bib)),
            "note": _text(nullable=True),
        },
        checks=[
            _wide(_date_matches_precision("date", "date_precision"), "date_matches_precision"),
            _wide(_era_matches_date, "era_matches_date"),
            _wide(
                _date_matches_precision("end_date", "end_precision"), "end_date_matches_precision"
            ),
            _wide(
                lambda df: _present(df["end_date"]) == _present(df["end_precision"]),
                "end_date_and_precision_together",
            ),
            _wide(end_not_before_start, "end_not_before_start"),
            _wide(
                lambda df: (
                    ~_present(df["end_date"])
                    | df["status"].isin(["terminated", "expired", "superseded"])
                ),
                "end_only_when_ended",
            ),
            _wide(
                lambda df: ~df["status"].isin(["terminated", "expired"]) | _present(df["end_date"]),
                "ended_needs_end_date",
            ),
            _wide(
                lambda df: _present(df["value_usd"]) == _present(df["value_note"]),
                "value_note_with_value",
            ),
        ],
        strict=True,
        ordered=True,
        name="agreements",
    )


def unsc_vetoes_schema(bib: PathLike) -> pa.DataFrameSchema:
    """Every Russian veto of a Security Council draft on Syria, numbered in date order."""

    def votes(df: pd.DataFrame, column: str) -> pd.Series:
        return pd.to_numeric(df[column], errors="coerce")  # bad cells: their own checks

    def fit_council(df: pd.DataFrame) -> pd.Series:
        total = votes(df, "vote_for") + votes(df, "vote_against") + votes(df, "vote_abstain")
        return total.isna() | (total <= SECURITY_COUNCIL_SEATS)

    def vetoers_voted_against(df: pd.DataFrame) -> pd.Series:
        vetoers = df["vetoed_by"].map(lambda v: len(v.split("; ")) if isinstance(v, str) else 0)
        against = votes(df, "vote_against")
        return against.isna() | (against >= vetoers)

    def china_matches(df: pd.DataFrame) -> pd.Series:
        expected = df["vetoed_by"].map({"Russia": "false", "Russia; China": "true"})
        return (
            expected.isna()
            | ~df["china_vetoed"].isin(["true", "false"])
            | (df["china_vetoed"] == expected)
        )

    def numbered_in_date_order(df: pd.DataFrame) -> pd.Series:
        n = pd.to_numeric(df["n"], errors="coerce")
        day = df["date"].map(lambda v: first_day(v) if isinstance(v, str) else None)
        frame = pd.DataFrame({"n": n, "day": day}).dropna().sort_values("n")
        previous = frame["day"].shift()
        ok = previous.isna() | (frame["day"] >= previous)
        return ok.reindex(df.index, fill_value=True).astype(bool)

    count = _text(_INTEGER, _int_range(0, SECURITY_COUNCIL_SEATS))
    return pa.DataFrameSchema(
        {
            "n": _text(_INTEGER, _int_range(1, 999), unique=True),
            "date": _text(_DAY_DATE),
            "draft_symbol": _text(pa.Check.str_matches(r"^S/\d{4}/\d+$"), unique=True),
            "meeting_record": _text(pa.Check.str_matches(r"^S/(PV\.\d+|\d{4}/\d+)$")),
            "subject": _text(),
            "vetoed_by": _vocabulary(VETOERS),
            "china_vetoed": _vocabulary(["true", "false"]),
            "vote_for": count,
            "vote_against": count,
            "vote_abstain": count,
            "sources": _text(*_sources_checks(bib)),
            "note": _text(nullable=True),
        },
        checks=[
            _wide(china_matches, "china_matches_vetoed_by"),
            _wide(fit_council, "votes_fit_council"),
            _wide(vetoers_voted_against, "vetoers_voted_against"),
            _wide(numbered_in_date_order, "numbered_in_date_order"),
        ],
        strict=True,
        ordered=True,
        name="unsc_vetoes",
    )


def events_schema(bib: PathLike) -> pa.DataFrameSchema:
    """Political and military events, one sentence each, tagged by era and category."""
    return pa.DataFrameSchema(
        {
            **_dated_columns(),
            "category": _vocabulary(CATEGORIES),
            "event": _text(),
            "sources": _text(*_sources_checks(bib)),
            "note": _text(nullable=True),
        },
        checks=[
            _wide(_date_matches_precision("date", "date_precision"), "date_matches_precision"),
            _wide(_era_matches_date, "era_matches_date"),
        ],
        strict=True,
        ordered=True,
        name="events",
    )


def _degrees(limit: int) -> list[pa.Check]:
    """Decimal degrees written as such (no minutes, no hemisphere letter), within +-limit."""

    def within(v: str) -> bool:
        return re.fullmatch(_DECIMAL, v) is None or abs(float(v)) <= limit

    return [
        _element(lambda v: re.fullmatch(_DECIMAL, v) is not None, "decimal_degrees"),
        pa.Check(within, element_wise=True, name=f"outside -{limit} to {limit} degrees"),
    ]


def bases_schema(bib: PathLike, folder: PathLike) -> pa.DataFrameSchema:
    """Russia's military sites in Syria, one row each: where (with the source of the
    coordinates), what, the basing agreements of ``agreements.csv`` in ``folder`` that govern
    it, whether Russia still holds it (and when it was given up), and the sources for the
    rest."""
    agreements = load("agreements", folder, bibliography_path=bib)
    basing = frozenset(agreements.loc[agreements["kind"] == "basing", "id"])
    sources = _sources_checks(bib)
    return pa.DataFrameSchema(
        {
            "id": _text(_SLUG_CHECK, unique=True),
            "name": _text(unique=True),
            "kind": _vocabulary(SITE_KINDS),
            "latitude": _text(*_degrees(90)),
            "longitude": _text(*_degrees(180)),
            "coordinate_source": _text(*sources),
            "agreements": _text(
                _element(lambda v: set(split_keys(v)) <= basing, "basing_agreements"),
                nullable=True,
            ),
            "status": _vocabulary(SITE_STATUSES),
            "end_date": _text(_ISO_DATE, nullable=True),
            "end_precision": _vocabulary(PRECISIONS, nullable=True),
            "sources": _text(*sources),
            "note": _text(nullable=True),
        },
        checks=[
            _wide(
                _date_matches_precision("end_date", "end_precision"), "end_date_matches_precision"
            ),
            _wide(
                lambda df: _present(df["end_date"]) == _present(df["end_precision"]),
                "end_date_and_precision_together",
            ),
            _wide(
                lambda df: ~_present(df["end_date"]) | (df["status"] != IN_USE),
                "site_end_only_when_given_up",
            ),
            _wide(
                lambda df: (df["status"] == IN_USE) | _present(df["end_date"]),
                "site_given_up_needs_end_date",
            ),
        ],
        strict=True,
        ordered=True,
        name="bases",
    )


def claims_schema(bib: PathLike) -> pa.DataFrameSchema:
    """Numbers the book quotes from its sources, one statement each: the exact wording, who
    stated it and when, what it counts, in which unit, with its qualifier and status.

    They are kept apart from the processed tables (the quoted trade figures are upstream
    data): a claim is a statement to attribute, not a measurement to add up.
    """
    number = _element(lambda v: re.fullmatch(_NUMBER, v) is not None, "number")

    def numbers(df: pd.DataFrame, column: str) -> pd.Series:
        return pd.to_numeric(df[column], errors="coerce")  # bad cells: their own checks

    def high_above_value(df: pd.DataFrame) -> pd.Series:
        low, high = numbers(df, "value"), numbers(df, "value_high")
        return low.isna() | high.isna() | (high > low)

    return pa.DataFrameSchema(
        {
            "id": _text(_SLUG_CHECK, unique=True),
            "date": _text(_ISO_DATE),
            "date_precision": _vocabulary(PRECISIONS),
            "speaker": _text(),
            "wording": _text(),
            "language": _text(
                _element(lambda v: re.fullmatch(_LANGUAGE, v) is not None, "language")
            ),
            "translation": _text(nullable=True),
            "counts": _text(),
            "value": _text(number),
            "value_high": _text(number, nullable=True),
            "unit": _vocabulary(UNITS),
            "qualifier": _vocabulary(QUALIFIERS),
            "status": _vocabulary(CLAIM_STATUSES),
            "sources": _text(*_sources_checks(bib)),
            "locator": _text(),
            "note": _text(nullable=True),
        },
        checks=[
            _wide(_date_matches_precision("date", "date_precision"), "date_matches_precision"),
            _wide(
                lambda df: _present(df["value_high"]) == (df["qualifier"] == "range"),
                "high_only_with_range",
            ),
            _wide(high_above_value, "high_above_value"),
            _wide(
                lambda df: _present(df["translation"]) == (df["language"] != "en"),
                "translation_unless_english",
            ),
        ],
        strict=True,
        ordered=True,
        name="claims",
    )


_SCHEMAS: dict[str, Callable[[PathLike], pa.DataFrameSchema]] = {
    "agreements": agreements_schema,
    "unsc_vetoes": unsc_vetoes_schema,
    "events": events_schema,
    "claims": claims_schema,
}


def schema(name: str, bibliography_path: PathLike, folder: PathLike) -> pa.DataFrameSchema:
    """The schema of one curated table, checking citations against the given .bib file (and,
    for the sites, agreement ids against the agreements table in ``folder``)."""
    if name == "bases":
        return bases_schema(bibliography_path, folder)
    if name not in _SCHEMAS:
        raise ValueError(f"unknown curated table {name!r}; expected one of {TABLES}")
    return _SCHEMAS[name](bibliography_path)


# ---------------------------------------------------------------------------------------
# Loading.


def _read(file: Path) -> tuple[pd.DataFrame, list[int]]:
    """Every cell as text, and the physical line on which each data row starts.

    The csv module is used rather than pandas so that the line numbers are exact even if a
    quoted cell spans lines; blank lines are skipped, as pandas would.
    """
    try:
        handle = file.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise DataError(file, "file not found") from None
    rows: list[list[str]] = []
    lines: list[int] = []
    with handle:
        reader = csv.reader(handle, strict=True)
        next_line = 1
        try:
            for record in reader:
                if record:
                    rows.append(record)
                    lines.append(next_line)
                next_line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as exc:
            raise DataError(file, f"not a readable UTF-8 CSV: {exc}", row=next_line) from exc
    if not rows:
        raise DataError(file, "empty file: no header")
    header, body, lines = rows[0], rows[1:], lines[1:]
    for record, line in zip(body, lines, strict=True):
        if len(record) != len(header):
            raise DataError(
                file, f"{len(record)} fields where the header has {len(header)}", row=line
            )
    frame = pd.DataFrame(body, columns=header, dtype=str)
    frame = frame.mask(frame == "")  # an empty cell is a missing value
    return frame, lines


def _check_header(file: Path, frame: pd.DataFrame, expected: list[str]) -> None:
    """Missing, unknown or repeated columns, reported on line 1 before any row is checked.

    pandera would report a missing column without a line, and its checks across columns
    cannot run without it, so the header is checked first.
    """
    seen: set[str] = set()
    for column in frame.columns:
        if column in seen:
            raise DataError(file, "column appears twice in the header", row=1, column=column)
        seen.add(column)
    for column in expected:
        if column not in seen:
            raise DataError(file, "missing column", row=1, column=column)
    for column in frame.columns:
        if column not in expected:
            raise DataError(file, "unknown column", row=1, column=column)
    if list(frame.columns) != expected:
        raise DataError(file, f"columns out of order; expected {', '.join(expected)}", row=1)


def _explainer(known_keys: frozenset[str]) -> Callable[[str, object], str | None]:
    """Sentences for the curated tables' own checks (see ``errors.from_schema``)."""

    def explain(check: str, value: object) -> str | None:
        name = check.split("(")[0]
        if name in _BLAME:  # checks across columns: the value pandera shows is not the culprit
            return _MESSAGES[name]
        shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
        if name.startswith("between_"):
            low, high = name.split("_")[1::2]
            return f"{shown!r} is outside the range {low}-{high}"
        if name == "sources_in_bibliography":
            unknown = [k for k in split_keys(str(shown)) if k not in known_keys]
            return f"{_MESSAGES[name]}: {', '.join(unknown)}"
        if name in _MESSAGES:
            return f"{_MESSAGES[name]}: {shown!r}"
        return None

    return explain


def _check_closing(file: Path, frame: pd.DataFrame, lines: list[int], closes: dt.date) -> None:
    """No date in the table after the day the edition's record closes."""
    for column in (c for c in frame.columns if c == "date" or c.endswith("_date")):
        for index, text in frame[column].items():
            day = first_day(text) if isinstance(text, str) else None
            if day is not None and day > closes:
                raise DataError(
                    file,
                    f"{text} is after the day the edition's record closes ({closes.isoformat()}"
                    "): raise record_closes in data/edition.yaml or remove the row",
                    row=lines[int(index)],
                    column=column,
                )


def load(
    name: str,
    folder: PathLike,
    *,
    bibliography_path: PathLike,
    record_closes: dt.date | None = None,
) -> pd.DataFrame:
    """Read ``<folder>/<name>.csv``, validate it, type it.

    Raises ``DataError`` naming the file, the 1-based line and the column of the first
    problem found (with a count of any others). Given the day the edition's record closes, a
    row dated after it is refused: the book would state it as known before it happened.
    """
    table_schema = schema(name, bibliography_path, folder)
    file = Path(folder) / f"{name}.csv"
    frame, lines = _read(file)
    expected = list(table_schema.columns)
    _check_header(file, frame, expected)
    try:
        table_schema.validate(frame, lazy=True)
    except (SchemaError, SchemaErrors) as exc:
        raise from_schema(
            file,
            exc.failure_cases,
            lines=lines,
            order=expected,
            blame=_BLAME,
            explain=_explainer(bibliography.keys(bibliography_path)),
        ) from exc
    if record_closes is not None:
        _check_closing(file, frame, lines, record_closes)
    typed = frame.copy()
    for column, dtype in _TYPES[name].items():
        if dtype == "bool":
            typed[column] = typed[column].map({"true": True, "false": False}).astype(bool)
        else:
            typed[column] = pd.to_numeric(typed[column]).astype(dtype)
    return typed
