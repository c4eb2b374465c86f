"""The figures of chapters/intervention.md, from the uprising to the fall of Assad."""

from __future__ import annotations

import dataclasses

import pandas as pd

from analysis import diplomacy, eras, geo, trade, votes
from analysis.charts import Figure, maps, theme
from analysis.charts import diplomacy as diplomacy_charts
from analysis.charts import trade as trade_charts
from analysis.charts import votes as votes_charts
from analysis.data import Data
from analysis.figures._shared import agreements as _agreements
from analysis.figures._shared import cited, era_years, listed, number
from analysis.figures._shared import deliveries as _deliveries

UPRISING = 2011  # where the chapter opens
_, FALL = era_years("intervention")  # the fall of Assad closes the chapter
TRADE_FIRST = 2000  # the trade chart opens with the decade before the war, for comparison
VOTES_FIRST = 2000


def vetoes(data: Data) -> Figure:
    frame = diplomacy.vetoes_by_year(data)
    counts = frame.groupby("cast_by").size()
    years = frame.groupby("year").size()
    described = (
        f"Bar chart of Russia's {len(frame)} vetoes on Syria per year from "
        f"{int(frame['year'].min())} to {int(frame['year'].max())}: "
        f"{counts.get(diplomacy.ALONE, 0)} cast by Russia alone and "
        f"{counts.get(diplomacy.WITH_CHINA, 0)} together with China; the most in one year, "
        f"{int(years.max())}, in {int(years.idxmax())}."
    )
    span = eras.year_range(int(frame["year"].min()), int(frame["year"].max()))
    chart = theme.titled(
        diplomacy_charts.vetoes_by_year(frame),
        f"Russia vetoed {len(frame)} Security Council drafts on Syria, "
        f"{counts.get(diplomacy.WITH_CHINA, 0)} of them together with China",
        f"Russian vetoes of draft resolutions on Syria, one mark each, by year, {span}",
    )
    return Figure("fig-intervention-vetoes", chart, frame, described)


def arms_deliveries(data: Data) -> Figure:
    return _deliveries(data, "fig-intervention-arms", UPRISING, FALL)


def bases(data: Data) -> Figure:
    sites = cited(data, diplomacy.sites(data), "sources", maps.CITED_AS)
    geography = geo.geography(data.project)
    places = cited(data, geography.places, "source", maps.CITED_AS)
    geography = dataclasses.replace(geography, places=places)
    named = "; ".join(
        f"{row.name} ({row.kind_label}{f', {row.ended}' if isinstance(row.ended, str) else ''})"
        for row in sites.itertuples()
    )
    cities = ", ".join(geography.places["name"])
    described = (
        f"Map of Syria and its neighbours marking {len(sites)} Russian sites: {named}; "
        f"with the cities {cities}, the Golan ceasefire line, a scale bar of "
        f"{maps.SCALE_KM} km and a locator map of the region."
    )
    held = sites[sites["ended"].isna()]
    chart = theme.titled(
        maps.sites(sites, geography),
        f"Russia kept {number(len(held))} of its {number(len(sites))} sites in Syria: "
        f"{listed(list(held['name']))}",
        "Sites of the Russian military in Syria, as the sources cited in the data place them; "
        "faded, those given up",
    )
    return Figure("fig-intervention-bases", chart, sites, described)


def agreements(data: Data) -> Figure:
    terms = diplomacy.terms(data)
    wartime = terms[
        (terms["date"].str[:4].astype(int) >= UPRISING) & (terms["era"] != "post-assad")
    ]
    return _agreements(
        data,
        "fig-intervention-agreements",
        wartime,
        "Russian-Syrian agreements from the uprising to the fall of Assad",
    )


