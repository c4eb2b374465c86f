"""The facts of chapters/intervention.md: the vetoes, arms during the war, the bases and
concessions, trade and the General Assembly votes, from the opening of the air campaign to
the fall of Assad (the uprising and the vetoes before it close the Assad-era chapter)."""

from __future__ import annotations

import pandas as pd

from analysis import arms, diplomacy, eras, trade, votes
from analysis.countries import RUSSIA, SYRIA
from analysis.data import Data
from analysis.findings import Facts
from analysis.findings._rows import era_years, keys, one, spans_text, stated
from analysis.findings.after_assad import port_investment

UPRISING = 2011  # the year of the uprising, the baseline of the trade and vote comparisons
INTERVENTION = eras.BY_ID["intervention"]
TIV = "million TIV"
MUSD = "million current US$"


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of the chapter."""
    facts = Facts("intervention")
    era_years(facts, data, INTERVENTION)
    start = diplomacy.date_label(INTERVENTION.start.isoformat())
    facts.add("era_start", start, sources=facts["era_years"].sources)
    _vetoes(facts, data)
    _agreements(facts, data)
    _arms(facts, data)
    _votes(facts, data)
    _trade(facts, data)
    _stated(facts, data)
    _arbiter(facts, data)
    _toll(facts, data)
    _israel_and_wagner(facts, data)
    return facts


def _vetoes(facts: Facts, data: Data) -> None:
    vetoes = diplomacy.vetoes_by_year(data)
    summary = diplomacy.veto_summary(data, vetoes)
    cited = keys(vetoes["sources"])
    first, last = vetoes.iloc[0], vetoes.iloc[-1]
    facts.add("veto_count", summary.count, sources=cited)
    facts.add("veto_with_china", summary.with_china, sources=cited)
    facts.add("veto_alone", summary.alone, sources=cited)
    facts.add("veto_first", summary.first_label, sources=keys(first["sources"]))
    facts.add("veto_last", summary.last_label, sources=keys(last["sources"]))
    facts.add("veto_last_draft", summary.last_draft, sources=keys(last["sources"]))
    facts.add("veto_last_vote", last["vote"], sources=keys(last["sources"]))
    facts.add("veto_last_joint_year", summary.joint_years[-1], sources=cited)
    before = vetoes[vetoes["date"] < INTERVENTION.start.isoformat()]
    facts.add("veto_before", len(before), sources=keys(before["sources"]))
    alone = vetoes[vetoes["cast_by"] == diplomacy.ALONE]
    aleppo = alone.iloc[0]
    facts.add("veto_aleppo_vote", aleppo["vote"], sources=keys(aleppo["sources"]))

    facts.claim(
        "When the air campaign began Russia had cast ... vetoes on Syria, all with China",
        bool((before["cast_by"] == diplomacy.WITH_CHINA).all()),
    )
    facts.claim(
        "On 8 October 2016 ... Russia vetoed a Syria draft alone for the first time",
        aleppo["date"] == "2016-10-08" and "Aleppo" in aleppo["subject"],
    )
    facts.claim(
        "The last veto in the record ... was cast by Russia alone",
        last["cast_by"] == diplomacy.ALONE,
    )
    facts.claim(
        "the ones Russia cast alone all came after 2015",
        bool((alone["year"] > INTERVENTION.start.year).all()),
    )


def _agreements(facts: Facts, data: Data) -> None:
    terms = diplomacy.terms(data)
    picked = {
        "hmeimim": one(terms, "the Hmeimim agreement", kind="basing", era="assad", dated=2015),
        "tartus": one(
            terms,
            "the Tartus agreement of 2017",
            kind="basing",
            has=("title", "Tartus"),
            era=INTERVENTION.id,
        ),
        "protocol": one(
            terms,
            "the Hmeimim protocol of 2017",
            kind="basing",
            dated=2017,
            has=("title", "Hmeimim"),
        ),
        "phosphate": one(
            terms, "the phosphate contract", kind="economic", has=("title", "phosphate extraction")
        ),
        "fertiliser": one(
            terms, "the fertiliser deal", kind="economic", has=("title", "fertiliser")
        ),
        "port": one(
            terms, "the port concession", kind="economic", has=("title", "commercial port")
        ),
        "offshore": one(terms, "the offshore contract", kind="energy", has=("title", "offshore")),
    }

    def add(name: str, row: str, column: str, unit: str = "") -> None:
        value = picked[row][column]
        value = value if isinstance(value, str) else int(value)  # a label, or years
        facts.add(name, value, unit=unit, sources=keys(picked[row]["sources"]))

    add("hmeimim_date", "hmeimim", "date_label")
    add("tartus_term", "tartus", "term_years", "years")
    add("tartus_renewal", "tartus", "renewal_years", "years")
    add("tartus_expiry", "tartus", "first_expiry")
    add("hmeimim_term", "protocol", "term_years", "years")
    add("hmeimim_renewal", "protocol", "renewal_years", "years")
    add("phosphate_term", "phosphate", "term_years", "years")
    stated(facts, data, "phosphate_share", speaker="Al-Watan", counts="Sharqiya", dated=2018)
    stated(facts, data, "homs_stake", speaker="Green Markets", counts="Homs", dated=2019)
    add("fertiliser_term", "fertiliser", "term_years", "years")
    add("fertiliser_value", "fertiliser", "value_text")
    add("port_term", "port", "term_years", "years")
    add("port_end", "port", "end_label")
    add("offshore_term", "offshore", "term_years", "years")
    add("offshore_value", "offshore", "value_text")


def _arms(facts: Facts, data: Data) -> None:
    annual = arms.deliveries_to_syria(data)
    revised = arms.revised_deliveries(data)
    cited = keys(annual["citation"])
    russian = annual[annual["supplier"] == RUSSIA].set_index("year")["tiv"]
    tables_last = int(annual["year"].max())
    first = INTERVENTION.start.year + 1  # the first full year of the campaign
    facts.add("tables_last", tables_last, sources=cited)
    facts.add("tiv_2016_21_old", arms.total(annual, RUSSIA, first, tables_last), ",.0f", TIV, cited)
    facts.add(
        "tiv_2016_21_new",
        arms.total(revised, RUSSIA, first, tables_last),
        ",.0f",
        TIV,
        keys(revised["citation"]),
    )

    revisions = data.table("arms_revisions")
    revisions = revisions[
        (revisions["recipient"] == SYRIA)
        & (revisions["supplier"] == RUSSIA)
        & (revisions["release_old"] == data.release(arms.TABLES))
        & (revisions["release_new"] == data.release(arms.DEALS))
    ].set_index("year")
    revised_cited = keys(revisions["citation"])
    facts.add("tiv_2018_old", float(revisions.at[2018, "tiv_old"]), ",.0f", TIV, revised_cited)
    facts.add("tiv_2018_new", float(revisions.at[2018, "tiv_new"]), ",.0f", TIV, revised_cited)
    facts.add("tiv_2019_new", float(revisions.at[2019, "tiv_new"]), ",.0f", TIV, revised_cited)
    facts.claim("in the older tables ... 2019 had no delivery at all", 2019 not in russian.index)
    facts.claim(
        "in the newer release, 2018 rose",
        revisions.at[2018, "tiv_new"] > revisions.at[2018, "tiv_old"],
    )
    facts.add("tables_release", data.release(arms.TABLES), sources=cited)
    facts.add("revised_release", data.release(arms.DEALS), sources=keys(revised["citation"]))

    silence = arms.register_silence(data)
    quiet = one(silence, "the register's silence", supplier=RUSSIA)
    quiet_cited = keys(quiet["citation"])
    facts.add("silence_first", int(quiet["first_year"]), sources=quiet_cited)
    facts.add("silence_last", int(quiet["last_year"]), sources=quiet_cited)
    facts.add("silence_release", quiet["release"], sources=quiet_cited)
    facts.add(
        "register_last",
        arms.register_coverage_end(data.release(arms.REGISTER)),
        sources=quiet_cited,
    )

    systems = arms.major_systems(data)
    systems = systems[systems["supplier"] == RUSSIA]
    for name, designation in (("s300", "S-300PMU1"), ("t62", "T-62"), ("mig29", "MiG-29S")):
        deal = one(systems, f"Russia's {designation} deal", designation=designation)
        deal_cited = keys(deal["citation"])
        facts.add(f"{name}_number", int(deal["number_ordered"]), ",.0f", "units", deal_cited)
        years = range(int(deal["first_delivery_year"]), int(deal["last_delivery_year"]) + 1)
        facts.add(f"{name}_delivered", spans_text(years), sources=deal_cited)


def _votes(facts: Facts, data: Data) -> None:
    alignment = votes.by_year(data)
    cited = keys(alignment["citation"])
    share = alignment.set_index("year")["share"]
    last = votes.last_year(data)
    facts.add("votes_last_year", last, sources=cited)
    for year in (UPRISING, 2015, 2017):
        facts.add(f"share_{year}", float(share[year]), ".0%", sources=cited)
    facts.add("share_last", float(share[last]), ".0%", sources=cited)
    data_last = alignment.iloc[-1]
    facts.add("votes_data_last", int(data_last["year"]), sources=cited)
    facts.claim(
        "The data end with a single roll call in ..., drawn as a gap",
        int(data_last["roll_calls"]) == 1 and pd.isna(data_last["share"]),
    )

    issues = votes.by_issue(data).set_index(["decade", "issue"])["share"]
    facts.add("share_2000s", float(issues[(2000, votes.ALL_ISSUES)]), ".0%", sources=cited)
    facts.add("share_2010s", float(issues[(2010, votes.ALL_ISSUES)]), ".0%", sources=cited)
    facts.add("share_2010s_hr", float(issues[(2010, "hr")]), ".0%", sources=cited)
    facts.add("share_2010s_nu", float(issues[(2010, "nu")]), ".0%", sources=cited)
    facts.claim(
        "The intervention did not raise that level much above the decade before",
        abs(issues[(2010, votes.ALL_ISSUES)] - issues[(2000, votes.ALL_ISSUES)]) < 0.1,
    )
    facts.claim(
        "but on only ... of those tagged as concerning nuclear weapons",
        issues[(2010, "nu")] < issues[(2010, "hr")],
    )


def _trade(facts: Facts, data: Data) -> None:
    flows = trade.cow_flows(data)
    cow_last = int(flows["year"].max())
    facts.add("cow_last", cow_last, sources=keys(flows["citation"]))
    exact, rounded = flows[~flows["rounded"]], flows[flows["rounded"]]
    facts.add("cow_exact_release", data.release(trade.EXACT), sources=keys(exact["citation"]))
    facts.add(
        "cow_extension_release", data.release(trade.EXTENSION), sources=keys(rounded["citation"])
    )
    facts.add("cow_exact_last", int(exact["year"].max()), sources=keys(exact["citation"]))
    series = {direction: rows.set_index("year") for direction, rows in flows.groupby("direction")}
    for name, direction, year in (
        ("cow_exports_2011", trade.EXPORTS, UPRISING),
        ("cow_exports_2013", trade.EXPORTS, UPRISING + 2),
        ("cow_exports_last", trade.EXPORTS, cow_last),
        ("cow_imports_2011", trade.IMPORTS, UPRISING),
        ("cow_imports_last", trade.IMPORTS, cow_last),
    ):
        row = series[direction].loc[year]
        facts.add(name, float(row["value_musd"]), ",.0f", MUSD, keys(row["citation"]))
    exports = series[trade.EXPORTS]["value_musd"]
    imports = series[trade.IMPORTS]["value_musd"]
    facts.claim(
        "Russian exports to Syria fell from ... 2011 to ... 2013",
        exports[UPRISING + 2] < exports[UPRISING],
    )
    facts.claim(
        "Syrian exports to Russia shrank from ... to ...", imports[cow_last] < imports[UPRISING]
    )

    figures = trade.official_figures(data)
    facts.add("official_last", int(figures["year"].max()), sources=keys(figures["citation"]))
    totals = figures[figures["measure"] == "total_trade_turnover"]
    rogozin = one(totals, "part of 2017", year=2017, partial_year=True)
    crimea = one(totals, "2017 as a whole", year=2017, partial_year=False)
    latest = one(totals, "the latest total", year=int(totals["year"].max()))
    facts.add(
        "rogozin_total", float(rogozin["value_musd"]), ",.1f", MUSD, keys(rogozin["citation"])
    )
    facts.add("crimea_total", float(crimea["value_musd"]), ",.0f", MUSD, keys(crimea["citation"]))
    facts.add("asatryan_total", float(latest["value_musd"]), ",.0f", MUSD, keys(latest["citation"]))
    facts.add("asatryan_year", int(latest["year"]), sources=keys(latest["citation"]))
    # An undated level ("now stands at less than"), not the year's total.
    facts.claim(
        "Russia's trade representative ... said in ... that trade then stood below ...",
        bool(latest["current_at_article"]) and latest["qualifier"] == "upper_bound",
    )
    # "Far below": under half the mean total of the three years before the uprising.
    prewar = range(UPRISING - 3, UPRISING)
    before = float((exports[list(prewar)] + imports[list(prewar)]).mean())
    wartime = totals[totals["year"] > INTERVENTION.start.year]["value_musd"]
    facts.claim(
        "they put wartime trade far below the level of the years before the uprising",
        bool((wartime < before / 2).all()),
    )


def _stated(facts: Facts, data: Data) -> None:
    """The figures the prose attributes to who stated them: the Russian government's claims
    about its campaign and its losses, the independent counts beside them, and the terms of
    the Tartus agreement and the port concession as published or announced."""
    shoigu, ministry = "Shoigu", "defence ministry (video)"
    claims = [
        stated(facts, data, "shoigu_sorties", speaker=shoigu, counts="sorties", dated=2016),
        stated(facts, data, "shoigu_strikes", speaker=shoigu, counts="air strikes", dated=2016),
        stated(facts, data, "shoigu_militants", speaker=shoigu, counts="militants", dated=2016),
        stated(
            facts, data, "remaining", speaker="Russian authorities", counts="remain", dated=2016
        ),
        stated(facts, data, "mod_sorties", speaker=ministry, counts="sorties by", dated=2018),
        stated(facts, data, "mod_personnel", speaker=ministry, counts="personnel", dated=2018),
        stated(facts, data, "deaths_2018", speaker="Bondarev", counts="deaths", dated=2018),
    ]
    facts.claim(
        "claims of the Russian government, attributed to it",
        all(row["status"] == "claim" for row in claims),
    )
    reuters = stated(facts, data, "reuters_deaths", speaker="Reuters", counts="killed", dated=2017)
    facts.claim("a Reuters count of at least ...", reuters["qualifier"] == "more_than")
    agreement = "Agreement of 18 January 2017"
    warships = stated(
        facts, data, "tartus_warships", speaker=agreement, counts="warships", dated=2017
    )
    facts.claim("at most ... warships", warships["qualifier"] == "at_most")
    agreements = data.curated("agreements")
    concession = one(
        agreements, "the Tartus port concession", has=("title", "Tartus commercial port")
    )
    port_investment(facts, data, concession)


def _toll(facts: Facts, data: Data) -> None:
    """Aleppo, Palmyra and the campaign's cost as the prose gives them: the independent counts
    of civilian deaths beside the government figures they contest, the defence ministry's
    refugee estimate, and the Levada Center's polls on ending the operation."""
    government = [
        stated(facts, data, "palmyra_sorties", speaker="TASS", counts="Palmyra", dated=2016),
        stated(
            facts,
            data,
            "refugees_return",
            speaker="defence ministry",
            counts="refugees",
            dated=2018,
            scale=10**6,
            format=".1f",
        ),
    ]
    facts.claim(
        "TASS said ... sorties; by the ministry's estimate more than ... refugees",
        all(row["status"] == "claim" for row in government),
    )
    coi = "Commission of Inquiry"
    stated(
        facts, data, "aleppo_vdc_civilians", speaker="Documentation", counts="Aleppo", dated=2016
    )
    stated(facts, data, "aleppo_evacuated", speaker="Red Cross", counts="evacuated", dated=2016)
    stated(facts, data, "atarib_killed", speaker=coi, counts="Atarib", dated=2018)
    stated(facts, data, "maarat_killed", speaker=coi, counts="Maarat al-Numan", dated=2020)
    alleged = stated(
        facts, data, "airwars_alleged", speaker="Airwars", counts="alleged", dated=2022
    )
    likely = stated(facts, data, "airwars_likely", speaker="Airwars", counts="likely", dated=2022)
    facts.claim(
        "as many as ... reported killed; the likely toll at ... to ...",
        alleged["qualifier"] == "at_most" and likely["qualifier"] == "range",
    )
    network, killed = "Syrian Network", "killed by Russian forces"
    early = stated(facts, data, "snhr_2019", speaker=network, counts=killed, dated=2019)
    late = stated(facts, data, "snhr_2024", speaker=network, counts=killed, dated=2024)
    facts.claim(
        "the Network's count rose from ... to ..., below Airwars' total of allegations",
        early["value"] < late["value"] < alleged["value"],
    )

    polls = {
        (year, wish): stated(
            facts, data, f"levada_{year}_{wish}", speaker="Levada", counts=words, dated=year
        )["value"]
        for year in (2017, 2019)
        for wish, words in (("end", "end its military"), ("continue", "continu"))
    }
    facts.claim(
        "the share for ending the operation had risen to ..., a majority",
        polls[(2019, "end")] > max(polls[(2017, "end")], 50),
    )
    facts.claim(
        "those for continuing it still numbered ...",
        polls[(2019, "continue")] == polls[(2017, "continue")],
    )


