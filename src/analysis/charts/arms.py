"""Charts of arms transfers (SIPRI TIV, millions at 1990 prices: a volume index, not money).

Each chart draws the frames an ``analysis.arms`` function returns, unchanged: labels, years
and flags are derived inside the chart by Vega transforms, so the data behind a figure is
exactly the analysis output. Releases are named on every mark, and never mixed in one mark.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from analysis import eras
from analysis.arms import CATEGORIES, EXPORT_SHARE, IMPORT_SHARE, SOVIET_AND_RUSSIA
from analysis.charts import theme
from analysis.countries import SYRIA

TIV_TITLE = TIV_UNIT = "SIPRI TIV, millions (1990 prices)"
DATABASE = "SIPRI Arms Transfers Database"
# Dark enough on white for a thin line, and distinct from both supplier colours.
REVISED_COLOUR = theme.TEXT_COLOUR

# Weapon categories in the book's neutral colours (pale grey for "Other"); labels inside
# the bars are black, white on the dark ones; the short names are those written inside them.
CATEGORY_COLOURS: dict[str, str] = dict(
    zip(
        CATEGORIES,
        [
            theme.DARK,
            theme.GREEN,
            theme.PINK,
            theme.OLIVE,
            theme.WINE,
            theme.GREY,
            theme.SAND,
            theme.PALE,
        ],
        strict=True,
    )
)
DARK_CATEGORIES: tuple[str, ...] = ("Aircraft", "Missiles")
CATEGORY_SHORT: dict[str, str] = {
    "Aircraft": "Aircraft",
    "Air defence systems": "Air defence",
    "Armoured vehicles": "Armour",
    "Artillery": "Artillery",
    "Missiles": "Missiles",
    "Ships": "Ships",
    "Sensors": "Sensors",
    "Other": "Other",
}
# Inside a 100% bar a category is named if it is this wide, its percentage shown if not
# narrower than the second.
NAMED_SHARE, NUMBERED_SHARE = 0.14, 0.05

SUPPLIER_SHAPES = ["circle", "square"]
ROW_STEP = 13  # pixels per deal in the timeline of major systems
SYSTEMS_WIDTH = theme.WIDTH - 150  # the rest of the width takes the systems' names


def _source(*releases: str) -> str:
    """The source line: SIPRI and the release(s) a chart draws."""
    ordered = sorted(set(releases))
    if len(ordered) == 1:
        return f"{DATABASE}, {ordered[0]} release."
    return f"{DATABASE}, {', '.join(ordered[:-1])} and {ordered[-1]} releases."


def _common_tooltip() -> list[alt.Tooltip]:
    """Unit, release and source: the last lines of every tooltip."""
    return theme.tips(("unit", "Unit"), ("release", "SIPRI release"), ("source", "Source"))


def _described(chart: alt.Chart) -> alt.Chart:
    """Adds the tooltip's unit and source as calculated fields (the data stays unchanged)."""
    return chart.transform_calculate(unit=f"'{TIV_UNIT}'", source=f"'{DATABASE}'")


def _annual_bars(
    shown: pd.DataFrame, first: int, last: int, order: list[str], title: str
) -> alt.Chart:
    """One bar per year, suppliers stacked in ``order`` (bottom first) in their house
    colours; the legend toggles a supplier, to read one series alone."""
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    return (
        _described(alt.Chart(shown))
        .transform_calculate(
            start="datum.year + 0.1",
            end="datum.year + 0.9",
            rank=f"indexof({json.dumps(order)}, datum.supplier)",
        )
        .mark_bar()
        .encode(
            x=theme.year_x("start", first, last),
            x2="end:Q",
            y=alt.Y("sum(tiv):Q", title=TIV_TITLE, stack="zero"),
            color=alt.Color("supplier:N", title=title, scale=theme.supplier_colour(order)),
            order=alt.Order("rank:Q"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("year:Q", title="Year", format="d"),
                alt.Tooltip("supplier:N", title="Supplier"),
                alt.Tooltip("sum(tiv):Q", title="TIV", format=",.0f"),
                *_common_tooltip(),
            ],
        )
        .add_params(pick)
    )


