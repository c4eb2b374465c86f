"""Arms transfers from the Soviet Union and Russia to Syria (SIPRI trend-indicator values).

TIV is SIPRI's volume index in millions at constant 1990 prices: it measures the military
capability transferred, not what was paid, so it is never added to or set beside US$.

Three SIPRI products are read, each in the release the edition shows (``data/edition.yaml``),
and never spliced: the annual tables (the long series from 1950), the deal values by delivery
year, and the deal-level trade register (the most recent deliveries).
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from analysis import eras
from analysis.countries import ALL, RUSSIA, SYRIA, USSR
from analysis.data import Data

# The edition's roles of the three SIPRI products (see analysis.edition.ROLES).
TABLES, DEALS, REGISTER = "sipri-tables", "sipri-deals", "sipri-register"
OTHER = "Other suppliers"
# The Soviet Union to 1991, Russia from 1992: SIPRI keeps them as two suppliers.
SOVIET_AND_RUSSIA: tuple[str, ...] = (USSR, RUSSIA)
SOVIET_RUSSIAN = "Soviet Union / Russia"
ALL_SUPPLIERS = "All suppliers"

# The two share measures of `shares` and `shares_by_period`.
EXPORT_SHARE = "Syria's share of the supplier's arms exports"
IMPORT_SHARE = "The supplier's share of Syria's arms imports"
PERIOD_YEARS = 5

# SIPRI's weapon categories (https://www.sipri.org/databases/armstransfers/background/
# coverage), folded into eight: SIPRI's "Engines" (and anything else outside the seven named
# ones) becomes "Other". The order is the one charts stack and list them in.
CATEGORIES: tuple[str, ...] = (
    "Aircraft",
    "Air defence systems",
    "Armoured vehicles",
    "Artillery",
    "Missiles",
    "Ships",
    "Sensors",
    "Other",
)
# Every weapon description in the register, and the deals export's spellings of the same
# weapons, mapped to its category. Where SIPRI's deals export gives a category, the
# mapping follows it (tested row by row): a SAM *system* (launchers, radars) is an air
# defence system but its missiles are missiles; a coastal defence system is a sensor (its
# missiles are counted separately); torpedoes and guided bombs are missiles. One call is
# the book's own, as SIPRI's files give no category for it: a surface-to-surface missile
# launcher goes with its missiles.
CATEGORY_OF_DESCRIPTION: dict[str, str] = {
    # Aircraft: fixed-wing aircraft, helicopters and drones.
    "fighter aircraft": "Aircraft",
    "FGA aircraft": "Aircraft",
    "bomber aircraft": "Aircraft",
    "reconnaissance aircraft": "Aircraft",
    "trainer aircraft": "Aircraft",
    "(armed) trainer aircraft": "Aircraft",
    "trainer/combat aircraft": "Aircraft",
    "transport aircraft": "Aircraft",
    "light transport aircraft": "Aircraft",
    "heavy transport aircraft": "Aircraft",
    "light aircraft": "Aircraft",
    "helicopter": "Aircraft",
    "light helicopter": "Aircraft",
    "transport helicopter": "Aircraft",
    "combat helicopter": "Aircraft",
    "anti-submarine helicopter": "Aircraft",
    "UAV": "Aircraft",
    "(armed) UAV": "Aircraft",
    "armed UAV": "Aircraft",
    # Air defence systems: land-based SAM systems and anti-aircraft guns.
    "SAM system": "Air defence systems",
    "mobile SAM system": "Air defence systems",
    "self-propelled air-defence system": "Air defence systems",
    "self-propelled AD system": "Air defence systems",
    "self-propelled anti-aircraft gun": "Air defence systems",
    # Armoured vehicles.
    "tank": "Armoured vehicles",
    "light tank": "Armoured vehicles",
    "tank destroyer": "Armoured vehicles",
    "APC": "Armoured vehicles",
    "infantry fighting vehicle": "Armoured vehicles",
    "IFV": "Armoured vehicles",
    "armoured reconnaissance vehicle": "Armoured vehicles",
    "armoured bridgelayer": "Armoured vehicles",
    # Artillery: guns, howitzers, multiple rocket launchers and mortars of 100 mm or more.
    "towed gun": "Artillery",
    "self-propelled gun": "Artillery",
    "multiple rocket launcher": "Artillery",
    "mortar": "Artillery",
    # Missiles: guided missiles and torpedoes, guided bombs.
    "SAM": "Missiles",
    "portable SAM": "Missiles",
    "anti-tank missile": "Missiles",
    "anti-ship missile": "Missiles",
    "air-to-surface/anti-ship missile": "Missiles",
    "anti-ship/anti-radar missile": "Missiles",
    "anti-radar missile/ASM": "Missiles",
    "short-range air-to-air missile": "Missiles",
    "SRAAM": "Missiles",
    "long-range air-to-air missile": "Missiles",
    "BVRAAM": "Missiles",
    "surface-to-surface missile": "Missiles",
    "SSM": "Missiles",
    "surface-to-surface missile launcher": "Missiles",
    "guided bomb": "Missiles",
    "anti-ship torpedo": "Missiles",
    "anti-submarine torpedo": "Missiles",
    # Ships.
    "missile boat": "Ships",
    "FAC": "Ships",
    "torpedo boat": "Ships",
    "corvette": "Ships",
    "submarine": "Ships",
    "landing ship": "Ships",
    "minesweeper": "Ships",
    "minehunter": "Ships",
    "MCM ship": "Ships",
    "signals intelligence ship": "Ships",
    # Sensors: radars and surveillance systems.
    "air search radar": "Sensors",
    "air search system": "Sensors",
    "height-finding radar": "Sensors",
    "fire control radar": "Sensors",
    "coastal defence system": "Sensors",
    # Other: engines.
    "vehicle engine": "Other",
    "aircraft engine": "Other",
    "turbofan": "Other",
}

# The notable Soviet and Russian systems of the timeline: panel -> family -> the register's
# designations. Only whole systems (aircraft, SAM systems, tanks, anti-ship missiles and the
# coastal systems that fire them); the missiles bought for a SAM system are left out.
NOTABLE_SYSTEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "Combat aircraft": {
        "MiG-21": ("MiG-21F-13", "MiG-21PFM", "MiG-21MF", "MiG-21bis"),
        "MiG-23": ("MiG-23MS", "MiG-23BN", "MiG-23ML"),
        "MiG-25": ("MiG-25P", "MiG-25RB", "MiG-25PD"),
        "MiG-29": ("MiG-29", "MiG-29S"),
        "Su-20/22": ("Su-20", "Su-22"),
        "Su-24": ("Su-24",),
    },
    "Air defence systems": {
        "S-75": ("S-75 Dvina",),
        "S-125": ("S-125 Pechora", "S-125 Pechora-2M"),
        "Kub (Kvadrat)": ("Kvadrat",),
        "Osa": ("Osa",),
        "S-200": ("S-200 Angara",),
        "Buk": ("Buk-1M", "Buk-M2"),
        "Pantsir": ("96K9 Pantsyr-S1",),
        "S-300": ("S-300PMU1",),
    },
    "Tanks": {
        "T-54/55": ("T-54", "T-55"),
        "T-62": ("T-62",),
        "T-72": ("T-72",),
        "T-90": ("T-90S",),
    },
    "Anti-ship missiles and coastal systems": {
        "P-15": ("P-15", "P-15M"),
        "P-35 / Redut": ("P-35", "Redut"),
        "Rubezh": ("4k40 Rubezh",),
        "Bastion / Yakhont": ("K-300P Bastion-P", "Yakhont"),
    },
}


def deliveries_to_syria(data: Data) -> pd.DataFrame:
    """Annual TIV of Soviet (1950-91) and Russian (from 1992) deliveries to Syria.

    From SIPRI's annual tables, the one long series. Years without a row are years in which
    SIPRI identified no deliveries: they stay absent, never zero.
    """
    exports = data.shown("arms_exports", TABLES)
    rows = exports[(exports["recipient"] == SYRIA) & (exports["supplier"].isin(SOVIET_AND_RUSSIA))]
    frame = rows[["year", "supplier", "tiv", "release", "citation"]].reset_index(drop=True)
    return frame.assign(era=frame["year"].map(eras.era_of_year))


def revised_deliveries(data: Data, supplier: str = RUSSIA) -> pd.DataFrame:
    """A supplier's annual TIV to Syria in the deals export: its deal values summed by
    delivery year.

    SIPRI revises past years in every release (Russia 2018: 181 in the 2022 tables, 199.06
    in the 2024 deal values; 2019: none there, 36 here). The book draws this vintage beside
    the annual tables, never in place of them. Same columns as `deliveries_to_syria`.
    """
    deals = data.shown("arms_deliveries", DEALS)
    rows = deals[(deals["recipient"] == SYRIA) & (deals["supplier"] == supplier)]
    frame = (
        rows.groupby(["delivery_year", "supplier", "release", "citation"], as_index=False)[
            "tiv_delivered"
        ]
        .sum()
        .rename(columns={"delivery_year": "year", "tiv_delivered": "tiv"})
    )
    # Deal values have two decimals; the sum should too, without float noise.
    frame = frame.assign(tiv=frame["tiv"].round(2))[
        ["year", "supplier", "tiv", "release", "citation"]
    ]
    return frame.assign(era=frame["year"].map(eras.era_of_year))


def register_coverage_end(release: str) -> int:
    """The last delivery year a SIPRI release covers: each March's release adds the year
    before it (release YYYY covers deliveries to the end of YYYY - 1)."""
    return int(release) - 1


def register_silence(data: Data, supplier: str = RUSSIA) -> pd.DataFrame:
    """Runs of years after the annual tables end in which the newer trade register records
    no delivery from ``supplier`` to Syria.

    The register lists only deals with deliveries, so a year it covers without one of the
    supplier's delivery years is a finding ("none recorded"), which charts state in words
    rather than draw as a zero. One row per run of consecutive years (first_year, last_year).
    """
    exports = data.shown("arms_exports", TABLES)
    register = data.shown("arms_register", REGISTER)
    tables_end = int(exports["year"].max())
    release = data.release(REGISTER)
    delivered = set(register_by_year(data, suppliers=[supplier])["year"])
    silent = [
        year
        for year in range(tables_end + 1, register_coverage_end(release) + 1)
        if year not in delivered
    ]
    (citation,) = register["citation"].unique()
    return pd.DataFrame(
        [
            {
                "supplier": supplier,
                "first_year": first,
                "last_year": last,
                "release": release,
                "citation": citation,
            }
            for first, last in eras.spans(silent)
        ],
        columns=["supplier", "first_year", "last_year", "release", "citation"],
    )


def total(frame: pd.DataFrame, supplier: str, first: int, last: int) -> float:
    """Sum of a supplier's TIV over an inclusive span of years."""
    rows = frame[(frame["supplier"] == supplier) & frame["year"].between(first, last)]
    return float(rows["tiv"].sum())


