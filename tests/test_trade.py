"""The trade analysis against the upstream files: COW v3.0 exact to 2009, v4.0 rounded after,
the UAR gap kept, the smoothed series' oddities surfaced, the official figures' qualifiers."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import trade
from analysis.data import Data

V3 = "cow/cow-trade-v3.0-russia-syria.csv"
V4 = "cow/cow-trade-v4.0-rounded-russia-syria.csv"


def cow_rows(path: Path) -> dict[int, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {int(row["year"]): row for row in csv.DictReader(handle)}


def series(frame, direction: str) -> dict[int, float]:
    rows = frame[frame["direction"] == direction]
    return dict(zip(rows["year"], rows["value_musd"], strict=True))


@pytest.fixture(scope="module")
def flows(data: Data):
    return trade.cow_flows(data)


@pytest.fixture(scope="module")
def smoothed(data: Data):
    return trade.cow_flows(data, "smoothed")


# --- COW flows --------------------------------------------------------------------------------


def test_exports_and_imports_to_2009_are_the_exact_v3_values(flows, sources: Path) -> None:
    v3 = cow_rows(sources / V3)
    exports, imports = series(flows, trade.EXPORTS), series(flows, trade.IMPORTS)
    for year, row in v3.items():
        # flow2 = Syria's imports from Russia = Russian exports; flow1 the other way.
        assert exports[year] == float(row["flow2"])
        assert imports[year] == float(row["flow1"])
    assert exports[2004] == 1415.03 and exports[2008] == 2134.51
    assert imports[1990] == 1513.62
    assert set(flows.loc[flows["year"] <= 2009, "release"]) == {"3.0"}
    assert not flows.loc[flows["year"] <= 2009, "rounded"].any()


def test_2010_to_2014_come_from_v4_flagged_and_noted_as_rounded(flows, sources: Path) -> None:
    v4 = cow_rows(sources / V4)
    later = flows[flows["year"] >= 2010]
    assert sorted(later["year"].unique()) == [2010, 2011, 2012, 2013, 2014]
    assert len(later) == 10
    assert set(later["release"]) == {"4.0"} and later["rounded"].all()
    assert set(later["note"]) == {"COW v4.0, rounded to whole millions"}
    exports, imports = series(later, trade.EXPORTS), series(later, trade.IMPORTS)
    for year in range(2010, 2015):
        assert exports[year] == float(v4[year]["flow2"])
        assert imports[year] == float(v4[year]["flow1"])
    assert exports[2010] == 1210 and imports[2014] == 7


def test_one_row_per_year_and_direction_and_no_uar_rows(flows) -> None:
    assert not flows.duplicated(["year", "direction"]).any()
    assert flows.groupby("direction").size().to_dict() == {trade.EXPORTS: 63, trade.IMPORTS: 63}
    assert not flows["year"].isin([1959, 1960]).any()
    assert flows["year"].min() == 1950 and flows["year"].max() == 2014
    assert not flows["suspect"].any()


def test_the_uar_years_are_one_named_gap(flows) -> None:
    gaps = trade.gaps(flows)
    assert gaps.to_dict("records") == [
        {"first_year": 1959, "last_year": 1960, "reason": trade.UAR_REASON}
    ]
    assert trade.gaps(flows[flows["year"] >= 1961]).empty


def test_v4_revisions_of_v3_years_are_noted_not_applied(flows) -> None:
    revised = flows[flows["note"].str.contains("revises")]
    assert list(revised["year"]) == [1961, 1962, 1963]
    assert set(revised["direction"]) == {trade.IMPORTS}
    assert list(revised["value_musd"]) == [0.0, 0.0, 0.0]  # v3.0 kept
    assert list(revised["note"].str.extract(r"revises it to (\d+)")[0]) == ["3", "5", "14"]


def test_unknown_series_is_refused(data: Data) -> None:
    with pytest.raises(ValueError, match="smoothed"):
        trade.cow_flows(data, "smooth")


# --- the smoothed series ----------------------------------------------------------------------


def test_smoothed_series_is_v4_only_and_rounded(smoothed, sources: Path) -> None:
    v4 = cow_rows(sources / V4)
    assert set(smoothed["release"]) == {"4.0"} and smoothed["rounded"].all()
    assert set(smoothed["series"]) == {"smoothed"}
    exports, imports = series(smoothed, trade.EXPORTS), series(smoothed, trade.IMPORTS)
    for year, row in v4.items():
        assert exports[year] == float(row["smoothflow2"])
        assert imports[year] == float(row["smoothflow1"])
    assert exports[2004] == 357 and exports[2008] == 1030
    assert not smoothed["year"].isin([1959, 1960]).any()


def test_the_1992_smoothed_value_is_flagged_never_silent(smoothed) -> None:
    flagged = smoothed[smoothed["suspect"]]
    assert flagged[["year", "direction", "value_musd"]].to_dict("records") == [
        {"year": 1992, "direction": trade.IMPORTS, "value_musd": 370.0}
    ]
    assert "10 times the recorded flow (37)" in flagged["note"].iloc[0]
    assert "never used" in flagged["note"].iloc[0]
    spike = smoothed[(smoothed["year"] == 2004) & (smoothed["direction"] == trade.EXPORTS)]
    assert spike["note"].iloc[0] == "Smoothed by COW (v4.0, rounded); recorded flow 1,415"


def test_smoothing_changes_and_the_one_suspect(data: Data) -> None:
    changes = trade.smoothing_changes(data)
    assert len(changes) == 10
    suspect = changes[changes["suspect"]]
    assert list(suspect["year"]) == [1992]
    assert suspect["recorded_musd"].iloc[0] == 37 and suspect["ratio"].iloc[0] == 10
    assert not changes.loc[~changes["suspect"], "ratio"].ge(2).any()


def test_spikes_give_the_exact_value_and_cows_neighbour_mean(data: Data) -> None:
    spikes = trade.spikes(data).set_index("year")
    assert list(spikes.index) == [1977, 2004, 2008]
    assert spikes.at[2004, "value_musd"] == 1415.03 and spikes.at[2004, "release"] == "3.0"
    assert spikes.at[2004, "smoothed_musd"] == 357
    assert spikes.at[2004, "neighbours_mean_musd"] == pytest.approx((229.4 + 485.46) / 2)
    assert spikes.at[2008, "neighbours_mean_musd"] == pytest.approx((1125.24 + 935.48) / 2)
    # COW's smoothed value is the neighbours' mean, to its rounding.
    assert (spikes["neighbours_mean_musd"].round() == spikes["smoothed_musd"]).all()
    assert spikes.at[2004, "times_neighbours"] == pytest.approx(3.96, abs=0.01)


# --- prose helpers ----------------------------------------------------------------------------


def test_peak_of_exports_and_imports(data: Data) -> None:
    assert trade.peak(data) == trade.Peak(2008, 2134.51, "3.0", False)
    assert trade.peak(data, trade.IMPORTS) == trade.Peak(1990, 1513.62, "3.0", False)
    assert trade.peak(data, last=1991) == trade.Peak(1986, 275.69, "3.0", False)
    assert trade.peak(data, first=2010) == trade.Peak(2010, 1210.0, "4.0", True)


def test_balance_is_exports_minus_imports(data: Data, flows) -> None:
    balance = trade.balance(data).set_index("year")
    exports, imports = series(flows, trade.EXPORTS), series(flows, trade.IMPORTS)
    assert set(balance.index) == set(exports)
    for year, row in balance.iterrows():
        assert row["balance_musd"] == exports[year] - imports[year]
    assert balance.at[2008, "balance_musd"] == pytest.approx(2134.51 - 38.95)
    assert balance.at[1990, "balance_musd"] == pytest.approx(68.32 - 1513.62)
    assert list(balance.index[balance["rounded"]]) == [2010, 2011, 2012, 2013, 2014]
    assert set(balance.loc[balance["rounded"], "release"]) == {"4.0"}
    assert 1959 not in balance.index and 1960 not in balance.index


def test_totals_by_era_sum_the_years_of_each_era(data: Data) -> None:
    totals = trade.totals_by_era(data).set_index("era")
    assert list(totals.index) == ["soviet", "assad"]
    soviet = totals.loc["soviet"]
    # 1950-58 and 1961-70 (1970 is charted as Soviet: the era ended in November).
    assert (soviet["first_year"], soviet["last_year"], soviet["years"]) == (1950, 1970, 19)
    assert soviet["exports_musd"] == pytest.approx(171.57)
    assert soviet["imports_musd"] == pytest.approx(169.99)
    assert soviet["rounded_years"] == 0
    assad = totals.loc["assad"]
    assert (assad["first_year"], assad["last_year"], assad["rounded_years"]) == (1971, 2014, 5)
    assert totals["balance_musd"].sum() == pytest.approx(trade.balance(data)["balance_musd"].sum())


# --- official figures -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def figures(data: Data):
    return trade.official_figures(data)


def test_official_figures_keep_their_qualifiers(figures) -> None:
    assert len(figures) == 12
    latest = figures[figures["year"] == 2024]
    assert len(latest) == 1
    assert latest["qualifier"].iloc[0] == "upper_bound"
    assert latest["qualifier_label"].iloc[0] == "Upper bound"
    assert latest["value_musd"].iloc[0] == 650
    assert latest["period_label"].iloc[0] == "2024 (current when stated)"


def test_january_to_july_2017_figures_are_partial(figures) -> None:
    partial = figures[figures["partial_year"]]
    jan_jul = partial[partial["period_label"] == "Jan\u2013Jul 2017 only"]
    assert sorted(jan_jul["value_musd"]) == [2.0, 191.0, 192.8]
    assert list(partial.loc[partial["year"] == 2018, "period_label"]) == ["Jan\u2013Aug 2018 only"]
    full_2017 = figures[(figures["year"] == 2017) & ~figures["partial_year"]]
    assert list(full_2017["qualifier_label"]) == ["Approximate"]


def test_measure_labels_are_readable(figures) -> None:
    assert set(figures["measure_label"]) == set(trade.MEASURE_LABELS.values())
    assert not figures["measure_label"].str.contains("_").any()


def test_official_figures_beside_cow(data: Data) -> None:
    both = trade.official_vs_cow(data).set_index(["year", "measure"])
    assert len(both) == 6  # 2010 and 2011, three measures each; no COW after 2014
    exports_2010 = both.loc[(2010, "russian_exports_to_syria")]
    assert (exports_2010["official_musd"], exports_2010["cow_musd"]) == (1100, 1210)
    total_2011 = both.loc[(2011, "total_trade_turnover")]
    assert total_2011["cow_musd"] == 1193 + 49  # COW's two directions, both US$
    assert total_2011["difference_musd"] == 1970 - 1242
    assert both["cow_rounded"].all()


def test_caveats_name_every_trap(data: Data) -> None:
    caveats = trade.caveats(data).set_index("topic")
    assert list(caveats.index) == ["gap", "rounded", "revised", "smoothed", "suspect", "official"]
    assert caveats.at["gap", "years"] == "1959\u20131960"
    assert "United Arab Republic" in caveats.at["gap", "note"]
    assert caveats.at["rounded", "years"] == "2010\u20132014"
    assert "3, 5, 14" in caveats.at["revised", "note"]
    assert "2004 from 1,415.03 to 357" in caveats.at["smoothed", "note"]
    assert "2008 from 2,134.51 to 1,030" in caveats.at["smoothed", "note"]
    suspect = caveats.at["suspect", "note"]
    assert caveats.at["suspect", "years"] == "1992" and "370" in suspect and "(37)" in suspect
    assert caveats.at["official", "note"].startswith("12 figures")
    assert (
        "4 cover part of a year, 1 a level current when stated (its period not given),"
        " 3 are approximate and 1 an upper bound" in caveats.at["official", "note"]
    )