def deliveries(
    frame: pd.DataFrame, first: int | None = None, last: int | None = None
) -> alt.LayerChart:
    """Annual deliveries by supplier, one bar per year over the era bands.

    For any frame of year, supplier, tiv and release (`arms.deliveries_to_syria`,
    `arms.imports_by_supplier`); the legend toggles a supplier, to read one series alone.
    """
    first = int(frame["year"].min()) if first is None else first
    last = int(frame["year"].max()) if last is None else last
    shown = frame[frame["year"].between(first, last)]
    # Largest supplier first (at the bottom of a stack and the start of the legend).
    order = list(shown.groupby("supplier")["tiv"].sum().sort_values(ascending=False).index)
    if "Other suppliers" in order:
        order.append(order.pop(order.index("Other suppliers")))
    bars = _annual_bars(shown, first, last, order, "Supplier")
    chart = alt.layer(theme.era_bands(first, last), bars)
    return theme.with_source(chart, _source(*shown["release"].unique()))


def _silence_layers(silence: pd.DataFrame) -> list[alt.Chart]:
    """A stated finding over the years the register covers without a delivery: words and
    a bracket over those years, never a bar of height zero."""
    years = (
        "datum.first_year == datum.last_year ? '' + datum.first_year : "
        f"datum.first_year + '{eras.DASH}' + substring('' + datum.last_year, 2)"
    )
    base = alt.Chart(silence).transform_calculate(
        start="datum.first_year",
        end="datum.last_year + 1",
        line1="'No deliveries from ' + datum.supplier",
        line2=f"'recorded, ' + ({years})",
        line3="'(SIPRI trade register,'",
        line4="datum.release + ' release)'",
        unit=f"'{TIV_UNIT}'",
        source=f"'{DATABASE}'",
    )
    tooltip = [
        alt.Tooltip("supplier:N", title="No deliveries recorded from"),
        alt.Tooltip("first_year:Q", title="From", format="d"),
        alt.Tooltip("last_year:Q", title="To", format="d"),
        alt.Tooltip("release:N", title="SIPRI trade register, release"),
        alt.Tooltip("source:N", title="Source"),
    ]
    bracket = base.mark_rule(color=theme.MUTED, strokeWidth=1.5).encode(
        x="start:Q", x2="end:Q", y=alt.value(86), tooltip=tooltip
    )
    ends = (
        base.transform_fold(["start", "end"], as_=["side", "at"])
        .mark_rule(color=theme.MUTED, strokeWidth=1.5)
        .encode(x="at:Q", y=alt.value(86), y2=alt.value(92))
    )
    lines = [
        base.mark_text(align="right", baseline="bottom", color=theme.MUTED).encode(
            x="end:Q", y=alt.value(82 - 14 * (3 - index)), text=f"{name}:N", tooltip=tooltip
        )
        for index, name in enumerate(["line1", "line2", "line3", "line4"])
    ]
    return [bracket, ends, *lines]


def revised_key(revised: pd.DataFrame) -> str:
    """The key to the black lines of ``soviet_russian_deliveries``, for the figure's
    subtitle: what they are and the release(s) they come from."""
    releases = " and ".join(sorted(set(revised["release"])))
    return f"Black lines: deal values summed by delivery year ({releases} release)."


