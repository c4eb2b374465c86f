"""The facts of chapters/assad-era.md: Soviet and Russian arms, the agreements and trade from
Hafez al-Assad's seizure of power to the uprising of 2011, and the uprising and the vetoes
that close the era on the eve of the Russian air campaign."""

from __future__ import annotations

from analysis import arms, diplomacy, eras, trade
from analysis.countries import RUSSIA, SYRIA, USSR
from analysis.data import Data
from analysis.findings import Facts
from analysis.findings._rows import era_years, keys, one, spans_text, stated

ERA = eras.BY_ID["assad"]
# The first full year of Hafez al-Assad's rule, and the year of the uprising.
FIRST_FULL_YEAR = ERA.start.year + 1
UPRISING = 2011
BILLION = 10**9
# The last year of Soviet supply and the first of Russia's (SIPRI's two suppliers).
SOVIET_END = 1991

TIV = "million TIV"
MUSD = "million current US$"

# The register's deals the prose counts: fact name -> (designation, order year).
ORDERS: dict[str, tuple[str, int]] = {
    "n_t62": ("T-62", 1972),
    "n_mig21mf": ("MiG-21MF", 1973),
    "n_mig23ms": ("MiG-23MS", 1973),
    "n_kub": ("Kvadrat", 1973),
    "n_t72": ("T-72", 1978),
    "n_s200": ("S-200 Angara", 1982),
    "n_mig29": ("MiG-29", 1984),
    "n_su24": ("Su-24", 1988),
    "n_pantsir": ("96K9 Pantsyr-S1", 2006),
    "n_buk": ("Buk-M2", 2007),
    "n_pechora": ("S-125 Pechora-2M", 2007),
    "n_bastion": ("K-300P Bastion-P", 2007),
    "n_yakhont": ("Yakhont", 2007),
}


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of the chapter."""
    facts = Facts("assad_era")
    era_years(facts, data, ERA)
    _releases(facts, data)
    _deliveries(facts, data)
    _shares(facts, data)
    _orders(facts, data)
    _agreements(facts, data)
    _trade(facts, data)
    _uprising(facts, data)
    _chemical_weapons(facts, data)
    return facts


def _releases(facts: Facts, data: Data) -> None:
    """The releases the captions name, from the edition, and where the trade series end."""
    for name, table, role in (
        ("tables_release", "arms_exports", arms.TABLES),
        ("deals_release", "arms_deliveries", arms.DEALS),
        ("register_release", "arms_register", arms.REGISTER),
    ):
        facts.add(name, data.release(role), sources=keys(data.shown(table, role)["citation"]))
    flows = trade.cow_flows(data)
    exact, rounded = flows[~flows["rounded"]], flows[flows["rounded"]]
    facts.add("cow_exact_release", data.release(trade.EXACT), sources=keys(exact["citation"]))
    facts.add(
        "cow_extension_release", data.release(trade.EXTENSION), sources=keys(rounded["citation"])
    )
    facts.add("cow_exact_last", int(exact["year"].max()), sources=keys(exact["citation"]))
    facts.add("trade_last", int(flows["year"].max()), sources=keys(flows["citation"]))


def _deliveries(facts: Facts, data: Data) -> None:
    annual = arms.deliveries_to_syria(data)
    cited = keys(annual["citation"])
    tiv = annual.set_index("year")["tiv"].sort_index()
    for year in (FIRST_FULL_YEAR, 1973, 1974, 1976, 1990, SOVIET_END, 2009, 2010, UPRISING):
        facts.add(f"tiv_{year}", float(tiv[year]), ",.0f", TIV, cited)
    facts.add(
        "tiv_soviet_era", arms.total(annual, USSR, FIRST_FULL_YEAR, SOVIET_END), ",.0f", TIV, cited
    )
    soviet = annual[annual["supplier"] == USSR].set_index("year")["tiv"]
    facts.add("tiv_peak_year", int(soviet.idxmax()), sources=cited)
    facts.add("tiv_peak", float(soviet.max()), ",.0f", TIV, cited)
    eighties = tiv.loc[1980:1989]
    facts.add("tiv_1980s_peak_year", int(eighties.idxmax()), sources=cited)
    facts.add("tiv_1980s_peak", float(eighties.max()), ",.0f", TIV, cited)
    facts.add("tiv_1980s", arms.total(annual, USSR, 1980, 1989), ",.0f", TIV, cited)
    lean_last = 2007  # the last lean year: the orders of 2006-07 arrived from 2008
    facts.add("tiv_lean", arms.total(annual, RUSSIA, SOVIET_END + 1, lean_last), ",.0f", TIV, cited)
    lean = range(SOVIET_END + 1, lean_last + 1)
    facts.add("lean_gaps", spans_text(y for y in lean if y not in tiv.index), sources=cited)
    facts.add(
        "tiv_2008_2011", arms.total(annual, RUSSIA, lean_last + 1, UPRISING), ",.0f", TIV, cited
    )

    two_largest = set(tiv.nlargest(2).index)
    facts.claim("the war and its aftermath are the largest deliveries", two_largest == {1973, 1974})
    span = tiv.loc[FIRST_FULL_YEAR:1990]
    facts.claim(
        "the lowest annual figure between 1971 and 1990",
        len(span) == 1990 - FIRST_FULL_YEAR + 1 and span.idxmin() == 1976,
    )
    facts.claim(
        "Deliveries grew from 2009 ... to 2010 and 2011",
        tiv[2009] < tiv[2010] < tiv[UPRISING],
    )
    facts.claim(
        "Russian deliveries were a fraction of the Soviet volumes of the 1980s",
        tiv.loc[lean_last + 1 : UPRISING].max() < eighties.min(),
    )
    facts.claim("Deliveries fell in the last years of the decade", tiv[1990] < eighties.max())


def _shares(facts: Facts, data: Data) -> None:
    annual = arms.shares(data)
    cited = keys(annual["citation"])
    periods = arms.shares_by_period(annual)
    period = periods.set_index(["measure", "supplier", "period"])["share"]
    imports = annual[annual["measure"] == arms.IMPORT_SHARE].set_index("year")["share"]
    # Shares near 0% or 100%, where whole percents would hide the change, keep a decimal.
    for year, spec in {1979: ".0%", SOVIET_END: ".1%", 2010: ".0%", UPRISING: ".0%"}.items():
        facts.add(f"import_share_{year}", float(imports[year]), spec, sources=cited)
    for start, spec in {1970: ".1%", 1985: ".1%", 1995: ".0%", 2000: ".0%", 2005: ".0%"}.items():
        supplier = USSR if start < SOVIET_END else RUSSIA
        value = float(period[(arms.IMPORT_SHARE, supplier, start)])
        facts.add(f"import_share_{start}s", value, spec, sources=cited)
    facts.add(
        "export_share_1970s", float(period[(arms.EXPORT_SHARE, USSR, 1970)]), ".1%", sources=cited
    )
    facts.add(
        "export_share_1995s", float(period[(arms.EXPORT_SHARE, RUSSIA, 1995)]), ".2%", sources=cited
    )
    facts.claim(
        "the Soviet share of Syria's imports dipped to ... in 1979",
        imports[1979] < min(imports[1978], imports[1980]),
    )
    facts.claim("the Soviet share ... fell to ... in 1991", imports[SOVIET_END] < imports[1990])
    facts.claim("a near monopoly (1985-1989)", period[(arms.IMPORT_SHARE, USSR, 1985)] > 0.9)

    client = one(arms.clients(data), "Syria among the Soviet Union's clients", recipient=SYRIA)
    client_cited = keys(client["citation"])
    facts.add("client_rank", int(client["rank"]), sources=client_cited)
    facts.add("client_share", float(client["share"]), ".1%", sources=client_cited)
    facts.add("client_tiv", float(client["tiv"]), ",.0f", TIV, client_cited)
    facts.claim("Syria became one of the largest recipients of Soviet arms", client["rank"] <= 3)

    composition = arms.composition_by_era(data)
    mix = composition[
        (composition["group"] == arms.SOVIET_RUSSIAN) & (composition["era"] == ERA.id)
    ]
    share = mix.set_index("category")["share"]
    names = {
        "Aircraft": "aircraft",
        "Armoured vehicles": "armour",
        "Air defence systems": "air_defence",
    }
    for category, name in names.items():
        facts.add(f"mix_{name}", float(share[category]), ".0%", sources=keys(mix["citation"]))


def _orders(facts: Facts, data: Data) -> None:
    systems = arms.major_systems(data)
    for name, (designation, year) in ORDERS.items():
        deal = one(
            systems, f"{designation} ordered in {year}", designation=designation, order_year=year
        )
        facts.add(name, int(deal["number_ordered"]), ",.0f", "units", keys(deal["citation"]))
    tanks = systems[systems["description"] == "tank"]
    largest = tanks.loc[tanks["number_ordered"].idxmax()]
    facts.claim(
        "The largest tank order in the register is for ... T-72 tanks",
        (largest["designation"], largest["order_year"]) == ORDERS["n_t72"],
    )


def _agreements(facts: Facts, data: Data) -> None:
    terms = diplomacy.terms(data)
    treaty = one(terms, "the treaty of 1980", kind="treaty", era=ERA.id)
    cited = keys(treaty["sources"])
    facts.add("treaty_term", int(treaty["term_years"]), unit="years", sources=cited)
    facts.add("treaty_renewal", int(treaty["renewal_years"]), unit="years", sources=cited)
    facts.add("treaty_first_expiry", int(treaty["first_expiry"]), sources=cited)
    nuclear = one(terms, "the nuclear agreement of 1999", kind="energy", dated=1999)
    facts.add(
        "nuclear_1999_term",
        int(nuclear["term_years"]),
        unit="years",
        sources=keys(nuclear["sources"]),
    )
    package = one(terms, "the arms package of 1999", kind="arms", dated=1999)
    facts.add("arms_1999_value", package["value_text"], sources=keys(package["sources"]))
    _debt(facts, data)
    yak = one(terms, "the Yak-130 contract", kind="arms", dated=UPRISING)
    facts.add("yak130_value", yak["value_text"], sources=keys(yak["sources"]))

    _presence(facts, data)


def _presence(facts: Facts, data: Data) -> None:
    """The airlifts of 1973 and 1982 and the advisers of the 1980s, as their sources stated
    them; the 1973 figures cover Egypt and Syria together, the advisers' East Europeans too."""
    us_history, library = "Air Force Historical Foundation", "Library of Congress"
    missions = stated(
        facts, data, "airlift_missions", speaker=us_history, counts="missions", dated=1973
    )
    stated(facts, data, "airlift_tons", speaker=us_history, counts="materiel", dated=1973)
    facts.claim(
        "the airlift for the two Arab recipients together",
        "Egypt and Syria together" in missions["counts"],
    )
    stated(
        facts,
        data,
        "resupply_tons",
        speaker="Christian Science Monitor",
        counts="two days",
        dated=1982,
    )
    stated(facts, data, "advisers_1984", speaker=library, counts="mid-1984", dated=1984)
    stated(facts, data, "advisers_1986", speaker=library, counts="remaining", dated=1986)


