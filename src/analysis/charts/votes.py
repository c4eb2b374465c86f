"""Charts of voting alignment in the UN General Assembly (shares of shared roll calls)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import eras, votes
from analysis.charts import theme


def _source(frame: pd.DataFrame) -> str:
    """The source line, naming the release of the voting data the frame was computed from."""
    (release,) = frame["release"].unique()
    return (
        f"Voeten et al., UN General Assembly voting data, release of {release}, "
        "which codes the USSR and Russia as one country."
    )


SHARE_TITLE = "Same vote (share of shared roll calls)"
SHARE_AXIS = alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])
SHARE_SCALE = alt.Scale(domain=[0, 1], nice=False)
ALL_COLOUR = "#999999"
PANEL_YEARS = alt.Axis(format="d", values=[1950, 1970, 1990, 2010])


def alignment(frame: pd.DataFrame) -> alt.LayerChart:
    """Annual share of agreement as a line with points over the era bands. A year without a
    share is a white gap in the bands, labelled with its reason, and breaks the line."""
    first, last = int(frame["year"].min()), int(frame["year"].max())
    # Each year is drawn at its middle, where eras.era_of_year places it.
    base = alt.Chart(frame).transform_calculate(mid="datum.year + 0.5")
    tooltip = [
        alt.Tooltip("year:Q", title="Year", format="d"),
        alt.Tooltip("share:Q", title="Same vote", format=".0%"),
        alt.Tooltip("agreed:Q", title="Roll calls with the same vote"),
        alt.Tooltip("shared:Q", title="Roll calls both voted on"),
        alt.Tooltip("gap:N", title="No share"),
    ]
    line = base.mark_line(
        point=alt.OverlayMarkDef(size=28, filled=True, color=theme.DARK),
        color=theme.DARK,
        strokeWidth=1.5,
        strokeJoin="round",
    ).encode(
        x=theme.year_x("mid:Q", first, last),
        y=alt.Y("share:Q", title=SHARE_TITLE, scale=SHARE_SCALE, axis=SHARE_AXIS),
        tooltip=tooltip,
    )
    # Runs of consecutive gap years with the same reason: one white column and one label each.
    runs = (
        base.transform_filter("isValid(datum.gap)")
        .transform_window(rank="row_number()", groupby=["gap"], sort=[{"field": "year"}])
        .transform_calculate(run="datum.year - datum.rank")
        .transform_aggregate(start="min(year)", last="max(year)", groupby=["gap", "run"])
        .transform_calculate(
            end="datum.last + 1",
            centre="(datum.start + datum.last + 1) / 2",
            years="datum.start == datum.last ? datum.start : "
            f"datum.start + '{eras.DASH}' + datum.last",
        )
    )
    gap_tooltip = [alt.Tooltip("years:N", title="Years"), alt.Tooltip("gap:N", title="No share")]
    blanks = runs.mark_rect(color="white").encode(
        x=theme.year_x("start:Q", first, last), x2="end:Q", tooltip=gap_tooltip
    )
    labels = runs.mark_text(
        angle=270, align="left", baseline="middle", dx=4, color=theme.MUTED
    ).encode(x=theme.year_x("centre:Q", first, last), y=alt.value("height"), text="gap:N")
    chart = alt.layer(theme.era_bands(first, last), blanks, labels, line).properties(
        width=theme.WIDTH, height=theme.HEIGHT
    )
    return theme.with_source(chart, _source(frame))


def alignment_by_issue(frame: pd.DataFrame) -> alt.VConcatChart:
    """Small multiples, one per issue tag: the decade's share of agreement on that issue (thick
    segment) against the share over all roll calls (thin grey), over the era bands."""
    first, last = int(frame["first_year"].min()), int(frame["last_year"].max())
    base = alt.Chart(frame).transform_calculate(end="datum.last_year + 1")
    tooltip = [
        alt.Tooltip("issue_name:N", title="Issue"),
        alt.Tooltip("first_year:Q", title="From", format="d"),
        alt.Tooltip("last_year:Q", title="To", format="d"),
        alt.Tooltip("share:Q", title="Same vote", format=".0%"),
        alt.Tooltip("agreed:Q", title="Roll calls with the same vote"),
        alt.Tooltip("shared:Q", title="Roll calls both voted on"),
    ]

    series = alt.Scale(domain=["This issue", "All roll calls"], range=[theme.DARK, ALL_COLOUR])
    legend = alt.Legend(symbolType="stroke", symbolStrokeWidth=4)

    def segments(issue: str, label: str, width: float) -> alt.Chart:
        return (
            base.transform_filter(alt.datum.issue == issue)
            .transform_calculate(series=f"'{label}'")
            .mark_rule(strokeWidth=width)
            .encode(
                color=alt.Color("series:N", scale=series, title=None, legend=legend),
                x=theme.year_x("first_year:Q", first, last, axis=PANEL_YEARS),
                x2="end:Q",
                y=alt.Y("share:Q", title=None, scale=SHARE_SCALE, axis=SHARE_AXIS),
                tooltip=tooltip,
            )
        )

    # Era bands without their labels, which do not fit a half-width panel (the caption names
    # the eras); fewer year labels for the same reason.
    panels = [
        alt.layer(
            theme.era_bands(first, last, labels=False),
            segments(votes.ALL_ISSUES, "All roll calls", 1.5),
            segments(issue, "This issue", 4),
        ).properties(
            width=(theme.WIDTH - 60) // 2,
            height=90,
            title=alt.TitleParams(name, orient="top", anchor="start", color=theme.TEXT_COLOUR),
        )
        for issue, name in votes.ISSUES.items()
    ]
    rows = [alt.hconcat(*panels[i : i + 2], spacing=24) for i in range(0, len(panels), 2)]
    return theme.with_source(alt.vconcat(*rows, spacing=12), _source(frame))
