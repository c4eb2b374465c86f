"""The figures and the table of chapters/assad-era.md, 1970-2015."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from analysis import arms, diplomacy, eras, tables, trade
from analysis.charts import Figure, theme
from analysis.charts import arms as arms_charts
from analysis.charts import trade as trade_charts
from analysis.countries import RUSSIA, USSR
from analysis.data import Data
from analysis.figures._shared import agreements as _agreements
from analysis.figures._shared import claimed, era_years, number
from analysis.figures._shared import deliveries as _deliveries
from analysis.findings._rows import spans_text

ERA = "assad"
# The charts open in 1966, to show the Soviet-era level the era started from, and run to the
# era's end as the book defines it, or to the last year of trade data.
FIRST = 1966
_, LAST = era_years(ERA)
SOVIET_END = 1991  # the last year of Soviet supply; Russia's orders are counted from 1992
PROSE_END = 2011  # the uprising: the orders table lists the contracts signed up to it
APART = 5  # years between two peaks that a title calls two series moving apart


def _trade_last(flows: pd.DataFrame) -> int:
    return min(LAST, int(flows["year"].max()))


def deliveries(data: Data) -> Figure:
    return _deliveries(data, "fig-assad-era-deliveries", FIRST, LAST)


def shares(data: Data) -> Figure:
    """Both directions of importance, by year and by SIPRI's five-year period."""
    annual = arms.shares(data)
    periods = arms.shares_by_period(annual)
    years = annual[annual["year"].between(FIRST, LAST)]
    in_periods = periods[periods["first_year"].ge(FIRST) & periods["last_year"].le(LAST)]
    imports = years[years["measure"] == arms.IMPORT_SHARE].set_index("year")["share"]
    soviet = imports.loc[:SOVIET_END]
    near_all = soviet[soviet >= 0.9]
    russian = imports.loc[SOVIET_END + 1 :]
    exports = years[years["measure"] == arms.EXPORT_SHARE].set_index("year")["share"]
    described = (
        f"Two panels of shares by year from {FIRST} to {int(years['year'].max())}. Above, "
        f"Syria's share of Soviet/Russian arms exports, highest in {int(exports.idxmax())} "
        f"({exports.max():.0%}). Below, the Soviet share of Syria's arms imports was 90% or "
        f"more in {len(near_all)} of the {len(soviet)} years to {SOVIET_END}; Russia's share "
        f"was highest in {int(russian.idxmax())} ({russian.max():.0%})."
    )
    chart = theme.titled(
        arms_charts.shares(annual, periods, FIRST, LAST),
        f"Moscow supplied 90% or more of Syria's arms imports in {len(near_all)} of the "
        f"{len(soviet)} years to {SOVIET_END}; Russia's share peaked at {russian.max():.0%} "
        f"in {int(russian.idxmax())}",
        f"Shares of arms transfers by year and five-year period, "
        f"{eras.year_range(FIRST, int(years['year'].max()))}; SIPRI TIV. {arms_charts.SHARE_KEY}",
    )
    return Figure(
        "fig-assad-era-shares",
        chart,
        pd.concat([years, in_periods], ignore_index=True),
        described,
    )


def agreements(data: Data) -> Figure:
    terms = diplomacy.terms(data)
    era_terms = terms[terms["era"] == ERA]
    return _agreements(data, "fig-assad-era-agreements", era_terms, "agreements of the Assad era")


def composition(data: Data) -> Figure:
    """What each era's deliveries were made of, Soviet/Russian and all suppliers."""
    frame = arms.composition_by_era(data)
    era = frame[(frame["group"] == arms.SOVIET_RUSSIAN) & (frame["era"] == ERA)]
    largest = era.nlargest(3, "share")
    listed = ", ".join(f"{row.category.lower()} {row.share:.0%}" for row in largest.itertuples())
    described = (
        "Stacked bars of delivered weapons by category for each era, for all suppliers and "
        f"for the Soviet Union and Russia: in the Assad era the largest Soviet and Russian "
        f"categories are {listed}."
    )
    top = largest.iloc[0]
    chart = theme.titled(
        arms_charts.composition(frame),
        f"{top.category} made up {top.share:.0%} of Soviet and Russian deliveries in the "
        "Assad era, the largest category",
        "Arms deliveries by weapon category, share of each era's SIPRI TIV",
    )
    return Figure("fig-assad-era-composition", chart, frame, described)


