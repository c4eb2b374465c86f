"""The Soviet era's figures and chronology table, 1944-1970."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from analysis import arms, charts, diplomacy, eras, trade, votes
from analysis.charts import arms as arms_charts
from analysis.charts import theme
from analysis.charts import trade as trade_charts
from analysis.charts import votes as votes_charts
from analysis.countries import SYRIA, USSR
from analysis.data import Data
from analysis.figures._shared import chronicle, claimed, largest
from analysis.findings.soviet_era import ERA, span

# "Mostly above three quarters": the share of agreement the votes figure's text measures.
HIGH_SHARE = 0.75


def _years(years: pd.Series) -> str:
    """Runs of years as prose: "1958-1960, 1964"."""
    return ", ".join(eras.year_range(first, last) for first, last in eras.spans(years))


def suppliers(data: Data) -> charts.Figure:
    """Syria's arms imports by supplier over the era."""
    first, last = span(data)
    frame = arms.imports_by_supplier(data, first, last)
    totals = frame.groupby("supplier")["tiv"].sum().sort_values(ascending=False)
    soviet = frame[frame["supplier"] == USSR].set_index("year")["tiv"]
    before = frame[frame["year"] < soviet.index.min()]
    description = (
        f"Stacked bar chart of Syria's arms imports per year from {first} to {last} by supplier "
        f"(largest first: {', '.join(totals.index)}). Before {soviet.index.min()} the "
        f"deliveries came from {', '.join(before['supplier'].unique())}; the Soviet Union's "
        f"largest year is {soviet.idxmax()}, at {soviet.max():,.0f} million TIV."
    )
    share = totals[USSR] / totals.sum()
    chart = theme.titled(
        arms_charts.deliveries(frame, first, last),
        f"The Soviet Union supplied {share:.0%} of Syria's arms imports, "
        f"{eras.year_range(first, last)}",
        f"Syria's arms imports per year by supplier, {eras.year_range(first, last)}; "
        f"{arms_charts.TIV_UNIT}",
    )
    return charts.Figure("fig-soviet-era-suppliers", chart, frame, description)


def shares(data: Data) -> charts.Figure:
    """The importance of the trade in both directions: Syria's share of Soviet exports and the
    Soviet share of Syria's imports, by year and five-year period."""
    first, last = span(data)
    every = arms.shares(data)
    annual = every[every["year"] <= last]
    # Whole five-year periods only: one cut by the era's end would mix two eras.
    periods = arms.shares_by_period(every)
    periods = periods[periods["last_year"] <= last]
    exports = annual[annual["measure"] == arms.EXPORT_SHARE].set_index("year")["share"]
    imports = periods[periods["measure"] == arms.IMPORT_SHARE]
    described = "; ".join(f"{p.period_label}: {p.share:.0%}" for p in imports.itertuples())
    description = (
        f"Two panels of shares from {first} to {last}. Syria's share of Soviet arms exports "
        f"stays at or below {exports.max():.1%} a year, highest in {exports.idxmax()}. The "
        f"Soviet share of Syria's arms imports by five-year period: {described}."
    )
    drawn = pd.concat([annual, periods], ignore_index=True).convert_dtypes()
    start, end = imports.iloc[0], imports.iloc[-1]
    chart = theme.titled(
        arms_charts.shares(annual, periods, first, last),
        claimed(
            f"The Soviet share of Syria's arms imports rose from {start.share:.0%} "
            f"({start.period_label}) to {end.share:.0%} ({end.period_label})",
            end.share > start.share,
        ),
        f"Shares of arms transfers by year and five-year period, {eras.year_range(first, last)}; "
        f"SIPRI TIV. {arms_charts.SHARE_KEY}",
    )
    return charts.Figure("fig-soviet-era-shares", chart, drawn, description)


