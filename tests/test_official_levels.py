"""An official figure stated as a level "now" is never treated as a year's total.

Asatryan's "less than US$650 million" (Izvestia, 2024) says what trade "now stands at": the
quoted file codes it to the year of the article with ``current_at_article``. A comparison of
whole years, a chart line over the year or a sentence about "the year's trade" would turn it
into a 2024 total it never was.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import findings, trade
from analysis.charts import trade as trade_charts
from analysis.data import Data
from analysis.findings import FindingError


@pytest.fixture(scope="module")
def data() -> Data:
    return Data()


@pytest.fixture(scope="module")
def figures(data: Data) -> pd.DataFrame:
    return trade.official_figures(data)


def _level(figures: pd.DataFrame) -> pd.Series:
    levels = figures[figures["current_at_article"]]
    assert len(levels) == 1, "expected one level current when stated (Asatryan, 2024)"
    return levels.iloc[0]


def test_level_is_not_an_annual_total(figures: pd.DataFrame) -> None:
    level = _level(figures)
    assert level["qualifier"] == "upper_bound"
    assert not level["annual_total"]
    assert figures.loc[figures["partial_year"], "annual_total"].eq(False).all()
    whole = figures[~figures["partial_year"] & ~figures["current_at_article"]]
    assert whole["annual_total"].all() and len(whole) == figures["annual_total"].sum()


def test_comparison_with_cow_leaves_the_level_out(
    data: Data, figures: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even where COW had the year, the level is not set beside the year's flow."""
    level = _level(figures)
    flows = trade.cow_flows(data)
    last = flows[flows["year"] == flows["year"].max()]
    monkeypatch.setattr(
        trade, "cow_flows", lambda _data: pd.concat([flows, last.assign(year=level["year"])])
    )
    compared = trade.official_vs_cow(data)
    assert level["year"] not in set(compared["year"])
    assert set(compared["year"]) <= set(figures.loc[figures["annual_total"], "year"])


def test_chart_draws_no_line_over_the_year_for_a_level(figures: pd.DataFrame) -> None:
    spec = trade_charts.official_figures(figures).to_dict()
    rules = [
        layer
        for layer in spec["layer"]
        if layer.get("mark", {}).get("type") == "rule" and "x2" in layer.get("encoding", {})
    ]
    assert rules, "the period lines are drawn as rules with x2"
    filters = [t.get("filter") for rule in rules for t in rule.get("transform", [])]
    assert "!datum.current_at_article" in filters


def test_findings_refuse_a_year_total_in_its_place(
    data: Data, figures: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chapter's sentence about the level is guarded: were the latest figure a year's
    total, the findings would fail rather than print it as a level."""
    assert findings.of("intervention", data)["asatryan_total"].value == 650
    as_total = figures.assign(current_at_article=False)
    monkeypatch.setattr(trade, "official_figures", lambda _data: as_total)
    with pytest.raises(FindingError, match="stood below"):
        findings.of("intervention", data)