def soviet_russian_deliveries(
    annual: pd.DataFrame,
    revised: pd.DataFrame,
    silence: pd.DataFrame,
    first: int,
    last: int,
) -> alt.LayerChart:
    """Soviet and Russian deliveries to Syria by year, three SIPRI vintages kept apart.

    Bars: the annual tables (`arms.deliveries_to_syria`). Black lines across the year: the
    deals export's values summed by year (`arms.revised_deliveries`), so the revisions show
    without splicing. Words over the years after the tables end: the trade register's
    finding of no deliveries (`arms.register_silence`), stated rather than drawn as zero.
    The years drawn, ``first`` to ``last``, are the caller's (`arms.overview_span`).
    """
    shown = annual[annual["year"].between(first, last)]
    later = revised[revised["year"].between(first, last)]
    quiet = silence[(silence["first_year"] >= first) & (silence["last_year"] <= last)]
    suppliers = [name for name in SOVIET_AND_RUSSIA if name in set(shown["supplier"])]
    (table_release,) = shown["release"].unique()
    bars = _annual_bars(shown, first, last, suppliers, f"Annual tables, {table_release} release")
    layers: list[alt.Chart | alt.LayerChart] = [theme.era_bands(first, last), bars]
    if not later.empty:
        layers.append(
            _described(alt.Chart(later))
            .transform_calculate(
                start="datum.year",
                end="datum.year + 1",
                vintage="datum.supplier + ', ' + datum.release + ' release'",
            )
            .mark_rule(strokeWidth=2.5)
            .encode(
                x=theme.year_x("start", first, last),
                x2="end:Q",
                y="tiv:Q",
                # No legend (a second one beside the suppliers' would not fit a phone's
                # column): the figure's subtitle gives ``revised_key``.
                stroke=alt.Stroke(
                    "vintage:N", scale=alt.Scale(range=[REVISED_COLOUR]), legend=None
                ),
                tooltip=[
                    alt.Tooltip("year:Q", title="Year", format="d"),
                    alt.Tooltip("supplier:N", title="Supplier"),
                    alt.Tooltip("tiv:Q", title="TIV (deal values summed)", format=",.2f"),
                    *_common_tooltip(),
                ],
            )
        )
    if not quiet.empty:
        layers.extend(_silence_layers(quiet))
    chart = alt.layer(*layers)
    releases = [table_release, *later["release"], *quiet["release"]]
    return theme.with_source(chart, _source(*releases))


# The key to marks a legend cannot name (two mark types drawing one series): a figure
# gives it in its subtitle, where it wraps at any width instead of covering the plot.
SHARE_KEY = "Dots: single years. Bars: five-year periods (ratio of sums)."


def _share_tooltip(when: list[alt.Tooltip], share_title: str) -> list[alt.Tooltip]:
    """The tooltip of a share: what, whose, when, the share and the two TIVs it divides."""
    return [
        alt.Tooltip("measure:N", title="Measure"),
        alt.Tooltip("supplier:N", title="Supplier"),
        *when,
        alt.Tooltip("share:Q", title=share_title, format=".1%"),
        alt.Tooltip("part:Q", title="TIV, part", format=",.0f"),
        alt.Tooltip("whole:Q", title="TIV, total", format=",.0f"),
        *_common_tooltip(),
    ]


SHARE_PANELS: dict[str, list[str]] = {
    EXPORT_SHARE: ["Syria's share of", "Soviet/Russian exports"],
    IMPORT_SHARE: ["Soviet/Russian share", "of Syria's imports"],
}


