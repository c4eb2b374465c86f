"""The arms analysis against values read by hand from SIPRI's files (sources/sipri/): the
2022 tables (TIV-Export-USR/RUS-1950-2021.csv), the 2024 deal values by delivery year and the
2025 trade register."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import arms, eras
from analysis.countries import ALL, RUSSIA, SYRIA, USSR
from analysis.data import Data
from analysis.paths import Project


@pytest.fixture(scope="module")
def annual(data: Data) -> pd.DataFrame:
    return arms.deliveries_to_syria(data)


@pytest.fixture(scope="module")
def shares(data: Data) -> pd.DataFrame:
    return arms.shares(data)


@pytest.fixture(scope="module")
def periods(shares: pd.DataFrame) -> pd.DataFrame:
    return arms.shares_by_period(shares)


def value(frame: pd.DataFrame, **where: object) -> float:
    """The one ``tiv`` or ``share`` of the row matching ``where``."""
    rows = frame.loc[(frame[list(where)] == pd.Series(where)).all(axis=1)]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return float(rows.iloc[0]["share" if "share" in rows else "tiv"])


# --- Annual deliveries, three vintages ---------------------------------------------------


def test_the_edition_shows_the_releases_these_numbers_come_from(data: Data) -> None:
    releases = [data.release(role) for role in (arms.TABLES, arms.DEALS, arms.REGISTER)]
    assert releases == ["2022", "2024", "2025"]


def test_annual_values_from_the_tables(annual: pd.DataFrame) -> None:
    assert value(annual, supplier=USSR, year=1974) == 3420
    assert value(annual, supplier=RUSSIA, year=2012) == 496
    assert value(annual, supplier=RUSSIA, year=2018) == 181
    assert set(annual["release"]) == {"2022"}


def test_years_without_deliveries_stay_absent(annual: pd.DataFrame) -> None:
    russia = set(annual.loc[annual["supplier"] == RUSSIA, "year"])
    assert russia == set(range(1992, 2022)) - {1994, 1995, 1996, 1997, 2007, 2019}
    assert set(annual.loc[annual["supplier"] == USSR, "year"]) == set(range(1955, 1992))


def test_each_year_carries_its_era(annual: pd.DataFrame) -> None:
    eras_by_year = annual.drop_duplicates("year").set_index("year")["era"]
    assert eras_by_year[1970] == "soviet"  # the coup was in November
    assert eras_by_year[1971] == "assad"
    assert eras_by_year[2015] == "assad"  # the air campaign began on 30 September
    assert eras_by_year[2016] == "intervention"


def test_total_sums_an_inclusive_span(annual: pd.DataFrame) -> None:
    # 870 + 721 + 1487 + 3164 + 3420, the Syria row of the Soviet table.
    assert arms.total(annual, USSR, 1970, 1974) == 9662
    assert arms.total(annual, RUSSIA, 1994, 1997) == 0


def test_revised_vintage_sums_the_2024_deal_values(data: Data) -> None:
    revised = arms.revised_deliveries(data)
    assert value(revised, year=2018) == 199.06  # 93.06 (S-300PMU1) + 88 (48N6) + 18
    assert value(revised, year=2019) == 36
    assert value(revised, year=2012) == 495.5
    assert set(revised["release"]) == {"2024"}
    assert set(revised["supplier"]) == {RUSSIA}
    assert 2007 not in set(revised["year"])
    assert (revised["year"].min(), revised["year"].max()) == (2000, 2021)


def test_revised_vintage_rounds_to_the_published_tables_where_unrevised(
    data: Data,
    annual: pd.DataFrame,
) -> None:
    """SIPRI's tables are rounded sums of the deal values: 353.4 -> 353, 409.8 -> 410."""
    revised = arms.revised_deliveries(data).set_index("year")["tiv"]
    old = annual[annual["supplier"] == RUSSIA].set_index("year")["tiv"]
    for year in (2010, 2011, 2012, 2013):
        assert round(revised[year]) == old[year]


def test_register_silence_is_read_from_the_register(data: Data) -> None:
    silence = arms.register_silence(data)
    assert silence.to_dict("records") == [
        {
            "supplier": RUSSIA,
            "first_year": 2022,
            "last_year": 2024,
            "release": "2025",
            "citation": "sipri_atdb",
        }
    ]
    assert arms.register_coverage_end("2025") == 2024


