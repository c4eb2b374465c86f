"""The Assad-era chapter's facts and figures, computed from the committed data (no book build)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import findings
from analysis.data import Data
from analysis.figures import assad_era as figures
from analysis.findings import FindingError
from analysis.paths import Project

PROJECT = Project(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def facts(data: Data) -> findings.Facts:
    return findings.of("assad_era", data)


def test_values_from_sipri_and_cow(facts: findings.Facts) -> None:
    assert facts["tiv_1974"].value == 3420
    assert facts["tiv_1974"].text == "3,420"
    assert facts["tiv_peak_year"].text == "1974"
    assert facts["client_tiv"].value == 34319
    assert facts["client_rank"].value == 3
    assert facts["tiv_1980s_peak_year"].value == 1983
    assert facts["lean_gaps"].text == "1994\u20131997 or in 2007"
    assert facts["n_t72"].text == "1,250"
    assert facts["import_share_1970s"].text == "98.6%"
    assert facts["treaty_term"].value == 20 and facts["treaty_first_expiry"].value == 2000
    # The 2005 settlement as Kudrin gave it to Reuters, and RFE/RL's different sum.
    assert (facts["debt_kudrin_off"].text, facts["debt_kudrin_share"].text) == ("9.8", "73")
    assert facts["debt_rferl_off"].text == "13.4"
    assert facts["era_years"].text == "1970\u20132015"
    # The uprising to the eve of the air campaign: four vetoes, all with China.
    assert (facts["veto_before"].value, facts["tiv_2011_13"].text) == (4, "1,402")
    assert (facts["cast_concluded"].text, facts["cast_potential"].text) == ("4", "2")
    assert facts["exports_2008"].text == "2,135"  # exact (version 3.0) year, whole millions
    assert facts["exports_2010"].text == "1,210"  # rounded (version 4.0) year
    assert facts["era_surplus_years"].value == 23


def test_releases_and_data_ends_come_from_the_edition(data: Data, facts: findings.Facts) -> None:
    assert facts["tables_release"].text == data.release("sipri-tables")
    assert facts["register_release"].text == data.release("sipri-register")
    assert facts["cow_extension_release"].text == data.release("cow-extension")
    assert facts["trade_last"].value == 2014


def _edited(monkeypatch: pytest.MonkeyPatch, table: str, edit) -> None:
    """Make ``Data.shown`` return ``table`` altered by ``edit``."""
    shown = Data.shown

    def altered(self: Data, name: str, role: str) -> pd.DataFrame:
        frame = shown(self, name, role)
        return edit(frame) if name == table else frame

    monkeypatch.setattr(Data, "shown", altered)


def test_a_claim_fails_when_the_data_change(monkeypatch: pytest.MonkeyPatch) -> None:
    def busier_1976(frame: pd.DataFrame) -> pd.DataFrame:
        rows = (frame["year"] == 1976) & (frame["recipient"] == "Syria")
        frame.loc[rows, "tiv"] = 5000.0
        return frame

    _edited(monkeypatch, "arms_exports", busier_1976)
    with pytest.raises(FindingError, match="largest deliveries"):
        findings.of("assad_era", Data(PROJECT))


def test_the_lowest_year_is_guarded(monkeypatch: pytest.MonkeyPatch) -> None:
    def quieter_1978(frame: pd.DataFrame) -> pd.DataFrame:
        rows = (frame["year"] == 1978) & (frame["recipient"] == "Syria")
        frame.loc[rows, "tiv"] = 100.0
        return frame

    _edited(monkeypatch, "arms_exports", quieter_1978)
    with pytest.raises(FindingError, match="the lowest annual figure between 1971 and 1990"):
        findings.of("assad_era", Data(PROJECT))


def test_figures_describe_their_data(data: Data) -> None:
    deliveries = figures.deliveries(data)
    assert "largest 3,420 million in 1974" in deliveries.description
    assert "1994\u20131997 and 2007" in deliveries.description
    assert set(deliveries.data["year"]) <= set(range(figures.FIRST, figures.LAST + 1))
    balance = figures.balance(data)
    assert "1971\u20131991" in balance.description and "1992\u20132014" in balance.description
    for make in (
        figures.shares,
        figures.agreements,
        figures.composition,
        figures.systems,
        figures.trade_flows,
        figures.arms_and_trade,
    ):
        figure = make(data)
        assert not figure.data.empty and figure.description, figure.name


def test_orders_table_names_the_register_release(data: Data) -> None:
    table = figures.orders_table(data).data
    assert f"{data.release('sipri-register')} release" in table
    assert "Yakhont" in table and "tab-assad-era-orders" in table
