"""Trade between the Soviet Union/Russia and Syria: Correlates of War and official figures.

COW values are millions of current US$. Version 3.0 is exact to 2009; version 4.0 reaches
2014 but is available here only rounded to whole millions, so its rows are flagged.
"""

from __future__ import annotations

import pandas as pd

from analysis import datasets

DIRECTION_LABELS = {
    "russia_to_syria": "Soviet/Russian exports to Syria",
    "syria_to_russia": "Syrian exports to the Soviet Union/Russia",
}
EXACT_RELEASE, ROUNDED_RELEASE = "3.0", "4.0"


def cow_flows(series: str = "flow") -> pd.DataFrame:
    """One annual series per direction: v3.0 where it exists, v4.0 (rounded) after it.

    The two versions are never averaged or overlapped: each year comes from exactly one,
    named in ``release``. Years COW has no row for (the United Arab Republic, 1959-60) are
    absent, and stay absent.
    """
    trade = datasets.load("trade")
    trade = trade[(trade["series"] == series) & ~trade["missing"]]
    exact = trade[trade["release"] == EXACT_RELEASE]
    later = trade[(trade["release"] == ROUNDED_RELEASE) & (trade["year"] > exact["year"].max())]
    frame = pd.concat([exact, later], ignore_index=True)
    frame["flow"] = frame["direction"].map(DIRECTION_LABELS)
    return frame[["year", "direction", "flow", "value_musd", "release", "rounded", "citation"]]


def official_figures() -> pd.DataFrame:
    """Figures stated by Russian officials and state media, with their qualifiers."""
    return datasets.load("trade_official")
