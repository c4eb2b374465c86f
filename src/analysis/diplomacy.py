"""Agreements, Security Council vetoes and events: the curated tables, summarised.

Dates keep the precision a source gives them (a year, a month or a day). Where a chart
needs a position on a year axis, a date is placed at the middle of the period it names,
so that "1971" is never drawn as if it meant 1 January 1971; labels and tooltips show the
date as written.

Agreement terms: an agreement with a term has a first expiry counted from the date in the
table (signature or announcement; entry into force, from which some terms run, is not
recorded, so the expiry is given to the year only). One with automatic renewal has a
renewal rule, not an end: it continues until a party ends it. An end is given only where a
source states one (``end_date``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from analysis import curated, eras

#: Agreements a source describes as having no time limit (the table has no term for them).
#: The 2015 Hmeimim agreement: "free of charge and without a time limit", ratified 2016
#: (vestnikkavkaza_2016_hmeimim; alalam_rt_2016_hmeimim_law).
OPEN_ENDED: frozenset[str] = frozenset({"2015-08-26-hmeimim-air-group"})

#: How each agreement is drawn on the timeline (the ``drawn_as`` column), and why.
DRAWN_AS: dict[str, str] = {
    "point": "a one-off act, or no term or end is stated: the date alone",
    "term": "a fixed term with no renewal stated: from the date to its first expiry",
    "term, renewing": "a term that renews itself: to its first expiry, then open",
    "open-ended": "no time limit: open from the date",
    "until stated end": "ended as a source states (end_date): from the date to that end",
    "until replaced": "superseded by a later agreement: to the date of the one that replaced it",
}

_SUPERSEDED_BY = re.compile(r"Superseded by [^()]*\(([a-z0-9-]+)\)")


# ---------------------------------------------------------------------------------------
# Dates at their precision.


def _period(text: str) -> tuple[dt.date, dt.date]:
    """The first day of the period an ISO date names and the first day after it."""
    first = curated.first_day(text)
    if first is None:
        raise ValueError(f"not an ISO date at year, month or day precision: {text!r}")
    precision = curated.precision_of(text)
    if precision == "day":
        return first, first + dt.timedelta(days=1)
    if precision == "month":
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following
    return first, dt.date(first.year + 1, 1, 1)


def _year_position(day: dt.date) -> float:
    # the same day-to-year conversion as eras.bands, so that points and era bands line up
    return day.year + day.timetuple().tm_yday / 366


def year_position(text: str) -> float:
    """Where a date at any precision sits on a year axis: the middle of its period."""
    first, after = _period(text)
    return (_year_position(first) + _year_position(after)) / 2


def date_label(text: str) -> str:
    """A date as prose writes it, at its precision: '8 October 1980', 'February 1946', '1971'."""
    first, _ = _period(text)
    precision = curated.precision_of(text)
    if precision == "day":
        return f"{first.day} {first:%B %Y}"
    if precision == "month":
        return f"{first:%B %Y}"
    return str(first.year)


def _optional_label(text: object, missing: str) -> str:
    return date_label(text) if isinstance(text, str) else missing


# ---------------------------------------------------------------------------------------
# Agreements: terms, renewals, ends.


@dataclass(frozen=True)
class Term:
    """What the sources say about how long an agreement runs."""

    term_years: int | None
    renewal_years: int | None
    first_expiry: int | None  # year; counted from the date in the table
    renewal_rule: str
    end: str | None  # end_date as written, only where a source states one
    open_ended: bool
    superseded_by: str | None  # id of the agreement that replaced it, as its note names


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def term_of(row: Mapping[str, object]) -> Term:
    """The term of one agreement row (a row of ``curated.load("agreements")``)."""
    term, renewal = _int_or_none(row["term_years"]), _int_or_none(row["renewal_years"])
    first = curated.first_day(str(row["date"]))
    assert first is not None  # validated on load
    open_ended = row["id"] in OPEN_ENDED
    if term is not None and renewal is not None:
        rule = f"renews itself for {renewal}-year periods unless a party ends it"
    elif term is not None:
        rule = "no renewal stated"
    elif open_ended:
        rule = "no time limit"
    else:
        rule = "no term stated"
    note = row["note"] if isinstance(row["note"], str) else ""
    replaced = _SUPERSEDED_BY.search(note) if row["status"] == "superseded" else None
    end = row["end_date"]
    return Term(
        term_years=term,
        renewal_years=renewal,
        first_expiry=None if term is None else first.year + term,
        renewal_rule=rule,
        end=end if isinstance(end, str) else None,
        open_ended=open_ended,
        superseded_by=replaced.group(1) if replaced else None,
    )


def _term_text(term: Term) -> str:
    if term.term_years is None:
        return "no time limit" if term.open_ended else "none stated"
    text = f"{term.term_years} years (first expiry {term.first_expiry})"
    if term.renewal_years is not None:
        text += f", then renews every {term.renewal_years} years"
    return text


def _drawn_as(term: Term) -> str:
    if term.end is not None:
        return "until stated end"
    if term.superseded_by is not None:
        return "until replaced"
    if term.open_ended:
        return "open-ended"
    if term.first_expiry is not None:
        return "term, renewing" if term.renewal_years is not None else "term"
    return "point"


def _money(value: object) -> str:
    if value is None or pd.isna(value):
        return "none stated"
    amount = int(value)
    if amount >= 10**9:
        return f"US${amount / 10**9:g} billion"
    return f"US${amount / 10**6:g} million"


def terms(agreements: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per agreement, in date order, with its term and how the timeline draws it.

    Columns: the table's id, title, kind, status, date, date_precision, era, term_years,
    renewal_years, value_usd, value_note, sources; ``term_of``'s first_expiry,
    renewal_rule, end, end_precision, open_ended, superseded_by; text for tooltips
    (date_label, end_label, term_text, value_text); and the timeline's drawing:
    ``drawn_as`` (a key of DRAWN_AS), ``start`` (year position of the date), ``bar_end``
    (where the solid bar ends: first expiry, stated end or replacement; empty when there is
    none) and ``open_from`` (where the open, continuing part starts; empty unless the
    agreement renews itself or has no time limit, and never when it has ended).
    """
    table = curated.load("agreements") if agreements is None else agreements
    table = table.assign(_first=table["date"].map(curated.first_day))
    table = table.sort_values(["_first", "id"], kind="stable").reset_index(drop=True)
    dates = dict(zip(table["id"], table["date"], strict=True))
    rows = []
    for row in table.to_dict("records"):
        term = term_of(row)
        if term.superseded_by is not None and term.superseded_by not in dates:
            raise ValueError(f"{row['id']}: superseded by unknown agreement {term.superseded_by}")
        start = year_position(row["date"])
        drawn = _drawn_as(term)
        bar_end = {
            "until stated end": lambda: year_position(str(term.end)),
            "until replaced": lambda: year_position(dates[str(term.superseded_by)]),
            "term": lambda: start + (term.term_years or 0),
            "term, renewing": lambda: start + (term.term_years or 0),
        }.get(drawn)
        rows.append(
            {
                "id": row["id"],
                "title": row["title"],
                "kind": row["kind"],
                "status": row["status"],
                "date": row["date"],
                "date_precision": row["date_precision"],
                "date_label": date_label(row["date"]),
                "era": row["era"],
                "term_years": term.term_years,
                "renewal_years": term.renewal_years,
                "first_expiry": term.first_expiry,
                "renewal_rule": term.renewal_rule,
                "term_text": _term_text(term),
                "end": term.end,
                "end_precision": row["end_precision"] if term.end else None,
                "end_label": _optional_label(term.end, "none stated"),
                "open_ended": term.open_ended,
                "superseded_by": term.superseded_by,
                "value_usd": row["value_usd"],
                "value_text": _money(row["value_usd"]),
                "value_note": row["value_note"] if isinstance(row["value_note"], str) else "",
                "sources": row["sources"],
                "drawn_as": drawn,
                "start": start,
                "bar_end": bar_end() if bar_end else None,
                "open_from": {"open-ended": start}.get(drawn)
                or ((start + term.term_years) if drawn == "term, renewing" else None),
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("term_years", "renewal_years", "first_expiry", "value_usd"):
        frame[column] = frame[column].astype("Int64")
    return frame.astype({"bar_end": "float64", "open_from": "float64"})