def systems(data: Data) -> Figure:
    """The notable deals, one row each, across every year the register covers."""
    frame = arms.major_systems(data)
    first = int(frame["order_year"].min()) // 5 * 5
    last = arms.register_coverage_end(data.release(arms.REGISTER))
    soviet = frame[frame["supplier"] == USSR]
    russian = frame[frame["supplier"] == RUSSIA]
    described = (
        f"Timeline of {len(frame)} notable Soviet and Russian deals for weapon systems ordered "
        f"for Syria, in four panels ({', '.join(arms.NOTABLE_SYSTEMS).lower()}): "
        f"{len(soviet)} Soviet orders from {int(soviet['order_year'].min())} to "
        f"{int(soviet['order_year'].max())} and {len(russian)} Russian ones from "
        f"{int(russian['order_year'].min())} to {int(russian['order_year'].max())}."
    )
    ordered = eras.year_range(int(soviet["order_year"].min()), int(soviet["order_year"].max()))
    chart = theme.titled(
        arms_charts.major_systems(frame, first, last),
        f"{number(len(soviet)).capitalize()} of the {len(frame)} notable deals were Soviet "
        f"orders, {ordered}",
        f"Notable Soviet and Russian weapon systems ordered for Syria: order, delivery years, "
        f"{eras.year_range(first, last)}",
    )
    return Figure("fig-assad-era-systems", chart, frame, described)


def trade_flows(data: Data) -> Figure:
    flows = trade.cow_flows(data)
    last = _trade_last(flows)
    shown = flows[flows["year"].between(FIRST, last)]
    peak = {
        direction: int(rows.loc[rows["value_musd"].idxmax(), "year"])
        for direction, rows in shown.groupby("direction")
    }
    peaks = [f"{trade.DIRECTION_LABELS[d]} peak in {year}" for d, year in peak.items()]
    described = (
        f"Line chart of trade in both directions from {FIRST} to {last}, in millions of "
        f"current US dollars: {' and '.join(peaks)}."
    )
    chart = theme.titled(
        trade_charts.cow_flows(flows, FIRST, last),
        f"Exports to Syria peaked in {peak[trade.EXPORTS]}, imports from Syria in "
        f"{peak[trade.IMPORTS]}",
        f"Soviet/Russian trade with Syria per year by direction, {eras.year_range(FIRST, last)}; "
        f"{trade_charts.UNIT}",
    )
    return Figure("fig-assad-era-trade", chart, shown, described)


def balance(data: Data) -> Figure:
    frame = trade.balance(data)
    last = _trade_last(frame)
    shown = frame[frame["year"].between(FIRST, last)]
    deficits = shown[shown["balance_musd"] < 0]
    surpluses = shown[shown["balance_musd"] > 0]
    described = (
        f"Bar chart of the Soviet/Russian trade balance with Syria from {FIRST} to {last}: "
        f"deficits in {spans_text(deficits['year'], ' and ')}, the largest in "
        f"{int(deficits.loc[deficits['balance_musd'].idxmin(), 'year'])}; surpluses in "
        f"{spans_text(surpluses['year'], ' and ')}, the largest in "
        f"{int(surpluses.loc[surpluses['balance_musd'].idxmax(), 'year'])}."
    )
    turned = int(deficits["year"].max())
    later = shown[shown["year"] > turned]
    if (later["balance_musd"] > 0).all() and len(later):
        takeaway = f"Deficits with Syria until {turned}, surpluses in every year since"
    else:
        deepest = deficits.loc[deficits["balance_musd"].idxmin(), "year"]
        highest = surpluses.loc[surpluses["balance_musd"].idxmax(), "year"]
        takeaway = f"The largest deficit was in {deepest}, the largest surplus in {highest}"
    chart = theme.titled(
        trade_charts.balance(frame, FIRST, last),
        takeaway,
        f"Soviet/Russian exports to Syria minus imports from Syria, per year, "
        f"{eras.year_range(FIRST, last)}; {trade_charts.UNIT}",
    )
    return Figure("fig-assad-era-balance", chart, shown, described)


