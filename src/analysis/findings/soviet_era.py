"""The Soviet era's facts, 1944-1970: arms, trade, votes and the curated record of the era."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis import arms, diplomacy, eras, trade, votes
from analysis.countries import SYRIA, USSR
from analysis.data import Data
from analysis.findings import Facts, sources_of
from analysis.findings._rows import stated

CHAPTER = "soviet_era"
ERA = eras.BY_ID["soviet"]
# The suppliers and client the prose names beside the Soviet Union.
CZECHOSLOVAKIA, UNITED_KINGDOM, ITALY, EGYPT = "Czechoslovakia", "United Kingdom", "Italy", "Egypt"
# The years and spans the prose discusses (its subject, not where the data end).
TIV_YEARS = (1955, 1957, 1958, 1959, 1960, 1961, 1965, 1966, 1967, 1968, 1970)
TIV_SPANS = ((1955, 1957), (1960, 1964))
IMPORT_PERIODS = (1950, 1955, 1960, 1965)
EXPORT_PERIODS = (1955, 1960, 1965)
VOTE_YEARS = (1956, 1957, 1965, 1966, 1967, 1968)
VOTE_DECADES = (1940, 1950, 1960)
ISSUES_OF_THE_1960S = ("me", "co", "ec")
# A level "close to" the peak: within a tenth of it.
CLOSE = 0.9


def span(data: Data) -> tuple[int, int]:
    """The years the chapter's series cover: from SIPRI's first year to the era's end."""
    first = int(data.shown("arms_imports", arms.TABLES)["year"].min())
    return first, ERA.end.year


def _arms(facts: Facts, data: Data) -> None:
    first, last = span(data)
    suppliers = arms.imports_by_supplier(data, first, last)
    cited = sources_of(data.shown("arms_imports", arms.TABLES)["citation"])
    facts.add("tables_release", data.release(arms.TABLES), sources=cited)

    def tiv(name: str, supplier: str, start: int, end: int) -> None:
        value = arms.total(suppliers, supplier, start, end)
        facts.add(name, value, ",.0f", "million TIV", cited)

    tiv("sov_total", USSR, first, last)
    tiv("cz_total", CZECHOSLOVAKIA, first, last)
    tiv("uk_total", UNITED_KINGDOM, first, last)
    tiv("italy_total", ITALY, first, last)
    for start, end in TIV_SPANS:
        tiv(f"sov_{start % 100:02d}_{end % 100:02d}", USSR, start, end)
    tiv("cz_55_57", CZECHOSLOVAKIA, *TIV_SPANS[0])
    for year in TIV_YEARS:
        tiv(f"sov_{year}", USSR, year, year)

    soviet = suppliers[suppliers["supplier"] == USSR].set_index("year")["tiv"]
    peak_year = int(soviet.idxmax())
    facts.add("sov_peak_year", peak_year, sources=cited)
    facts.add("sov_peak_tiv", float(soviet.max()), ",.0f", "million TIV", cited)
    first_soviet = int(soviet[soviet > 0].index.min())
    facts.claim("SIPRI's tables record no Soviet arms for Syria before 1955", first_soviet == 1955)
    fifties = soviet[soviet.index < 1960]
    facts.claim(
        "Soviet deliveries rose to [1957's] million TIV, the highest of the decade",
        int(fifties.idxmax()) == 1957,
    )
    facts.claim(
        "Soviet deliveries reached [1967's] million TIV, the highest of the era", peak_year == 1967
    )
    after = soviet[soviet.index > peak_year]
    facts.claim(
        "and stayed close to that level in every remaining year",
        bool((after >= CLOSE * soviet.max()).all()) and len(after) == last - peak_year,
    )

    annual = arms.shares(data)
    periods = arms.shares_by_period(annual)
    periods = periods[(periods["supplier"] == USSR) & (periods["last_year"] <= last)]
    by_period = periods.set_index(["measure", "period"])["share"]
    for measure, prefix, shown, spec in (
        (arms.IMPORT_SHARE, "imp", IMPORT_PERIODS, ".0%"),
        (arms.EXPORT_SHARE, "exp", EXPORT_PERIODS, ".1%"),
    ):
        for period in shown:
            facts.add(f"{prefix}_{period}", float(by_period[(measure, period)]), spec, "", cited)
    facts.claim(
        "Syria was buying little from anyone, and from no one but Moscow [in 1960-1964]",
        by_period[(arms.IMPORT_SHARE, 1960)] == 1.0,
    )
    facts.claim(
        "[In 1965-1969] Syria's share of all Soviet arms exports rose to [its share]",
        by_period[(arms.EXPORT_SHARE, 1965)] > by_period[(arms.EXPORT_SHARE, 1960)],
    )
    imports = annual[(annual["measure"] == arms.IMPORT_SHARE) & (annual["supplier"] == USSR)]
    yearly = imports.set_index("year")["share"]
    facts.add("imp_1956", float(yearly[1956]), ".0%", "", cited)
    from_first = yearly[(yearly.index >= first_soviet) & (yearly.index <= last)]
    facts.claim(
        "Only in 1956 does the Soviet share of Syria's imports fall",
        int(from_first.idxmin()) == 1956 and bool((from_first.drop(1956) > yearly[1956]).all()),
    )

    clients = arms.clients(data, USSR).set_index("recipient")
    syria, egypt = clients.loc[SYRIA], clients.loc[EGYPT]
    cited = sources_of(clients["citation"])
    facts.add("client_rank", int(syria["rank"]), sources=cited)
    facts.add("client_count", len(clients), sources=cited)
    facts.add("client_tiv", float(syria["tiv"]), ",.0f", "million TIV", cited)
    facts.add("client_share", float(syria["share"]), ".1%", "", cited)
    facts.add("client_peak_year", int(syria["peak_year"]), sources=cited)
    facts.add("client_peak_tiv", float(syria["peak_tiv"]), ",.0f", "million TIV", cited)
    facts.add("egypt_rank", int(egypt["rank"]), sources=cited)
    facts.add("egypt_last_year", int(egypt["last_year"]), sources=cited)
    facts.claim("[Syria] stood at rank ... ahead of Egypt", int(syria["rank"]) < int(egypt["rank"]))
    facts.claim(
        "Most of that total came after the period of this chapter",
        arms.total(suppliers, USSR, first, last) < float(syria["tiv"]) / 2,
    )


