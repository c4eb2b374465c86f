"""The introduction's facts, computed from the committed data without a book build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import findings
from analysis.countries import RUSSIA, SYRIA, USSR
from analysis.data import Data
from analysis.figures import introduction as figures
from analysis.findings import FindingError
from analysis.paths import Project

PROJECT = Project(Path(__file__).resolve().parents[1])
Edit = Callable[[pd.DataFrame], pd.DataFrame]


@pytest.fixture(scope="module")
def facts() -> findings.Facts:
    return findings.of("introduction", Data(PROJECT))


def altered(monkeypatch: pytest.MonkeyPatch, table: str, edit: Edit) -> Data:
    """A data handle whose ``shown`` rows of ``table`` pass through ``edit``."""
    shown = Data.shown

    def edited(self: Data, name: str, role: str) -> pd.DataFrame:
        frame = shown(self, name, role)
        return edit(frame) if name == table else frame

    monkeypatch.setattr(Data, "shown", edited)
    return Data(PROJECT)


def test_the_soviet_peak_and_syria_among_the_clients(facts: findings.Facts) -> None:
    assert facts["soviet_peak_year"].value == 1974
    assert facts["soviet_peak_tiv"].value == 3420.0
    assert facts["soviet_peak_tiv"].text == "3,420"
    assert facts["soviet_rank"].value == 3
    assert facts["soviet_first"].value == 1955
    assert facts["soviet_share"].text == "7.6%"


def test_releases_and_the_revision_example_come_from_the_edition(facts: findings.Facts) -> None:
    edition = Data(PROJECT).edition
    assert facts["tables_release"].value == edition.release("sipri-tables")
    assert facts["deals_release"].value == edition.release("sipri-deals")
    # The year the two releases differ most: 181 in the tables, 199 in the deal values.
    assert (facts["revised_year"].value, facts["revised_tables"].text) == (2018, "181")
    assert facts["revised_deals"].text == "199"
    assert (facts["silence_first"].value, facts["silence_last"].value) == (2022, 2024)


def test_base_terms_vetoes_and_counts(facts: findings.Facts) -> None:
    assert (facts["base_term"].value, facts["base_renewal"].value) == (49, 25)
    assert facts["veto_count"].value == 18
    assert facts["veto_first"].text == "4 October 2011"
    assert facts["era_soviet_start"].text == "22 July 1944"
    assert facts["n_roll_calls"].text == "5,659"


def test_figures_describe_their_data() -> None:
    figure = figures.deliveries(Data(PROJECT))
    assert "The tallest bar is 1974, at 3,420 million" in figure.description
    assert "2022 to 2024" in figure.description
    assert set(figure.data["release"]) == {"2022", "2024", "2025"}


def test_a_new_peak_year_fails_the_sentence_on_the_october_war(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def lower_1974(frame: pd.DataFrame) -> pd.DataFrame:
        rows = (frame["supplier"] == USSR) & (frame["recipient"] == SYRIA)
        frame.loc[rows & (frame["year"] == 1974), "tiv"] = 100.0
        return frame

    data = altered(monkeypatch, "arms_exports", lower_1974)
    with pytest.raises(FindingError, match="the year after the October War"):
        findings.of("introduction", data)


def test_a_russian_year_above_the_soviet_peak_fails_the_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def raise_2012(frame: pd.DataFrame) -> pd.DataFrame:
        rows = (frame["supplier"] == RUSSIA) & (frame["recipient"] == SYRIA)
        frame.loc[rows & (frame["year"] == 2012), "tiv"] = 5000.0
        return frame

    data = altered(monkeypatch, "arms_exports", raise_2012)
    with pytest.raises(FindingError, match="more than in any other year"):
        findings.of("introduction", data)


def test_a_recorded_russian_delivery_breaks_the_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    def deliver_in_2023(frame: pd.DataFrame) -> pd.DataFrame:
        russian = frame[(frame["supplier"] == RUSSIA) & (frame["recipient"] == SYRIA)]
        return pd.concat([frame, russian.head(1).assign(delivery_years="2023")])

    data = altered(monkeypatch, "arms_register", deliver_in_2023)
    with pytest.raises(FindingError, match="recorded by SIPRI for"):
        findings.of("introduction", data)
