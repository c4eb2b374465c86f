"""The after-Assad chapter's facts, claims, figures and table, from the committed data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import findings
from analysis.data import Data
from analysis.figures import after_assad as figures
from analysis.findings import FindingError
from analysis.paths import Project
from helpers import altered

ROOT = Path(__file__).resolve().parents[1]


def test_values(data: Data) -> None:
    shown = findings.of("after_assad", data).displayed()
    assert shown["n_under_review"] == "7"
    assert shown["n_terminated"] == "1"
    # Since the fall: the February call, the July review committees, the October pledge.
    assert (shown["n_since"], shown["since_first"], shown["since_last"]) == (
        "3",
        "February 2025",
        "October 2025",
    )
    # The Tartus port concession: 49 years from 2019, US$500 million, annulled January 2025.
    assert (shown["port_term"], shown["port_investment"]) == ("49", "500")
    # Attributed figures: the debt to Russia and Iran, the first wheat cargo.
    assert (shown["debt_shaibani"], shown["debt_piie"], shown["debt_piie_high"]) == (
        "30",
        "30",
        "50",
    )
    assert (shown["wheat_tonnes"], shown["n_current"]) == ("6,600", "1")
    assert (shown["port_expiry"], shown["port_end"]) == ("2068", "January 2025")
    # The 2017 leases of the naval facility and of the air base.
    assert (shown["naval_term"], shown["naval_renewal"], shown["naval_expiry"]) == (
        "49",
        "25",
        "2066",
    )
    assert (shown["hmeimim_term"], shown["hmeimim_renewal"]) == ("49", "25")
    assert shown["phosphate_term"] == "50"
    assert shown["record_end"] == "4 February 2026"
    assert shown["n_after_events"] == "18"
    # Qamishli airport, given up in January 2026; the people sheltered at Hmeimim (a
    # Russian claim) and the finance minister's range for Syria's foreign debt.
    assert shown["site_left_end"] == "January 2026"
    assert shown["hmeimim_sheltered"] == "8,000"
    assert (shown["debt_abazeid"], shown["debt_abazeid_high"]) == ("20", "23")
    assert (shown["latest_bound_musd"], shown["latest_bound_year"]) == ("650", "2024")
    counts = ("n_statements", "n_partial", "n_approximate", "n_upper_bound")
    assert [shown[name] for name in counts] == ["12", "4", "3", "1"]
    assert shown["cow_last"] == "2014"
    assert (shown["register_release"], shown["register_covers"]) == ("2025", "2024")
    assert (shown["silence_first"], shown["silence_last"]) == ("2022", "2024")
    assert shown["last_russian_delivery"] == "2021"
    assert (shown["unga_last_year"], shown["unga_last_share"]) == ("2019", "72%")
    assert shown["unga_last_shared"] == "81"


def _terminate_phosphate(frame: pd.DataFrame) -> pd.DataFrame:
    phosphate = (frame["kind"] == "economic") & (frame["status"] == "under_review")
    return frame.assign(status=frame["status"].mask(phosphate, "terminated"))


def test_a_second_ended_agreement_fails_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    altered(monkeypatch, "curated", "agreements", _terminate_phosphate)
    with pytest.raises(FindingError, match="The only Russian agreement that the book records"):
        findings.of("after_assad", Data(Project(ROOT)))


def test_a_second_site_given_up_fails_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def tartus_left(frame: pd.DataFrame) -> pd.DataFrame:
        naval = frame["kind"] == "naval"
        return frame.assign(
            status=frame["status"].mask(naval, "withdrawn"),
            end_date=frame["end_date"].mask(naval, "2026-01"),
            end_precision=frame["end_precision"].mask(naval, "month"),
        )

    altered(monkeypatch, "curated", "bases", tartus_left)
    with pytest.raises(FindingError, match="Russia withdrew from one site after the fall"):
        findings.of("after_assad", Data(Project(ROOT)))


def test_a_figure_for_the_year_after_the_fall_fails_the_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def stated_next_year(frame: pd.DataFrame) -> pd.DataFrame:
        latest = frame.loc[[frame["period_start"].idxmax()]]
        later = latest.assign(
            period_start=latest["period_start"] + pd.DateOffset(years=1),
            period_end=latest["period_end"] + pd.DateOffset(years=1),
            year=latest["year"] + 1,
        )
        return pd.concat([frame, later], ignore_index=True)

    altered(monkeypatch, "shown", "trade_official", stated_next_year)
    with pytest.raises(FindingError, match="the book's table holds nothing for 2025"):
        findings.of("after_assad", Data(Project(ROOT)))


def test_a_delivery_inside_the_silence_fails_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def delivered_in_2023(frame: pd.DataFrame) -> pd.DataFrame:
        deal = frame[frame["supplier"] == "Russia"].iloc[[0]].assign(delivery_years="2023")
        return pd.concat([frame, deal], ignore_index=True)

    altered(monkeypatch, "shown", "arms_register", delivered_in_2023)
    with pytest.raises(FindingError, match="records no Russian arms deliveries to Syria in one"):
        findings.of("after_assad", Data(Project(ROOT)))


def test_agreements_figure(data: Data) -> None:
    figure = figures.agreements(data)
    assert figure.name == "fig-after-agreements"
    assert len(figure.data) == 8
    assert set(figure.data["status"]) == {"under_review", "terminated"}
    assert "2 renew themselves after terms of 49 years" in figure.description
    assert "ended in January 2025" in figure.description


def test_official_trade_figure(data: Data) -> None:
    figure = figures.official_trade(data)
    assert figure.name == "fig-after-official-trade"
    assert len(figure.data) == 12
    assert "from 2010 to 2024" in figure.description
    assert "the latest, for 2024, is less than US$650 million" in figure.description
    assert "the largest is US$1,970 million, for 2011" in figure.description


def test_events_table(data: Data) -> None:
    table = figures.events_table(data)
    assert ":name: tab-after-events" in table
    # a header row and one row per event since the fall of Assad
    assert table.count("\n* - ") == 1 + 18
    assert "8 December 2024" in table
