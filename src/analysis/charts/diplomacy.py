"""Charts of the diplomatic record: agreements, Security Council vetoes, events.

Each chart draws the frame an analysis function in ``analysis.diplomacy`` returns, unchanged,
so the data behind a figure is exactly that frame. Tooltips show fields as text (Vega
escapes them); no HTML is built from the data.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from analysis import curated
from analysis.charts import theme
from analysis.diplomacy import ALONE, WITH_CHINA, AsOf

FIRST_YEAR = 1944  # diplomatic relations, July 1944
LINE = 12  # pixels per line of an agreement's title, written above its bar
BAR_ROOM = 12  # pixels under the title for the bar and its marks
TITLE_CHARS = 46  # an agreement's title is wrapped to fit the narrowest column
PLOT_WIDTH = theme.WIDTH - 20
# room for the category names on the left and the last era's label past the right edge
EVENTS_WIDTH = theme.WIDTH - 140


def _curated_source(table: str) -> str:
    """The source line of a chart of a curated table; each row's sources are in its tooltip."""
    return f"the book's {table} table (data/curated), from the sources each row cites."


# Agreement kinds and event categories in neutral colours, the same colour for the same
# name in both (basing, economic, diplomatic); dark enough on white for thin marks.
KIND_COLOURS: dict[str, str] = {
    "diplomatic": theme.GREY,
    "treaty": theme.DARK,
    "basing": theme.GREEN,
    "arms": theme.WINE,
    "economic": theme.OLIVE,
    "debt": theme.PINK,
    "energy": theme.BROWN,
}
CATEGORY_COLOURS: dict[str, str] = {
    "diplomatic": theme.GREY,
    "military": theme.WINE,
    "basing": theme.GREEN,
    "economic": theme.OLIVE,
    "UN": theme.DARK,
    "visit": theme.PINK,
}
# Filled shapes for the status; a filled X (as a path) for agreements that were ended.
STATUS_SHAPES: dict[str, str] = {
    "in_force": "circle",
    "under_review": "diamond",
    "terminated": "M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1"
    "L-1,0.6L-0.4,0Z",
    "expired": "triangle-down",
    "superseded": "triangle-right",
    "historical": "square",
    "unknown": "triangle-up",
}
SOLID = "Term, or to a stated end or replacement"
OPEN = "Renews itself, or no time limit"
AS_OF = "Latest date in the data"


def _capitalised(field: str) -> str:
    """A Vega expression for a label with its first letter upper-cased, '_' as a space."""
    return f"upper(substring({field}, 0, 1)) + replace(substring({field}, 1), /_/g, ' ')"