def trade_and_statements(data: Data) -> Figure:
    flows = trade.cow_flows(data)
    figures = cited(data, trade.official_figures(data), "citation", trade_charts.CITED_AS)
    last = int(figures["year"].max())
    shown = flows[flows["year"].between(TRADE_FIRST, last)]
    exports = shown[shown["direction"] == trade.EXPORTS].set_index("year")["value_musd"]
    stated = ", ".join(str(year) for year in sorted(figures["year"].unique()))
    described = (
        f"Line chart of Russian exports to Syria and Syrian exports to Russia from "
        f"{TRADE_FIRST} to {int(shown['year'].max())} in the Correlates of War data, Russian "
        f"exports peaking in {int(exports.idxmax())}, with separate marks for the trade "
        f"figures officials stated for {stated}."
    )
    cow_last = int(shown["year"].max())
    takeaway = f"Russian exports to Syria peaked in {int(exports.idxmax())} in the recorded trade"
    if last > cow_last:
        takeaway += f"; after {cow_last} only officials' statements give figures"
    chart = theme.titled(
        trade_charts.cow_and_official(flows, figures, TRADE_FIRST, last),
        takeaway,
        f"Trade per year by direction (Correlates of War) and figures stated by officials, "
        f"{eras.year_range(TRADE_FIRST, last)}; {trade_charts.UNIT}. {trade_charts.OFFICIAL_KEY}",
    )
    drawn = pd.concat(
        [shown.assign(kind="COW"), figures.assign(kind="official")], ignore_index=True
    )
    return Figure("fig-intervention-trade", chart, drawn, described)


def unga(data: Data) -> Figure:
    alignment = votes.by_year(data)
    recent = alignment[alignment["year"] >= VOTES_FIRST]
    shares = recent.dropna(subset=["share"])
    gaps = recent[recent["share"].isna()]
    described = (
        f"Line chart of the share of General Assembly roll calls on which Syria and Russia "
        f"voted alike, {int(shares['year'].min())} to {int(shares['year'].max())}, between "
        f"{shares['share'].min():.0%} ({int(shares.loc[shares['share'].idxmin(), 'year'])}) "
        f"and {shares['share'].max():.0%} ({int(shares.loc[shares['share'].idxmax(), 'year'])})"
    )
    for row in gaps.itertuples():
        calls = "one roll call" if row.roll_calls == 1 else f"{row.roll_calls} roll calls"
        described += f"; {row.year}, with {calls}, is a gap"
    chart = theme.titled(
        votes_charts.alignment(recent),
        f"Syria and Russia voted alike on {shares['share'].min():.0%} to "
        f"{shares['share'].max():.0%} of shared roll calls a year",
        "Share of shared General Assembly roll calls with the same vote, per year, "
        f"{eras.year_range(int(shares['year'].min()), int(shares['year'].max()))}",
    )
    return Figure("fig-intervention-unga", chart, recent, described + ".")


def unga_issues(data: Data) -> Figure:
    frame = votes.by_issue(data)
    tags = frame[frame["issue"] != votes.ALL_ISSUES]
    described = (
        f"{tags['issue'].nunique()} small charts, one per issue tag, of the share of General "
        "Assembly roll calls on which Syria and the USSR or Russia voted alike in each decade "
        f"from the {int(frame['decade'].min())}s to the {int(frame['decade'].max())}s, "
        "compared with the share over all roll calls."
    )
    totals = tags.groupby("issue_name")[["agreed", "shared"]].sum()
    rate = (totals["agreed"] / totals["shared"]).sort_values()
    decades = f"{int(frame['decade'].min())}s to {int(frame['decade'].max())}s"
    chart = theme.titled(
        votes_charts.alignment_by_issue(frame),
        f"Syria and Moscow voted alike most on {rate.index[-1]} ({rate.iloc[-1]:.0%}), "
        f"least on {rate.index[0]} ({rate.iloc[0]:.0%})",
        f"Share of shared General Assembly roll calls with the same vote, by issue and decade, "
        f"{decades}",
    )
    return Figure("fig-intervention-unga-issues", chart, frame, described)
