"""Each diplomacy chart draws exactly the analysis frame it claims to, and renders."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
import pytest

from analysis import charts, curated, diplomacy
from analysis.charts import diplomacy as diplomacy_charts
from analysis.data import Data

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as the JSON records a Vega-Lite dataset holds (missing values as null)."""
    return json.loads(frame.to_json(orient="records", double_precision=15))


def _datasets(chart: alt.TopLevelMixin) -> list[list[dict[str, Any]]]:
    return list(chart.to_dict()["datasets"].values())


def _nodes(spec: object) -> Iterator[dict[str, Any]]:
    """Every mapping in a specification, depth first."""
    if isinstance(spec, dict):
        yield spec
        for value in spec.values():
            yield from _nodes(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _nodes(value)


def _tooltip_fields(spec: dict[str, Any]) -> set[str]:
    return {
        tip["field"]
        for node in _nodes(spec)
        if isinstance(node.get("tooltip"), list)
        for tip in node["tooltip"]
    }


@pytest.fixture(scope="module")
def terms(data: Data) -> pd.DataFrame:
    return diplomacy.terms(data)


@pytest.fixture(scope="module")
def agreements_chart(data: Data, terms: pd.DataFrame) -> alt.TopLevelMixin:
    return diplomacy_charts.agreements_timeline(terms, diplomacy.as_of(data))


def test_agreements_chart_draws_terms_frame(
    data: Data, agreements_chart: alt.TopLevelMixin, terms: pd.DataFrame
) -> None:
    drawn = _datasets(agreements_chart)
    # the rows as the table gives them, each with its title wrapped for writing above its bar
    rows = next(d for d in drawn if len(d) == len(terms) and "label" in d[0])
    assert [{k: v for k, v in row.items() if k != "label"} for row in rows] == _records(terms)
    as_of = diplomacy.as_of(data)
    assert [{"as_of": "4 February 2026", "position": as_of.position}] in drawn


def test_agreements_chart_draws_no_invented_end(
    data: Data, agreements_chart: alt.TopLevelMixin
) -> None:
    rows = next(d for d in _datasets(agreements_chart) if len(d) == 30)
    by_id = {row["id"]: row for row in rows}
    stated = data.curated("agreements").set_index("id")["end_date"].dropna().to_dict()
    assert {i: r["end"] for i, r in by_id.items() if r["end"] is not None} == stated
    for id_ in ("1980-10-08-treaty-friendship-cooperation", "2015-08-26-hmeimim-air-group"):
        assert by_id[id_]["end"] is None and by_id[id_]["open_from"] is not None
    # the continuing part is drawn to the edge of the plot, never to a date
    spec = agreements_chart.to_dict()
    open_rules = [
        n for n in _nodes(spec) if n.get("x", {}).get("field") == "open_from" and "x2" in n
    ]
    assert open_rules and all(n["x2"] == {"value": "width"} for n in open_rules)


def test_agreements_chart_rows_and_tooltips(
    agreements_chart: alt.TopLevelMixin, terms: pd.DataFrame
) -> None:
    spec = agreements_chart.to_dict()
    panels = spec["vconcat"][1]
    assert panels["facet"]["row"]["sort"] == list(curated.KINDS)
    rows = next(d for d in _datasets(agreements_chart) if len(d) == len(terms) and "label" in d[0])
    lines = max(row["label"].count("\n") + 1 for row in rows)
    step = diplomacy_charts.LINE * lines + diplomacy_charts.BAR_ROOM
    assert panels["spec"]["height"] == {"step": step}
    # every title is written whole (wrapped, never cut), no line wider than a phone allows
    assert [" ".join(row["label"].split("\n")) for row in rows] == list(terms["title"])
    assert max(len(line) for row in rows for line in row["label"].split("\n")) <= (
        diplomacy_charts.TITLE_CHARS
    )
    fields = _tooltip_fields(spec) - {"label", "as_of"}  # era band and as-of rule tooltips
    assert fields <= set(terms.columns)
    assert {"title", "date_label", "term_text", "status_label", "value_text", "sources"} <= fields
    assert spec["title"]["text"].startswith("Source: the book's agreements table")


@pytest.fixture(scope="module")
def vetoes(data: Data) -> pd.DataFrame:
    return diplomacy.vetoes_by_year(data)


def test_vetoes_chart_draws_vetoes_frame(vetoes: pd.DataFrame) -> None:
    chart = diplomacy_charts.vetoes_by_year(vetoes)
    assert _records(vetoes) in _datasets(chart)
    spec = chart.to_dict()
    shapes = [n["shape"] for n in _nodes(spec) if "shape" in n and isinstance(n["shape"], dict)]
    assert shapes[0]["field"] == "cast_by"
    assert shapes[0]["scale"]["range"] == ["square", "circle"]  # not colour alone
    assert {"draft_symbol", "subject", "date_label", "cast_by"} <= _tooltip_fields(spec)
    assert "Security Council veto list" in spec["title"]["text"]


def test_events_chart_draws_events_frame_with_a_category_filter(data: Data) -> None:
    events = diplomacy.events(data)
    chart = diplomacy_charts.events_timeline(events)
    assert _records(events) in _datasets(chart)
    spec = chart.to_dict()
    (param,) = [n for n in _nodes(spec) if n.get("select", {}).get("type") == "point"]
    assert param["bind"]["options"] == [None, *curated.CATEGORIES]
    assert param["select"]["fields"] == ["category"]
    assert {"date_label", "event", "sources"} <= _tooltip_fields(spec)


@pytest.mark.parametrize("name", ["agreements", "vetoes", "events"])
def test_charts_render_to_png(data: Data, name: str, agreements_chart: alt.TopLevelMixin) -> None:
    chart = {
        "agreements": lambda: agreements_chart,
        "vetoes": lambda: diplomacy_charts.vetoes_by_year(diplomacy.vetoes_by_year(data)),
        "events": lambda: diplomacy_charts.events_timeline(diplomacy.events(data)),
    }[name]()
    assert charts.renderer.png(chart.to_dict()).startswith(b"\x89PNG")
