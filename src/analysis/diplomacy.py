"""Agreements, Security Council vetoes and events: the curated tables, summarised."""

from __future__ import annotations

import pandas as pd

from analysis import curated


def vetoes_by_year() -> pd.DataFrame:
    """Russian vetoes of Security Council drafts on Syria per year, alone or with China."""
    vetoes = curated.load("unsc_vetoes")
    vetoes["year"] = pd.to_datetime(vetoes["date"]).dt.year
    vetoes["cast_by"] = vetoes["china_vetoed"].map(
        {True: "Russia and China", False: "Russia alone"}
    )
    return vetoes[["year", "date", "draft_symbol", "subject", "cast_by", "sources"]]
