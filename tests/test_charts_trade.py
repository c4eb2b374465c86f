"""The trade charts draw exactly the analysis output they claim to, keep COW and the officials'
statements visibly apart, TIV and US$ on separate axes, and the UAR years a break."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
import pytest

from analysis import arms, trade
from analysis.charts import renderer, theme
from analysis.charts import trade as charts
from analysis.data import Data

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")

Spec = dict[str, Any]


@pytest.fixture(scope="module")
def flows(data: Data) -> pd.DataFrame:
    return trade.cow_flows(data)


@pytest.fixture(scope="module")
def figures(data: Data) -> pd.DataFrame:
    return trade.official_figures(data)


@pytest.fixture(scope="module")
def deliveries(data: Data) -> pd.DataFrame:
    return arms.deliveries_to_syria(data)


def drawn(chart: alt.TopLevelMixin, frame: pd.DataFrame) -> pd.DataFrame:
    """The one dataset of the chart that has exactly the frame's columns, as a frame."""
    spec = chart.to_dict()
    matches = [
        rows for rows in spec["datasets"].values() if rows and set(rows[0]) == set(frame.columns)
    ]
    assert len(matches) == 1, f"{len(matches)} datasets with the columns {list(frame.columns)}"
    data = pd.DataFrame(matches[0], columns=list(frame.columns))
    for column in frame.select_dtypes("datetime").columns:
        data[column] = pd.to_datetime(data[column])
    return data


def assert_draws(chart: alt.TopLevelMixin, frame: pd.DataFrame) -> pd.DataFrame:
    data = drawn(chart, frame)
    pd.testing.assert_frame_equal(data, frame.reset_index(drop=True), check_dtype=False)
    return data


def views(spec: Spec, data: Spec | None = None) -> Iterator[Spec]:
    """Every unit view (one mark) of a specification, through layers and concatenations,
    with the data it inherits from its parents made explicit."""
    data = spec.get("data", data)
    if "mark" in spec:
        yield {**spec, "data": data}
    for child in spec.get("layer", []) + spec.get("vconcat", []):
        yield from views(child, data)


def y_field(view: Spec) -> str | None:
    y = view.get("encoding", {}).get("y")
    return y.get("field") if isinstance(y, dict) else None


def mark(view: Spec) -> str:
    return view["mark"] if isinstance(view["mark"], str) else view["mark"]["type"]


def fields(view: Spec) -> set[str]:
    return {
        channel["field"]
        for channel in view.get("encoding", {}).values()
        if isinstance(channel, dict) and "field" in channel
    }


def filters(view: Spec) -> list[str]:
    return [step["filter"] for step in view.get("transform", []) if "filter" in step]


def tooltip_fields(view: Spec) -> set[str]:
    tooltip = view.get("encoding", {}).get("tooltip", [])
    return {item["field"] for item in (tooltip if isinstance(tooltip, list) else [tooltip])}


def png_width(chart: alt.TopLevelMixin) -> int:
    """Width in CSS pixels of the chart's static image (the PNG is drawn at 3x)."""
    image = renderer.png(chart.to_dict())
    return struct.unpack(">I", image[16:20])[0] // renderer.PNG_SCALE


def era_bands_first(spec: Spec) -> bool:
    """Whether the chart's first (lowest) mark draws the era bands."""
    first = next(views(spec))
    return "era" in spec["datasets"][first["data"]["name"]][0]


# --- COW flows --------------------------------------------------------------------------------


def test_cow_chart_draws_the_analysis_frame(flows) -> None:
    chart = charts.cow_flows(flows, 1950, 2014)
    data = assert_draws(chart, flows)
    assert not data["year"].isin([1959, 1960]).any()
    spec = chart.to_dict()
    assert era_bands_first(spec)
    assert "Correlates of War" in spec["title"]["text"]
    assert "v3.0 (1950\u20132009), v4.0 rounded (2010\u20132014)" in spec["title"]["text"]


def test_cow_lines_break_at_the_uar_years_instead_of_bridging(flows) -> None:
    spec = charts.cow_flows(flows, 1950, 2014).to_dict()
    lines = [v for v in views(spec) if mark(v) == "line"]
    assert len(lines) == 2
    for line in lines:
        # A line per run of consecutive years: run = year - its rank within the direction.
        assert line["encoding"]["detail"]["field"] == "run"
        window = next(t for t in line["transform"] if "window" in t)
        assert window["window"][0]["op"] == "row_number" and window["groupby"] == ["direction"]
    data = drawn(charts.cow_flows(flows, 1950, 2014), flows)
    exports = data[data["direction"] == trade.EXPORTS].sort_values("year")
    run = exports["year"] - exports["year"].rank()
    runs = dict(zip(exports["year"], run, strict=True))
    assert runs[1958] != runs[1961]  # broken across 1959-60
    assert runs[1961] == runs[2014]  # and nowhere else


