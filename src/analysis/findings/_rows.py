"""Picking a chapter's rows by what they are (kind, year, words of the title or subject),
never by a row id, and collecting the citation keys the rows carry."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from analysis import eras
from analysis.findings import FindingError


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
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in eras.spans(years)]
    if not parts:
        raise FindingError("no years to name")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + last_joiner + parts[-1]