def shares(annual: pd.DataFrame, periods: pd.DataFrame, first: int, last: int) -> alt.VConcatChart:
    """Two panels of shares, one per direction (`arms.shares`, `arms.shares_by_period`):
    a dot per year, and a bar across each five-year period at its share (ratio of sums).

    Years with no denominator have no dot, and no line joins the dots over them. The
    legend (supplier: colour and shape) toggles a supplier.
    """
    releases = {*annual["release"], *periods["release"]}
    suppliers = [name for name in SOVIET_AND_RUSSIA if name in set(annual["supplier"])]
    pick = alt.selection_point(fields=["supplier"], bind="legend")
    opacity = alt.condition(pick, alt.value(1.0), alt.value(0.15))
    supplier = alt.Color("supplier:N", title="Supplier", scale=theme.supplier_colour(suppliers))
    shape = alt.Shape(
        "supplier:N",
        title="Supplier",
        scale=alt.Scale(domain=suppliers, range=SUPPLIER_SHAPES[: len(suppliers)]),
    )
    panels = []
    for index, (measure, title) in enumerate(SHARE_PANELS.items()):
        y = alt.Y("share:Q", title=title, axis=alt.Axis(format=".0%"))
        dots = (
            _described(alt.Chart(annual))
            .transform_filter(alt.FieldEqualPredicate(field="measure", equal=measure))
            .transform_filter(f"datum.year >= {first} && datum.year <= {last}")
            .transform_calculate(start="datum.year + 0.5")
            .mark_point(filled=True, size=28)
            .encode(
                x=theme.year_x("start", first, last),
                y=y,
                color=supplier,
                shape=shape,
                opacity=opacity,
                tooltip=_share_tooltip([alt.Tooltip("year:Q", title="Year", format="d")], "Share"),
            )
        )
        bars = (
            _described(alt.Chart(periods))
            .transform_filter(alt.FieldEqualPredicate(field="measure", equal=measure))
            .transform_filter(f"datum.first_year >= {first} && datum.last_year <= {last}")
            .transform_calculate(start="datum.first_year", end="datum.last_year + 1")
            .mark_rule(strokeWidth=3)
            .encode(
                x=theme.year_x("start", first, last),
                x2="end:Q",
                y=y,
                color=supplier,
                opacity=opacity,
                tooltip=_share_tooltip(
                    [
                        alt.Tooltip("period_label:N", title="Five-year period"),
                        alt.Tooltip("first_year:Q", title="Years with data, from", format="d"),
                        alt.Tooltip("last_year:Q", title="to", format="d"),
                    ],
                    "Share (ratio of sums)",
                ),
            )
        )
        layers = [theme.era_bands(first, last, labels=index == 0), bars, dots]
        if index == 0:
            layers[-1] = dots.add_params(pick)
        panels.append(alt.layer(*layers).properties(height=150))
    chart = alt.vconcat(*panels, spacing=12)
    return theme.with_source(chart, _source(*releases))


def clients(frame: pd.DataFrame, top: int = 10) -> alt.LayerChart:
    """The supplier's largest clients by total TIV (`arms.clients`), Syria marked: a bar
    each, labelled with its TIV and share of all the supplier's exports.

    Syria is shown even when outside the top; its bar is coloured and its name bold, so the
    mark does not rest on colour alone.
    """
    shown = frame[(frame["rank"] <= top) | (frame["recipient"] == SYRIA)]
    order = list(shown.sort_values("rank")["recipient"])
    (supplier,) = shown["supplier"].unique()
    highlight = alt.condition(
        alt.datum.recipient == SYRIA,
        alt.value(theme.SUPPLIER_COLOURS.get(supplier, theme.PALETTE[0])),
        alt.value("#A8A8A8"),
    )
    base = _described(alt.Chart(shown)).encode(
        y=alt.Y(
            "recipient:N",
            sort=order,
            title=None,
            axis=alt.Axis(
                labelFontWeight=alt.ExprRef(
                    f"datum.value == {json.dumps(SYRIA)} ? 'bold' : 'normal'"
                ),
                ticks=False,
                domain=False,
            ),
        ),
        tooltip=[
            alt.Tooltip("rank:Q", title="Rank"),
            alt.Tooltip("recipient:N", title="Recipient"),
            alt.Tooltip("supplier:N", title="Supplier"),
            alt.Tooltip("tiv:Q", title="TIV, total", format=",.0f"),
            alt.Tooltip("share:Q", title="Share of the supplier's exports", format=".1%"),
            alt.Tooltip("first_year:Q", title="First delivery", format="d"),
            alt.Tooltip("last_year:Q", title="Last delivery", format="d"),
            alt.Tooltip("peak_year:Q", title="Peak year", format="d"),
            alt.Tooltip("peak_tiv:Q", title="TIV in the peak year", format=",.0f"),
            *_common_tooltip(),
        ],
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X(
            "tiv:Q",
            title=f"{TIV_TITLE}, "
            + eras.year_range(int(shown["first_year"].min()), int(shown["last_year"].max())),
        ),
        color=highlight,
    )
    labels = (
        base.transform_calculate(
            text="format(datum.tiv, ',.0f') + '  (' + format(datum.share, '.1%') + ')'"
        )
        .mark_text(align="left", dx=4)
        .encode(x="tiv:Q", text="text:N")
    )
    chart = alt.layer(bars, labels).properties(width=theme.WIDTH - 220, height=alt.Step(22))
    return theme.with_source(chart, _source(*shown["release"].unique()))


