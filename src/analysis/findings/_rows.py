"""Picking a chapter's rows by what they are (kind, year, words of the title or subject, who
stated a figure), never by a row id, and collecting the citation keys the rows carry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from analysis import eras
from analysis.findings import Facts, FindingError

if TYPE_CHECKING:
    from analysis.data import Data


def one(
    frame: pd.DataFrame,
    what: str,
    *,
    dated: int | None = None,
    has: tuple[str, str] | None = None,
    **equal: object,
) -> pd.Series:
    """The single row matching every condition: ``dated`` (the year of the ``date`` column), ``has``
    (column, words) for words in a text column, and column=value equalities.

    None or several matches fail naming ``what``: a changed table must be reviewed, not
    read at the wrong row.
    """
    rows = frame
    if dated is not None:
        rows = rows[rows["date"].astype(str).str[:4] == str(dated)]
    if has is not None:
        column, words = has
        rows = rows[rows[column].str.contains(words, regex=False)]
    for column, value in equal.items():
        rows = rows[rows[column] == value]
    if len(rows) != 1:
        raise FindingError(f"{what}: {len(rows)} rows match, expected one")
    return rows.iloc[0]


def era_years(facts: Facts, data: Data, era: eras.Era) -> None:
    """The era's span as the chapter's title gives it, cited to the curated events that open
    or close it (the seizure of power, the first strikes, the fall of Assad)."""
    events = data.curated("events")
    bounds = {era.start.isoformat(), era.end.isoformat() if era.end else ""}
    marking = events[events["date"].isin(bounds)]
    if marking.empty:
        raise FindingError(f"{facts.chapter}: no event marks the bounds of the {era.label}")
    facts.add("era_years", era.years, sources=keys(marking["sources"]))


def keys(*cells: object) -> tuple[str, ...]:
    """The citation keys in cells ("a; b") or columns of them, each once, in order."""
    found: dict[str, None] = {}
    for cell in cells:
        values: Iterable[object] = cell if isinstance(cell, pd.Series) else (cell,)
        for value in values:
            for key in str(value).split(";"):
                if key.strip():
                    found[key.strip()] = None
    return tuple(found)


def spans_text(years: Iterable[int], last_joiner: str = " or in ") -> str:
    """Years as prose: "1994-1997 or in 2007"."""
    parts = [eras.year_range(a, b) for a, b in eras.spans(years)]
    if not parts:
        raise FindingError("no years to name")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + last_joiner + parts[-1]


def stated(
    facts: Facts,
    data: Data,
    name: str,
    *,
    speaker: str,
    counts: str,
    dated: int,
    scale: float = 1,
    format: str = ",.0f",
    unit: str = "",
) -> pd.Series:
    """Add a figure from ``claims.csv`` as the fact ``name`` (and ``name_high`` for a range):
    the row whose speaker and counted thing contain the given words, stated in ``dated``.

    The value is divided by ``scale`` (10**9 for "US$ ... billion") and shown with ``format``,
    so that a stated figure is printed as precisely as it was stated and no more. Returns the
    row, so the chapter module can guard what its sentence says about it (its qualifier, its
    status as a government claim).
    """
    claims = data.curated("claims")
    claims = claims[claims["speaker"].str.contains(speaker, regex=False)]
    row = one(claims, f"{facts.chapter}: {name}", dated=dated, has=("counts", counts))
    facts.add(name, row["value"] / scale, format, unit, row["sources"])
    if pd.notna(row["value_high"]):
        facts.add(f"{name}_high", row["value_high"] / scale, format, unit, row["sources"])
    return row