def test_register_silence_splits_around_a_recorded_delivery(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a Russian delivery in 2023 added to the register, 2022 and 2024 stay silent."""
    data = Data(project)
    shown = data.shown

    def with_2023(name: str, role: str) -> pd.DataFrame:
        frame = shown(name, role)
        if name == "arms_register":
            extra = frame[frame["supplier"] == RUSSIA].iloc[[0]].assign(delivery_years="2023")
            frame = pd.concat([frame, extra], ignore_index=True)
        return frame

    monkeypatch.setattr(data, "shown", with_2023)
    silence = arms.register_silence(data)
    assert list(zip(silence["first_year"], silence["last_year"], strict=True)) == [
        (2022, 2022),
        (2024, 2024),
    ]


# --- Shares --------------------------------------------------------------------------------


def test_shares_are_fractions(shares: pd.DataFrame, periods: pd.DataFrame) -> None:
    for frame in (shares, periods):
        assert frame["share"].between(0, 1).all()
        assert frame["share"].notna().all()
    assert set(shares["measure"]) == {arms.EXPORT_SHARE, arms.IMPORT_SHARE}


def test_annual_shares_by_hand(shares: pd.DataFrame) -> None:
    exports = shares[shares["measure"] == arms.EXPORT_SHARE]
    imports = shares[shares["measure"] == arms.IMPORT_SHARE]
    # Syria 3420 of the Soviet Total row's 15244 in 1974.
    assert value(exports, supplier=USSR, year=1974) == pytest.approx(3420 / 15244)
    # Russia: Syria 496 of 8177 in 2012.
    assert value(exports, supplier=RUSSIA, year=2012) == pytest.approx(496 / 8177)
    # No deliveries to Syria in 1995 while Russia exported: a share of zero, not a gap.
    assert value(exports, supplier=RUSSIA, year=1995) == 0
    # Syria's imports of 1960 all came from the Soviet Union (21 of 21).
    assert value(imports, supplier=USSR, year=1960) == 1


def test_a_year_without_a_denominator_is_a_gap(shares: pd.DataFrame) -> None:
    """Syria imported nothing in 2019 (2022 release): no share, not a zero."""
    imports = shares[(shares["measure"] == arms.IMPORT_SHARE) & (shares["supplier"] == RUSSIA)]
    assert 2019 not in set(imports["year"])
    assert set(imports["year"]) == set(range(1992, 2022)) - {2019}


def test_suppliers_keep_their_own_years(shares: pd.DataFrame) -> None:
    spans = shares.groupby("supplier")["year"].agg(["min", "max"])
    assert tuple(spans.loc[USSR]) == (1950, 1991)
    assert tuple(spans.loc[RUSSIA]) == (1992, 2021)


def test_five_year_share_is_the_ratio_of_sums(periods: pd.DataFrame) -> None:
    row = periods[
        (periods["measure"] == arms.EXPORT_SHARE)
        & (periods["supplier"] == USSR)
        & (periods["period"] == 1970)
    ].iloc[0]
    # Syria 870+721+1487+3164+3420 over the Total row 9782+11163+13288+15504+15244.
    assert (row["part"], row["whole"]) == (9662, 64981)
    assert row["share"] == pytest.approx(9662 / 64981)
    assert row["period_label"] == "1970\u201374"
    annual = [870 / 9782, 721 / 11163, 1487 / 13288, 3164 / 15504, 3420 / 15244]
    assert row["share"] != pytest.approx(sum(annual) / 5)


def test_periods_say_which_years_they_hold(periods: pd.DataFrame) -> None:
    imports = periods[periods["measure"] == arms.IMPORT_SHARE].set_index(["supplier", "period"])
    # The Soviet Union ends and Russia begins inside 1990-94.
    assert tuple(imports.loc[(USSR, 1990), ["first_year", "last_year", "years"]]) == (1990, 1991, 2)
    assert tuple(imports.loc[(RUSSIA, 1990), ["first_year", "last_year", "years"]]) == (
        1992,
        1994,
        3,
    )
    # 2019 has no denominator, so 2015-19 holds four years.
    assert tuple(imports.loc[(RUSSIA, 2015), ["first_year", "last_year", "years"]]) == (
        2015,
        2018,
        4,
    )


@pytest.mark.parametrize("supplier", [USSR, RUSSIA])
def test_recipients_add_up_to_sipris_total_row(data: Data, supplier: str) -> None:
    """Each year's recipients sum to the Total row within the rounding of each cell (0.5)."""
    exports = data.table("arms_exports")
    rows = exports[exports["supplier"] == supplier]
    totals = rows[rows["recipient"] == ALL].set_index("year")["tiv"]
    parts = rows[rows["recipient"] != ALL].groupby("year")["tiv"].agg(["sum", "size"])
    slack = 0.5 * (parts["size"] + 1)
    assert ((parts["sum"] - totals).abs() <= slack).all()


# --- Syria among the clients ---------------------------------------------------------------


def test_syria_is_the_third_soviet_client(data: Data) -> None:
    clients = arms.clients(data)
    assert ALL not in set(clients["recipient"])
    top = clients.head(4)[["rank", "recipient", "tiv"]].to_records(index=False).tolist()
    # The Total column of TIV-Export-USR-1950-2021.csv.
    assert top == [
        (1, "India", 42303),
        (2, "Poland", 37138),
        (3, SYRIA, 34319),
        (4, "China", 32510),
    ]
    syria = clients.set_index("recipient").loc[SYRIA]
    assert syria["share"] == pytest.approx(34319 / 450754)
    assert (syria["first_year"], syria["last_year"]) == (1955, 1991)
    assert (syria["peak_year"], syria["peak_tiv"]) == (1974, 3420)
    assert clients["rank"].is_monotonic_increasing


def test_clients_of_russia(data: Data) -> None:
    syria = arms.clients(data, RUSSIA).set_index("recipient").loc[SYRIA]
    assert syria["tiv"] == 2409
    assert syria["share"] == pytest.approx(2409 / 152936)


# --- Weapon categories and composition -----------------------------------------------------


def test_every_register_description_has_a_category(data: Data) -> None:
    register = data.table("arms_register")
    categories = {arms.category_of(d) for d in register["description"].unique()}
    assert categories <= set(arms.CATEGORIES)
    assert set(arms.CATEGORY_OF_DESCRIPTION.values()) == set(arms.CATEGORIES)


def test_the_mapping_agrees_with_sipris_own_categories(data: Data) -> None:
    """The 2024 deals export names SIPRI's category of every deal: the mapping follows it."""
    deals = data.table("arms_deliveries").drop_duplicates(["description", "category"])
    for description, category in zip(deals["description"], deals["category"], strict=True):
        assert arms.category_of(description) == category, description
    assert arms.category_of("coastal defence system") == "Sensors"
    assert arms.category_of("SAM system") == "Air defence systems"
    assert arms.category_of("SAM") == "Missiles"


def test_an_unknown_description_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"'laser cannon'.*CATEGORY_OF_DESCRIPTION"):
        arms.category_of("laser cannon")


