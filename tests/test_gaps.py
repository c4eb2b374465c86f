"""The catalogue of gaps agrees with the series the charts draw."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import arms, bibliography, curated, eras, gaps, trade, votes
from analysis.data import Data
from analysis.paths import Project


@pytest.fixture(scope="module")
def catalogue(data: Data) -> pd.DataFrame:
    return gaps.catalogue(data)


def _years(catalogue: pd.DataFrame, series: str) -> list[str]:
    return catalogue.loc[catalogue["series"] == series, "years"].tolist()


def test_known_gaps_are_listed(catalogue: pd.DataFrame) -> None:
    assert _years(catalogue, gaps.ARMS) == [
        "1944\u20131949",
        "1994\u20131997",
        "2007",
        "2019",
        "2022\u20132024",
    ]
    assert _years(catalogue, gaps.TRADE) == ["1959\u20131960", "2015\u20132024"]
    assert _years(catalogue, gaps.VOTES) == ["1951", "1958\u20131960", "1964", "2020"]


def test_no_listed_year_has_a_value(data: Data, catalogue: pd.DataFrame) -> None:
    """A year the catalogue calls missing is missing in the table the chart draws."""

    def listed(series: str) -> set[int]:
        years = set()
        for text in _years(catalogue, series):
            first, _, last = text.partition(eras.DASH)
            years |= set(range(int(first), int(last or first) + 1))
        return years

    drawn_arms = arms.deliveries_to_syria(data)
    assert not listed(gaps.ARMS) & set(drawn_arms["year"])
    cow = trade.cow_flows(data)
    assert not listed(gaps.TRADE) & set(cow["year"])
    shares = votes.by_year(data).dropna(subset=["share"])
    assert not listed(gaps.VOTES) & set(shares["year"])


def test_every_row_is_explained_and_cited(project: Project, catalogue: pd.DataFrame) -> None:
    assert catalogue.notna().all().all()
    known = bibliography.keys(project.bibliography)
    assert all(set(curated.split_keys(cell)) <= known for cell in catalogue["citation"])
