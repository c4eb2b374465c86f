"""Agreements, vetoes, events and Russia's sites in Syria: the curated tables, summarised.

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
from analysis.data import Data

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


def _in_date_order(table: pd.DataFrame) -> pd.DataFrame:
    """Rows by where their dates are drawn (the middle of each date's period), then id."""
    order = table.assign(_at=table["date"].map(year_position))
    return order.sort_values(["_at", "id"]).drop(columns="_at").reset_index(drop=True)


def _text_or(value: object, missing: str) -> str:
    return value if isinstance(value, str) else missing


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
    """The term of one agreement row (a row of ``data.curated("agreements")``)."""
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
    note = _text_or(row["note"], "")
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


def _extent(term: Term, start: float, replaced_on: str | None) -> tuple[float | None, ...]:
    """(bar_end, open_from): where the solid bar ends and where the open part begins."""
    if term.end is not None:
        return year_position(term.end), None
    if replaced_on is not None:
        return year_position(replaced_on), None
    if term.open_ended:
        return None, start
    if term.term_years is not None:
        expiry = start + term.term_years
        return expiry, expiry if term.renewal_years is not None else None
    return None, None


def _money(value: object) -> str:
    if value is None or pd.isna(value):
        return "none stated"
    amount = int(value)
    if amount >= 10**9:
        return f"US${amount / 10**9:g} billion"
    return f"US${amount / 10**6:g} million"


def terms(data: Data, agreements: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per agreement, in date order, with its term and how the timeline draws it.

    Columns: the table's id, title, kind, status, date, date_precision, era, term_years,
    renewal_years, value_usd, value_note, sources; ``term_of``'s first_expiry,
    renewal_rule, end, end_precision, open_ended, superseded_by; text for tooltips
    (status_label, date_label, end_label, term_text, value_text); and the timeline's drawing:
    ``drawn_as`` (a key of DRAWN_AS), ``start`` (year position of the date), ``bar_end``
    (where the solid bar ends: first expiry, stated end or replacement; empty when there is
    none) and ``open_from`` (where the open, continuing part starts; empty unless the
    agreement renews itself or has no time limit, and never when it has ended).
    """
    table = _in_date_order(data.curated("agreements") if agreements is None else agreements)
    dates = dict(zip(table["id"], table["date"], strict=True))
    rows = []
    for row in table.to_dict("records"):
        term = term_of(row)
        if term.superseded_by is not None and term.superseded_by not in dates:
            raise ValueError(f"{row['id']}: superseded by unknown agreement {term.superseded_by}")
        start = year_position(row["date"])
        replaced_on = dates.get(term.superseded_by) if term.end is None else None
        bar_end, open_from = _extent(term, start, replaced_on)
        rows.append(
            {
                "id": row["id"],
                "title": row["title"],
                "kind": row["kind"],
                "status": row["status"],
                "status_label": row["status"].replace("_", " "),
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
                "value_note": _text_or(row["value_note"], ""),
                "sources": row["sources"],
                "drawn_as": _drawn_as(term),
                "start": start,
                "bar_end": bar_end,
                "open_from": open_from,
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("term_years", "renewal_years", "first_expiry", "value_usd"):
        frame[column] = frame[column].astype("Int64")
    return frame.astype({"bar_end": "float64", "open_from": "float64"})


# ---------------------------------------------------------------------------------------
# The date of the data, and counts.


@dataclass(frozen=True)
class AsOf:
    """The latest date in the curated tables: the record is complete up to here at best."""

    date: str  # ISO, at its precision
    label: str  # as prose writes it; glue this
    position: float  # on a year axis


def as_of(data: Data) -> AsOf:
    """The day the edition's record closes (``record_closes`` in the edition file): no
    curated row is dated after it, and the timelines end there."""
    closes = data.edition.record_closes.isoformat()
    return AsOf(date=closes, label=date_label(closes), position=year_position(closes))


#: What each curated table is counted by, besides the era.
_COUNTED_BY: dict[str, tuple[str, dict[str, str]]] = {
    "agreements": ("kind", curated.KINDS),
    "events": ("category", curated.CATEGORIES),
}


def counts_by_era(data: Data, name: str) -> pd.DataFrame:
    """Rows of "agreements" (by kind) or "events" (by category) per era, with totals.

    Every era and every term of the vocabulary appears, in their defined order, so a zero
    is shown as a zero rather than missing. The index is the era's label.
    """
    if name not in _COUNTED_BY:
        raise ValueError(f"counts by era exist for {sorted(_COUNTED_BY)}, not {name!r}")
    column, vocabulary = _COUNTED_BY[name]
    table = data.curated(name)
    labels = {era.id: era.label for era in eras.ERAS}
    counts = pd.crosstab(
        pd.Categorical(table["era"].map(labels), categories=list(labels.values())),
        pd.Categorical(table[column], categories=list(vocabulary)),
        margins=True,
        margins_name="Total",
        dropna=False,
    )
    counts.index.name, counts.columns.name = "era", column
    return counts


# ---------------------------------------------------------------------------------------
# Security Council vetoes.

ALONE, WITH_CHINA = "Russia alone", "Russia and China"


def vetoes_by_year(data: Data) -> pd.DataFrame:
    """Russian vetoes of Security Council drafts on Syria, one row each, in date order.

    ``cast_by`` is "Russia alone" or "Russia and China"; ``year`` groups them for the chart.
    """
    vetoes = data.curated("unsc_vetoes").sort_values("n").reset_index(drop=True)
    vote = (
        vetoes["vote_for"].astype(str)
        + " for, "
        + vetoes["vote_against"].astype(str)
        + " against, "
        + vetoes["vote_abstain"].astype(str)
        + " abstaining"
    )
    return pd.DataFrame(
        {
            "n": vetoes["n"],
            "year": vetoes["date"].str[:4].astype(int),
            "date": vetoes["date"],
            "date_label": vetoes["date"].map(date_label),
            "draft_symbol": vetoes["draft_symbol"],
            "meeting_record": vetoes["meeting_record"],
            "subject": vetoes["subject"],
            "cast_by": vetoes["china_vetoed"].map({True: WITH_CHINA, False: ALONE}),
            "vote": vote,
            "sources": vetoes["sources"],
        }
    )


@dataclass(frozen=True)
class VetoSummary:
    """Numbers for the prose about the vetoes; each field can be glued on its own."""

    count: int
    alone: int
    with_china: int
    first: str  # ISO date
    first_label: str
    first_draft: str
    last: str
    last_label: str
    last_draft: str
    joint_years: tuple[int, ...]  # years in which China vetoed a draft with Russia


def veto_summary(data: Data, vetoes: pd.DataFrame | None = None) -> VetoSummary:
    """How many vetoes, how many with China, and the first and last (``vetoes_by_year``)."""
    frame = vetoes_by_year(data) if vetoes is None else vetoes
    first, last = frame.iloc[0], frame.iloc[-1]
    joint = frame[frame["cast_by"] == WITH_CHINA]
    return VetoSummary(
        count=len(frame),
        alone=int((frame["cast_by"] == ALONE).sum()),
        with_china=len(joint),
        first=first["date"],
        first_label=first["date_label"],
        first_draft=first["draft_symbol"],
        last=last["date"],
        last_label=last["date_label"],
        last_draft=last["draft_symbol"],
        joint_years=tuple(sorted(int(y) for y in joint["year"].unique())),
    )


# ---------------------------------------------------------------------------------------
# Events.


def _lanes(positions: list[float], min_gap: float) -> list[int]:
    """A lane for each position (sorted ascending) so that dots in a lane keep ``min_gap``
    apart: the middle lane (0) first, then 1, -1, 2, -2 ... as a cluster needs them."""
    last: dict[int, float] = {}
    lanes = []
    for position in positions:
        lane = next(
            candidate
            for step in range(len(positions) + 1)
            for candidate in ((step,) if step == 0 else (step, -step))
            if candidate not in last or position - last[candidate] >= min_gap
        )
        last[lane] = position
        lanes.append(lane)
    return lanes


def events(data: Data, min_gap: float = 1.5) -> pd.DataFrame:
    """The events table in date order, with labels and positions for the timeline.

    ``position`` is the date on a year axis; ``lane`` is the dot's offset within its
    category row, so that events less than ``min_gap`` years apart do not hide each other.
    """
    table = _in_date_order(data.curated("events"))
    labels = {era.id: era.label for era in eras.ERAS}
    frame = pd.DataFrame(
        {
            "id": table["id"],
            "date": table["date"],
            "date_precision": table["date_precision"],
            "date_label": table["date"].map(date_label),
            "era": table["era"],
            "era_label": table["era"].map(labels),
            "category": table["category"],
            "event": table["event"],
            "sources": table["sources"],
            "note": table["note"].fillna(""),
            "position": table["date"].map(year_position),
        }
    )
    frame["lane"] = 0
    for _, rows in frame.groupby("category"):
        frame.loc[rows.index, "lane"] = _lanes(list(rows["position"]), min_gap)
    return frame


# ---------------------------------------------------------------------------------------
# Russia's military sites and the agreements that govern them.


def sites(data: Data) -> pd.DataFrame:
    """The sites with what the map shows of their agreements: ``agreement_1``, ``agreement_2``,
    ... each read "date: title (status)", in date order, ``agreement_years`` for a label,
    ``kind_label`` in words, and ``ended`` ("withdrawn January 2026") for a site Russia no
    longer holds, missing for one in use."""
    table = data.curated("bases")
    agreements = data.curated("agreements").set_index("id")
    described = {
        key: f"{row.date}: {row.title} ({row.status.replace('_', ' ')})"
        for key, row in agreements.iterrows()
    }
    keys = table["agreements"].map(
        lambda cell: sorted(curated.split_keys(cell), key=lambda k: agreements.at[k, "date"])
    )
    for n in range(max(map(len, keys), default=0)):
        table[f"agreement_{n + 1}"] = keys.map(
            lambda ks, n=n: described[ks[n]] if n < len(ks) else None
        )
    table["agreement_years"] = keys.map(
        lambda ks: ", ".join(agreements.at[k, "date"][:4] for k in ks)
    )
    table["kind_label"] = table["kind"].map(curated.SITE_KINDS)
    table["ended"] = [
        None if status == curated.IN_USE else f"{status.replace('_', ' ')} {date_label(end)}"
        for status, end in zip(table["status"], table["end_date"], strict=True)
    ]
    return table
