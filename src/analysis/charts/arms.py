"""Charts of arms transfers (SIPRI TIV)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import theme

TIV_TITLE = "SIPRI TIV, millions (1990 prices)"


def deliveries(
    frame: pd.DataFrame, first: int | None = None, last: int | None = None
) -> alt.LayerChart:
    """Annual deliveries by supplier, one bar per year over the era bands."""
    first = int(frame["year"].min()) if first is None else first
    last = int(frame["year"].max()) if last is None else last
    shown = frame[frame["year"].between(first, last)]
    # Largest supplier first (at the bottom of a stack and the start of the legend).
    order = list(shown.groupby("supplier")["tiv"].sum().sort_values(ascending=False).index)
    if "Other suppliers" in order:
        order.append(order.pop(order.index("Other suppliers")))
    shown = shown.assign(rank=shown["supplier"].map(order.index))
    bars = (
        alt.Chart(shown)
        .transform_calculate(start="datum.year + 0.1", end="datum.year + 0.9")
        .mark_bar()
        .encode(
            x=alt.X(
                "start:Q",
                title=None,
                axis=alt.Axis(format="d"),
                scale=alt.Scale(domain=[first, last + 1], nice=False),
            ),
            x2="end:Q",
            y=alt.Y("sum(tiv):Q", title=TIV_TITLE, stack="zero"),
            color=alt.Color("supplier:N", title="Supplier", scale=theme.supplier_colour(order)),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("supplier:N", title="Supplier"),
                alt.Tooltip("sum(tiv):Q", title="TIV (millions)", format=",.0f"),
                alt.Tooltip("release:N", title="SIPRI release"),
            ],
        )
    )
    chart = alt.layer(theme.era_bands(first, last), bars)
    releases = ", ".join(sorted(shown["release"].unique()))
    return theme.with_source(chart, f"SIPRI Arms Transfers Database, {releases} release.")
