"""Every gap in the book's series in one table: which years are missing, why, and how the
charts show them.

Each row is computed from the same analysis functions the charts draw, so the methods
appendix cannot describe a gap the charts no longer have, or miss a new one.
"""

from __future__ import annotations

import pandas as pd

from analysis import arms, curated, eras, tables, trade, votes
from analysis.countries import RUSSIA, USSR
from analysis.data import Data

COLUMNS = ["series", "years", "why", "shown_as", "citation"]

ARMS = "Soviet and Russian arms deliveries (SIPRI)"
TRADE = "Trade with the USSR and Russia (COW)"
VOTES = "General Assembly alignment (Voeten et al.)"


def _years(first: int, last: int) -> str:
    return eras.year_range(first, last)


def _arms(data: Data) -> list[dict[str, str]]:
    exports = data.shown("arms_exports", arms.TABLES)
    (citation,) = exports["citation"].unique()
    first_relations, first_data = eras.ERAS[0].start.year, int(exports["year"].min())
    rows = [
        {
            "series": ARMS,
            "years": _years(first_relations, first_data - 1),
            "why": f"SIPRI's database begins in {first_data}",
            "shown_as": f"not drawn: the arms charts start in {first_data}",
            "citation": citation,
        }
    ]
    annual = arms.deliveries_to_syria(data)
    annual = annual[annual["supplier"].isin([USSR, RUSSIA])]
    present = set(annual["year"])
    span = range(int(annual["year"].min()), int(annual["year"].max()) + 1)
    rows += [
        {
            "series": ARMS,
            "years": _years(first, last),
            "why": "a blank cell in SIPRI's table: no delivery identified, not a measured zero",
            "shown_as": "left empty, never drawn as zero",
            "citation": citation,
        }
        for first, last in eras.spans(year for year in span if year not in present)
    ]
    rows += [
        {
            "series": ARMS,
            "years": _years(silence.first_year, silence.last_year),
            "why": f"SIPRI's {silence.release} trade register lists no delivery from "
            f"{silence.supplier} in these years",
            "shown_as": "stated in words on the chart, not drawn as zeros",
            "citation": silence.citation,
        }
        for silence in arms.register_silence(data).itertuples(index=False)
    ]
    return rows


def _trade(data: Data) -> list[dict[str, str]]:
    flows = trade.cow_flows(data)
    rows = [
        {
            "series": TRADE,
            "years": _years(gap.first_year, gap.last_year),
            "why": gap.reason,
            "shown_as": "a break in the line, never zero or interpolated",
            "citation": "; ".join(dict.fromkeys(flows["citation"])),
        }
        for gap in trade.gaps(flows).itertuples(index=False)
    ]
    official = trade.official_figures(data)
    rows.append(
        {
            "series": TRADE,
            "years": _years(int(flows["year"].max()) + 1, int(official["year"].max())),
            "why": "no comparable series after COW's last release; only figures quoted by "
            "officials, some partial, approximate or an upper bound",
            "shown_as": "separate marks carrying their qualifiers, not joined to the COW line",
            "citation": "; ".join(dict.fromkeys(official["citation"])),
        }
    )
    return rows


def _votes(data: Data) -> list[dict[str, str]]:
    by_year = votes.by_year(data)
    runs = sorted(
        (first, last, str(reason))
        for reason, years in by_year.dropna(subset=["gap"]).groupby("gap")["year"]
        for first, last in eras.spans(years)
    )
    return [
        {
            "series": VOTES,
            "years": _years(first, last),
            "why": reason,
            "shown_as": "a white column labelled with the reason; the line breaks",
            "citation": votes.CITATION,
        }
        for first, last, reason in runs
    ]


def catalogue(data: Data) -> pd.DataFrame:
    """One row per run of missing years in each series, in the order the book presents them
    (arms, trade, votes), each with its reason, how the charts show it and the source."""
    return pd.DataFrame([*_arms(data), *_trade(data), *_votes(data)], columns=COLUMNS)


def markdown_table(data: Data) -> str:
    """The catalogue as the appendix's numbered table, each row cited to its sources."""
    rows = [
        (
            row.series,
            row.years,
            row.why,
            row.shown_as,
            tables.Markup(f"{{cite:p}}`{','.join(curated.split_keys(row.citation))}`"),
        )
        for row in catalogue(data).itertuples(index=False)
    ]
    return tables.list_table(
        ["Series", "Years", "Why there is no value", "How the charts show it", "Sources"],
        rows,
        caption="Missing years in the annual series, and how the charts show them",
        name="tab-gaps",
        widths=(18, 10, 28, 22, 22),
    )
