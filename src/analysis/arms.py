"""Arms transfers from the Soviet Union and Russia to Syria (SIPRI trend-indicator values).

TIV is SIPRI's volume index in millions at constant 1990 prices: it measures the military
capability transferred, not what was paid, so it is never added to or set beside US$.
"""

from __future__ import annotations

import pandas as pd

from analysis import datasets, eras
from analysis.countries import ALL, RUSSIA, SYRIA, USSR

# The release of SIPRI's annual tables that the book's long series comes from.
TABLES_RELEASE = "2022"
OTHER = "Other suppliers"


def deliveries_to_syria(release: str = TABLES_RELEASE) -> pd.DataFrame:
    """Annual TIV of Soviet (1950-91) and Russian (from 1992) deliveries to Syria.

    Years without a row are years in which SIPRI identified no deliveries.
    """
    exports = datasets.load("arms_exports")
    rows = exports[
        (exports["release"] == release)
        & (exports["recipient"] == SYRIA)
        & (exports["supplier"].isin([USSR, RUSSIA]))
    ]
    frame = rows[["year", "supplier", "tiv", "release", "citation"]].reset_index(drop=True)
    return frame.assign(era=frame["year"].map(eras.era_of_year))


def total(frame: pd.DataFrame, supplier: str, first: int, last: int) -> float:
    """Sum of a supplier's TIV over an inclusive span of years."""
    rows = frame[(frame["supplier"] == supplier) & frame["year"].between(first, last)]
    return float(rows["tiv"].sum())


def imports_by_supplier(
    first: int, last: int, keep: int = 4, release: str = TABLES_RELEASE
) -> pd.DataFrame:
    """Syria's annual arms imports by supplier over a span of years.

    The ``keep`` largest suppliers of the span are shown by name; the rest are summed as
    "Other suppliers", so that the chart stays legible without dropping any delivery.
    """
    imports = datasets.load("arms_imports")
    rows = imports[
        (imports["release"] == release)
        & (imports["recipient"] == SYRIA)
        & (imports["supplier"] != ALL)
        & imports["year"].between(first, last)
    ]
    largest = rows.groupby("supplier")["tiv"].sum().nlargest(keep).index
    named = rows["supplier"].where(rows["supplier"].isin(largest), OTHER)
    frame = (
        rows.assign(supplier=named)
        .groupby(["year", "supplier", "release"], as_index=False)["tiv"]
        .sum()
    )
    return frame[["year", "supplier", "tiv", "release"]]
