"""The after-Assad chapter's figures and its table of events, each described from the rows
it draws."""

from __future__ import annotations

import re

from analysis import diplomacy, eras, findings, tables, trade
from analysis.charts import Figure, theme
from analysis.charts import diplomacy as diplomacy_charts
from analysis.charts import trade as trade_charts
from analysis.data import Data
from analysis.figures._shared import cited, listed, number
from analysis.findings import after_assad

# How a description words a stated figure of each qualifier, as the chart's labels do.
QUALIFIER_WORDS = {"exact": "", "approximate": "about ", "upper_bound": "less than "}


def agreements(data: Data) -> Figure:
    """The agreements under review or terminated since the fall of Assad, on a timeline."""
    frame = after_assad.in_question(data)
    fall = diplomacy.date_label(after_assad.AFTER_ASSAD.start.isoformat())
    renewing = frame[frame["renewal_years"].notna()]
    ended = frame[frame["status"] == after_assad.TERMINATED]
    terms = listed(sorted({str(term) for term in renewing["term_years"]}))
    parts = [f"{len(renewing)} renew themselves after terms of {terms} years"] if terms else []
    parts += [f"{row.title} ended in {row.end_label}" for row in ended.itertuples(index=False)]
    description = (
        f"Timeline of the {len(frame)} {listed(list(dict.fromkeys(frame['kind'])))} "
        f"agreements reported as under review or terminated since the fall of Assad on {fall}: "
        + "; ".join(parts)
        + "."
    )
    review = frame[frame["status"] == after_assad.UNDER_REVIEW]
    takeaway = f"Since {fall}, {number(len(review))} agreements have come under review"
    if len(ended):
        takeaway += f" and {number(len(ended))} {'has' if len(ended) == 1 else 'have'} ended"
    chart = theme.titled(
        diplomacy_charts.agreements_timeline(frame, diplomacy.as_of(data)),
        takeaway,
        "Agreements reported as under review or terminated since the fall of Assad: term, "
        "renewal and status at the latest report",
    )
    return Figure("fig-after-agreements", chart, frame, description)


def official_trade(data: Data) -> Figure:
    """Every trade figure stated by Russian officials, as separate marks up to the record's
    end."""
    figures = cited(data, trade.official_figures(data), "citation", trade_charts.CITED_AS)
    first, last = int(figures["year"].min()), int(figures["year"].max())
    latest = figures.loc[figures["period_start"].idxmax()]
    largest = figures.loc[figures["value_musd"].idxmax()]
    description = (
        f"Separate marks for each of the {len(figures)} trade figures stated by Russian "
        f"officials, from {first} to {last}; the latest, for {latest['year']}, is "
        f"{QUALIFIER_WORDS[latest['qualifier']]}US${latest['value_musd']:,.0f} million; the "
        f"largest is US${largest['value_musd']:,.0f} million, for {largest['year']}."
    )
    end = int(diplomacy.as_of(data).position)
    chart = theme.titled(
        trade_charts.official_figures(figures, first, end),
        f"Officials' latest figure, for {latest['year']}, is "
        f"{QUALIFIER_WORDS[latest['qualifier']]}US${latest['value_musd']:,.0f} million"
        + (
            ""
            if latest.name == largest.name
            else f"; the largest, for {largest['year']}, US${largest['value_musd']:,.0f} million"
        ),
        "Russia-Syria trade as stated by Russian officials and state media, "
        f"{eras.year_range(first, last)}; {trade_charts.UNIT}. {trade_charts.OFFICIAL_KEY}",
    )
    return Figure("fig-after-official-trade", chart, figures, description)


# Sentences of the curated notes written for the project's researchers, not for readers:
# how a research category was mapped, and cross-references to a row id of another table.
_INTERNAL = re.compile(r"Research category [^.:]*(?::[^.]*)?\.\s*|;?\s*see agreements \([^)]*\)")


def _for_readers(text: str) -> str:
    """An event or its note without the internal notes the curated table keeps."""
    return " ".join(_INTERNAL.sub("", text).split()).replace(" .", ".")


def events_table(data: Data) -> str:
    """The events of the period in the book's curated record, as a numbered table."""
    rows = [
        (
            row.date_label,
            row.category,
            _for_readers(f"{row.event} {row.note}"),
            tables.Markup(f"{{cite:p}}`{','.join(findings.sources_of([row.sources]))}`"),
        )
        for row in after_assad.events(data).itertuples(index=False)
    ]
    return tables.list_table(
        ["Date", "Category", "Event, with the book's note", "Sources"],
        rows,
        caption="Events since the fall of Assad in the book's curated record",
        name="tab-after-events",
        widths=(13, 11, 44, 32),
    )
