"""The four eras of the relationship: the one definition every table and chart uses.

Boundaries follow the project's research notes: the Soviet era runs from diplomatic
relations (22 July 1944) to Hafez al-Assad's seizure of power (13 November 1970); the Assad
era to the eve of the Russian air campaign (30 September 2015); the intervention era to the
fall of Bashar al-Assad (8 December 2024); the post-Assad era is open-ended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

# Ranges of years in displayed text (era labels, periods, titles) take an en dash, not "-".
DASH = "\N{EN DASH}"


def year_range(first: object, last: object) -> str:
    """A range of years as the book prints it, with ``DASH``; one year alone for a single year."""
    return str(first) if first == last else f"{first}{DASH}{last}"


@dataclass(frozen=True)
class Era:
    """A period of the relationship, ``start`` inclusive and ``end`` exclusive."""

    id: str
    label: str
    start: dt.date
    end: dt.date | None

    @property
    def years(self) -> str:
        """The era's span as a title gives it: "1970-2015", or "2024-" while it is open."""
        return f"{self.start.year}{DASH}{self.end.year if self.end else ''}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


ERAS: tuple[Era, ...] = (
    Era("soviet", f"Soviet era, 1944{DASH}1970", dt.date(1944, 7, 22), dt.date(1970, 11, 13)),
    Era("assad", f"Assad era, 1970{DASH}2015", dt.date(1970, 11, 13), dt.date(2015, 9, 30)),
    Era(
        "intervention", f"Intervention, 2015{DASH}2024", dt.date(2015, 9, 30), dt.date(2024, 12, 8)
    ),
    Era("post-assad", f"After Assad, 2024{DASH}", dt.date(2024, 12, 8), None),
)
ERA_IDS: tuple[str, ...] = tuple(era.id for era in ERAS)
BY_ID: dict[str, Era] = {era.id: era for era in ERAS}


def era_of(day: dt.date) -> str:
    """The id of the era a day falls in; a day before 22 July 1944 has none."""
    for era in ERAS:
        if era.contains(day):
            return era.id
    raise ValueError(f"{day.isoformat()} is before the first era ({ERAS[0].start.isoformat()})")


def era_of_year(year: int) -> str:
    """The era a calendar year is charted under: the one in force on 1 July of that year.

    Annual series (TIV, trade) cannot be split inside a year; mid-year is the fairest point.
    """
    return era_of(dt.date(year, 7, 1))


def bands(first_year: int, last_year: int) -> pd.DataFrame:
    """Era bands clipped to a chart's year range, for the shaded backgrounds of time charts."""
    rows = []
    for era in ERAS:
        start = max(era.start.year + era.start.timetuple().tm_yday / 366, first_year)
        end_date = era.end or dt.date(last_year + 1, 1, 1)
        end = min(end_date.year + end_date.timetuple().tm_yday / 366, last_year + 1)
        if start < end:
            rows.append({"era": era.id, "label": era.label, "start": start, "end": end})
    return pd.DataFrame(rows, columns=["era", "label", "start", "end"])


def spans(years: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive years as (first, last) spans, in order: how gaps in a series are named
    ("1959-1960") and drawn (one break, not one per year)."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and runs[-1][1] == year - 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return [(first, last) for first, last in runs]
