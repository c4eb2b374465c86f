"""Charts of trade (Correlates of War, official figures). Values in millions of US$."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import theme

USD_TITLE = "Millions of current US$"


def cow_flows(frame: pd.DataFrame, first: int, last: int) -> alt.LayerChart:
    """Annual flows by direction as lines with points; gaps in the data break the line."""
    shown = frame[frame["year"].between(first, last)].copy()
    # An explicit break where COW has no year, so the line never bridges a gap.
    years = pd.DataFrame({"year": range(first, last + 1)})
    full = pd.concat(
        [
            years.assign(direction=d)
            .merge(g, on=["year", "direction"], how="left")
            .assign(flow=g["flow"].iloc[0])
            for d, g in shown.groupby("direction")
        ],
        ignore_index=True,
    )
    base = alt.Chart(full).encode(
        x=alt.X("year:Q", title=None, axis=theme.year_axis(), scale=theme.years(first, last)),
        y=alt.Y("value_musd:Q", title=USD_TITLE),
        color=alt.Color("flow:N", title="Flow"),
    )
    tooltip = [
        alt.Tooltip("year:Q", title="Year", format="d"),
        alt.Tooltip("flow:N", title="Flow"),
        alt.Tooltip("value_musd:Q", title="US$ millions", format=",.1f"),
        alt.Tooltip("release:N", title="COW version"),
        alt.Tooltip("rounded:N", title="Rounded to whole millions"),
    ]
    # One mark, so that colour and shape share one legend: a line through shaped points.
    flows = base.mark_line(point=alt.OverlayMarkDef(size=30, filled=True)).encode(
        shape=alt.Shape("flow:N", legend=None), tooltip=tooltip
    )
    chart = alt.layer(theme.era_bands(first, last), flows)
    releases = ", ".join(f"v{r}" for r in sorted(shown["release"].unique()))
    return theme.with_source(chart, f"Correlates of War Project, Trade data set ({releases}).")


def official_figures(frame: pd.DataFrame) -> alt.Chart:
    """Quoted official figures as separate marks: shape shows the qualifier."""
    chart = (
        alt.Chart(frame)
        .mark_point(filled=True, size=80)
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("value_musd:Q", title=USD_TITLE),
            shape=alt.Shape("qualifier:N", title="As stated"),
            color=alt.Color("measure:N", title="Measure"),
            tooltip=[
                alt.Tooltip("value_as_stated:N", title="As stated"),
                alt.Tooltip("measure:N", title="Measure"),
                alt.Tooltip("qualifier:N", title="Qualifier"),
                alt.Tooltip("partial_year:N", title="Part of the year only"),
                alt.Tooltip("speaker:N", title="Stated by"),
            ],
        )
        .properties(width=theme.WIDTH)
    )
    return theme.with_source(chart, "Russian officials and state media as quoted in the press.")