def _last_year(frame: pd.DataFrame, as_of: AsOf) -> int:
    """The end of the agreements' year axis: past every bar end, to a round decade."""
    reach = max(frame["bar_end"].max(skipna=True), frame["open_from"].max(skipna=True))
    latest = max(reach, as_of.position)
    return int(latest // 10 + 1) * 10


def _era_labels(as_of: AsOf, x_scale: alt.Scale) -> alt.LayerChart:
    """The era names over a chart of several panels, each of which has the bands unlabelled.

    A concatenated view aligns its plot area with the panels below, whatever the width of
    their axis labels; an invisible mark stretches its x scale to theirs.
    """
    span = pd.DataFrame({"year": x_scale.domain})
    stretch = (
        alt.Chart(span).mark_point(opacity=0).encode(x=alt.X("year:Q", scale=x_scale, axis=None))
    )
    return alt.layer(
        theme.era_bands(int(x_scale.domain[0]), int(as_of.position), domain=tuple(x_scale.domain)),
        stretch,
    ).properties(height=1, width=PLOT_WIDTH)


def agreements_timeline(frame: pd.DataFrame, as_of: AsOf) -> alt.VConcatChart:
    """One row per agreement, grouped by kind: solid to its first expiry or stated end,
    dashed and open where it renews itself or has no time limit, a dot for a one-off; the
    shape gives the status, a dotted rule the date of the data (``diplomacy.terms``)."""
    last = _last_year(frame, as_of)
    # From the decade of the first agreement drawn: an era's chart spends no width on the
    # decades before it.
    first = int(frame["start"].min() // 10 * 10)
    x_scale = alt.Scale(domain=[first, last], nice=False, zero=False)
    # Each title is written whole above its bar, wrapped for a phone's column, instead of
    # cut short in an axis beside it: the plot keeps the chart's full width at every size.
    frame = frame.assign(
        label=[
            "\n".join(textwrap.wrap(str(t), TITLE_CHARS, break_on_hyphens=False))
            for t in frame["title"]
        ]
    )
    lines = int(frame["label"].str.count("\n").max()) + 1
    step = LINE * lines + BAR_ROOM
    below = step / 2 - BAR_ROOM / 2  # from a row's centre down to its bar
    title = alt.Y(
        "title:N",
        sort=alt.SortField("start"),
        title=None,
        scale=alt.Scale(paddingInner=0, paddingOuter=0.1),
        axis=None,
    )
    colour = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=list(KIND_COLOURS), range=list(KIND_COLOURS.values())),
        legend=None,
    )
    styles = alt.Scale(domain=[SOLID, OPEN, AS_OF], range=[[1, 0], [4, 3], [1, 2]])
    dash_legend = alt.Legend(title=None, orient="bottom", direction="vertical", symbolSize=300)
    tooltip = theme.tips(
        ("title", "Agreement"),
        ("kind", "Kind"),
        ("date_label", "Dated"),
        ("term_text", "Term"),
        ("renewal_rule", "Renewal"),
        ("status_label", "Status"),
        ("end_label", "Ended"),
        ("value_text", "Stated value"),
        ("value_note", "About the value"),
        ("sources", "Sources"),
    )
    base = alt.Chart().encode(y=title, color=colour, tooltip=tooltip)
    style = alt.StrokeDash("style:N", scale=styles, legend=dash_legend)
    solid = (
        base.transform_filter("isValid(datum.bar_end)")
        .transform_calculate(style=repr(SOLID))
        .mark_rule(strokeWidth=5, strokeCap="butt", yOffset=below)
        .encode(x=alt.X("start:Q", scale=x_scale), x2="bar_end:Q", strokeDash=style)
    )
    continuing = base.transform_filter("isValid(datum.open_from)")
    dashed = (
        continuing.transform_calculate(style=repr(OPEN))
        .mark_rule(strokeWidth=2, opacity=0.8, yOffset=below)
        .encode(x="open_from:Q", x2=alt.value("width"), strokeDash=style)
    )
    arrow = continuing.mark_point(
        shape="triangle-right", filled=True, size=45, opacity=1, yOffset=below
    ).encode(x=alt.value("width"))
    statuses = [s for s in curated.STATUSES if s in set(frame["status"])]
    status = base.mark_point(
        filled=True, size=60, opacity=1, stroke="white", strokeWidth=1, yOffset=below
    )
    status = status.encode(
        x="start:Q",
        shape=alt.Shape(
            "status:N",
            scale=alt.Scale(domain=statuses, range=[STATUS_SHAPES[s] for s in statuses]),
            legend=alt.Legend(
                title="Status at the latest report",
                orient="top",
                columns=3,
                labelExpr=_capitalised("datum.label"),
                symbolFillColor=theme.MUTED,
                symbolStrokeWidth=0,
            ),
        ),
    )
    rule = (
        alt.Chart(pd.DataFrame([{"as_of": as_of.label, "position": as_of.position}]))
        .transform_calculate(style=repr(AS_OF))
        .mark_rule(color=theme.TEXT_COLOUR, strokeWidth=1)
        .encode(
            x="position:Q",
            strokeDash=style,
            tooltip=theme.tips(("as_of", AS_OF)),
        )
    )
    names = base.mark_text(
        align="left",
        baseline="top",
        dy=-step / 2 + 1,
        lineBreak="\n",
        fontSize=10,
    ).encode(x=alt.value(2), text="label:N", color=alt.value(theme.TEXT_COLOUR))
    layers = alt.layer(
        theme.era_bands(first, int(as_of.position), labels=False),
        rule,
        solid,
        dashed,
        arrow,
        status,
        names,
        data=frame,
    ).properties(width=PLOT_WIDTH, height=alt.Step(step))
    grouped = layers.facet(
        row=alt.Row(
            "kind:N",
            sort=list(curated.KINDS),
            title=None,
            header=alt.Header(
                labelAngle=0,
                labelOrient="top",
                labelAnchor="start",
                labelAlign="left",
                labelFontSize=11,
                labelFontWeight="bold",
                # Vega sets a header above its panel with a gap of its own; close it up so
                # that each kind's name sits on its rows rather than between two groups.
                labelPadding=-10,
                labelExpr=_capitalised("datum.label"),
            ),
        ),
        spacing=10,
    ).resolve_scale(y="independent")
    chart = alt.vconcat(_era_labels(as_of, x_scale), grouped, spacing=4)
    return theme.with_source(chart, _curated_source("agreements"))


