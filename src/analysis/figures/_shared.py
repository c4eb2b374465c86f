"""Figures drawn by more than one chapter over different years: the Soviet and Russian
deliveries, the agreements timeline and an era's chronology, each built from what it draws."""

from __future__ import annotations

import pandas as pd

from analysis import arms, bibstyle, curated, diplomacy, eras, tables
from analysis.charts import Figure
from analysis.charts import arms as arms_charts
from analysis.charts import diplomacy as diplomacy_charts
from analysis.countries import RUSSIA, USSR
from analysis.data import Data
from analysis.findings._rows import spans_text

ADJECTIVES = {USSR: "Soviet", RUSSIA: "Russian"}


def deliveries(data: Data, name: str, first: int, last: int) -> Figure:
    """Soviet and Russian deliveries to Syria over ``first``-``last``: the annual tables'
    bars, the deal values' revisions and the register's years without a delivery."""
    annual = arms.deliveries_to_syria(data)
    revised = arms.revised_deliveries(data)
    silence = arms.register_silence(data)
    shown = annual[annual["year"].between(first, last)]
    later = revised[revised["year"].between(first, last)]
    quiet = silence[(silence["first_year"] >= first) & (silence["last_year"] <= last)]
    suppliers = " and ".join(
        ADJECTIVES[s] for s in arms.SOVIET_AND_RUSSIA if s in set(shown["supplier"])
    )
    top = shown.loc[shown["tiv"].idxmax()]
    described = (
        f"Bar chart of {suppliers} arms deliveries to Syria by year from {first} to {last}, in "
        f"SIPRI TIV ({shown['release'].iloc[0]} annual tables): the largest "
        f"{int(top['tiv']):,} million in {int(top['year'])}"
    )
    tables_end = min(last, int(annual["year"].max()))
    missing = [y for y in range(first, tables_end + 1) if y not in set(shown["year"])]
    if missing:
        described += f"; no delivery identified in {spans_text(missing, ' and ')}"
    if not later.empty:
        described += (
            f"; lines give the {later['release'].iloc[0]} release's deal values from "
            f"{int(later['year'].min())}"
        )
    for run in quiet.itertuples(index=False):
        described += (
            f"; the {run.release} trade register records no {ADJECTIVES[run.supplier]} delivery in "
            f"{spans_text(range(run.first_year, run.last_year + 1))}"
        )
    chart = arms_charts.soviet_russian_deliveries(annual, revised, silence, first, last)
    drawn = pd.concat([shown, later, quiet], ignore_index=True)
    return Figure(name, chart, drawn, described + ".")


def agreements(data: Data, name: str, terms: pd.DataFrame, what: str) -> Figure:
    """The agreements timeline of ``terms`` (rows of ``diplomacy.terms``), described by its
    kinds and its longest term."""
    kinds = terms["kind"].value_counts()
    listed = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    described = f"Timeline of {len(terms)} {what} by kind ({listed})"
    termed = terms.dropna(subset=["term_years"])
    if not termed.empty:
        longest = termed.loc[termed["term_years"].astype(int).idxmax()]
        described += (
            f"; the longest term is {int(longest['term_years'])} years, for the "
            f"{longest['title']} ({longest['date_label']})"
        )
    chart = diplomacy_charts.agreements_timeline(terms, diplomacy.as_of(data))
    return Figure(name, chart, terms, described + ".")


def cited(data: Data, frame: pd.DataFrame, keys: str, column: str) -> pd.DataFrame:
    """``frame`` with ``column``: its citation keys (``keys``, "a;b") as the text cites them,
    "TASS 2017a; AFP 2012", for tooltips a reader can look up in the bibliography."""
    labels = bibstyle.labels(data.project.bibliography)
    return frame.assign(**{column: [bibstyle.cited_as(cell, labels) for cell in frame[keys]]})


def era_years(era: str) -> tuple[int, int]:
    """The first and last calendar years an era touches."""
    span = eras.BY_ID[era]
    if span.end is None:
        raise ValueError(f"era {era!r} is open-ended")
    return span.start.year, span.end.year


def chronicle(data: Data, era: eras.Era, *, caption: str, name: str) -> str:
    """The era's events and agreements in the curated tables, in date order, each with its
    sources (at the end of the entry: a column of their own is too narrow in print)."""
    events = diplomacy.events(data)
    events = events[events["era"] == era.id]
    deals = diplomacy.terms(data)
    deals = deals[deals["era"] == era.id]
    entries = sorted(
        [
            (row.position, row.date_label, f"Event ({row.category})", row.event, row.sources)
            for row in events[~events["id"].isin(deals["id"])].itertuples()
        ]
        + [
            (row.start, row.date_label, f"Agreement ({row.kind})", row.title, row.sources)
            for row in deals.itertuples()
        ]
    )
    rows = [
        [
            date,
            kind,
            tables.Markup(
                f"{tables.escape(what)} {{cite:p}}`{','.join(curated.split_keys(keys))}`"
            ),
        ]
        for _, date, kind, what, keys in entries
    ]
    return tables.list_table(
        ["Date", "Type", "What, with its sources"],
        rows,
        caption=caption,
        name=name,
        widths=(17, 17, 66),
    )