def trade_flows(data: Data) -> charts.Figure:
    """Recorded trade with the Soviet Union over the era, the UAR years a break."""
    first, last = span(data)
    flows = trade.cow_flows(data)
    frame = flows[flows["year"].between(first, last)]
    gaps = trade.gaps(frame)
    peaks = [trade.peak(data, d, first, last) for d in (trade.EXPORTS, trade.IMPORTS)]
    breaks = ", ".join(eras.year_range(g.first_year, g.last_year) for g in gaps.itertuples())
    description = (
        f"Line chart of Soviet exports to Syria and imports from Syria, {first} to {last}, "
        f"with a break for {breaks or 'no year'} (no rows). Exports peak at "
        f"{peaks[0].value_musd:,.1f} million current US$ in {peaks[0].year}, imports at "
        f"{peaks[1].value_musd:,.1f} million in {peaks[1].year}."
    )
    chart = theme.titled(
        trade_charts.cow_flows(frame, first, last),
        f"Soviet trade with Syria peaked in {peaks[0].year} in both directions"
        if peaks[0].year == peaks[1].year
        else f"Soviet exports to Syria peaked in {peaks[0].year}, imports from Syria in "
        f"{peaks[1].year}",
        f"Trade per year by direction, {eras.year_range(first, last)}; {trade_charts.UNIT}",
    )
    return charts.Figure("fig-soviet-era-trade", chart, frame, description)


def alignment(data: Data) -> charts.Figure:
    """How often the two delegations voted alike, year by year, to the era's end."""
    _, last = span(data)
    frame = votes.by_year(data)
    frame = frame[frame["year"] <= last]
    scored = frame.dropna(subset=["share"])
    low, high = scored.loc[scored["share"].idxmin()], scored.loc[scored["share"].idxmax()]
    gaps = "; ".join(
        f"{reason} in {_years(rows['year'])}"
        for reason, rows in frame.dropna(subset=["gap"]).groupby("gap", sort=False)
    )
    description = (
        "Line chart of the yearly share of General Assembly roll calls on which the USSR and "
        f"Syria voted alike, {frame['year'].min()} to {last}: lowest in {low['year']} "
        f"({low['share']:.0%}), highest in {high['year']} ({high['share']:.0%}); "
        f"{(scored['share'] > HIGH_SHARE).sum()} of {len(scored)} years above three quarters. "
        f"Gaps: {gaps or 'none'}."
    )
    above = int((scored["share"] > HIGH_SHARE).sum())
    chart = theme.titled(
        votes_charts.alignment(frame),
        f"Syria voted with the Soviet Union on more than three quarters of roll calls in "
        f"{above} of {len(scored)} years",
        "Share of shared General Assembly roll calls with the same vote, per year, "
        f"{eras.year_range(frame['year'].min(), last)}",
    )
    return charts.Figure("fig-soviet-era-votes", chart, frame, description)


def clients(data: Data) -> charts.Figure:
    """The largest recipients of Soviet arms, Syria marked."""
    frame = arms.clients(data, USSR)
    syria = frame[frame["recipient"] == SYRIA].iloc[0]
    ahead = frame[frame["rank"] < syria["rank"]]["recipient"]
    description = (
        "Horizontal bar chart of the ten largest recipients of Soviet arms from "
        f"{frame['first_year'].min()} to {frame['last_year'].max()}; Syria is at rank "
        f"{syria['rank']} of {len(frame)}" + (f", after {', '.join(ahead)}." if len(ahead) else ".")
    )
    years = eras.year_range(frame["first_year"].min(), frame["last_year"].max())
    chart = theme.titled(
        arms_charts.clients(frame),
        f"Syria was the {largest(int(syria['rank']))} recipient of Soviet arms",
        f"Soviet arms exports by recipient, the ten largest, {years}; {arms_charts.TIV_UNIT}",
    )
    return charts.Figure("fig-soviet-era-clients", chart, frame, description)


def chronology(data: Data) -> Markdown:
    """The era's events and agreements in the curated tables, in date order."""
    return Markdown(
        chronicle(
            diplomacy.events(data),
            diplomacy.terms(data),
            ERA,
            caption="Events and agreements of the Soviet era in the curated tables",
            name="tab-soviet-era-chronology",
        )
    )