def arms_and_trade(data: Data) -> Figure:
    annual = arms.deliveries_to_syria(data)
    flows = trade.cow_flows(data)
    last = _trade_last(flows)
    arms_shown = annual[annual["year"].between(FIRST, last)]
    flows_shown = flows[flows["year"].between(FIRST, last)]
    exports = flows_shown[flows_shown["direction"] == trade.EXPORTS]
    described = (
        f"Two stacked panels over the years {FIRST} to {last}: arms deliveries (TIV) are "
        f"largest in {int(arms_shown.loc[arms_shown['tiv'].idxmax(), 'year'])}, while "
        "Soviet/Russian exports of goods (US dollars) are largest in "
        f"{int(exports.loc[exports['value_musd'].idxmax(), 'year'])}."
    )
    arms_peak = int(arms_shown.loc[arms_shown["tiv"].idxmax(), "year"])
    trade_peak = int(exports.loc[exports["value_musd"].idxmax(), "year"])
    chart = theme.titled(
        trade_charts.arms_and_trade(annual, flows, FIRST, last),
        claimed(
            f"Arms and trade moved apart: arms peaked in {arms_peak}, exports of goods in "
            f"{trade_peak}",
            abs(arms_peak - trade_peak) >= APART,
        ),
        f"Arms deliveries (SIPRI TIV) and trade (current US$) per year, "
        f"{eras.year_range(FIRST, last)}",
    )
    drawn = pd.concat([arms_shown, flows_shown], ignore_index=True)
    return Figure("fig-assad-era-arms-trade", chart, drawn, described)


ORDER_HEADER = ("System", "Type", "Ordered", "Number", "Delivered", "TIV delivered")


def _estimated(value: object, estimate: bool) -> str:
    """A register value with SIPRI's flag for an estimate written beside it, not as a column."""
    return f"{value} (est.)" if estimate else str(value)


def _order_row(order: pd.Series) -> tuple[str, ...]:
    first, last = int(order["first_delivery_year"]), int(order["last_delivery_year"])
    return (
        order["designation"],
        order["description"],
        _estimated(int(order["order_year"]), bool(order["order_year_uncertain"])),
        _estimated(int(order["number_ordered"]), bool(order["number_ordered_uncertain"])),
        eras.year_range(first, last),
        f"{order['tiv_delivered']:,.0f}",
    )


def orders_table(data: Data) -> Markdown:
    """The major Russian systems ordered from 1992 to the uprising, as a numbered table."""
    systems = arms.major_systems(data)
    orders = systems[
        (systems["supplier"] == RUSSIA) & systems["order_year"].between(SOVIET_END + 1, PROSE_END)
    ]
    release = data.release(arms.REGISTER)
    return Markdown(
        tables.list_table(
            ORDER_HEADER,
            [_order_row(order) for _, order in orders.iterrows()],
            caption=f"Major Russian systems ordered for Syria from {SOVIET_END + 1} to "
            f"{PROSE_END} in the SIPRI trade register ({release} release), with the years of "
            "delivery and the TIV delivered (millions at 1990 prices); (est.) marks a year or "
            "number that SIPRI estimates",
            name="tab-assad-era-orders",
            widths=(20, 26, 12, 12, 14, 16),
        )
    )
