"""UN General Assembly roll-call votes of Russia and Syria (Voeten, Strezhnev and Bailey).

Three formats, as read from the ``unvotes`` R package and from the older Dataverse release:

- ``unga-votes``: one row per roll call and country that cast yes, no or abstain
  (absences were dropped upstream). Output: ``rcid`` (int64), ``date`` (datetime64[ns]),
  ``year`` (int64, calendar year of the date, not the session), ``session`` (int64),
  ``country`` (str: "Russia" | "Syria", from the codes RU and SY), ``vote`` (str: yes | no |
  abstain), ``important`` (boolean, nullable: the source codes NA for recent roll calls).
  Key (rcid, country). The code RU covers both the USSR and the Russian Federation.
- ``unga-roll-calls``: one row per roll call. Output: ``rcid``, ``session`` (int64),
  ``date`` (datetime64[ns]), ``year`` (int64), ``unres``, ``short``, ``descr`` (str, byte
  for byte, trailing spaces and empty cells included), ``important``, ``amend``, ``para``
  (boolean, nullable: NA = not coded), ``issue_codes`` (str, ';'-joined, may be empty).
  Key rcid. The optional ``issues`` column (the codes spelled out) is checked against
  ``issue_codes`` and not returned.
- ``unga-votes-2017-rawcodes``: the 17 Jan 2017 release with the raw vote codes (absences
  kept). Output: ``rcid``, ``date`` (datetime64[ns], NaT where the release gives no date:
  rcid 4592), ``year`` (Int64, calendar year of the date; NA where there is no date),
  ``session`` (int64), ``country``, ``vote`` (yes | no | abstain | absent | not_member).
  Key (rcid, country). The release's own ``year`` column is the session's opening year
  (1945 + session), not the vote's calendar year: it is checked as such and not returned.

rcid order is not date order, and 2020 holds a single roll call: callers must not treat a
year's count as comparable without looking at it. Columns are found by name (their order
may change); extra columns and extra rows are accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis.countries import COW_CODES, RUSSIA, SYRIA
from analysis.sources import Parsed, Parser
from analysis.sources._checks import (
    check_same_within,
    check_unique,
    check_years,
    dates,
    one_of,
    to_flag,
    to_int,
    to_iso_date,
    to_us_date,
)
from analysis.sources._text import Table, read_table, sniff_header

VOTES_COLUMNS = ("rcid", "date", "session", "country_code", "country", "vote", "importantvote")
ROLL_CALL_COLUMNS = (
    "rcid",
    "session",
    "date",
    "unres",
    "short",
    "descr",
    "importantvote",
    "amend",
    "para",
    "issue_codes",
)
RAWCODES_COLUMNS = (
    "rcid",
    "session",
    "date",
    "year",
    "ccode",
    "vote",
    "member",
    "importantvote",
    "unres",
)

COUNTRY_CODES = {"RU": RUSSIA, "SY": SYRIA}
VOTES = ("yes", "no", "abstain")
SESSION_ZERO_YEAR = 1945
"""Session n of the General Assembly opened in 1945 + n (session 1: January 1946)."""
RAW_VOTES = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "not_member"}
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and nuclear material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}


def parse_votes(path: Path) -> Parsed:
    """Russia's and Syria's yes/no/abstain votes, one row per roll call and country."""
    table = read_table(path, VOTES_COLUMNS)
    rcids = table.convert("rcid", to_int)
    days = _dates(table, to_iso_date)
    sessions = table.convert("session", to_int)
    countries = table.convert("country_code", one_of(COUNTRY_CODES, "country code"))
    for (line, name), country in zip(table.column("country"), countries, strict=True):
        if name != country:
            raise table.error(
                f"country {name!r} does not match its code ({country!r})", line, "country"
            )
    votes = table.convert("vote", one_of({v: v for v in VOTES}, "vote"))
    important = table.convert("importantvote", to_flag)
    check_unique(table, {"rcid": rcids, "country": countries})
    _check_roll_call(table, rcids, {"date": days, "session": sessions})
    out = pd.DataFrame(
        {
            "rcid": pd.Series(rcids, dtype="int64"),
            "date": dates(days),
            "year": pd.Series([d.year for d in days], dtype="int64"),
            "session": pd.Series(sessions, dtype="int64"),
            "country": countries,
            "vote": votes,
            "important": pd.Series(important, dtype="boolean"),
        }
    )
    return Parsed(out)


def parse_roll_calls(path: Path) -> Parsed:
    """The roll calls themselves: date, resolution, description, flags and issue tags."""
    table = read_table(path, ROLL_CALL_COLUMNS)
    rcids = table.convert("rcid", to_int)
    check_unique(table, {"rcid": rcids})
    sessions = table.convert("session", to_int)
    days = _dates(table, to_iso_date)
    flags = {
        name: pd.Series(table.convert(column, to_flag), dtype="boolean")
        for name, column in (("important", "importantvote"), ("amend", "amend"), ("para", "para"))
    }
    codes = table.convert("issue_codes", _issue_codes)
    if "issues" in table.header:
        _check_issue_names(table, codes)
    out = pd.DataFrame(
        {
            "rcid": pd.Series(rcids, dtype="int64"),
            "session": pd.Series(sessions, dtype="int64"),
            "date": dates(days),
            "year": pd.Series([d.year for d in days], dtype="int64"),
            "unres": table.cells["unres"].tolist(),
            "short": table.cells["short"].tolist(),
            "descr": table.cells["descr"].tolist(),
            **flags,
            "issue_codes": [";".join(c) for c in codes],
        }
    )
    return Parsed(out)


def parse_votes_2017_rawcodes(path: Path) -> Parsed:
    """The 2017 release with raw vote codes, absences kept; one row per roll call and country."""
    table = read_table(path, RAWCODES_COLUMNS)
    rcids = table.convert("rcid", to_int)
    sessions = table.convert("session", to_int)
    # This release leaves the date of one roll call (rcid 4592) empty: it stays NaT, with
    # year NA, rather than being guessed from another release.
    days = table.convert("date", lambda cell: to_us_date(cell) if cell else None)
    check_years(table, "date", [d.year if d else None for d in days])
    # Its ``year`` column is the year the session opened (1945 + session), NOT the calendar
    # year of the vote (239 roll calls differ, e.g. rcid 135: 4/1/1949, year 1948): checked
    # as such and not returned; ``year`` in the output is the date's calendar year.
    years = table.convert("year", to_int)
    for (line, _), year, session in zip(table.column("year"), years, sessions, strict=True):
        if year != SESSION_ZERO_YEAR + session:
            raise table.error(
                f"year {year} is not the opening year of session {session} "
                f"({SESSION_ZERO_YEAR + session})",
                line,
                "year",
            )
    country_of = one_of(COW_CODES, "country code")
    countries = table.convert("ccode", lambda cell: country_of(to_int(cell)))
    vote_of = one_of(RAW_VOTES, "vote code")
    votes = table.convert("vote", lambda cell: vote_of(to_int(cell)))
    table.convert("member", lambda cell: to_flag(cell, na=()))
    table.convert("importantvote", to_flag)
    check_unique(table, {"rcid": rcids, "country": countries})
    _check_roll_call(table, rcids, {"date": days, "session": sessions})
    out = pd.DataFrame(
        {
            "rcid": pd.Series(rcids, dtype="int64"),
            "date": dates(days),
            "year": pd.Series([d.year if d else None for d in days], dtype="Int64"),
            "session": pd.Series(sessions, dtype="int64"),
            "country": countries,
            "vote": votes,
        }
    )
    return Parsed(out)


FORMATS: dict[str, Parser] = {
    "unga-votes": parse_votes,
    "unga-roll-calls": parse_roll_calls,
    "unga-votes-2017-rawcodes": parse_votes_2017_rawcodes,
}
HEADERS: dict[str, tuple[str, ...]] = {
    "unga-votes": VOTES_COLUMNS,
    "unga-roll-calls": ROLL_CALL_COLUMNS,
    "unga-votes-2017-rawcodes": RAWCODES_COLUMNS,
}


def sniff(path: Path) -> str | None:
    """The id of the UNGA format whose columns the file's header has, else None."""
    return sniff_header(path, HEADERS)


