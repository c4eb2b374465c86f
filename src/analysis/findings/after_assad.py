"""The after-Assad chapter: the agreements in question since December 2024, the record's end,
the officials' trade figures, and what the arms, trade and voting series can still say.

Agreements are picked by what the tables record about them (status, kind, term, the site
they govern), never by row id, so that a corrected or extended record changes the sentences
or fails the build naming the one it no longer supports.
"""

from __future__ import annotations

import pandas as pd

from analysis import arms, curated, diplomacy, eras, trade, votes
from analysis.countries import RUSSIA
from analysis.data import Data
from analysis.findings import Facts, sources_of
from analysis.findings._rows import stated

UNDER_REVIEW, TERMINATED = "under_review", "terminated"
# The era that opens with the fall of Assad, from the book's one definition of the eras.
AFTER_ASSAD = eras.ERAS[-1]
# The kinds of site (``bases.kind``) whose leases the chapter describes.
NAVAL, AIR = "naval", "air"
BASING, ECONOMIC, DIPLOMATIC = "basing", "economic", "diplomatic"
# "Decades beyond the present": the leases' first expiry at least this many years after the
# record closes.
DECADES = 20


def in_question(data: Data) -> pd.DataFrame:
    """The agreements whose status at the latest report is under review or terminated, with
    their terms (``diplomacy.terms``), in date order."""
    agreements = data.curated("agreements")
    return diplomacy.terms(data, agreements[agreements["status"].isin([UNDER_REVIEW, TERMINATED])])


def events(data: Data) -> pd.DataFrame:
    """The curated events from the fall of Assad onwards, in date order."""
    table = diplomacy.events(data)
    return table[table["era"] == AFTER_ASSAD.id].reset_index(drop=True)