def _israel_and_wagner(facts: Facts, data: Data) -> None:
    """The figures of the Il-20 loss, the Evro Polis memorandum and the clash near Deir ez-Zor,
    each attributed to who stated it: the counts of the dead differ by an order of magnitude,
    so the prose sets the government's figures beside the press reports, never one for all."""
    il20 = stated(facts, data, "il20_dead", speaker="Konashenkov", counts="Il-20", dated=2018)
    facts.claim("the Russian defence ministry's count of the Il-20 dead", il20["status"] == "claim")
    stated(facts, data, "evro_share", speaker="Fontanka", counts="Evro Polis", dated=2017)
    stated(facts, data, "evro_term", speaker="Yeni", counts="Evro Polis", dated=2017, unit="years")
    clash = "Deir ez-Zor"
    ministry = stated(facts, data, "khasham_mfa", speaker="Zakharova", counts=clash, dated=2018)
    coalition = stated(
        facts, data, "khasham_coalition", speaker="coalition", counts=clash, dated=2018
    )
    reuters = stated(
        facts, data, "khasham_reuters", speaker="Reuters, from", counts=clash, dated=2018
    )
    yaffa = stated(facts, data, "khasham_yaffa", speaker="Yaffa", counts=clash, dated=2018)
    facts.claim(
        "Zakharova said that ... people might have been killed; the coalition said at least ...",
        ministry["status"] == "claim" and coalition["qualifier"] == "more_than",
    )
    facts.claim(
        "about ... killed or wounded (Reuters); up to ... killed (The New Yorker)",
        reuters["qualifier"] == "approximate" and yaffa["qualifier"] == "at_most",
    )
    facts.claim(
        "Press reports put the toll higher than the foreign ministry",
        bool(ministry["value"] < min(reuters["value"], yaffa["value"])),
    )


def _arbiter(facts: Facts, data: Data) -> None:
    """The distances the Russian-Turkish accords of 2019 and 2020 set on the ground, as the
    texts state them."""
    sochi, moscow = "Sochi, 22 October 2019", "Moscow, 5 March 2020"
    withdrawal = stated(
        facts, data, "sochi_withdrawal_km", speaker=sochi, counts="YPG", dated=2019, unit="km"
    )
    patrols = stated(
        facts, data, "sochi_patrol_km", speaker=sochi, counts="patrol zone", dated=2019, unit="km"
    )
    facts.claim(
        "the joint patrols were to run inside the strip the YPG was to leave",
        patrols["value"] < withdrawal["value"],
    )
    stated(facts, data, "m4_corridor_km", speaker=moscow, counts="M4", dated=2020, unit="km")