VETO_SHAPES: dict[str, str] = {ALONE: "square", WITH_CHINA: "circle"}
VETO_COLOURS: dict[str, str] = {
    ALONE: theme.SUPPLIER_COLOURS["Russia"],
    WITH_CHINA: theme.DARK,
}
VETO_SOURCE = "UN Security Council veto list; UN press releases; the book's table of vetoes."


def vetoes_by_year(frame: pd.DataFrame) -> alt.LayerChart:
    """One mark per veto, stacked in date order within its year: a square where Russia
    vetoed alone, a circle where China vetoed with it (``diplomacy.vetoes_by_year``)."""
    first, last = int(frame["year"].min()), int(frame["year"].max())
    most = int(frame.groupby("year").size().max())
    cast_by = alt.Scale(domain=list(VETO_SHAPES), range=list(VETO_COLOURS.values()))
    legend = alt.Legend(title=None, orient="top-left", symbolSize=160, symbolOpacity=1)
    units = (
        alt.Chart(frame)
        .transform_window(stack="row_number()", groupby=["year"], sort=[alt.SortField("date")])
        .transform_calculate(centre="datum.year + 0.5")
        .mark_point(filled=True, size=330, opacity=1, stroke="white", strokeWidth=1)
        .encode(
            x=theme.year_x("centre", first, last),
            # the k-th veto of a year sits at k, so the top mark's label is the year's count
            y=alt.Y(
                "stack:Q",
                title="Vetoes in the year",
                scale=alt.Scale(domain=[0.4, most + 0.8], nice=False, zero=False),
                axis=alt.Axis(values=list(range(1, most + 1)), format="d", grid=False),
            ),
            color=alt.Color("cast_by:N", scale=cast_by, legend=legend),
            shape=alt.Shape(
                "cast_by:N",
                scale=alt.Scale(domain=list(VETO_SHAPES), range=list(VETO_SHAPES.values())),
                legend=legend,
            ),
            tooltip=theme.tips(
                ("date_label", "Date"),
                ("draft_symbol", "Draft"),
                ("subject", "Subject"),
                ("cast_by", "Vetoed by"),
                ("vote", "Vote"),
                ("meeting_record", "Record"),
                ("sources", "Sources"),
            ),
        )
    )
    chart = alt.layer(theme.era_bands(first, last), units).properties(
        width=theme.WIDTH, height=36 * (most + 1)
    )
    return theme.with_source(chart, VETO_SOURCE)


def events_timeline(frame: pd.DataFrame) -> alt.LayerChart:
    """Events as dots on a year axis, one row per category over the era bands; the shape
    says how precisely the date is known. In HTML a drop-down picks one category
    (``diplomacy.events``)."""
    first, last = FIRST_YEAR, int(frame["position"].max())
    categories = list(curated.CATEGORIES)
    pick = alt.selection_point(
        fields=["category"],
        bind=alt.binding_select(
            options=[None, *categories], labels=["All", *categories], name="Category: "
        ),
    )
    lanes = list(range(int(frame["lane"].max()), int(frame["lane"].min()) - 1, -1))
    dots = (
        alt.Chart(frame)
        .mark_point(filled=True, size=55, stroke="white", strokeWidth=0.8)
        .encode(
            x=theme.year_x("position", first, last),
            y=alt.Y(
                "category:N",
                sort=categories,
                title=None,
                scale=alt.Scale(domain=categories),
                axis=alt.Axis(
                    ticks=False, domain=False, labelPadding=6, labelExpr=_capitalised("datum.label")
                ),
            ),
            yOffset=alt.YOffset("lane:O", scale=alt.Scale(domain=lanes)),
            color=alt.Color(
                "category:N",
                scale=alt.Scale(domain=categories, range=list(CATEGORY_COLOURS.values())),
                legend=None,
            ),
            shape=alt.Shape(
                "date_precision:N",
                scale=alt.Scale(
                    domain=["day", "month", "year"], range=["circle", "diamond", "square"]
                ),
                legend=alt.Legend(title="Date known to the", orient="bottom"),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.12)),
            tooltip=theme.tips(
                ("date_label", "Date"),
                ("category", "Category"),
                ("event", "Event"),
                ("era_label", "Era"),
                ("note", "Note"),
                ("sources", "Sources"),
            ),
        )
        .add_params(pick)
    )
    chart = alt.layer(theme.era_bands(first, last), dots).properties(
        width=EVENTS_WIDTH, height=len(categories) * (10 * len(lanes) + 4)
    )
    return theme.with_source(chart, _curated_source("events"))