def _trade(facts: Facts, data: Data) -> None:
    by_year = trade.balance(data).set_index("year")
    cited = keys(by_year["citation"])
    # Whole millions throughout: the exact years' cents would be spurious precision in prose.
    for year in (FIRST_FULL_YEAR, 1986, 2003, 2004, 2005, 2008, 2009, 2010, UPRISING):
        facts.add(f"exports_{year}", float(by_year.at[year, "exports_musd"]), ",.0f", MUSD, cited)
    for year in (1988, 1990, 1992):
        facts.add(f"imports_{year}", float(by_year.at[year, "imports_musd"]), ",.0f", MUSD, cited)
    facts.add(
        f"imports_{UPRISING}", float(by_year.at[UPRISING, "imports_musd"]), ",.0f", MUSD, cited
    )
    facts.claim(
        "they jumped ... in 2004, fell back ... in 2005",
        by_year.at[2003, "exports_musd"]
        < by_year.at[2004, "exports_musd"]
        > by_year.at[2005, "exports_musd"],
    )

    spikes = trade.spikes(data).set_index("year")
    for year in (2004, 2008):
        facts.add(f"smoothed_{year}", float(spikes.at[year, "smoothed_musd"]), ",.0f", MUSD, cited)
        facts.add(
            f"times_neighbours_{year}",
            float(spikes.at[year, "times_neighbours"]),
            ".1f",
            sources=cited,
        )

    peak = trade.peak(data, first=FIRST_FULL_YEAR, last=UPRISING)
    facts.add("peak_exports_year", peak.year, sources=cited)
    facts.add("peak_exports", peak.value_musd, ",.0f", MUSD, cited)
    facts.claim("climbed to their recorded peak ... in 2008", trade.peak(data).year == 2008)

    official = trade.official_vs_cow(data)
    exports = official[official["measure"] == "russian_exports_to_syria"].set_index("year")
    for year in (2010, UPRISING):
        row = one(
            official,
            f"the official exports of {year}",
            measure="russian_exports_to_syria",
            year=year,
        )
        facts.add(
            f"official_exports_{year}",
            float(row["official_musd"]),
            ",.0f",
            MUSD,
            keys(row["citation"]),
        )
    facts.claim(
        "far above COW's value for that year (2011)",
        bool(
            (exports.loc[[UPRISING], "official_musd"] > exports.loc[[UPRISING], "cow_musd"]).all()
        ),
    )

    era = one(trade.totals_by_era(data).rename(columns={"era": "id"}), "the era's trade", id=ERA.id)
    facts.add("era_trade_years", int(era["years"]), sources=cited)
    facts.add("era_surplus_years", int(era["surplus_years"]), sources=cited)
    facts.add("era_trade_last", int(era["last_year"]), sources=cited)
    balance = by_year.loc[FIRST_FULL_YEAR : int(era["last_year"]), "balance_musd"]
    facts.claim(
        "From 1971 to 1991 Syria sold more ... in every year; from 1992 Russia ran a surplus "
        "in every year",
        bool((balance.loc[:SOVIET_END] < 0).all() and (balance.loc[SOVIET_END + 1 :] > 0).all()),
    )