def _lease(data: Data, agreements: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The agreements in question that govern the site of ``kind`` and set it a term."""
    sites = data.curated("bases")
    governing = {
        key
        for cell in sites.loc[sites["kind"] == kind, "agreements"]
        for key in curated.split_keys(cell)
    }
    return agreements[agreements["id"].isin(governing) & agreements["term_years"].notna()]


def _bases(facts: Facts, data: Data, agreements: pd.DataFrame) -> None:
    """The leases of the naval facility and the air base, and the basing agreements' status."""
    naval, air = _lease(data, agreements, NAVAL), _lease(data, agreements, AIR)
    facts.claim(
        "Agreements under review: among them the base agreements (one lease with a term "
        "for the naval facility, one for the air base)",
        len(naval) == 1
        and len(air) == 1
        and set(naval["status"]) | set(air["status"]) == {UNDER_REVIEW},
    )
    leases = {"naval": naval.iloc[0], "hmeimim": air.iloc[0]}
    for name, lease in leases.items():
        keys = lease["sources"]
        facts.add(f"{name}_term", int(lease["term_years"]), unit="years", sources=keys)
        facts.add(f"{name}_renewal", int(lease["renewal_years"]), unit="years", sources=keys)
    naval_lease = leases["naval"]
    facts.add("naval_expiry", int(naval_lease["first_expiry"]), sources=naval_lease["sources"])
    record_year = data.edition.record_closes.year
    facts.claim(
        "The basing agreements reach decades beyond the present and renew themselves",
        all(
            pd.notna(lease["renewal_years"]) and lease["first_expiry"] - record_year >= DECADES
            for lease in leases.values()
        ),
    )
    basing = agreements[agreements["kind"] == BASING]
    facts.claim(
        "The book therefore records both base agreements, and the 2015 Hmeimim agreement "
        "beneath them, as under review",
        len(basing) == 3
        and set(basing["status"]) == {UNDER_REVIEW}
        and int(basing["open_ended"].sum()) == 1,
    )


def port_investment(facts: Facts, data: Data, port: pd.Series) -> None:
    """The investment Syria's transport minister said the Tartus port concession (``port``,
    its agreements row) would bring, as the claims table records it: one statement, stated
    alike by every chapter that gives it."""
    stated(
        facts,
        data,
        "port_investment",
        speaker="Hammoud",
        counts="Tartus commercial port",
        dated=int(str(port["date"])[:4]),
        scale=10**6,
        unit="US$ million",
    )


def _month(date: str) -> str:
    """A curated date as its month ("February 2025"): the sentence names months, not days."""
    return diplomacy.date_label(str(date)[:7])


def _agreements(facts: Facts, data: Data) -> None:
    """The agreements in question: how many, the ended port concession, the phosphate
    contract, and the statements made since the fall of Assad."""
    agreements = in_question(data)
    review = agreements[agreements["status"] == UNDER_REVIEW]
    ended = agreements[agreements["status"] == TERMINATED]
    facts.add("n_under_review", len(review), sources=sources_of(review["sources"]))
    facts.add("n_terminated", len(ended), sources=sources_of(ended["sources"]))
    _bases(facts, data, agreements)
    facts.claim(
        "The only Russian agreement that the book records as ended by the new authorities "
        "was commercial, not military",
        len(ended) == 1 and set(ended["kind"]) == {ECONOMIC},
    )
    port = ended.iloc[0]
    keys = port["sources"]
    facts.add("port_term", int(port["term_years"]), unit="years", sources=keys)
    port_investment(facts, data, port)
    facts.add("port_expiry", int(port["first_expiry"]), sources=keys)
    facts.add("port_end", port["end_label"], sources=keys)
    economic = review[(review["kind"] == ECONOMIC) & review["term_years"].notna()]
    facts.claim(
        "The phosphate contract is the one economic agreement with a term under review",
        len(economic) == 1,
    )
    phosphate = economic.iloc[0]
    facts.add(
        "phosphate_term", int(phosphate["term_years"]), unit="years", sources=phosphate["sources"]
    )
    since = agreements[agreements["era"] == AFTER_ASSAD.id]
    facts.claim(
        "The ... entries made since the fall of Assad, from the telephone understanding of "
        "... to al-Sharaa's pledge of ..., are diplomatic statements of intent with no term",
        not since.empty
        and set(since["kind"]) == {DIPLOMATIC}
        and bool(since["term_years"].isna().all())
        and "call" in since["title"].iloc[0]
        and "pledge" in since["title"].iloc[-1],
    )
    keys = sources_of(since["sources"])
    facts.add("n_since", len(since), sources=keys)
    facts.add("since_first", _month(since["date"].iloc[0]), sources=since["sources"].iloc[0])
    facts.add("since_last", _month(since["date"].iloc[-1]), sources=since["sources"].iloc[-1])


def _sites(facts: Facts, data: Data) -> None:
    """The site Russia gave up after the fall of Assad, and the two coastal ones it kept."""
    table = diplomacy.sites(data)
    ended = table["end_date"].map(lambda v: curated.first_day(v) if isinstance(v, str) else None)
    left = table[ended.map(lambda day: day is not None and day >= AFTER_ASSAD.start)]
    held = table[table["status"] == curated.IN_USE]
    facts.claim(
        "Russia withdrew from one site after the fall of Assad, Qamishli airport, which no "
        "known agreement governed; it kept the naval facility and the air base on the coast",
        len(left) == 1
        and "Qamishli" in left["name"].iloc[0]
        and set(left["status"]) == {"withdrawn"}
        and bool(left["agreements"].isna().all())
        and sorted(held["kind"]) == sorted([NAVAL, AIR]),
    )
    site = left.iloc[0]
    facts.add("site_left_end", _month(site["end_date"]), sources=site["sources"])


def _official(facts: Facts, data: Data) -> None:
    figures = trade.official_figures(data)
    latest = figures.loc[figures["period_start"].idxmax()]
    upper = figures[figures["qualifier"] == "upper_bound"]
    facts.claim(
        "the book's table holds nothing for 2025; no figure in the book's table covers the "
        "months after Assad's fall",
        int(figures["year"].max()) <= AFTER_ASSAD.start.year
        and figures["period_start"].max().date() < AFTER_ASSAD.start,
    )
    facts.claim(
        "Latest official trade figure: less than US$... million, an upper bound on the level "
        "of trade when it was stated, not a year's total; that last one (the one upper bound) "
        "is also the latest",
        latest["qualifier"] == "upper_bound"
        and len(upper) == 1
        and not bool(latest["annual_total"]),
    )
    every = sources_of(figures["citation"])
    facts.add("latest_bound_musd", latest["value_musd"], ",.0f", "US$ million", latest["citation"])
    facts.add("latest_bound_year", int(latest["year"]), sources=latest["citation"])
    facts.add("n_statements", len(figures), sources=every)
    facts.add("n_partial", int(figures["partial_year"].sum()), sources=every)
    approximate = figures["qualifier"] == "approximate"
    facts.add("n_approximate", int(approximate.sum()), sources=every)
    facts.add("n_current", int(figures["current_at_article"].sum()), sources=every)
    facts.add("n_upper_bound", len(upper), sources=sources_of(upper["citation"]))


def _series(facts: Facts, data: Data) -> None:
    flows = trade.cow_flows(data)
    last = flows[flows["year"] == flows["year"].max()]
    facts.add("cow_last", int(last["year"].iloc[0]), sources=sources_of(last["citation"]))

    silences = arms.register_silence(data)
    facts.claim(
        "SIPRI's trade register records no Russian arms deliveries to Syria in one run of "
        "years, up to the end of the years it covers",
        len(silences) == 1,
    )
    silence = silences.iloc[0]
    release = str(silence["release"])
    covers = arms.register_coverage_end(release)
    deliveries = arms.register_by_year(data, suppliers=[RUSSIA])
    last_delivery = int(deliveries["year"].max())
    facts.claim(
        "records no Russian delivery to Syria in any year from the first to the last silent "
        "year (to the end of its coverage); the last year with one is before them",
        int(silence["last_year"]) == covers and last_delivery < int(silence["first_year"]),
    )
    keys = silence["citation"]
    facts.add("register_release", release, sources=keys)
    facts.add("register_covers", covers, sources=keys)
    facts.add("register_uncovered", covers + 1, sources=keys)
    facts.add("silence_first", int(silence["first_year"]), sources=keys)
    facts.add("silence_last", int(silence["last_year"]), sources=keys)
    facts.add("last_russian_delivery", last_delivery, sources=sources_of(deliveries["citation"]))

    year = votes.last_year(data)
    unga = votes.by_year(data).set_index("year").loc[year]
    facts.add("unga_last_year", year, sources=unga["citation"])
    facts.add("unga_last_share", float(unga["share"]), ".0%", sources=unga["citation"])
    facts.add("unga_last_shared", int(unga["shared"]), unit="roll calls", sources=unga["citation"])


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of chapters/after-assad.md."""
    found = Facts("after_assad")
    _agreements(found, data)
    record_end = diplomacy.as_of(data)
    found.add("record_end", record_end.label)
    after = events(data)
    found.add("n_after_events", len(after), sources=sources_of(after["sources"]))
    _sites(found, data)
    _official(found, data)
    _series(found, data)
    _stated(found, data)
    return found


def _stated(facts: Facts, data: Data) -> None:
    """Figures of the months after the fall, attributed to whoever stated them: the debt, the
    money moved to Moscow, the rebuilding estimate, the first wheat cargo and the people
    sheltered at Hmeimim."""
    stated(
        facts,
        data,
        "debt_shaibani",
        speaker="al-Shaibani",
        counts="Russia and Iran",
        dated=2025,
        scale=10**9,
        format=".0f",
        unit="US$ billion",
    )
    stated(
        facts,
        data,
        "debt_abazeid",
        speaker="Abazeid",
        counts="foreign debt",
        dated=2025,
        scale=10**9,
        format=".0f",
        unit="US$ billion",
    )
    stated(
        facts,
        data,
        "debt_piie",
        speaker="Peterson Institute",
        counts="Iran and Russia",
        dated=2025,
        scale=10**9,
        format=".0f",
        unit="US$ billion",
    )
    stated(
        facts,
        data,
        "cash_to_moscow",
        speaker="Financial Times",
        counts="cash flown",
        dated=2024,
        scale=10**6,
        unit="US$ million",
    )
    rebuilding = stated(
        facts,
        data,
        "rebuilding",
        speaker="StratNews",
        counts="rebuilding",
        dated=2025,
        scale=10**9,
        unit="US$ billion",
    )
    facts.claim(
        "the article does not say whose estimate that is (a weak source)",
        rebuilding["status"] == "weak",
    )
    assad = stated(
        facts,
        data,
        "rebuilding_assad",
        speaker="Bashar al-Assad",
        counts="rebuilding",
        dated=2018,
        scale=10**9,
        unit="US$ billion",
    )
    facts.claim(
        "the upper end of the range Assad himself had claimed",
        assad["status"] == "claim" and assad["value_high"] == rebuilding["value"],
    )
    stated(facts, data, "wheat_tonnes", speaker="Borders", counts="wheat", dated=2025)
    sheltered = stated(
        facts, data, "hmeimim_sheltered", speaker="Zakharova", counts="Hmeimim", dated=2025
    )
    facts.claim(
        "the Russian foreign ministry put them at more than ... (its own count)",
        sheltered["status"] == "claim" and sheltered["qualifier"] == "more_than",
    )
