"""Screen readers hear a chart's marks in the reader's words: decorative marks are left out
of the accessibility tree, a mark with a tooltip is labelled by its tooltip's titles, never
by the internal fields Vega-Lite would otherwise name ("start", "end", "rank")."""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import vl_convert

from analysis import charts


def _chart() -> alt.LayerChart:
    frame = pd.DataFrame({"year": [1973, 1974], "tiv": [3164.0, 3420.0], "rank": [1, 2]})
    base = alt.Chart(frame).transform_calculate(start="datum.year", end="datum.year + 0.9")
    band = base.mark_rect(opacity=0.1).encode(x="start:Q", x2="end:Q")
    bars = base.mark_bar().encode(
        x="start:Q",
        x2="end:Q",
        y=alt.Y("tiv:Q", aggregate="sum"),
        order="rank:Q",
        tooltip=[
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("tiv:Q", title="Deliveries", format=",.0f"),
        ],
    )
    return alt.layer(band, bars)


def test_marks_are_labelled_by_their_tooltips_or_hidden() -> None:
    spec = charts.screen_reader_marks(_chart().to_dict())
    band, bars = spec["layer"]
    assert band["mark"]["aria"] is False
    assert "aria" not in bars["mark"] and bars["encoding"]["description"]["type"] == "nominal"
    svg = vl_convert.vegalite_to_svg(spec)
    labels = re.findall(r'aria-label="([^"]*)"', svg)
    assert "Year: 1974; Deliveries: 3,420" in labels
    assert "Year: 1973; Deliveries: 3,164" in labels
    marks = [label for label in labels if "axis" not in label.lower()]
    assert len(marks) == 2  # the two bars; the band is not announced
    assert not any(re.search(r"\b(start|end|rank)\b", label) for label in marks)
