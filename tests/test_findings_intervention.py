"""The intervention chapter's facts and figures, computed from the committed data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import findings
from analysis.data import Data
from analysis.figures import intervention as figures
from analysis.findings import FindingError, _rows
from analysis.paths import Project

PROJECT = Project(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def facts(data: Data) -> findings.Facts:
    return findings.of("intervention", data)


def test_values(facts: findings.Facts) -> None:
    assert facts["era_years"].text == "2015\u20132024"
    assert facts["tiv_2018_new"].text == "199"
    assert (facts["silence_first"].value, facts["silence_last"].value) == (2022, 2024)
    assert facts["tables_last"].value == 2021
    assert facts["t62_delivered"].text == "2017\u20132019"
    assert facts["veto_count"].value == 18
    assert (facts["veto_with_china"].value, facts["veto_alone"].value) == (10, 8)
    assert facts["veto_before"].value == 4
    # The government's claims as stated, and the independent count beside them.
    assert (facts["shoigu_sorties"].text, facts["shoigu_strikes"].text) == ("17,800", "71,000")
    assert (facts["reuters_deaths"].text, facts["tartus_warships"].text) == ("40", "11")
    assert facts["port_investment"].text == "500"
    assert facts["tartus_term"].value == 49 and facts["tartus_expiry"].value == 2066
    assert facts["share_last"].text == "72%" and facts["votes_last_year"].value == 2019
    assert facts["cow_exports_last"].text == "646"
    assert facts["rogozin_total"].text == "192.8"


def test_a_claim_fails_when_the_vetoes_change(monkeypatch: pytest.MonkeyPatch) -> None:
    curated = Data.curated

    def joint_last(self: Data, name: str) -> pd.DataFrame:
        frame = curated(self, name)
        if name == "unsc_vetoes":
            frame.loc[frame["n"] == frame["n"].max(), "china_vetoed"] = True
        return frame

    monkeypatch.setattr(Data, "curated", joint_last)
    with pytest.raises(FindingError, match="The last veto in the record"):
        findings.of("intervention", Data(PROJECT))


def test_rows_are_picked_by_attributes_or_not_at_all(data: Data) -> None:
    terms = data.curated("agreements")
    with pytest.raises(FindingError, match="the port"):
        _rows.one(terms, "the port", kind="economic", has=("title", "port"))
    assert _rows.spans_text([1994, 1995, 1996, 1997, 2007]) == "1994\u20131997 or in 2007"
    assert _rows.keys("a; b", pd.Series(["b;c"])) == ("a", "b", "c")


def test_figures_describe_their_data(data: Data) -> None:
    arms = figures.arms_deliveries(data)
    assert "no Russian delivery in 2022\u20132024" in arms.description
    assert "largest 496 million in 2012" in arms.description
    vetoes = figures.vetoes(data)
    assert "18 vetoes" in vetoes.description and "2011 to 2023" in vetoes.description
    unga = figures.unga(data)
    assert "2020, with one roll call, is a gap" in unga.description
    for make in (
        figures.bases,
        figures.agreements,
        figures.trade_and_statements,
        figures.unga_issues,
    ):
        figure = make(data)
        assert not figure.data.empty and figure.description, figure.name


def test_stated_figures_are_picked_by_who_said_what_and_when(data: Data) -> None:
    facts = findings.Facts("test")
    row = _rows.stated(
        facts,
        data,
        "debt",
        speaker="Kudrin",
        counts="written off in the",
        dated=2005,
        scale=10**9,
        format=".1f",
    )
    assert facts["debt"].text == "9.8" and row["status"] == "ok"
    assert facts["debt"].sources == ("elaph_reuters_2005_debt",)
    ranged = _rows.stated(facts, data, "cost", speaker="al-Assad", counts="rebuilding", dated=2018)
    assert ranged["qualifier"] == "range" and "cost_high" in facts.displayed()
    # Shoigu gave three figures that day: the words of what is counted must pick one.
    with pytest.raises(FindingError, match="3 rows match"):
        _rows.stated(facts, data, "any", speaker="Shoigu", counts="Syria", dated=2016)
    with pytest.raises(FindingError, match="0 rows match"):
        _rows.stated(facts, data, "none", speaker="Shoigu", counts="sorties", dated=2015)


def test_tooltips_cite_sources_by_label_not_key(data: Data) -> None:
    for figure in (figures.bases(data), figures.trade_and_statements(data)):
        spec = json.dumps(figure.chart.to_dict())
        assert '"field": "cited_as"' in spec, figure.name
        cited = figure.data["cited_as"].dropna()
        assert len(cited) and not cited.str.contains("_").any(), figure.name
    assert "TASS 2017a" in set(figures.trade_and_statements(data).data["cited_as"])


def test_the_toll_is_stated_as_its_speakers_stated_it(facts: findings.Facts) -> None:
    # Independent counts of civilian deaths, as each monitor stated them.
    assert (facts["atarib_killed"].text, facts["maarat_killed"].text) == ("84", "43")
    assert facts["airwars_alleged"].text == "24,743"
    assert (facts["airwars_likely"].text, facts["airwars_likely_high"].text) == ("4,300", "6,400")
    assert (facts["snhr_2019"].text, facts["snhr_2024"].text) == ("6,686", "6,969")
    # The defence ministry's estimate, printed as stated ("over 1.7 million").
    assert facts["refugees_return"].text == "1.7"
    assert facts["refugees_return"].sources == ("arabnews_2018_refugee_proposal",)
    polls = [
        facts[f"levada_{year}_{wish}"].text for year in (2017, 2019) for wish in ("end", "continue")
    ]
    assert polls == ["49", "30", "55", "30"]
