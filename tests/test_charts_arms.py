"""The arms charts draw exactly the analysis output they claim to, keep SIPRI's vintages in
separate marks, state the register's silence in words, and follow the house conventions
(era bands, tooltips with unit, release and source, legend toggles, a SIPRI source line)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
import pytest

from analysis import arms, eras
from analysis.charts import arms as charts
from analysis.charts import renderer
from analysis.data import Data

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")

Spec = dict[str, Any]
Charts = dict[str, alt.TopLevelMixin]
Frames = dict[str, pd.DataFrame]


@pytest.fixture(scope="module")
def frames(data: Data) -> Frames:
    """Every analysis frame the charts draw, by the name of the function that makes it."""
    shares = arms.shares(data)
    return {
        "annual": arms.deliveries_to_syria(data),
        "revised": arms.revised_deliveries(data),
        "silence": arms.register_silence(data),
        "shares": shares,
        "periods": arms.shares_by_period(shares),
        "clients": arms.clients(data),
        "composition": arms.composition_by_era(data),
        "systems": arms.major_systems(data),
        "suppliers": arms.imports_by_supplier(data, 1950, 1970),
    }


@pytest.fixture(scope="module")
def every_chart(frames: Frames) -> Charts:
    vintages = [frames["annual"], frames["revised"], frames["silence"]]
    return {
        "deliveries": charts.deliveries(frames["annual"], 1950, 2024),
        "suppliers": charts.deliveries(frames["suppliers"], 1950, 1970),
        "vintages": charts.soviet_russian_deliveries(*vintages, 1950, 2024),
        "vintages_recent": charts.soviet_russian_deliveries(*vintages, 2008, 2024),
        "shares": charts.shares(frames["shares"], frames["periods"], 1950, 2021),
        "clients": charts.clients(frames["clients"]),
        "composition": charts.composition(frames["composition"]),
        "systems": charts.major_systems(frames["systems"], 1955, 2024),
    }


def drawn(chart: alt.TopLevelMixin, frame: pd.DataFrame) -> list[pd.DataFrame]:
    """The chart's datasets that have exactly the frame's columns, as frames."""
    return [
        pd.DataFrame(rows, columns=list(frame.columns))
        for rows in chart.to_dict()["datasets"].values()
        if rows and set(rows[0]) == set(frame.columns)
    ]


def assert_draws(chart: alt.TopLevelMixin, frame: pd.DataFrame) -> None:
    """One of the chart's inline datasets equals the frame, row for row (Altair writes
    missing values as None)."""
    expected = frame.reset_index(drop=True).astype(object).where(frame.notna().to_numpy(), None)
    candidates = drawn(chart, frame)
    assert candidates, f"no dataset with the columns {list(frame.columns)}"
    equal = [data for data in candidates if data.astype(object).equals(expected)]
    if not equal:  # show the first difference
        pd.testing.assert_frame_equal(candidates[0], expected, check_dtype=False)
    assert len(equal) == 1


def views(spec: Spec) -> Iterator[Spec]:
    """Every unit view (one mark) of a specification, through layers and concatenations."""
    if "mark" in spec:
        yield spec
    for child in spec.get("layer", []) + spec.get("vconcat", []):
        yield from views(child)


def tooltip_fields(view: Spec) -> set[str]:
    tooltip = view.get("encoding", {}).get("tooltip", [])
    return {item["field"] for item in (tooltip if isinstance(tooltip, list) else [tooltip])}


def source_line(chart: alt.TopLevelMixin) -> str:
    return chart.to_dict()["title"]["text"]


# --- Each chart draws its analysis frame ---------------------------------------------------


@pytest.mark.parametrize(
    ("chart", "drawn_frames"),
    [
        ("deliveries", ["annual"]),
        ("suppliers", ["suppliers"]),
        ("vintages", ["annual", "revised", "silence"]),
        ("shares", ["shares", "periods"]),
        ("composition", ["composition"]),
        ("systems", ["systems"]),
    ],
)
def test_charts_draw_their_frames(
    every_chart: Charts, frames: Frames, chart: str, drawn_frames: list[str]
) -> None:
    for name in drawn_frames:
        assert_draws(every_chart[chart], frames[name])


def test_vintages_draw_each_release_in_its_own_mark(every_chart: Charts) -> None:
    chart = every_chart["vintages"]
    spec = chart.to_dict()
    kinds: dict[str, set[str]] = {}
    for view in views(spec):
        rows = spec["datasets"].get(view.get("data", {}).get("name"), [])
        if rows and "release" in rows[0]:
            (release,) = {row["release"] for row in rows}
            mark = view["mark"] if isinstance(view["mark"], str) else view["mark"]["type"]
            kinds.setdefault(release, set()).add(mark)
    # The 2022 tables are bars, the 2024 sums rules across the year, the 2025 register
    # (no deliveries) only words and a bracket: nothing of it is a bar.
    assert kinds == {"2022": {"bar"}, "2024": {"rule"}, "2025": {"rule", "text"}}
    assert source_line(chart) == (
        "Source: SIPRI Arms Transfers Database, 2022, 2024 and 2025 releases."
    )


def test_the_silence_is_stated_in_words(every_chart: Charts) -> None:
    spec = every_chart["vintages"].to_dict()
    texts = [
        transform["calculate"]
        for view in views(spec)
        if view["mark"] == "text" or view["mark"].get("type") == "text"
        for transform in view.get("transform", [])
        if "calculate" in transform
    ]
    assert any("No deliveries from" in text for text in texts)
    assert any("SIPRI trade register" in text for text in texts)


def test_a_year_range_draws_the_rows_inside_it(every_chart: Charts, frames: Frames) -> None:
    chart = every_chart["vintages_recent"]
    for name in ("annual", "revised"):
        assert_draws(chart, frames[name][frames[name]["year"] >= 2008])


def test_shares_chart_has_a_panel_per_measure(every_chart: Charts) -> None:
    spec = every_chart["shares"].to_dict()
    assert len(spec["vconcat"]) == 2
    measures = {
        transform["filter"]["equal"]
        for view in views(spec)
        for transform in view.get("transform", [])
        if isinstance(transform.get("filter"), dict) and "equal" in transform["filter"]
    }
    assert measures == {arms.EXPORT_SHARE, arms.IMPORT_SHARE}


def test_clients_chart_draws_the_top_ten(every_chart: Charts, frames: Frames) -> None:
    clients = frames["clients"]
    assert_draws(every_chart["clients"], clients[clients["rank"] <= 10])


def test_clients_chart_keeps_syria_outside_the_top(frames: Frames) -> None:
    chart = charts.clients(frames["clients"], top=2)
    (data,) = drawn(chart, frames["clients"])
    assert list(data["recipient"]) == ["India", "Poland", "Syria"]


def test_systems_chart_has_a_panel_per_kind(every_chart: Charts) -> None:
    assert len(every_chart["systems"].to_dict()["vconcat"]) == len(arms.NOTABLE_SYSTEMS)


# --- House conventions ---------------------------------------------------------------------


TIME_CHARTS = ["deliveries", "suppliers", "vintages", "vintages_recent", "shares", "systems"]


@pytest.mark.parametrize("name", TIME_CHARTS)
def test_time_charts_have_era_bands(every_chart: Charts, name: str) -> None:
    datasets = every_chart[name].to_dict()["datasets"].values()
    labels = {row["label"] for rows in datasets for row in rows if set(row) >= {"era", "label"}}
    assert labels
    assert labels <= {era.label for era in eras.ERAS}


@pytest.mark.parametrize("name", sorted({"clients", "composition", *TIME_CHARTS}))
def test_tooltips_name_release_and_source(every_chart: Charts, name: str) -> None:
    spec = every_chart[name].to_dict()
    tooltips = [tooltip_fields(view) for view in views(spec) if tooltip_fields(view)]
    data = [fields for fields in tooltips if fields != {"label"}]  # {"label"}: era bands
    assert data
    for fields in data:
        assert {"release", "source"} <= fields
    assert any("unit" in fields for fields in data)
    assert "SIPRI" in source_line(every_chart[name])


@pytest.mark.parametrize("name", ["deliveries", "vintages", "shares", "composition"])
def test_legend_toggles(every_chart: Charts, name: str) -> None:
    spec = every_chart[name].to_dict()
    params = [
        param
        for view in [spec, *views(spec)]
        for param in view.get("params", [])
        if param.get("bind") == "legend"
    ]
    assert len(params) == 1


@pytest.mark.parametrize("name", sorted({"clients", "composition", *TIME_CHARTS}))
def test_renders_at_print_width(every_chart: Charts, name: str) -> None:
    """Every chart renders, a plot about 620 px wide with its labels (the PNG is at 3x)."""
    png = renderer.png(every_chart[name].to_dict())
    width = int.from_bytes(png[16:20], "big") / renderer.PNG_SCALE
    assert 540 <= width <= 800


def test_composition_caption_places_the_panels_as_drawn(every_chart: Charts, project) -> None:
    # The chart draws the Soviet Union and Russia in the upper panel: the chapter's caption
    # must say so, not the reverse.
    panels = [panel["title"]["text"] for panel in every_chart["composition"].to_dict()["vconcat"]]
    assert panels[0].startswith(arms.SOVIET_RUSSIAN)
    assert panels[1].startswith("All suppliers")
    text = " ".join((project.root / "chapters" / "assad-era.md").read_text().split())
    caption = text[text.index("What was delivered in each era") :]
    caption = caption[: caption.index("name: fig-assad-era-composition")]
    assert "Russia above, all suppliers below" in caption
    assert "Russia below" not in caption