def test_multi_year_deals_are_split_evenly(data: Data) -> None:
    by_year = arms.register_by_year(data, suppliers=[USSR])
    # Project-205 missile boats, ordered 1982, delivered "1982; 1984", 68 TIV in all.
    boats = by_year[(by_year["designation"] == "Project-205") & (by_year["year"] >= 1982)]
    assert boats[["year", "tiv"]].to_records(index=False).tolist() == [(1982, 34), (1984, 34)]
    register = data.table("arms_register")
    soviet = register.loc[register["supplier"] == USSR, "tiv_delivered"].sum()
    assert by_year["tiv"].sum() == pytest.approx(soviet)
    assert set(by_year["era"]) <= set(eras.ERA_IDS)


def test_composition_by_era(data: Data) -> None:
    mix = arms.composition_by_era(data)
    assert list(dict.fromkeys(mix["group"])) == [arms.SOVIET_RUSSIAN, arms.ALL_SUPPLIERS]
    assert set(mix["era"]) == {"soviet", "assad", "intervention"}
    sums = mix.groupby(["group", "era"])["share"].sum()
    assert sums.to_numpy() == pytest.approx(1)
    register = data.table("arms_register")
    ours = register.loc[register["supplier"].isin([USSR, RUSSIA]), "tiv_delivered"].sum()
    group = mix[mix["group"] == arms.SOVIET_RUSSIAN]
    assert group["tiv"].sum() == pytest.approx(ours)
    assert mix[mix["group"] == arms.ALL_SUPPLIERS]["tiv"].sum() == pytest.approx(
        register["tiv_delivered"].sum()
    )
    # The S-300PMU1 (93.06, 2018) is the only Russian air defence system of the intervention.
    air_defence = group[
        (group["era"] == "intervention") & (group["category"] == "Air defence systems")
    ]
    assert air_defence["tiv"].tolist() == [93.06]


# --- Major systems -------------------------------------------------------------------------


def test_major_systems_follow_the_list(data: Data) -> None:
    systems = arms.major_systems(data)
    listed = {
        d for families in arms.NOTABLE_SYSTEMS.values() for ds in families.values() for d in ds
    }
    assert set(systems["designation"]) == listed
    assert set(systems["supplier"]) == {USSR, RUSSIA}
    assert len(systems) == 54
    assert systems["label"].is_unique
    assert list(dict.fromkeys(systems["group"])) == list(arms.NOTABLE_SYSTEMS)
    mig29 = systems.set_index("label").loc["MiG-29 \u00d748"]
    assert (mig29["order_year"], mig29["delivery_years"], mig29["tiv_delivered"]) == (
        1984,
        "1987;1988",
        991.2,
    )
    assert bool(mig29["order_year_uncertain"])


def test_a_stale_designation_is_an_error(data: Data, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(arms.NOTABLE_SYSTEMS, "Tanks", {"T-80": ("T-80U",)})
    with pytest.raises(ValueError, match="'T-80U'"):
        arms.major_systems(data)


def test_imports_by_supplier_keeps_every_delivery(data: Data) -> None:
    """The small suppliers are summed as "Other suppliers", never dropped."""
    frame = arms.imports_by_supplier(data, 1950, 1970, keep=2)
    imports = data.table("arms_imports")
    rows = imports[(imports["supplier"] != ALL) & imports["year"].between(1950, 1970)]
    assert frame["tiv"].sum() == rows["tiv"].sum()
    assert set(frame["supplier"]) == {USSR, "Czechoslovakia", arms.OTHER}