def _debt(facts: Facts, data: Data) -> None:
    """The 2005 settlement as each source stated it: Kudrin's figures to Reuters, RFE/RL's
    different sum, the other bases, and the Duma's vote on ratification."""
    kudrin, rferl = "Kudrin", "Radio Free Europe"
    stated(
        facts,
        data,
        "debt_kudrin_off",
        speaker=kudrin,
        counts="written off in the",
        dated=2005,
        scale=BILLION,
        format=".1f",
    )
    stated(facts, data, "debt_kudrin_share", speaker=kudrin, counts="share of", dated=2005)
    stated(
        facts,
        data,
        "debt_kudrin_base",
        speaker=kudrin,
        counts="net debt",
        dated=2005,
        scale=BILLION,
        format=".1f",
    )
    stated(
        facts,
        data,
        "debt_kudrin_rescheduled",
        speaker=kudrin,
        counts="rescheduled",
        dated=2005,
        scale=BILLION,
        format=".1f",
    )
    stated(
        facts,
        data,
        "debt_kudrin_pounds",
        speaker=kudrin,
        counts="Syrian pounds",
        dated=2005,
        scale=BILLION,
        format=".1f",
    )
    stated(
        facts,
        data,
        "debt_rferl_off",
        speaker=rferl,
        counts="written off",
        dated=2005,
        scale=BILLION,
        format=".1f",
    )
    stated(
        facts,
        data,
        "debt_ria_base",
        speaker="RIA Novosti",
        counts="Soviet-era debt",
        dated=2005,
        scale=BILLION,
        format=".1f",
    )
    stated(
        facts,
        data,
        "debt_tass_base",
        speaker="ITAR-TASS",
        counts="as ratified",
        dated=2008,
        scale=BILLION,
        format=".2f",
    )
    stated(facts, data, "debt_duma_votes", speaker="Duma", counts="debt settlement", dated=2008)