def test_rounded_years_are_dashed_hollow_and_said_so(flows) -> None:
    spec = charts.cow_flows(flows, 1950, 2014).to_dict()
    dashed = [v for v in views(spec) if mark(v) == "line" and "strokeDash" in v["mark"]]
    assert len(dashed) == 1
    # The dashed line starts at 2009, the last exact year, so the series stays joined.
    assert filters(dashed[0]) == ["datum.rounded || datum.year == 2009"]
    hollow = [v for v in views(spec) if mark(v) == "point" and v["mark"].get("fill") == "white"]
    assert [filters(v) for v in hollow] == [["datum.rounded"]]
    assert {"value_musd", "unit", "source", "note"} <= tooltip_fields(hollow[0])


def test_the_uar_gap_is_drawn_and_named(flows) -> None:
    spec = charts.cow_flows(flows, 1950, 2014).to_dict()
    gap_rows = [rows for rows in spec["datasets"].values() if rows and "reason" in rows[0]]
    assert gap_rows == [
        [
            {
                "first_year": 1959,
                "last_year": 1960,
                "reason": trade.UAR_REASON,
                "start": 1959,
                "end": 1961,
                "label": "UAR",
                "years": "1959\u20131960",
            }
        ]
    ]


def test_cow_chart_labels_the_line_ends_instead_of_a_legend(flows) -> None:
    spec = charts.cow_flows(flows, 1950, 2014).to_dict()
    (labels,) = [
        rows for rows in spec["datasets"].values() if rows and {"label", "mid"} <= set(rows[0])
    ]
    ends = {row["label"]: (row["mid"], row["value_musd"]) for row in labels}
    assert ends == {"Exports to Syria": (2014.5, 646.0), "Imports from Syria": (2014.5, 7.0)}
    assert all(v["encoding"].get("color", {}).get("legend", None) is None for v in views(spec))


def test_smoothed_chart_rings_the_1992_value(data: Data) -> None:
    smoothed = trade.cow_flows(data, "smoothed")
    chart = charts.cow_flows(smoothed, 1950, 2014)
    assert_draws(chart, smoothed)
    spec = chart.to_dict()
    ringed = [v for v in views(spec) if "datum.suspect" in filters(v)]
    assert {mark(v) for v in ringed} == {"point", "text"}
    assert "smoothed series v4.0 rounded (1950\u20132014)" in spec["title"]["text"]


# --- official figures -------------------------------------------------------------------------


def test_official_chart_draws_the_figures_as_separate_marks(figures) -> None:
    chart = charts.official_figures(figures)
    assert_draws(chart, figures)
    spec = chart.to_dict()
    assert era_bands_first(spec)
    assert "line" not in {mark(v) for v in views(spec)}  # statements are never joined
    marks = next(v for v in views(spec) if mark(v) == "point" and "tooltip" in v["encoding"])
    assert marks["encoding"]["fill"]["condition"]["test"] == "datum.partial_year"
    assert marks["encoding"]["color"]["legend"]["title"] == "Stated by officials"
    assert {"value_musd", "unit", "qualifier_label", "speaker", "citation"} <= tooltip_fields(marks)
    assert spec["params"][0]["bind"] == "legend"


def test_upper_bounds_get_an_arrow_and_qualified_figures_a_word(figures) -> None:
    spec = charts.official_figures(figures).to_dict()
    bound = [v for v in views(spec) if "datum.qualifier == 'upper_bound'" in filters(v)]
    assert sorted(mark(v) for v in bound) == ["point", "rule"]
    arrow = next(v for v in bound if mark(v) == "point")
    assert arrow["mark"]["shape"] == "triangle-down"
    words = next(v for v in views(spec) if v["encoding"].get("text", {}).get("field") == "word")
    assert filters(words) == ["datum.qualifier != 'exact'"]
    word = next(step for step in words["transform"] if step.get("as") == "word")
    assert word["calculate"] == "datum.qualifier == 'upper_bound' ? 'less than' : 'about'"


def test_cow_and_official_share_the_axis_but_not_a_series(flows, figures) -> None:
    shown = flows[flows["year"] >= 2000]
    chart = charts.cow_and_official(flows, figures, 2000, 2024)
    assert_draws(chart, shown)
    assert_draws(chart, figures)
    spec = chart.to_dict()
    (cow,) = [n for n, rows in spec["datasets"].items() if rows and set(rows[0]) == set(flows)]
    lines = [v for v in views(spec) if mark(v) == "line"]
    assert len(lines) == 2 and all(v["data"]["name"] == cow for v in lines)
    legends = {
        v["encoding"]["color"]["legend"]["title"]
        for v in views(spec)
        if v["encoding"].get("color", {}).get("legend")
    }
    assert legends == {"Correlates of War", "Stated by officials"}
    titles = {v["encoding"]["y"]["title"] for v in views(spec) if y_field(v) == "value_musd"}
    assert titles == {charts.USD_TITLE}


