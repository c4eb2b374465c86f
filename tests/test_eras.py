"""The one era definition."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import altair as alt
import pandas as pd
import pytest

from analysis import eras
from analysis.charts import renderer, theme

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


def _era_labels(first: int, last: int, width: int, domain: tuple[float, float] | None = None):
    """The era labels of bands over ``first``-``last`` drawn ``width`` pixels wide: each
    shown label's text and its estimated left and right edge in the plot."""
    x = alt.X("year:Q", scale=alt.Scale(domain=list(domain), nice=False)) if domain else "year:Q"
    points = alt.Chart(pd.DataFrame({"year": [first]})).mark_point(opacity=0).encode(x=x)
    chart = alt.layer(theme.era_bands(first, last, domain=domain), points)
    image = renderer.svg(chart.properties(width=width).to_dict())
    found = re.findall(
        r'aria-label="start: [^"]*"[^>]*transform="translate\(([-\d.]+),[^>]*>([^<]+)</text>', image
    )
    return [(text, float(left), float(left) + theme.text_width(text)) for left, text in found]


@pytest.mark.parametrize(
    ("first", "last", "domain", "width"),
    [
        (1950, 2024, None, theme.WIDTH),
        (1950, 2024, None, 300),
        (1966, 2015, None, theme.WIDTH - 120),
        (1966, 2015, None, 260),
        # the agreements timeline: bands to the data's date, axis to the last expiry
        (1944, 2025, (1944, 2080), 380),
        (2010, 2024, None, 300),
        (2010, 2024, None, 200),
    ],
)
def test_era_labels_sit_in_one_row_without_overlap_inside_the_chart(
    first: int, last: int, domain: tuple[float, float] | None, width: int
) -> None:
    labels = _era_labels(first, last, width, domain)
    assert labels, "no era label shown"
    for (_, _, right), (_, left, _) in itertools.pairwise(labels):
        assert right <= left
    assert labels[0][1] >= 0
    assert labels[-1][2] <= width


def test_a_narrow_band_takes_the_eras_name_alone_or_no_label() -> None:
    wide = [text for text, *_ in _era_labels(1950, 2024, theme.WIDTH)]
    narrow = [text for text, *_ in _era_labels(1950, 2024, 250)]
    assert wide[:2] == ["Soviet era, 1944\u20131970", "Assad era, 1970\u20132015"]
    assert "Assad era, 1970\u20132015" in narrow
    assert len(narrow) < len(wide)


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