def _trade(facts: Facts, data: Data) -> None:
    first, last = span(data)
    flows = trade.cow_flows(data)
    era_flows = flows[flows["year"].between(first, last)]
    cited = sources_of(era_flows["citation"])
    (release,) = era_flows["release"].unique()
    facts.add("cow_release", release, sources=cited)
    balance = trade.balance(data).set_index("year")
    for direction, year in (
        ("exports", 1958),
        ("imports", 1958),
        ("exports", 1965),
        ("exports", 1966),
    ):
        value = float(balance.at[year, f"{direction}_musd"])
        facts.add(f"{direction}_{year}", value, ",.1f", "million current US$", cited)
    fifties = balance.loc[balance.index < 1960, "imports_musd"]
    facts.claim(
        "The last year before the break has the highest Syrian sales to the Soviet Union of "
        "the 1950s",
        int(fifties.idxmax()) == 1958,
    )
    facts.claim(
        "Soviet exports to Syria in the trade data rise from [1965] to [1966]",
        balance.at[1966, "exports_musd"] > balance.at[1965, "exports_musd"],
    )
    for name, direction in (("exports", trade.EXPORTS), ("imports", trade.IMPORTS)):
        top = trade.peak(data, direction, first, last)
        facts.add(f"{name}_peak_year", top.year, sources=cited)
        facts.add(f"{name}_peak", top.value_musd, ",.1f", "million current US$", cited)
    era_trade = trade.totals_by_era(data).set_index("era").loc[ERA.id]
    facts.add("trade_years", int(era_trade["years"]), sources=cited)
    facts.add(
        "trade_exports", float(era_trade["exports_musd"]), ",.0f", "million current US$", cited
    )
    facts.add(
        "trade_imports", float(era_trade["imports_musd"]), ",.0f", "million current US$", cited
    )
    facts.add("trade_surplus_years", int(era_trade["surplus_years"]), sources=cited)
    gaps = trade.gaps(era_flows)
    facts.claim(
        "The Correlates of War data set has rows for Syria in 1958 and 1961 but none for 1959 "
        "and 1960",
        list(zip(gaps["first_year"], gaps["last_year"], strict=True)) == [trade.UAR_YEARS],
    )


