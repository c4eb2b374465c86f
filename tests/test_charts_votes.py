"""The voting charts draw exactly the analysis tables, with gaps left as gaps."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from analysis import votes
from analysis.charts import renderer
from analysis.charts import votes as vote_charts
from analysis.data import Data

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")


def drawn(chart: alt.TopLevelMixin, columns: list[str]) -> pd.DataFrame:
    """The one dataset of the chart that has exactly these columns."""
    found = [
        pd.DataFrame(rows)
        for rows in chart.to_dict()["datasets"].values()
        if rows and list(rows[0]) == columns
    ]
    assert len(found) == 1
    return found[0]


def as_drawn(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as it comes back from the chart's JSON: missing values are None."""
    return frame.astype(object).where(frame.notna(), None)


@pytest.fixture(scope="module")
def tables(data: Data) -> dict[str, pd.DataFrame]:
    """Each chart function's name with the analysis table it is given."""
    return {"alignment": votes.by_year(data), "alignment_by_issue": votes.by_issue(data)}


def test_alignment_draws_the_annual_table(tables: dict[str, pd.DataFrame]) -> None:
    by_year = tables["alignment"]
    chart = vote_charts.alignment(by_year)
    data = drawn(chart, list(by_year.columns))
    pd.testing.assert_frame_equal(as_drawn(data), as_drawn(by_year))
    gaps = data[data["share"].isna()]
    assert gaps["year"].tolist() == [1951, 1958, 1959, 1960, 1964, 2020]


def test_alignment_tooltip_and_source(tables: dict[str, pd.DataFrame]) -> None:
    spec = vote_charts.alignment(tables["alignment"]).to_dict()
    line = spec["layer"][-1]
    fields = {t["field"] for t in line["encoding"]["tooltip"]}
    assert {"year", "share", "shared", "agreed"} <= fields
    assert spec["title"]["text"].startswith("Source: ")
    assert "USSR and Russia as one country" in spec["title"]["text"]
    assert "title" not in line  # no chart title: the caption is the title


def test_by_issue_draws_the_decade_table(tables: dict[str, pd.DataFrame]) -> None:
    by_issue = tables["alignment_by_issue"]
    chart = vote_charts.alignment_by_issue(by_issue)
    data = drawn(chart, list(by_issue.columns))
    pd.testing.assert_frame_equal(as_drawn(data), as_drawn(by_issue))
    spec = chart.to_dict()
    panels = [panel for row in spec["vconcat"] for panel in row["hconcat"]]
    assert [p["title"]["text"] for p in panels] == list(votes.ISSUES.values())


@pytest.mark.parametrize("make", ["alignment", "alignment_by_issue"])
def test_charts_render_to_png(make: str, tables: dict[str, pd.DataFrame]) -> None:
    png = renderer.png(getattr(vote_charts, make)(tables[make]).to_dict())
    assert png.startswith(b"\x89PNG")
