"""The one era definition."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis import eras
from analysis.charts import theme

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")


@pytest.mark.parametrize(
    ("day", "era"),
    [
        (dt.date(1944, 7, 22), "soviet"),
        (dt.date(1970, 11, 12), "soviet"),
        (dt.date(1970, 11, 13), "assad"),
        (dt.date(2015, 9, 29), "assad"),
        (dt.date(2015, 9, 30), "intervention"),
        (dt.date(2024, 12, 7), "intervention"),
        (dt.date(2024, 12, 8), "post-assad"),
        (dt.date(2030, 1, 1), "post-assad"),
    ],
)
def test_era_boundaries(day: dt.date, era: str) -> None:
    assert eras.era_of(day) == era


def test_no_era_before_relations() -> None:
    with pytest.raises(ValueError):
        eras.era_of(dt.date(1944, 7, 21))


def test_years_take_the_era_in_force_at_mid_year() -> None:
    assert eras.era_of_year(1970) == "soviet"
    assert eras.era_of_year(1971) == "assad"
    assert eras.era_of_year(2015) == "assad"
    assert eras.era_of_year(2016) == "intervention"


def test_bands_tile_the_range_without_gaps() -> None:
    bands = eras.bands(1950, 2024)
    assert list(bands["era"]) == list(eras.ERA_IDS)
    assert bands["start"].iloc[0] == 1950
    assert bands["end"].iloc[-1] == 2025
    assert (bands["start"].iloc[1:].to_numpy() == bands["end"].iloc[:-1].to_numpy()).all()


def test_bands_clip_to_the_chart() -> None:
    assert list(eras.bands(1950, 1969)["era"]) == ["soviet"]


def test_era_labels_stay_inside_the_chart() -> None:
    """A label that starts late on the axis is set flush right at its band's end, so it
    never runs past the chart's right edge; the others start at their band."""
    spec = theme.era_bands(1950, 2024).to_dict()
    placed = {
        row["label"]: (layer["mark"]["align"], row["at"] == row["end"])
        for layer in spec["layer"][1:]
        for row in spec["datasets"][layer["data"]["name"]]
    }
    assert placed["Soviet era, 1944\u20131970"] == ("left", False)
    assert placed["Intervention, 2015\u20132024"] == ("right", True)
    assert placed["After Assad, 2024\u2013"] == ("right", True)


def _extents(layout: pd.DataFrame, domain: tuple[float, float], width: float) -> pd.DataFrame:
    """Each label's estimated left and right edge in pixels, as the layout sets it."""
    per_year = width / (domain[1] - domain[0])
    extent = layout["label"].str.len() * theme.LABEL_ADVANCE * (theme.FONT_SIZE - 1)
    anchor = (layout["at"] - domain[0]) * per_year
    left = anchor.where(layout["align"] == "left", anchor - extent)
    return layout.assign(left=left, right=left + extent)


@pytest.mark.parametrize(
    ("first", "last", "domain", "width"),
    [
        (1950, 2024, None, theme.WIDTH),
        (1966, 2015, None, theme.WIDTH - 120),
        # the agreements timeline: bands to the data's date, axis to the last expiry
        (1944, 2025, (1944, 2080), 380),
        (2010, 2024, None, 300),
    ],
)
def test_era_labels_never_overlap(
    first: int, last: int, domain: tuple[float, float] | None, width: float
) -> None:
    domain = domain or (first, last + 1)
    layout = _extents(theme.era_label_layout(eras.bands(first, last), domain, width), domain, width)
    for _, row in layout.groupby("row"):
        ordered = row.sort_values("left")
        assert (ordered["left"].iloc[1:].to_numpy() >= ordered["right"].iloc[:-1].to_numpy()).all()
    assert (layout["right"] <= width + 2).all()


def test_spans_join_consecutive_years() -> None:
    assert eras.spans([1960, 1959, 2022, 2023, 2024, 1964]) == [
        (1959, 1960),
        (1964, 1964),
        (2022, 2024),
    ]
    assert eras.spans([]) == []


def test_displayed_ranges_take_an_en_dash() -> None:
    assert eras.year_range(1958, 1961) == "1958\u20131961"
    assert eras.year_range(1964, 1964) == "1964"
    for era in eras.ERAS:
        assert "-" not in era.label and "-" not in era.years
        assert era.label.endswith(era.years)
    assert eras.BY_ID["post-assad"].years == "2024\u2013"
