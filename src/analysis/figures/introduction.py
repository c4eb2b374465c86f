"""The introduction's figures: the whole arms relationship on one scale, and the events."""

from __future__ import annotations

import pandas as pd

from analysis import arms, charts, diplomacy, eras
from analysis.charts import arms as arms_charts
from analysis.charts import diplomacy as diplomacy_charts
from analysis.charts import theme
from analysis.countries import RUSSIA, USSR
from analysis.data import Data
from analysis.figures._shared import deliveries_measured, deliveries_takeaway, number


def deliveries(data: Data) -> charts.Figure:
    """Soviet and Russian deliveries to Syria, three SIPRI vintages kept apart."""
    annual = arms.deliveries_to_syria(data)
    revised = arms.revised_deliveries(data, RUSSIA)
    silence = arms.register_silence(data)
    first, last = arms.overview_span(data)
    years = annual.groupby("supplier")["year"].agg(["min", "max"])
    top = annual.loc[annual["tiv"].idxmax()]
    quiet = "; ".join(f"{row.first_year} to {row.last_year}" for row in silence.itertuples())
    description = (
        f"Bar chart of Soviet ({years.at[USSR, 'min']} to {years.at[USSR, 'max']}) and Russian "
        f"({years.at[RUSSIA, 'min']} to {years.at[RUSSIA, 'max']}) arms deliveries to Syria "
        "per year in SIPRI trend-indicator values, over shaded bands for the four eras. The "
        f"tallest bar is {int(top['year'])}, at {top['tiv']:,.0f} million. Short black lines "
        f"give the {data.release(arms.DEALS)} release's revised values from "
        f"{int(revised['year'].min())} to {int(revised['year'].max())}, and a note states that "
        f"no Russian deliveries are recorded for {quiet or 'no year'}."
    )
    # The CSV holds all three vintages, each row labelled with its release.
    drawn = pd.concat([annual, revised, silence], ignore_index=True).convert_dtypes()
    chart = theme.titled(
        arms_charts.soviet_russian_deliveries(annual, revised, silence, first, last),
        deliveries_takeaway(annual[annual["year"].between(first, last)], silence),
        deliveries_measured(first, last, revised[revised["year"].between(first, last)]),
    )
    return charts.Figure("fig-intro-deliveries", chart, drawn, description)


def events(data: Data) -> charts.Figure:
    """The dated events of the record by kind, over the eras."""
    frame = diplomacy.events(data)
    per_era = frame.groupby("era", sort=False).size()
    counts = "; ".join(f"{era.label}: {per_era.get(era.id, 0)}" for era in eras.ERAS)
    years = frame["date"].str[:4].astype(int)
    kinds = ", ".join(frame["category"].drop_duplicates())
    description = (
        f"Timeline of the relationship's {len(frame)} events by kind ({kinds}) from "
        f"{years.min()} to {years.max()}, over the four eras (events per era: {counts})."
    )
    busiest = eras.BY_ID[per_era.idxmax()]
    chart = theme.titled(
        diplomacy_charts.events_timeline(frame),
        f"{number(int(per_era.max())).capitalize()} of the record's {len(frame)} events fall "
        f"in {busiest.years}, the most of any era",
        "Events of the book's record by kind and date, "
        + eras.year_range(years.min(), years.max()),
    )
    return charts.Figure("fig-intro-events", chart, frame, description)
