"""Figures drawn by more than one chapter over different years: the Soviet and Russian
deliveries, the agreements timeline and an era's chronology, each built from what it draws."""

from __future__ import annotations

import pandas as pd

from analysis import arms, bibstyle, curated, diplomacy, eras, tables
from analysis.charts import Figure, theme
from analysis.charts import arms as arms_charts
from analysis.charts import diplomacy as diplomacy_charts
from analysis.countries import RUSSIA, USSR
from analysis.data import Data
from analysis.findings import FindingError
from analysis.findings._rows import spans_text

ADJECTIVES = {USSR: "Soviet", RUSSIA: "Russian"}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = ("", "", "second-", "third-", "fourth-", "fifth-", "sixth-", "seventh-", "eighth-")
# A chart title says "never came close" of a later supplier whose best year stays under
# this share of the earlier one's peak.
FAR_BELOW = 0.5


def claimed(title: str, holds: bool) -> str:
    """A chart title whose truth the data decide: ``title`` while it holds; otherwise the
    build fails and names it (a new release must not leave a false title in print)."""
    if not holds:
        raise FindingError(
            f"figures: the data no longer support the chart title {title!r}: revise it "
            "(and its check in analysis.figures)"
        )
    return title


def decade(year: int) -> str:
    """The part of its decade a year falls in, as a title says it: "the mid-1970s"."""
    part = "early" if year % 10 <= 3 else "mid" if year % 10 <= 6 else "late"
    return f"the {part}-{year // 10 * 10}s" if part == "mid" else f"the {part} {year // 10 * 10}s"


def number(count: int) -> str:
    """A small count in words ("three"), a larger one in figures."""
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def largest(rank: int) -> str:
    """A rank as a title says it: "largest", "third-largest", "12th-largest"."""
    return f"{ORDINALS[rank] if rank < len(ORDINALS) else f'{rank}th-'}largest"


def listed(items: list[str]) -> str:
    """Words as prose lists them: 'a', 'a and b', 'a, b and c'."""
    return " and ".join(filter(None, [", ".join(items[:-1]), *items[-1:]]))


def deliveries_measured(first: int, last: int, revised: pd.DataFrame) -> str:
    """The subtitle of a chart of deliveries to Syria over ``first``-``last``, with the key
    to the ``revised`` values' lines when it draws any."""
    span = eras.year_range(first, last)
    measured = f"Arms deliveries to Syria per year, {span}; {arms_charts.TIV_UNIT}."
    return f"{measured} {arms_charts.revised_key(revised)}" if len(revised) else measured


def deliveries_takeaway(shown: pd.DataFrame, silence: pd.DataFrame) -> str:
    """What a chart of Soviet and Russian deliveries shows: the Soviet peak and how far
    below it Russia stayed or, with Russia alone, Russia's peak and the register's silence
    after it."""
    by_supplier = {name: rows.set_index("year")["tiv"] for name, rows in shown.groupby("supplier")}
    russia = by_supplier.get(RUSSIA)
    if USSR in by_supplier:
        soviet = by_supplier[USSR]
        title = f"Soviet deliveries peaked in {decade(int(soviet.idxmax()))}"
        if russia is None:
            return title
        return claimed(
            f"{title}; Russia's never came close after {int(soviet.index.max())}",
            russia.max() < FAR_BELOW * soviet.max(),
        )
    title = f"Russian deliveries peaked in {int(russia.idxmax())}"
    if silence.empty:
        return title
    return f"{title}; none are recorded from {int(silence['first_year'].min())}"


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
    chart = theme.titled(
        arms_charts.soviet_russian_deliveries(annual, revised, silence, first, last),
        deliveries_takeaway(shown, quiet),
        deliveries_measured(first, last, later),
    )
    drawn = pd.concat([shown, later, quiet], ignore_index=True)
    return Figure(name, chart, drawn, described + ".")


def agreements(data: Data, name: str, terms: pd.DataFrame, what: str) -> Figure:
    """The agreements timeline of ``terms`` (rows of ``diplomacy.terms``), described by its
    kinds and its longest term."""
    kinds = terms["kind"].value_counts()
    by_kind = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    described = f"Timeline of {len(terms)} {what} by kind ({by_kind})"
    termed = terms.dropna(subset=["term_years"])
    if termed.empty:
        takeaway = claimed(
            f"Most of the {len(terms)} {what} are {kinds.index[0]} agreements",
            kinds.iloc[0] > len(terms) / 2,
        )
    else:
        longest = termed.loc[termed["term_years"].astype(int).idxmax()]
        described += (
            f"; the longest term is {int(longest['term_years'])} years, for the "
            f"{longest['title']} ({longest['date_label']})"
        )
        takeaway = (
            f"The longest term is {int(longest['term_years'])} years: the "
            f"{longest['title']} ({longest['date_label']})"
        )
    chart = theme.titled(
        diplomacy_charts.agreements_timeline(terms, diplomacy.as_of(data)),
        takeaway,
        f"{what[0].upper()}{what[1:]}, by kind: term, renewal and status at the latest report",
    )
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


def chronicle(
    events: pd.DataFrame, deals: pd.DataFrame, era: eras.Era, *, caption: str, name: str
) -> str:
    """The era's rows of ``events`` (``diplomacy.events``) and ``deals``
    (``diplomacy.terms``), in date order, each with its sources (at the end of the entry: a
    column of their own is too narrow in print)."""
    events = events[events["era"] == era.id]
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
