"""The Soviet era's facts, computed from the committed data without a book build."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import findings
from analysis.countries import SYRIA, USSR
from analysis.data import Data
from analysis.figures import soviet_era as figures
from analysis.findings import FindingError
from analysis.paths import Project

PROJECT = Project(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def facts() -> findings.Facts:
    return findings.of("soviet_era", Data(PROJECT))


def test_arms_values(facts: findings.Facts) -> None:
    assert facts["client_tiv"].value == 34319.0  # SIPRI's row total, 1950-91
    assert facts["client_peak_year"].value == 1974
    assert facts["client_peak_tiv"].text == "3,420"
    assert (facts["sov_peak_year"].value, facts["sov_peak_tiv"].text) == (1967, "879")
    assert facts["sov_1957"].value == 366.0
    assert facts["sov_55_57"].text == "524"
    assert facts["imp_1956"].text == "62%"
    assert facts["imp_1960"].text == "100%"
    assert (facts["client_rank"].value, facts["egypt_rank"].value) == (3, 9)


def test_trade_votes_and_record(facts: findings.Facts) -> None:
    assert facts["imports_1958"].text == "18.6"
    assert (facts["exports_peak_year"].value, facts["exports_peak"].text) == (1969, "33.0")
    assert facts["trade_years"].value == 19  # 1950-1970 without 1959-60
    assert facts["cow_release"].value == Data(PROJECT).release("cow-exact")
    assert facts["votes_release"].text == "February 2021"
    assert (facts["vote_1967"].text, facts["uar_vote_years"].value) == ("85%", 3)
    assert (facts["calls_1961"].value, facts["shared_1961"].value) == (106, 51)
    assert facts["czech_credit"].text == "US$22 million"
    assert facts["azm_kuzmin_credit"].text == "US$570 million"


def test_figures_and_table() -> None:
    data = Data(PROJECT)
    assert "Syria is at rank 3 of 76, after India, Poland." in figures.clients(data).description
    assert "with a break for 1959\u20131960" in figures.trade_flows(data).description
    votes = figures.alignment(data)
    assert "no Syrian votes in 1958\u20131960" in votes.description
    assert votes.data["year"].max() == 1970
    table = figures.chronology(data).data
    assert ":name: tab-soviet-era-chronology" in table
    assert "{cite:p}`" in table


def test_a_lower_1957_fails_the_highest_of_the_decade(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = Data.shown

    def edited(self: Data, name: str, role: str) -> pd.DataFrame:
        frame = shown(self, name, role)
        if name == "arms_imports":
            rows = (frame["supplier"] == USSR) & (frame["recipient"] == SYRIA)
            frame.loc[rows & (frame["year"] == 1957), "tiv"] = 10.0
        return frame

    monkeypatch.setattr(Data, "shown", edited)
    with pytest.raises(FindingError, match="the highest of the decade"):
        findings.of("soviet_era", Data(PROJECT))
