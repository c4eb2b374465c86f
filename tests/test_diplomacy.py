"""The diplomatic record summarised: vetoes, agreement terms, the date of the data, events.

Expected values are read by hand from data/curated/*.csv.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import curated, diplomacy
from analysis.data import Data

TREATY_1980 = "1980-10-08-treaty-friendship-cooperation"
TARTUS_2017 = "2017-01-18-tartus-naval-facility"
HMEIMIM_2015 = "2015-08-26-hmeimim-air-group"
HMEIMIM_2017 = "2017-01-18-hmeimim-protocol"
TARTUS_PORT = "2019-04-20-tartus-port-concession"
TARTUS_1971 = "1971-tartus-naval-facility"


@pytest.fixture(scope="module")
def agreements(data: Data) -> pd.DataFrame:
    return data.curated("agreements")


@pytest.fixture(scope="module")
def terms(data: Data) -> pd.DataFrame:
    return diplomacy.terms(data).set_index("id", drop=False)


def _row(agreements: pd.DataFrame, id_: str) -> dict[str, object]:
    return agreements.set_index("id", drop=False).loc[id_].to_dict()


# --- dates at their precision -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [("1980-10-08", "8 October 1980"), ("1946-02", "February 1946"), ("1971", "1971")],
)
def test_date_label_keeps_precision(text: str, label: str) -> None:
    assert diplomacy.date_label(text) == label


def test_year_position_is_middle_of_period() -> None:
    assert diplomacy.year_position("1971") == pytest.approx(1971.5, abs=0.01)
    assert diplomacy.year_position("2025-01") == pytest.approx(2025 + 16.5 / 366, abs=0.01)
    # a day: the same scale as the era bands (day of year / 366), plus half a day
    assert diplomacy.year_position("2015-09-30") == pytest.approx(2015 + 273.5 / 366)
    with pytest.raises(ValueError, match="not an ISO date"):
        diplomacy.year_position("30 Sept 2015")


def test_as_of_is_the_day_the_record_closes(data: Data) -> None:
    # 4 Feb 2026: the latest report the record uses (Qamishli airport empty of Russian forces)
    as_of = diplomacy.as_of(data)
    assert data.edition.record_closes.isoformat() == as_of.date
    assert (as_of.date, as_of.label) == ("2026-02-04", "4 February 2026")
    assert as_of.position == pytest.approx(diplomacy.year_position("2026-02-04"))
    latest = data.curated("events")["date"].max()
    assert latest <= as_of.date


# --- agreement terms ---------------------------------------------------------------------


def test_treaty_1980_renews_every_five_years_after_2000(agreements: pd.DataFrame) -> None:
    term = diplomacy.term_of(_row(agreements, TREATY_1980))
    assert (term.term_years, term.first_expiry, term.renewal_years) == (20, 2000, 5)
    assert term.renewal_rule == "renews itself for 5-year periods unless a party ends it"
    assert term.end is None and not term.open_ended


def test_tartus_2017_runs_49_years_then_renews_by_25(agreements: pd.DataFrame) -> None:
    term = diplomacy.term_of(_row(agreements, TARTUS_2017))
    assert (term.first_expiry, term.renewal_years, term.end) == (2066, 25, None)


def test_hmeimim_2015_is_open_ended(terms: pd.DataFrame) -> None:
    row = terms.loc[HMEIMIM_2015]
    assert row["open_ended"] and row["renewal_rule"] == "no time limit"
    assert pd.isna(row["first_expiry"]) and pd.isna(row["end"])
    assert row["drawn_as"] == "open-ended"
    assert math.isnan(row["bar_end"]) and row["open_from"] == row["start"]


def test_open_ended_ids_are_rows_without_term(agreements: pd.DataFrame) -> None:
    rows = agreements.set_index("id").loc[sorted(diplomacy.OPEN_ENDED)]
    assert rows["term_years"].isna().all() and rows["end_date"].isna().all()


def test_terminated_port_concession_ends_when_stated(terms: pd.DataFrame) -> None:
    row = terms.loc[TARTUS_PORT]
    assert (row["end"], row["end_label"], row["status"]) == (
        "2025-01",
        "January 2025",
        "terminated",
    )
    assert row["first_expiry"] == 2068  # its 49-year term, cut short
    assert row["drawn_as"] == "until stated end"
    assert row["bar_end"] == pytest.approx(diplomacy.year_position("2025-01"))
    assert math.isnan(row["open_from"])


def test_superseded_runs_until_its_replacement(terms: pd.DataFrame) -> None:
    row = terms.loc[TARTUS_1971]
    assert (row["superseded_by"], row["drawn_as"]) == (TARTUS_2017, "until replaced")
    assert pd.isna(row["end"])
    assert row["bar_end"] == pytest.approx(diplomacy.year_position("2017-01-18"))


def test_no_end_is_invented(terms: pd.DataFrame, agreements: pd.DataFrame) -> None:
    stated = agreements.set_index("id")["end_date"]
    assert terms["end"].fillna("").equals(stated.reindex(terms.index).fillna(""))
    continuing = terms[terms["drawn_as"].isin(["term, renewing", "open-ended"])]
    assert set(continuing.index) == {TREATY_1980, TARTUS_2017, HMEIMIM_2015, HMEIMIM_2017}
    assert continuing["end"].isna().all() and continuing["open_from"].notna().all()
    # ended agreements are never drawn as continuing
    ended = terms[terms["drawn_as"].isin(["until stated end", "until replaced"])]
    assert ended["open_from"].isna().all()


def test_bars_of_fixed_terms_run_from_date_for_the_term(terms: pd.DataFrame) -> None:
    fixed = terms[terms["drawn_as"].isin(["term", "term, renewing"])]
    assert (fixed["bar_end"] - fixed["start"]).tolist() == pytest.approx(
        fixed["term_years"].astype(float).tolist()
    )
    # the 10-year nuclear accord of May 1999 and the 40-year Homs deal of 2019
    assert terms.loc["1999-05-nuclear-cooperation", "first_expiry"] == 2009
    assert terms.loc["2019-homs-fertiliser-complex", "renewal_rule"] == "no renewal stated"


def test_one_off_deals_are_points(terms: pd.DataFrame) -> None:
    points = terms[terms["drawn_as"] == "point"]
    assert "2005-01-25-debt-settlement" in points.index
    assert points["bar_end"].isna().all() and points["open_from"].isna().all()
    assert (points["renewal_rule"] == "no term stated").all()


def test_terms_in_date_order_with_text_for_tooltips(terms: pd.DataFrame) -> None:
    assert len(terms) == 30
    assert terms["start"].is_monotonic_increasing
    assert terms.loc["2005-01-25-debt-settlement", "value_text"] == "US$9.8 billion"
    assert terms.loc["1956-02-czechoslovak-arms", "value_text"] == "US$22 million"
    assert (
        terms.loc[TREATY_1980, "term_text"]
        == "20 years (first expiry 2000), then renews every 5 years"
    )
    assert set(terms["drawn_as"]) <= set(diplomacy.DRAWN_AS)


def test_unknown_successor_is_an_error(data: Data, agreements: pd.DataFrame) -> None:
    changed = agreements.copy()
    index = changed.index[changed["id"] == TARTUS_1971][0]
    changed.loc[index, "note"] = "Superseded by a later deal (2099-01-01-nothing)."
    with pytest.raises(ValueError, match="superseded by unknown agreement 2099-01-01-nothing"):
        diplomacy.terms(data, changed)


# --- counts -------------------------------------------------------------------------------


def test_agreements_by_era_and_kind(data: Data) -> None:
    counts = diplomacy.counts_by_era(data, "agreements")
    assert counts.loc["Total", "Total"] == 30
    # basing: 1971 Tartus and 2015 Hmeimim (Assad era); 2017 x2 and 2020 (intervention)
    assert counts.loc["Assad era, 1970\u20132015", "basing"] == 2
    assert counts.loc["Intervention, 2015\u20132024", "basing"] == 3
    assert counts.loc["Soviet era, 1944\u20131970", "treaty"] == 0  # zeros kept
    assert list(counts.columns) == [*curated.KINDS, "Total"]


def test_events_by_era_and_category(data: Data) -> None:
    counts = diplomacy.counts_by_era(data, "events")
    # every event counted once, whatever the table holds when the test runs
    assert counts.loc["Total", "Total"] == len(data.curated("events"))
    assert counts.loc["After Assad, 2024\u2013", "basing"] == 3
    assert counts.loc["Assad era, 1970\u20132015", "visit"] == 8
    assert counts.loc["After Assad, 2024\u2013", "economic"] == 5
    with pytest.raises(ValueError, match="not 'unsc_vetoes'"):
        diplomacy.counts_by_era(data, "unsc_vetoes")


# --- vetoes -------------------------------------------------------------------------------


def test_veto_summary(data: Data) -> None:
    summary = diplomacy.veto_summary(data)
    assert (summary.count, summary.alone, summary.with_china) == (18, 8, 10)
    assert (summary.first, summary.first_label, summary.first_draft) == (
        "2011-10-04",
        "4 October 2011",
        "S/2011/612",
    )
    assert (summary.last, summary.last_draft) == ("2023-07-11", "S/2023/506")
    assert summary.joint_years == (2011, 2012, 2014, 2016, 2017, 2019, 2020)


def test_vetoes_by_year(data: Data) -> None:
    vetoes = diplomacy.vetoes_by_year(data)
    assert vetoes.groupby("year").size().to_dict() == {
        2011: 1, 2012: 2, 2014: 1, 2016: 2, 2017: 5, 2018: 1, 2019: 2, 2020: 2, 2022: 1, 2023: 1
    }  # fmt: skip
    # years in which Russia vetoed both alone and with China
    both = vetoes.groupby("year")["cast_by"].nunique()
    assert list(both[both == 2].index) == [2016, 2017]
    first = vetoes.iloc[0]
    assert first["vote"] == "9 for, 2 against, 4 abstaining"
    assert first["cast_by"] == diplomacy.WITH_CHINA
    assert vetoes.iloc[-1]["cast_by"] == diplomacy.ALONE


# --- events -------------------------------------------------------------------------------


def test_events_in_order_and_lanes_keep_dots_apart(data: Data) -> None:
    events = diplomacy.events(data, min_gap=1.5)
    assert len(events) == len(data.curated("events"))
    assert events["position"].is_monotonic_increasing
    assert events.iloc[0]["date_label"] == "22 July 1944"
    for _, lane in events.groupby(["category", "lane"]):
        assert (lane["position"].diff().dropna() >= 1.5).all()
    # five economic events between January and April 2025 need five lanes
    economic_2025 = events[
        (events["category"] == "economic") & events["date"].str.startswith("2025")
    ]
    assert sorted(economic_2025["lane"]) == [-2, -1, 0, 1, 2]
    # an event known to the year only is placed mid-year
    visit_1971 = events[events["id"] == "1971-assad-first-moscow-visit"].iloc[0]
    assert (visit_1971["date_label"], round(visit_1971["position"], 1)) == ("1971", 1971.5)
