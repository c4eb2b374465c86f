"""The introduction's facts: the whole relationship in a few numbers, each from the data."""

from __future__ import annotations

import pandas as pd

from analysis import arms, diplomacy, eras, votes
from analysis.countries import RUSSIA, SYRIA, USSR
from analysis.data import Data
from analysis.findings import Facts, sources_of

CHAPTER = "introduction"
# The October War of 1973, after which Moscow resupplied Syria by air: the prose places the
# peak of Soviet deliveries in the year after it.
OCTOBER_WAR = 1973


def revision_example(data: Data) -> pd.Series:
    """The year whose Russian deliveries two SIPRI releases record most differently: the
    prose's example of why releases are never spliced. Columns ``year``, ``tables``,
    ``deals`` and ``citation``."""
    annual = arms.deliveries_to_syria(data)
    annual = annual[annual["supplier"] == RUSSIA]
    both = annual.merge(
        arms.revised_deliveries(data, RUSSIA), on="year", suffixes=("_tables", "_deals")
    )
    both = both.rename(columns={"tiv_tables": "tables", "tiv_deals": "deals"})
    row = both.loc[(both["tables"] - both["deals"]).abs().idxmax()]
    return row.rename({"citation_tables": "citation"})


def _arms(facts: Facts, data: Data) -> None:
    shares = arms.shares(data)
    imports = shares[shares["measure"] == arms.IMPORT_SHARE]
    cited = sources_of(imports["citation"])
    facts.add(
        "import_share", float(imports["part"].sum() / imports["whole"].sum()), ".0%", "", cited
    )
    facts.add("share_first", int(imports["year"].min()), sources=cited)
    facts.add("share_last", int(imports["year"].max()), sources=cited)
    # Russia's first five-year period in which it supplied most of Syria's arms imports.
    periods = arms.shares_by_period(shares)
    russian = periods[(periods["measure"] == arms.IMPORT_SHARE) & (periods["supplier"] == RUSSIA)]
    recent = russian[russian["share"] > 0.5].iloc[0]
    facts.add("russia_recent_share", float(recent["share"]), ".0%", "", cited)
    facts.add("russia_recent_period", recent["period_label"], sources=cited)

    soviet, russian_clients = arms.clients(data, USSR), arms.clients(data, RUSSIA)
    in_soviet = soviet.set_index("recipient").loc[SYRIA]
    in_russian = russian_clients.set_index("recipient").loc[SYRIA]
    cited = sources_of(soviet["citation"])
    facts.add("soviet_clients", len(soviet), sources=cited)
    facts.add("soviet_rank", int(in_soviet["rank"]), sources=cited)
    facts.add("soviet_share", float(in_soviet["share"]), ".1%", "", cited)
    facts.add("soviet_first", int(in_soviet["first_year"]), sources=cited)
    facts.add("soviet_peak_year", int(in_soviet["peak_year"]), sources=cited)
    facts.add("soviet_peak_tiv", float(in_soviet["peak_tiv"]), ",.0f", "million TIV", cited)
    cited = sources_of(russian_clients["citation"])
    facts.add("russian_clients", len(russian_clients), sources=cited)
    facts.add("russian_rank", int(in_russian["rank"]), sources=cited)
    facts.add("russian_share", float(in_russian["share"]), ".1%", "", cited)

    deliveries = arms.deliveries_to_syria(data)
    facts.claim(
        "in [the peak year], the year after the October War of 1973",
        int(in_soviet["peak_year"]) == OCTOBER_WAR + 1,
    )
    others = deliveries[deliveries["year"] != in_soviet["peak_year"]]
    facts.claim(
        "it received [the peak] million TIV, more than in any other year of the series",
        bool((others["tiv"] < in_soviet["peak_tiv"]).all()),
    )
    facts.claim(
        "After 1991 the flow shrank to a fraction of its Soviet volume",
        float(in_russian["tiv"]) < float(in_soviet["tiv"]),
    )

    example = revision_example(data)
    cited = sources_of(deliveries["citation"])
    facts.add("tables_release", data.release(arms.TABLES), sources=cited)
    facts.add("deals_release", data.release(arms.DEALS), sources=cited)
    facts.add("revised_year", int(example["year"]), sources=sources_of([example["citation"]]))
    facts.add(
        "revised_tables", float(example["tables"]), ",.0f", "million TIV", (example["citation"],)
    )
    facts.add(
        "revised_deals", float(example["deals"]), ",.0f", "million TIV", (example["citation"],)
    )

    first, last = arms.overview_span(data)
    facts.add("overview_first", first, sources=cited)
    facts.add("overview_last", last, sources=cited)
    facts.add("tables_last", int(deliveries["year"].max()), sources=cited)
    revised = arms.revised_deliveries(data, RUSSIA)
    facts.add("revised_first", int(revised["year"].min()), sources=sources_of(revised["citation"]))
    facts.add("revised_last", int(revised["year"].max()), sources=sources_of(revised["citation"]))

    silence = arms.register_silence(data)
    register_end = arms.register_coverage_end(data.release(arms.REGISTER))
    facts.claim(
        "Russian deliveries of major weapons recorded by SIPRI for [first] to [last]: none",
        len(silence) == 1 and int(silence["last_year"].iloc[0]) == register_end,
    )
    quiet = silence.iloc[0]
    cited = sources_of(silence["citation"])
    facts.add("silence_first", int(quiet["first_year"]), sources=cited)
    facts.add("silence_last", int(quiet["last_year"]), sources=cited)
    facts.add("register_release", quiet["release"], sources=cited)
    fall = eras.BY_ID["post-assad"].start.year
    facts.claim(
        "The arms record had gone quiet before the regime fell",
        int(quiet["first_year"]) <= fall,
    )