def _uprising(facts: Facts, data: Data) -> None:
    """The years from the uprising to the eve of the air campaign: the vetoes Russia cast in
    them, the arms that kept arriving, and CAST's figures for the contracts at stake."""
    vetoes = diplomacy.vetoes_by_year(data)
    before = vetoes[vetoes["date"] < ERA.end.isoformat()]
    first = before.iloc[0]
    facts.add("veto_first", first["date_label"], sources=keys(first["sources"]))
    facts.add("veto_first_draft", first["draft_symbol"], sources=keys(first["sources"]))
    facts.add("veto_first_vote", first["vote"], sources=keys(first["sources"]))
    icc = one(before, "the ICC referral veto", has=("subject", "International Criminal Court"))
    facts.add("veto_icc_vote", icc["vote"], sources=keys(icc["sources"]))
    facts.add("veto_before", len(before), sources=keys(before["sources"]))
    facts.claim(
        "By the eve of the air campaign Russia had cast ... vetoes on Syria, the last of them on "
        "the referral to the International Criminal Court, and Beijing had joined it in every one",
        icc["n"] == before["n"].max() and bool((before["cast_by"] == diplomacy.WITH_CHINA).all()),
    )

    annual = arms.deliveries_to_syria(data)
    cited = keys(annual["citation"])
    russian = annual[annual["supplier"] == RUSSIA].set_index("year")["tiv"]
    for year in (UPRISING + 1, UPRISING + 2, UPRISING + 3):
        facts.add(f"tiv_{year}", float(russian[year]), ",.0f", TIV, cited)
    facts.add("tiv_2011_13", arms.total(annual, RUSSIA, UPRISING, UPRISING + 2), ",.0f", TIV, cited)
    facts.claim(
        "2012 and 2013, the highest since the end of the Soviet Union",
        russian.loc[UPRISING + 1 : UPRISING + 2].min() >= russian.max(),
    )
    facts.claim(
        "Then the flow nearly stopped: ... in 2014",
        russian[UPRISING + 3] < russian[UPRISING + 2] / 10,
    )
    cast = "Pukhov"
    stated(
        facts,
        data,
        "cast_concluded",
        speaker=cast,
        counts="already concluded",
        dated=2012,
        scale=BILLION,
        format=".0f",
    )
    stated(
        facts,
        data,
        "cast_potential",
        speaker=cast,
        counts="in prospect",
        dated=2012,
        scale=BILLION,
        format=".0f",
    )


def _chemical_weapons(facts: Facts, data: Data) -> None:
    """The size of the declared chemical arsenal whose removal the 2013 framework set in
    motion, as the OPCW's head stated it when the last of it left Syria."""
    stated(
        facts,
        data,
        "cw_tonnes",
        speaker="OPCW Director-General",
        counts="declared chemical weapons stockpile",
        dated=2014,
        unit="tonnes",
    )