def _votes(facts: Facts, data: Data) -> None:
    _, last = span(data)
    alignment = votes.by_year(data)
    alignment = alignment[alignment["year"] <= last]
    cited = sources_of(alignment["citation"])
    release = dt.date.fromisoformat(data.release(votes.ROLE))
    facts.add("votes_release", f"{release:%B %Y}", sources=cited)
    by_year = alignment.set_index("year")
    for year in VOTE_YEARS:
        facts.add(f"vote_{year}", float(by_year.at[year, "share"]), ".0%", "", cited)
    facts.add("calls_1961", int(by_year.at[1961, "roll_calls"]), sources=cited)
    facts.add("shared_1961", int(by_year.at[1961, "shared"]), sources=cited)
    no_syrian = alignment.loc[alignment["gap"] == votes.GAPS["no_syrian_votes"], "year"]
    facts.add("uar_vote_years", len(no_syrian), sources=cited)
    gaps = {
        reason: eras.spans(rows["year"])
        for reason, rows in alignment.dropna(subset=["gap"]).groupby("gap")
    }
    facts.claim(
        "White columns ... too few shared roll calls (1951), no Syrian votes during the United "
        "Arab Republic (1958-1960), and no roll calls (1964)",
        gaps
        == {
            votes.GAPS["too_few"]: [(1951, 1951)],
            votes.GAPS["no_syrian_votes"]: [(1958, 1960)],
            votes.GAPS["no_roll_calls"]: [(1964, 1964)],
        },
    )
    shares = by_year["share"]
    facts.claim(
        "the two delegations voted alike on [1957's share] of their shared roll calls, up from "
        "[1956's] the year before",
        shares[1957] > shares[1956],
    )
    facts.claim(
        "In 1967 the two delegations voted alike on [its share], the highest share of the era, "
        "before a fall to [1968's] the following year",
        int(shares.idxmax()) == 1967 and shares[1968] < shares[1967],
    )
    issues = votes.by_issue(data).set_index(["decade", "issue"])
    for decade in VOTE_DECADES:
        value = float(issues.at[(decade, votes.ALL_ISSUES), "share"])
        facts.add(f"vote_{decade}s", value, ".0%", "", cited)
    for issue in ISSUES_OF_THE_1960S:
        facts.add(f"vote_{issue}_1960s", float(issues.at[(1960, issue), "share"]), ".0%", "", cited)
    facts.add("vote_me_1960s_n", int(issues.at[(1960, "me"), "shared"]), sources=cited)


def stated_value(deals: pd.DataFrame, kind: str) -> pd.Series:
    """The one agreement of ``kind`` in ``deals`` with a value a source states."""
    rows = deals[(deals["kind"] == kind) & deals["value_usd"].notna()]
    if len(rows) != 1:
        raise ValueError(f"expected one {kind} agreement with a stated value, found {len(rows)}")
    return rows.iloc[0]


def _record(facts: Facts, data: Data) -> None:
    events = data.curated("events")
    events = events[events["era"] == ERA.id]
    deals = diplomacy.terms(data)
    deals = deals[deals["era"] == ERA.id]
    facts.add("n_events", len(events), sources=sources_of(events["sources"]))
    facts.add("n_agreements", len(deals), sources=sources_of(deals["sources"]))
    # The Czechoslovak letter of credit (arms) and the al-Azm-Kuzmin credits (economic).
    czech, azm_kuzmin = stated_value(deals, "arms"), stated_value(deals, "economic")
    facts.add("czech_credit", czech["value_text"], sources=sources_of([czech["sources"]]))
    facts.add(
        "azm_kuzmin_credit", azm_kuzmin["value_text"], sources=sources_of([azm_kuzmin["sources"]])
    )
    facts.claim(
        "In February 1956 the Syrian government opened a letter of credit of [the value]",
        czech["date"] == "1956-02",
    )
    facts.claim(
        "the Soviet-bloc credits for weapons agreed at the time [of 6 August 1957]",
        azm_kuzmin["date"] == "1957-08-06",
    )


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of the Soviet-era chapter."""
    found = Facts(CHAPTER)
    _arms(found, data)
    _trade(found, data)
    _votes(found, data)
    _record(found, data)
    # Brezhnev's count of 11 July 1967 covers Egypt, Syria and Algeria together.
    advisers = stated(
        found, data, "advisers_1967", speaker="Brezhnev", counts="advisers", dated=1967
    )
    found.claim(
        "that count covers Egypt, Syria and Algeria together",
        all(country in advisers["counts"] for country in ("Egypt", "Syria", "Algeria")),
    )
    return found