def _composition_panel(
    frame: pd.DataFrame, group: str, pick: alt.Parameter, title: str
) -> alt.LayerChart:
    """One group's 100% bars by era, categories stacked in CATEGORIES order, named inside
    the bar where they fit (the legend, in the same order, names the rest), and the era's
    total TIV at the bar's end."""
    stacked = (
        _described(alt.Chart(frame))
        .transform_filter(alt.FieldEqualPredicate(field="group", equal=group))
        .transform_calculate(
            order=f"indexof({json.dumps(CATEGORIES)}, datum.category)",
            short=f"{json.dumps(CATEGORY_SHORT)}[datum.category]",
            percent="format(datum.share, '.0%')",
        )
        .transform_stack(
            stack="share", groupby=["era_label"], as_=["x0", "x1"], sort=[{"field": "order"}]
        )
        .transform_calculate(middle="(datum.x0 + datum.x1) / 2")
    )
    y = alt.Y("era_label:N", title=None, sort=[era.label for era in eras.ERAS])
    tooltip = [
        alt.Tooltip("group:N", title="Supplier"),
        alt.Tooltip("era_label:N", title="Era"),
        alt.Tooltip("category:N", title="Category"),
        alt.Tooltip("tiv:Q", title="TIV", format=",.0f"),
        alt.Tooltip("share:Q", title="Share of the era", format=".1%"),
        alt.Tooltip("era_tiv:Q", title="TIV, whole era", format=",.0f"),
        *_common_tooltip(),
    ]
    bars = stacked.mark_bar(height={"band": 0.8}, stroke="white", strokeWidth=0.5).encode(
        x=alt.X(
            "x0:Q",
            title=None,
            axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1]),
            scale=alt.Scale(domain=[0, 1]),
        ),
        x2="x1:Q",
        y=y,
        color=alt.Color(
            "category:N",
            title="Weapon category",
            scale=alt.Scale(domain=list(CATEGORIES), range=list(CATEGORY_COLOURS.values())),
            legend=alt.Legend(columns=4, symbolType="square"),
        ),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
        tooltip=tooltip,
    )
    # Name and percentage (two lines, centred) where the segment is wide, else the
    # percentage alone.
    kinds = [
        (f"datum.share >= {NAMED_SHARE}", "datum.short + '\\n' + datum.percent", -6),
        (f"datum.share >= {NUMBERED_SHARE} && datum.share < {NAMED_SHARE}", "datum.percent", 0),
    ]
    labels = [
        stacked.transform_filter(keep)
        .transform_calculate(label=label)
        .mark_text(fontSize=10, lineBreak="\n", dy=dy)
        .encode(
            x="middle:Q",
            y=y,
            text="label:N",
            color=alt.condition(
                f"indexof({json.dumps(DARK_CATEGORIES)}, datum.category) >= 0",
                alt.value("white"),
                alt.value("black"),
            ),
            tooltip=tooltip,
        )
        for keep, label, dy in kinds
    ]
    totals = (
        stacked.transform_aggregate(era_tiv="max(era_tiv)", groupby=["era_label"])
        .transform_calculate(text="format(datum.era_tiv, ',.0f')")
        .mark_text(align="left", dx=6)
        .encode(x=alt.datum(1), y=y, text="text:N")
    )
    return alt.layer(bars, *labels, totals).properties(
        width=theme.WIDTH - 240,
        height=alt.Step(36),
        title=alt.TitleParams(title, orient="top", anchor="start", fontWeight="bold"),
    )


def composition(frame: pd.DataFrame) -> alt.VConcatChart:
    """What was delivered in each era by weapon category (`arms.composition_by_era`): 100%
    bars, the Soviet Union and Russia above, all suppliers below as the comparison, the
    era's total TIV at each bar's end (a share hides how much was delivered). The legend
    toggles a category in both panels."""
    pick = alt.selection_point(fields=["category"], bind="legend")
    panels = [
        _composition_panel(
            frame, group, pick, f"{group}: share of each era's TIV (total TIV at right)"
        )
        for group in dict.fromkeys(frame["group"])
    ]
    panels[0] = panels[0].add_params(pick)
    chart = alt.vconcat(*panels, spacing=16)
    return theme.with_source(chart, _source(*frame["release"].unique()))