def imports_by_supplier(data: Data, first: int, last: int, keep: int = 4) -> pd.DataFrame:
    """Syria's annual arms imports by supplier over a span of years.

    The ``keep`` largest suppliers of the span are shown by name; the rest are summed as
    "Other suppliers", so that the chart stays legible without dropping any delivery.
    """
    imports = data.shown("arms_imports", TABLES)
    rows = imports[
        (imports["recipient"] == SYRIA)
        & (imports["supplier"] != ALL)
        & imports["year"].between(first, last)
    ]
    largest = rows.groupby("supplier")["tiv"].sum().nlargest(keep).index
    named = rows["supplier"].where(rows["supplier"].isin(largest), OTHER)
    frame = (
        rows.assign(supplier=named)
        .groupby(["year", "supplier", "release"], as_index=False)["tiv"]
        .sum()
    )
    return frame[["year", "supplier", "tiv", "release"]]


def shares(data: Data) -> pd.DataFrame:
    """By year: Syria's share of the Soviet/Russian arms exports (EXPORT_SHARE) and the
    Soviet/Russian share of Syria's arms imports (IMPORT_SHARE).

    Importance runs both ways, and only a share tells it: TIV levels differ by supplier and
    decade. Each supplier is taken over the years its export table has deliveries (the
    Soviet Union 1950-91, Russia 1992-2021). A year whose denominator (SIPRI's total row)
    is absent has no row: a gap, not a zero. A year with a denominator but no deliveries to
    Syria (or from the supplier) has ``part`` 0, as SIPRI identified none.
    """
    exports = data.shown("arms_exports", TABLES)
    imports = data.shown("arms_imports", TABLES)
    imports = imports[imports["recipient"] == SYRIA]
    frames = []
    for supplier in SOVIET_AND_RUSSIA:
        sold = exports[exports["supplier"] == supplier]
        years = sold.loc[sold["recipient"] == ALL, "year"]
        span = (int(years.min()), int(years.max()))
        pairs = {
            EXPORT_SHARE: (sold[sold["recipient"] == SYRIA], sold[sold["recipient"] == ALL]),
            IMPORT_SHARE: (
                imports[imports["supplier"] == supplier],
                imports[imports["supplier"] == ALL],
            ),
        }
        for measure, (part, whole) in pairs.items():
            whole = whole[whole["year"].between(*span)]
            frame = whole[["year", "tiv", "release", "citation"]].rename(columns={"tiv": "whole"})
            frame = frame.merge(
                part[["year", "tiv"]].rename(columns={"tiv": "part"}), on="year", how="left"
            )
            frames.append(frame.assign(measure=measure, supplier=supplier))
    frame = pd.concat(frames, ignore_index=True)
    frame["part"] = frame["part"].fillna(0.0)
    frame["share"] = frame["part"] / frame["whole"]
    columns = ["measure", "supplier", "year", "part", "whole", "share", "release", "citation"]
    return frame[columns].sort_values(["measure", "year"], ignore_index=True)