def _dates(table: Table, convert: Callable[[str], dt.date]) -> list[dt.date]:
    """The ``date`` column, each a real calendar date within the years any source covers."""
    days = table.convert("date", convert)
    check_years(table, "date", [d.year for d in days])
    return days


def _check_roll_call(
    table: Table, rcids: Sequence[int], columns: dict[str, Sequence[object]]
) -> None:
    """Both countries' rows of one roll call agree on its date and session."""
    for column, values in columns.items():
        check_same_within(table, ("rcid", rcids), column, values)


def _issue_codes(cell: str) -> tuple[str, ...]:
    """'me;hr' -> ('me', 'hr'); every code from the README's vocabulary, none twice."""
    if cell == "":
        return ()
    codes = tuple(cell.split(";"))
    for code in codes:
        if code not in ISSUES:
            raise ValueError(f"unknown issue code {code!r} (expected one of {', '.join(ISSUES)})")
    if len(set(codes)) != len(codes):
        raise ValueError(f"issue code repeated in {cell!r}")
    return codes


def _check_issue_names(table: Table, codes: Sequence[tuple[str, ...]]) -> None:
    """The spelled-out ``issues`` say the same as ``issue_codes``, in the same order."""
    for (line, names), row_codes in zip(table.column("issues"), codes, strict=True):
        expected = ";".join(ISSUES[c] for c in row_codes)
        if names != expected:
            raise table.error(
                f"{names!r} does not spell out the codes ({expected!r})", line, "issues"
            )


__all__ = [
    "FORMATS",
    "HEADERS",
    "parse_roll_calls",
    "parse_votes",
    "parse_votes_2017_rawcodes",
    "sniff",
]