def major_systems(frame: pd.DataFrame, first: int, last: int) -> alt.VConcatChart:
    """A timeline of the notable Soviet and Russian systems (`arms.major_systems`), one row
    per deal and a panel per kind: a circle at the order year (hollow where SIPRI marks the
    year uncertain), a thin line to the first delivery, and a block for each delivery year
    (gaps in a delivery show as gaps). Colour is the supplier; tooltips give the numbers
    ordered and delivered with SIPRI's uncertainty flags.
    """
    flag = "(datum.{0}_uncertain ? ' (uncertain)' : '')"
    described = _described(alt.Chart(frame)).transform_calculate(
        ordered=f"datum.number_ordered + {flag.format('number_ordered')}",
        delivered=f"datum.number_delivered + {flag.format('number_delivered')}",
        ordered_in=f"datum.order_year + {flag.format('order_year')}",
        order_mark="datum.order_year_uncertain ? 'Order year uncertain' : 'Order year'",
        order_at="datum.order_year + 0.5",
        wait_end="datum.first_delivery_year + 0.1",
    )
    suppliers = [name for name in SOVIET_AND_RUSSIA if name in set(frame["supplier"])]
    tooltip = [
        alt.Tooltip("designation:N", title="System"),
        alt.Tooltip("description:N", title="Described by SIPRI as"),
        alt.Tooltip("supplier:N", title="Supplier"),
        alt.Tooltip("ordered_in:N", title="Ordered in"),
        alt.Tooltip("ordered:N", title="Number ordered"),
        alt.Tooltip("delivered:N", title="Number delivered"),
        alt.Tooltip("delivery_years:N", title="Delivery years"),
        alt.Tooltip("tiv_delivered:Q", title="TIV delivered", format=",.1f"),
        alt.Tooltip("status:N", title="Status"),
        *_common_tooltip(),
    ]
    groups = list(dict.fromkeys(frame["group"]))
    panels = []
    for index, group in enumerate(groups):
        rows = described.transform_filter(alt.FieldEqualPredicate(field="group", equal=group))
        labels = list(frame.loc[frame["group"] == group, "label"])
        y = alt.Y("label:N", sort=labels, title=None, axis=alt.Axis(ticks=False, domain=False))
        wait = rows.mark_rule(color=theme.MUTED, strokeWidth=1).encode(
            x=theme.year_x("order_at", first, last), x2="wait_end:Q", y=y
        )
        blocks = (
            rows.transform_calculate(year="split(datum.delivery_years, ';')")
            .transform_flatten(["year"])
            .transform_calculate(
                start="toNumber(datum.year) + 0.08", end="toNumber(datum.year) + 0.92"
            )
            .mark_bar(height={"band": 0.75})
            .encode(
                x=theme.year_x("start", first, last),
                x2="end:Q",
                y=y,
                color=alt.Color(
                    "supplier:N", title="Supplier", scale=theme.supplier_colour(suppliers)
                ),
                tooltip=tooltip,
            )
        )
        orders = rows.mark_point(shape="circle", size=36, strokeWidth=1.5, opacity=1).encode(
            x="order_at:Q",
            y=y,
            stroke=alt.value(theme.TEXT_COLOUR),
            fill=alt.Fill(
                "order_mark:N",
                title=None,
                scale=alt.Scale(
                    domain=["Order year", "Order year uncertain"],
                    range=[theme.TEXT_COLOUR, "white"],
                ),
                legend=alt.Legend(symbolStrokeColor=theme.TEXT_COLOUR, symbolStrokeWidth=1.5),
            ),
            tooltip=tooltip,
        )
        title = alt.TitleParams(group, orient="top", anchor="start", fontWeight="bold", offset=4)
        panels.append(
            alt.layer(
                theme.era_bands(first, last, labels=index == 0),
                wait,
                blocks,
                orders,
            ).properties(width=SYSTEMS_WIDTH, height=alt.Step(ROW_STEP), title=title)
        )
    chart = alt.vconcat(*panels, spacing=8)
    return theme.with_source(chart, _source(*frame["release"].unique()))