def shares_by_period(annual: pd.DataFrame, years: int = PERIOD_YEARS) -> pd.DataFrame:
    """The shares of `shares` over SIPRI's five-year periods (1950-54, 1955-59, ...).

    A period's share is the ratio of its sums (the TIV to Syria over the TIV to all), not
    the mean of its annual ratios, so that a big year weighs as much as it delivered. Only
    years with a denominator count; ``first_year``/``last_year``/``years`` say which, since
    the Soviet Union ends and Russia begins inside 1990-94, and gap years fall in others.
    """
    frame = annual.assign(period=annual["year"] // years * years)
    grouped = frame.groupby(["measure", "supplier", "period", "release", "citation"])
    result = grouped.agg(
        first_year=("year", "min"),
        last_year=("year", "max"),
        years=("year", "size"),
        part=("part", "sum"),
        whole=("whole", "sum"),
    ).reset_index()
    result["share"] = result["part"] / result["whole"]
    end = result["period"] + years - 1
    result["period_label"] = (
        result["period"].astype(str) + eras.DASH + (end % 100).map("{:02d}".format)
    )
    columns = [
        "measure",
        "supplier",
        "period",
        "period_label",
        "first_year",
        "last_year",
        "years",
        "part",
        "whole",
        "share",
        "release",
        "citation",
    ]
    return result[columns].sort_values(["measure", "period", "first_year"], ignore_index=True)


def clients(data: Data, supplier: str = USSR) -> pd.DataFrame:
    """Every recipient of a supplier ranked by total TIV, with its share of the supplier's
    exports and the span and peak year of its deliveries.

    To place Syria among the Soviet Union's clients. Totals are SIPRI's own printed row
    totals (computed from unrounded values), not sums of the rounded years; the Total row
    ("All") is the denominator, never a client.
    """
    totals = data.shown("arms_export_totals", TABLES)
    totals = totals[totals["supplier"] == supplier]
    everyone = float(totals.loc[totals["recipient"] == ALL, "tiv"].iloc[0])
    exports = data.shown("arms_exports", TABLES)
    annual = exports[(exports["supplier"] == supplier) & (exports["recipient"] != ALL)]
    peaks = annual.loc[annual.groupby("recipient")["tiv"].idxmax(), ["recipient", "year", "tiv"]]
    spans = annual.groupby("recipient")["year"].agg(first_year="min", last_year="max")
    frame = (
        totals[totals["recipient"] != ALL][["recipient", "tiv", "release", "citation"]]
        .merge(spans, on="recipient")
        .merge(peaks.rename(columns={"year": "peak_year", "tiv": "peak_tiv"}), on="recipient")
    )
    frame["share"] = frame["tiv"] / everyone
    frame["rank"] = frame["tiv"].rank(ascending=False, method="min").astype(int)
    frame["supplier"] = supplier
    columns = [
        "rank",
        "recipient",
        "supplier",
        "tiv",
        "share",
        "first_year",
        "last_year",
        "peak_year",
        "peak_tiv",
        "release",
        "citation",
    ]
    return frame[columns].sort_values(["rank", "recipient"], ignore_index=True)


def category_of(description: str) -> str:
    """The book's weapon category of a SIPRI weapon description.

    An unknown description is an error, not "Other": a new release's new wording must be
    reviewed and added to CATEGORY_OF_DESCRIPTION, never filed away silently.
    """
    try:
        return CATEGORY_OF_DESCRIPTION[description]
    except KeyError:
        raise ValueError(
            f"SIPRI weapon description {description!r} has no category: add it to "
            "analysis.arms.CATEGORY_OF_DESCRIPTION"
        ) from None


def register_by_year(data: Data, suppliers: Collection[str] | None = None) -> pd.DataFrame:
    """The trade register as one row per deal and delivery year.

    The register gives each deal one delivered TIV however many years its deliveries took
    ("1982;1984"). Here that TIV is split evenly across the listed years: SIPRI's own split
    by year is not in the register, and an even split keeps each deal's total exact while
    placing it in the right years (and eras) to within the deal's span. ``deal`` is the
    deal's row in the register.
    """
    register = data.shown("arms_register", REGISTER)
    if suppliers is not None:
        register = register[register["supplier"].isin(list(suppliers))]
    frame = register.assign(
        deal=register.index,
        category=register["description"].map(category_of),
        year=register["delivery_years"].str.split(";"),
    ).explode("year")
    frame["year"] = frame["year"].str.strip().astype(int)
    count = frame.groupby("deal")["year"].transform("size")
    frame["tiv"] = frame["tiv_delivered"] / count
    frame["era"] = frame["year"].map(eras.era_of_year)
    columns = [
        "deal",
        "supplier",
        "designation",
        "description",
        "category",
        "year",
        "tiv",
        "era",
        "release",
        "citation",
    ]
    return frame[columns].reset_index(drop=True)


def composition_by_era(data: Data) -> pd.DataFrame:
    """What was delivered in each era: TIV by weapon category, for the Soviet Union and
    Russia together and for all suppliers, with each category's share of its era.

    From the trade register, the only vintage with the weapon of every deal, through
    `register_by_year` (multi-year deals split evenly across their years). Eras without a
    delivery have no rows; a category absent from an era has none either.
    """
    every = register_by_year(data)
    groups = {
        SOVIET_RUSSIAN: every[every["supplier"].isin(SOVIET_AND_RUSSIA)],
        ALL_SUPPLIERS: every,
    }
    frames = []
    for group, rows in groups.items():
        summed = rows.groupby(["era", "category", "release", "citation"], as_index=False)[
            "tiv"
        ].sum()
        frames.append(summed.assign(group=group))
    frame = pd.concat(frames, ignore_index=True)
    frame["era_tiv"] = frame.groupby(["group", "era"])["tiv"].transform("sum")
    frame["share"] = frame["tiv"] / frame["era_tiv"]
    frame["era_label"] = frame["era"].map(lambda era: eras.BY_ID[era].label)
    frame["era_order"] = frame["era"].map(eras.ERA_IDS.index)
    frame["category_order"] = frame["category"].map(CATEGORIES.index)
    frame["group_order"] = frame["group"].map(list(groups).index)
    frame = frame.sort_values(["group_order", "era_order", "category_order"], ignore_index=True)
    columns = ["group", "era", "era_label", "category", "tiv", "share", "era_tiv"]
    return frame[[*columns, "release", "citation"]]


def major_systems(data: Data) -> pd.DataFrame:
    """The register's deals for the NOTABLE_SYSTEMS, one row per deal, in timeline order.

    The rule is a reviewed list of designations (the fighters, SAM systems, tanks and
    anti-ship missiles that defined each era), not a threshold, so that small but telling
    deals (the S-300 of 2018, the Bastion coastal system) are kept. A listed designation
    missing from the register is an error, so the list cannot go stale silently. ``label``
    names the deal on the chart: the designation and the number ordered.
    """
    register = data.shown("arms_register", REGISTER)
    register = register[register["supplier"].isin(SOVIET_AND_RUSSIA)]
    rows = []
    for group, families in NOTABLE_SYSTEMS.items():
        for family, designations in families.items():
            for designation in designations:
                deals = register[register["designation"] == designation]
                if deals.empty:
                    raise ValueError(
                        f"{designation!r} (NOTABLE_SYSTEMS, {family}) has no Soviet or "
                        "Russian deal in the trade register"
                    )
                rows.append(deals.assign(group=group, family=family))
    frame = pd.concat(rows).sort_values(["order_year", "first_delivery_year"], kind="stable")
    group_order = {group: index for index, group in enumerate(NOTABLE_SYSTEMS)}
    frame = frame.sort_values("group", key=lambda s: s.map(group_order), kind="stable")
    ordered = frame["number_ordered"].map(lambda n: "" if pd.isna(n) else f" \u00d7{n}")
    frame["label"] = frame["designation"] + ordered
    repeated = frame.duplicated("label", keep=False)
    frame.loc[repeated, "label"] += ", " + frame.loc[repeated, "order_year"].astype(str)
    columns = [
        "group",
        "family",
        "label",
        "supplier",
        "designation",
        "description",
        "order_year",
        "order_year_uncertain",
        "number_ordered",
        "number_ordered_uncertain",
        "number_delivered",
        "number_delivered_uncertain",
        "delivery_years",
        "first_delivery_year",
        "last_delivery_year",
        "tiv_delivered",
        "status",
        "comments",
        "release",
        "citation",
    ]
    return frame[columns].reset_index(drop=True)


def revisions(data: Data, supplier: str = RUSSIA) -> pd.DataFrame:
    """A supplier's revisions of its annual TIV to Syria between the two SIPRI releases the
    edition shows (the annual tables, ``release_old``, against the deal values by delivery
    year, ``release_new``), one row per year both cover, in year order.

    The revisions table keeps every pair of releases side by side, so a new release adds rows
    for the same years: only the edition's pair is read, never a mix of pairs.
    """
    frame = data.table("arms_revisions")
    old, new = data.release(TABLES), data.release(DEALS)
    rows = frame[
        (frame["recipient"] == SYRIA)
        & (frame["supplier"] == supplier)
        & (frame["release_old"] == old)
        & (frame["release_new"] == new)
    ]
    if rows.empty:
        raise ValueError(
            f"data/processed/arms_revisions.csv compares no {supplier} deliveries to Syria "
            f"between the edition's releases {old} ({TABLES}) and {new} ({DEALS}): run `make data`"
        )
    return rows.sort_values("year", ignore_index=True)


def overview_span(data: Data) -> tuple[int, int]:
    """The years a chart of the whole relationship covers: from the annual tables' first
    year to the last year the trade register covers, so the register's silence is drawn."""
    first = int(data.shown("arms_exports", TABLES)["year"].min())
    return first, register_coverage_end(data.release(REGISTER))
