"""Charts of trade (Correlates of War, official figures), in millions of US$.

Annual values sit at mid-year (``year + 0.5``) on the house year scale, so they line up with
the era bands and with the arms charts' bars. The two COW directions keep one colour and
shape in every chart, and the official measures take the same colours for the same flows
with shapes of their own, so a statement is never mistaken for a point of the COW series.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import eras, trade
from analysis.charts import theme
from analysis.charts.arms import TIV_TITLE

USD_TITLE = "Millions of current US$"
UNIT = "millions of current US$"
VALUE_FORMAT = ",.2~f"
# Room right of the plot for the labels at the lines' ends (the plot narrows to keep the
# figure's width).
LABEL_ROOM = 120
PLOT_WIDTH = theme.WIDTH - LABEL_ROOM  # the line charts whose series are labelled at the end
END_LABELS = {trade.EXPORTS: "Exports to Syria", trade.IMPORTS: "Imports from Syria"}
EXPORTS_LABEL, IMPORTS_LABEL = (trade.DIRECTION_LABELS[d] for d in (trade.EXPORTS, trade.IMPORTS))
# One colour and shape per flow in every chart (away from the suppliers' vermillion and
# blue, which the arms panel uses). An official measure shares its COW flow's colour but
# never its shape.
STYLES: dict[str, tuple[str, str]] = {
    EXPORTS_LABEL: (theme.GREEN, "circle"),
    IMPORTS_LABEL: (theme.PINK, "square"),
    trade.MEASURE_LABELS["russian_exports_to_syria"]: (theme.GREEN, "diamond"),
    trade.MEASURE_LABELS["syrian_exports_to_russia"]: (theme.PINK, "triangle-up"),
    trade.MEASURE_LABELS["total_trade_turnover"]: (theme.DARK, "cross"),
}
OFFICIAL_LABELS = list(trade.MEASURE_LABELS.values())
# Statements of the same period sit side by side rather than on top of each other.
OFFICIAL_OFFSETS = {
    "russian_exports_to_syria": -0.22,
    "total_trade_turnover": 0.0,
    "syrian_exports_to_russia": 0.22,
}
BAR_INSET = 0.1  # of a year, each side of an annual bar
HEADROOM = 1.15  # the top of a chart of statements, as a multiple of the largest
WORD_ROOM = round(theme.text_width("less than")) + 4  # pixels the longest qualifier takes
COW_SOURCE = f"'{trade.COW_CITATION}, v' + datum.release"  # a Vega expression, per row
# The key to the officials' marks, which a figure gives in its subtitle (it wraps there at
# any width instead of covering the plot).
OFFICIAL_KEY = (
    "Line: the period a figure covers; hollow mark: part of a year only; no line: a level "
    "current when stated, period not given."
)


# The column of readable citations ("TASS 2017a") figure functions add to official figures.
CITED_AS = "cited_as"


def _legend(title: str, corner: str | None = None) -> alt.Legend:
    """A one-column legend, beside the chart or inside it in ``corner`` ("top-left"); inside,
    the COW flows take their short names (those of the lines' end labels), so that the
    legend covers as little of the plot as it can."""
    if corner:
        short = " : ".join(
            f"datum.label == '{trade.DIRECTION_LABELS[direction]}' ? '{label}'"
            for direction, label in END_LABELS.items()
        )
        return alt.Legend(
            title=title,
            orient=corner,
            direction="vertical",
            columns=1,
            fillColor="white",
            padding=4,
            labelExpr=f"{short} : datum.label",
        )
    return alt.Legend(title=title, columns=1)


def empty_corner(frame: pd.DataFrame, value: str, first: int, last: int) -> str:
    """The top corner the data leave emptiest: the one whose third of the years
    ``first``-``last`` has the lower highest ``value`` (summed over a year's rows), so that
    a legend placed there covers no peak."""
    totals = frame[frame["year"].between(first, last)].groupby("year")[value].sum()
    third = (last - first + 1) / 3
    left = totals[totals.index < first + third].max()
    right = totals[totals.index > last - third].max()
    left, right = (0 if pd.isna(side) else side for side in (left, right))
    return "top-right" if right < left else "top-left"


def _style(field: str, labels: list[str], legend: alt.Legend | None) -> dict[str, alt.Color]:
    """Colour and shape encodings for some of ``STYLES``; ``legend`` None for none."""
    colours, shapes = zip(*(STYLES[label] for label in labels), strict=True)
    return {
        "color": alt.Color(
            f"{field}:N", scale=alt.Scale(domain=labels, range=colours), legend=legend
        ),
        "shape": alt.Shape(
            f"{field}:N", scale=alt.Scale(domain=labels, range=shapes), legend=legend
        ),
    }


def _unlisted(colour: alt.Color) -> alt.Color:
    """The same colour encoding without a legend (for fill and stroke, which share it)."""
    colour = colour.copy()
    colour.legend = None
    return colour


def _cow_source(frame: pd.DataFrame) -> str:
    """The source line: COW and every version drawn, with the years each covers."""
    parts = []
    for release, rows in frame.groupby("release"):
        span = eras.year_range(rows["year"].min(), rows["year"].max())
        parts.append(f"v{release}{' rounded' if rows['rounded'].all() else ''} ({span})")
    is_smoothed = "series" in frame and (frame["series"] == "smoothed").all()
    smoothed = " smoothed series" if is_smoothed else ""
    return f"Correlates of War Trade{smoothed} {', '.join(parts)}"


def _flow_tooltip() -> list[alt.Tooltip]:
    return theme.tips(
        ("year:Q", "Year", "d"),
        ("flow", "Flow"),
        ("value_musd:Q", "Value", VALUE_FORMAT),
        ("unit", "Unit"),
        ("source", "Source"),
        ("note", "Note"),
    )


def _bar_span(chart: alt.Chart) -> alt.Chart:
    """An annual bar from just after the start of its year to just before its end."""
    return chart.transform_calculate(
        start=f"datum.year + {BAR_INSET}", end=f"datum.year + {1 - BAR_INSET}"
    )


def _runs(chart: alt.Chart) -> alt.Chart:
    """Number the runs of consecutive years, so a line drawn per run breaks at every gap."""
    return chart.transform_window(
        rank="row_number()", groupby=["direction"], sort=[alt.SortField("year")]
    ).transform_calculate(run="datum.year - datum.rank")


def _flow_layers(
    frame: pd.DataFrame,
    first: int,
    last: int,
    zoom: alt.Parameter | None = None,
    legend: alt.Legend | None = None,
) -> list[alt.Chart]:
    """COW flows: solid lines through filled points where exact, a dashed line through
    hollow points where rounded, labels at the lines' ends, and the gaps named.

    Lines are drawn per run of consecutive years, so they break at a gap (never bridge it
    or drop to zero). ``zoom`` lets a brush in another panel set the year domain; a
    ``legend`` replaces the end labels where other marks crowd them or a zoom clips them.
    """
    clip = zoom is not None
    base = alt.Chart(frame).transform_calculate(
        mid="datum.year + 0.5", unit=f"'{UNIT}'", source=COW_SOURCE
    )
    x = theme.year_x("mid", first, last, zoom=zoom)
    y = alt.Y("value_musd:Q", title=USD_TITLE)
    style = _style("flow", [EXPORTS_LABEL, IMPORTS_LABEL], legend)
    exact = frame.loc[~frame["rounded"], "year"]
    # The dashed line starts at the last exact year, so the series stays continuous.
    joined = f" || datum.year == {exact.max()}" if len(exact) else ""
    lines = [
        _runs(base.transform_filter("!datum.rounded"))
        .mark_line(clip=clip, strokeJoin="round")
        .encode(x=x, y=y, color=style["color"], detail="run:Q"),
        _runs(base.transform_filter(f"datum.rounded{joined}"))
        .mark_line(clip=clip, strokeJoin="round", strokeDash=[4, 3])
        .encode(x=x, y=y, color=style["color"], detail="run:Q"),
    ]
    points = base.encode(x=x, y=y, shape=style["shape"], tooltip=_flow_tooltip())
    points = [
        points.transform_filter("!datum.rounded")
        .mark_point(clip=clip, filled=True, size=28, opacity=1)
        .encode(color=style["color"]),
        points.transform_filter("datum.rounded")
        .mark_point(clip=clip, fill="white", size=28, opacity=1, strokeWidth=1.5)
        .encode(stroke=_unlisted(style["color"])),
    ]
    ends = frame.loc[frame.groupby("direction")["year"].idxmax()]
    ends = pd.DataFrame(
        {
            "mid": ends["year"] + 0.5,
            "value_musd": ends["value_musd"],
            "label": ends["direction"].map(END_LABELS),
            "flow": ends["flow"],
        }
    )
    labels = (
        alt.Chart(ends)
        .mark_text(align="left", baseline="middle", dx=6, fontWeight="bold")
        .encode(x=x, y=y, text="label:N", color=style["color"])
    )
    layers = [*lines, *points, *([] if legend else [labels])]
    layers += _gap_layers(trade.gaps(frame), first, last, zoom)
    suspect = frame[frame["suspect"]]
    if len(suspect):
        marked = base.transform_filter("datum.suspect").encode(x=x, y=y, tooltip=_flow_tooltip())
        layers += [
            marked.mark_point(clip=clip, shape="circle", size=220, color=theme.TEXT_COLOUR),
            marked.transform_calculate(text="datum.year + ': not a recorded value'")
            .mark_text(clip=clip, align="left", dx=10, color=theme.TEXT_COLOUR)
            .encode(text="text:N"),
        ]
    return layers


def _gap_layers(
    gaps: pd.DataFrame, first: int, last: int, zoom: alt.Parameter | None = None
) -> list[alt.Chart]:
    """Years without data: a pale strip over the era band, named on hover and in a label."""
    if gaps.empty:
        return []
    gaps = gaps.assign(
        start=gaps["first_year"],
        end=gaps["last_year"] + 1,
        label=["UAR" if r == trade.UAR_REASON else "No data" for r in gaps["reason"]],
        years=[
            eras.year_range(a, b)
            for a, b in zip(gaps["first_year"], gaps["last_year"], strict=True)
        ],
    )
    clip = zoom is not None
    base = alt.Chart(gaps)
    strip = base.mark_rect(clip=clip, fill="white", opacity=0.75).encode(
        x=theme.year_x("start", first, last, zoom=zoom),
        x2="end:Q",
        tooltip=[alt.Tooltip("years:N", title="Years"), alt.Tooltip("reason:N", title="Gap")],
    )
    label = (
        base.transform_calculate(centre="(datum.start + datum.end) / 2")
        .mark_text(clip=clip, baseline="top", color=theme.MUTED, fontSize=theme.FONT_SIZE - 2)
        .encode(x=theme.year_x("centre", first, last, zoom=zoom), y=alt.value(4), text="label:N")
    )
    return [strip, label]


def cow_flows(frame: pd.DataFrame, first: int, last: int) -> alt.LayerChart:
    """Annual flows by direction (``trade.cow_flows()``, either series) over the era bands.

    Exact (v3.0) years are solid with filled points; rounded (v4.0) years dashed with hollow
    points; the UAR years 1959-60 are a named break; in the smoothed series the 1992 value
    that is not a recorded one is ringed and labelled.
    """
    shown = frame[frame["year"].between(first, last)]
    chart = alt.layer(
        theme.era_bands(first, last),
        *_flow_layers(shown, first, last),
    )
    chart = chart.properties(width=PLOT_WIDTH)
    return theme.with_source(chart, f"{_cow_source(shown)}.")


def _decimal_year(column: str, days: int = 0) -> str:
    """A Vega expression: the date in ``column`` (plus ``days``) as a fractional year."""
    day = f"timeOffset('day', toDate(datum.{column}), {days})"
    return f"year({day}) + (dayofyear({day}) - 1) / 365"


def _official_layers(frame: pd.DataFrame, first: int, last: int) -> list[alt.Chart]:
    """Each statement as a mark at the middle of the period it covers, with a line over that
    period (a short line and a hollow mark: part of a year only); "about" and "less than"
    written before approximate figures and upper bounds, and an arrow down from the latter.
    """
    offset = " : ".join(f"datum.measure == '{m}' ? {o}" for m, o in OFFICIAL_OFFSETS.items())
    base = (
        alt.Chart(frame)
        .transform_calculate(
            start=_decimal_year("period_start"),
            end=_decimal_year("period_end", 1),
            unit=f"'{UNIT}'",
        )
        .transform_calculate(at=f"(datum.start + datum.end) / 2 + ({offset} : 0)")
    )
    x_at = theme.year_x("at", first, last)
    y = alt.Y("value_musd:Q", title=USD_TITLE)
    style = _style("measure_label", OFFICIAL_LABELS, _legend("Stated by officials"))
    cited = CITED_AS if CITED_AS in frame.columns else "citation"
    tooltip = [
        alt.Tooltip("period_label:N", title="Period"),
        alt.Tooltip("measure_label:N", title="Measure"),
        alt.Tooltip("value_musd:Q", title="Value", format=VALUE_FORMAT),
        alt.Tooltip("unit:N", title="Unit"),
        alt.Tooltip("qualifier_label:N", title="Qualifier"),
        alt.Tooltip("speaker:N", title="Stated by"),
        alt.Tooltip("quote:N", title="Wording"),
        # The readable label a figure function adds ("TASS 2017a"), else the key.
        alt.Tooltip(f"{cited}:N", title="Cited as"),
    ]
    # Headroom above the largest figure, so that the words before it stay inside the plot.
    headroom = (
        alt.Chart(pd.DataFrame({"top": [frame["value_musd"].max() * HEADROOM]}))
        .mark_point(opacity=0)
        .encode(y=alt.Y("top:Q", title=USD_TITLE))
    )
    arrow = base.transform_filter("datum.qualifier == 'upper_bound'").transform_calculate(
        tip="datum.value_musd * 0.72"
    )
    words = base.transform_filter("datum.qualifier != 'exact'").transform_calculate(
        word="datum.qualifier == 'upper_bound' ? 'less than' : 'about'"
    )
    # Clicking a measure in the legend fades the others.
    chosen = alt.selection_point(fields=["measure_label"], bind="legend", name="measure")
    shown = alt.condition(chosen, alt.value(1), alt.value(0.15))
    return [
        headroom,
        # A level stated "now" covers no known period: no line over its year.
        base.transform_filter("!datum.current_at_article")
        .mark_rule(strokeWidth=2)
        .encode(
            x=theme.year_x("start", first, last),
            x2="end:Q",
            y=y,
            color=style["color"],
            opacity=alt.condition(chosen, alt.value(0.7), alt.value(0.1)),
        ),
        arrow.mark_rule(strokeWidth=1.5).encode(
            x=x_at, y=y, y2="tip:Q", color=style["color"], opacity=shown
        ),
        arrow.mark_point(shape="triangle-down", filled=True, size=60).encode(
            x=x_at, y="tip:Q", color=style["color"], opacity=shown
        ),
        base.mark_point(size=90, strokeWidth=1.5)
        .encode(
            x=x_at,
            y=y,
            **style,
            fill=alt.condition("datum.partial_year", alt.value("white"), _unlisted(style["color"])),
            opacity=shown,
            tooltip=tooltip,
        )
        .add_params(chosen),
        # Before the period's line, so the word never sits on it; near the plot's left edge
        # it ends far enough in to stay clear of the axis (over the line, which it is above).
        words.mark_text(align="right", baseline="bottom", color=theme.TEXT_COLOUR).encode(
            x=alt.value(alt.ExprRef(f"max(scale('x', datum.start) - 4, {WORD_ROOM})")),
            y=y,
            text="word:N",
            opacity=shown,
        ),
    ]


OFFICIAL_SOURCE = "Russian officials and state media quoted in the press"


def official_figures(
    frame: pd.DataFrame, first: int | None = None, last: int | None = None
) -> alt.LayerChart:
    """Quoted official figures (``trade.official_figures()``) as separate marks, never a line."""
    first = int(frame["year"].min()) if first is None else first
    last = int(frame["year"].max()) if last is None else last
    chart = alt.layer(
        theme.era_bands(first, last),
        *_official_layers(frame, first, last),
    )
    chart = chart.properties(width=PLOT_WIDTH)
    return theme.with_source(chart, f"{OFFICIAL_SOURCE} (cited row by row in the data).")


def cow_and_official(
    flows: pd.DataFrame, figures: pd.DataFrame, first: int, last: int
) -> alt.LayerChart:
    """COW flows and the officials' figures on one US$ axis, as visibly different things:
    lines through small points for the data set, large separate marks for the statements."""
    shown = flows[flows["year"].between(first, last)]
    stated = figures[figures["year"].between(first, last)]
    # Each family keeps its own colour and shape scales, hence its own legend.
    chart = alt.layer(
        theme.era_bands(first, last),
        # The data set's legend in the plot's emptier top corner, the statements' below it:
        # two legends side by side would not fit a phone's column.
        alt.layer(
            *_flow_layers(
                shown,
                first,
                last,
                legend=_legend(
                    "Correlates of War", corner=empty_corner(shown, "value_musd", first, last)
                ),
            )
        ),
        alt.layer(*_official_layers(stated, first, last)),
    ).resolve_scale(color="independent", shape="independent", stroke="independent")
    chart = chart.properties(width=PLOT_WIDTH)
    return theme.with_source(chart, f"{_cow_source(shown)}; {OFFICIAL_SOURCE}.")


def balance(frame: pd.DataFrame, first: int, last: int) -> alt.LayerChart:
    """Exports minus imports (``trade.balance()``) as bars above or below zero; rounded
    years hollow, the UAR years a named gap."""
    shown = frame[frame["year"].between(first, last)]
    sides = {"Russian surplus": theme.GREEN, "Russian deficit": theme.PINK}
    surplus, deficit = sides
    base = _bar_span(alt.Chart(shown)).transform_calculate(
        side=f"datum.balance_musd >= 0 ? '{surplus}' : '{deficit}'",
        unit=f"'{UNIT}'",
        source=COW_SOURCE,
    )
    colour = alt.Color(
        "side:N",
        title=None,
        scale=alt.Scale(domain=list(sides), range=list(sides.values())),
        legend=alt.Legend(orient="bottom-left", direction="vertical", fillColor="white"),
    )
    encoding = {
        "x": theme.year_x("start", first, last),
        "x2": "end:Q",
        "y": alt.Y("balance_musd:Q", title="Exports minus imports, " + UNIT),
        "y2": alt.datum(0),
        "stroke": colour,
        "tooltip": [
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("balance_musd:Q", title="Exports minus imports", format=VALUE_FORMAT),
            alt.Tooltip("exports_musd:Q", title="Exports to Syria", format=VALUE_FORMAT),
            alt.Tooltip("imports_musd:Q", title="Imports from Syria", format=VALUE_FORMAT),
            alt.Tooltip("unit:N", title="Unit"),
            alt.Tooltip("source:N", title="Source"),
            alt.Tooltip("rounded:N", title="Rounded to whole millions"),
        ],
    }
    bars = base.mark_bar(strokeWidth=1).encode(
        **encoding, fill=alt.condition("datum.rounded", alt.value("white"), colour)
    )
    zero = alt.Chart().mark_rule(color=theme.MUTED).encode(y=alt.datum(0))
    gap_rows = trade.gaps(shown)
    chart = alt.layer(
        theme.era_bands(first, last), bars, zero, *_gap_layers(gap_rows, first, last)
    ).properties(width=theme.WIDTH)
    return theme.with_source(chart, f"{_cow_source(shown)}.")


def arms_and_trade(
    arms: pd.DataFrame, flows: pd.DataFrame, first: int, last: int
) -> alt.VConcatChart:
    """Arms deliveries (``arms.deliveries_to_syria()``, TIV) above trade (``trade.cow_flows()``,
    US$): two panels on one year axis, never one value axis and never a sum.

    Dragging across the arms panel zooms the trade panel to those years (the PNG shows all).
    """
    arms_shown = arms[arms["year"].between(first, last)]
    flows_shown = flows[flows["year"].between(first, last)]
    brush = alt.selection_interval(encodings=["x"], name="years")
    suppliers = list(arms_shown.sort_values("year")["supplier"].unique())
    bars = (
        _bar_span(alt.Chart(arms_shown))
        .transform_calculate(
            unit="'TIV, millions (1990 prices)'",
            source="'SIPRI Arms Transfers Database, ' + datum.release + ' release'",
        )
        .mark_bar()
        .encode(
            x=theme.year_x("start", first, last),
            x2="end:Q",
            y=alt.Y("tiv:Q", title=TIV_TITLE),
            y2=alt.datum(0),
            color=alt.Color(
                "supplier:N",
                title=None,
                scale=theme.supplier_colour(suppliers),
                legend=_legend(
                    "Arms deliveries", corner=empty_corner(arms_shown, "tiv", first, last)
                ),
            ),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("supplier:N", title="Supplier"),
                alt.Tooltip("tiv:Q", title="Deliveries", format=",.0f"),
                alt.Tooltip("unit:N", title="Unit"),
                alt.Tooltip("source:N", title="Source"),
            ],
        )
        .add_params(brush)
    )
    panel = {"width": theme.WIDTH, "height": 180}
    upper = alt.layer(theme.era_bands(first, last), bars).properties(**panel)
    # Zoomed, the era bands must not spill over the axis: clip them to the plot.
    bands = theme.era_bands(first, last, labels=False)
    for band in bands.layer:
        band.mark = alt.MarkDef(**{**band.mark.to_dict(), "clip": True})
    # A zoomed view clips to its plot, so the flows take a legend, not labels at their ends.
    flow_layers = _flow_layers(
        flows_shown, first, last, zoom=brush, legend=_legend("Trade (Correlates of War)")
    )
    lower = alt.layer(bands, *flow_layers).properties(**panel)
    chart = alt.vconcat(upper, lower, spacing=12).resolve_scale(
        color="independent", shape="independent", stroke="independent"
    )
    releases = ", ".join(sorted(arms_shown["release"].unique()))
    source = f"SIPRI arms transfers ({releases} release); {_cow_source(flows_shown)}."
    return theme.with_source(chart, source)
