"""Charts of the diplomatic record (curated tables)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.charts import theme


def vetoes_by_year(frame: pd.DataFrame) -> alt.Chart:
    """Stacked count of vetoes per year, Russia alone or with China."""
    first, last = int(frame["year"].min()), int(frame["year"].max())
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, scale=alt.Scale(domain=list(range(first, last + 1)))),
            y=alt.Y("count():Q", title="Vetoes cast", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("cast_by:N", title=None),
            tooltip=[
                alt.Tooltip("date:N", title="Date"),
                alt.Tooltip("draft_symbol:N", title="Draft"),
                alt.Tooltip("subject:N", title="Subject"),
                alt.Tooltip("cast_by:N", title="Vetoed by"),
            ],
        )
        .properties(width=theme.WIDTH)
    )
    return theme.with_source(chart, "UN Dag Hammarskjöld Library, Security Council veto list.")