def _record(facts: Facts, data: Data) -> None:
    agreements = diplomacy.terms(data)
    # The terms the bases were given: the basing agreements with a term that renews itself.
    bases = agreements[
        (agreements["kind"] == "basing")
        & agreements["term_years"].notna()
        & agreements["renewal_years"].notna()
    ]
    facts.claim(
        "In January 2017 both were placed on a footing of [term] years",
        len(bases) == int(data.curated("bases")["agreements"].notna().sum())
        and bases["term_years"].nunique() == 1
        and bases["renewal_years"].nunique() == 1
        and set(bases["date"].str[:7]) == {"2017-01"},
    )
    cited = sources_of(bases["sources"])
    facts.add("base_term", int(bases["term_years"].iloc[0]), unit="years", sources=cited)
    facts.add("base_renewal", int(bases["renewal_years"].iloc[0]), unit="years", sources=cited)

    vetoes = diplomacy.vetoes_by_year(data)
    summary = diplomacy.veto_summary(data, vetoes)
    cited = sources_of(vetoes["sources"])
    facts.add("veto_count", summary.count, sources=cited)
    facts.add("veto_with_china", summary.with_china, sources=cited)
    facts.add("veto_first", summary.first_label, sources=cited)
    facts.add("veto_last", summary.last_label, sources=cited)

    for era in eras.ERAS:
        key = era.id.replace("-", "_")
        facts.add(f"era_{key}", era.label)
        facts.add(f"era_{key}_start", diplomacy.date_label(era.start.isoformat()))
    # "1970 belongs to the Soviet era, 2015 to the Assad era and 2024 to the intervention"
    facts.claim(
        "a year is charted under the era in force on 1 July of that year",
        [eras.era_of_year(year) for year in (1970, 2015, 2024)]
        == ["soviet", "assad", "intervention"],
    )

    events = data.curated("events")
    facts.add("n_agreements", len(agreements), sources=sources_of(agreements["sources"]))
    facts.add("n_vetoes", len(vetoes), sources=cited)
    facts.add("n_events", len(events), sources=sources_of(events["sources"]))
    alignment = votes.by_year(data)
    last = votes.last_year(data)
    cited = sources_of(alignment["citation"])
    facts.add(
        "n_roll_calls",
        int(alignment.loc[alignment["year"] <= last, "shared"].sum()),
        ",",
        "roll calls",
        cited,
    )
    facts.add("votes_first", votes.FIRST_YEAR, sources=cited)
    facts.add("votes_last", last, sources=cited)


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of the introduction."""
    found = Facts(CHAPTER)
    _arms(found, data)
    _record(found, data)
    return found