# --- balance and arms vs trade ----------------------------------------------------------------


def test_balance_chart_draws_the_balance(data: Data) -> None:
    balance = trade.balance(data)
    chart = charts.balance(balance, 1950, 2014)
    drawn = assert_draws(chart, balance)
    assert (drawn["balance_musd"] == drawn["exports_musd"] - drawn["imports_musd"]).all()
    spec = chart.to_dict()
    assert era_bands_first(spec)
    bars = next(v for v in views(spec) if mark(v) == "bar")
    assert bars["encoding"]["y"]["field"] == "balance_musd"
    assert bars["encoding"]["y2"] == {"datum": 0}
    assert bars["encoding"]["fill"]["condition"]["test"] == "datum.rounded"


def test_arms_and_trade_are_two_panels_never_one_axis(flows, deliveries) -> None:
    chart = charts.arms_and_trade(deliveries, flows, 1950, 2014)
    assert_draws(chart, deliveries[deliveries["year"] <= 2014])
    assert_draws(chart, flows)
    spec = chart.to_dict()
    upper, lower = spec["vconcat"]
    assert {y_field(v) for v in views(upper)} - {None} == {"tiv"}
    assert {y_field(v) for v in views(lower)} - {None} == {"value_musd"}
    for view in views(spec):
        assert not {"tiv", "value_musd"} <= fields(view)
    titles = {
        v["encoding"]["y"]["title"] for v in views(spec) if "title" in v["encoding"].get("y", {})
    }
    assert titles == {charts.TIV_TITLE, charts.USD_TITLE}


def test_a_brush_on_the_arms_panel_zooms_the_trade_panel(flows, deliveries) -> None:
    spec = charts.arms_and_trade(deliveries, flows, 1950, 2014).to_dict()
    brush = spec["params"][0]
    assert brush["select"] == {"type": "interval", "encodings": ["x"]}
    assert brush["views"] == [spec["vconcat"][0]["layer"][1]["name"]]
    zoomed = [
        v
        for v in views(spec["vconcat"][1])
        if v["encoding"]["x"].get("scale", {}).get("domain") == {"param": brush["name"]}
    ]
    assert zoomed and all(v["mark"]["clip"] for v in zoomed)


def test_the_arms_legend_sits_in_the_corner_the_deliveries_leave_empty(flows, deliveries) -> None:
    # The Assad era's chart: the 1973-74 peak is on the left, the 1990s-2000s low on the right.
    spec = charts.arms_and_trade(deliveries, flows, 1966, 2015).to_dict()
    legends = [
        v["encoding"]["color"]["legend"]
        for v in views(spec["vconcat"][0])
        if "legend" in v.get("encoding", {}).get("color", {})
    ]
    assert [legend["orient"] for legend in legends] == ["top-right"]
    peak = deliveries.groupby("year")["tiv"].sum().loc[1966:2015].idxmax()
    assert peak < 1966 + (2015 - 1966) / 3
    # Mirrored data put it on the other side.
    mirrored = deliveries.assign(year=1966 + 2015 - deliveries["year"])
    assert charts.empty_corner(mirrored, "tiv", 1966, 2015) == "top-left"
    assert charts.empty_corner(deliveries, "tiv", 1966, 2015) == "top-right"


# --- every chart ------------------------------------------------------------------------------


def every_chart(data: Data, flows, figures, deliveries) -> dict[str, alt.TopLevelMixin]:
    return {
        "cow": charts.cow_flows(flows, 1950, 2014),
        "smoothed": charts.cow_flows(trade.cow_flows(data, "smoothed"), 1950, 2014),
        "official": charts.official_figures(figures),
        "both": charts.cow_and_official(flows, figures, 2000, 2024),
        "balance": charts.balance(trade.balance(data), 1950, 2014),
        "arms": charts.arms_and_trade(deliveries, flows, 1950, 2014),
    }


def test_every_chart_has_a_source_line_tooltips_with_units_and_fits_print(
    data: Data, flows, figures, deliveries
) -> None:
    for name, chart in every_chart(data, flows, figures, deliveries).items():
        spec = chart.to_dict()
        assert spec["title"]["text"].startswith("Source: "), name
        for view in views(spec):
            tooltip = tooltip_fields(view)
            if {"value_musd", "tiv", "balance_musd"} & tooltip:
                assert "unit" in tooltip, name
                assert {"source", "speaker"} & tooltip, name
        # The plot is at most the book's width; labels and legends add little to it.
        assert png_width(chart) <= theme.WIDTH + 140, name
