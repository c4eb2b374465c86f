"""Trade between the Soviet Union/Russia and Syria: Correlates of War and official figures.

COW values are millions of current US$. Version 3.0 is exact to 2009; version 4.0 reaches
2014 but is available here only rounded to whole millions, so its rows are flagged and
noted. COW has no rows for 1959-60, when Syria was part of the United Arab Republic: those
years stay absent (a gap), never zero and never interpolated.

COW also publishes a "smoothed" series (v4.0 only) that replaces sudden spikes and drops.
Where it differs from the recorded flow its value equals, to rounding, the mean of the
neighbouring years; in 1992 that makes Syrian exports 370, ten times the 37 recorded. The
book's text uses recorded flows only; the smoothed series is for comparison, with notes.

The official figures are statements quoted in the press, not a data set: each keeps its
qualifier (approximate, upper bound) and its period (some cover part of a year only).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import eras
from analysis.data import Data

EXPORTS, IMPORTS = "russia_to_syria", "syria_to_russia"
DIRECTION_LABELS = {
    EXPORTS: "Soviet/Russian exports to Syria",
    IMPORTS: "Syrian exports to the Soviet Union/Russia",
}
# The edition's roles of the two COW products (see analysis.edition.ROLES): exact values,
# and the later years available only rounded.
EXACT, EXTENSION = "cow-exact", "cow-extension"
COW_CITATION = "Correlates of War Project, Trade data set"
# Syria was part of the United Arab Republic from February 1958 to September 1961; COW has
# Syrian rows for 1958 and 1961 but none for the years in between.
UAR_YEARS = (1959, 1960)
UAR_REASON = "Syria part of the United Arab Republic: no COW rows"
# Everywhere else smoothing raises a year by less than half again (1978: 42 to 61); a
# smoothed value this many times the recorded flow is not a smoothing of it.
SUSPECT_RATIO = 5.0

MEASURE_LABELS = {
    "russian_exports_to_syria": "Russian exports to Syria",
    "syrian_exports_to_russia": "Syrian exports to Russia",
    "total_trade_turnover": "Total trade (both directions)",
}
QUALIFIER_LABELS = {
    "exact": "As stated",
    "approximate": "Approximate",
    "upper_bound": "Upper bound",
}
# The COW direction an official measure corresponds to; the total is both directions.
MEASURE_DIRECTIONS = {
    "russian_exports_to_syria": (EXPORTS,),
    "syrian_exports_to_russia": (IMPORTS,),
    "total_trade_turnover": (EXPORTS, IMPORTS),
}


def _recorded(data: Data, role: str, series: str = "flow") -> pd.DataFrame:
    """A role's recorded values. The exact and the rounded files can carry the same COW
    version, so the role also picks by ``rounded``: the extension is the rounded copy."""
    trade = data.shown("trade", role)
    of_role = trade["rounded"] == (role == EXTENSION)
    return trade[of_role & (trade["series"] == series) & ~trade["missing"]]


def _extension_values(data: Data, series: str) -> pd.Series:
    """The extension release's values of one series, indexed by (direction, year)."""
    return _recorded(data, EXTENSION, series).set_index(["direction", "year"])["value_musd"]


def _musd(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def smoothing_changes(data: Data) -> pd.DataFrame:
    """Every year in which COW's smoothed series differs from its recorded flow (v4.0).

    ``suspect`` marks a smoothed value at least ``SUSPECT_RATIO`` times the recorded flow
    (only 1992, Syrian exports: 370 against 37), which the book never uses.
    """
    recorded, smoothed = _extension_values(data, "flow"), _extension_values(data, "smoothed")
    both = pd.DataFrame({"recorded_musd": recorded, "smoothed_musd": smoothed}).dropna()
    both = both[both["recorded_musd"] != both["smoothed_musd"]].reset_index()
    both["flow"] = both["direction"].map(DIRECTION_LABELS)
    both["ratio"] = both["smoothed_musd"] / both["recorded_musd"]
    both["suspect"] = both["ratio"] >= SUSPECT_RATIO
    columns = ["year", "direction", "flow", "recorded_musd", "smoothed_musd", "ratio", "suspect"]
    return both[columns].sort_values(["direction", "year"], ignore_index=True)


def _with_flow_notes(data: Data, frame: pd.DataFrame) -> pd.DataFrame:
    """Recorded flows: a note per row on how exact it is, and whether v4.0 revises it."""
    later = _extension_values(data, "flow")
    extension = data.release(EXTENSION)
    notes = []
    for direction, year, value, rounded, release in frame[
        ["direction", "year", "value_musd", "rounded", "release"]
    ].itertuples(index=False):
        revised = later.get((direction, year))
        if rounded:
            notes.append(f"COW v{release}, rounded to whole millions")
        elif release != extension and revised is not None and abs(revised - value) > 0.5:
            notes.append(
                f"Exact (COW v{release}); v{extension} revises it to {_musd(revised)} (rounded)"
            )
        else:
            notes.append(f"Exact (COW v{release})")
    return frame.assign(note=notes, suspect=False)


def _with_smoothed_notes(data: Data, frame: pd.DataFrame) -> pd.DataFrame:
    """Smoothed series: a note per row on what smoothing changed, and the suspect flag."""
    changes = smoothing_changes(data)[["direction", "year", "recorded_musd", "ratio", "suspect"]]
    frame = frame.merge(changes, on=["direction", "year"], how="left")
    notes = []
    for recorded, ratio, suspect in frame[["recorded_musd", "ratio", "suspect"]].itertuples(
        index=False
    ):
        if pd.isna(recorded):
            notes.append("Smoothed series (COW v4.0, rounded); equals the recorded flow")
        elif suspect:
            notes.append(
                f"Smoothed value {ratio:.0f} times the recorded flow ({_musd(recorded)}):"
                " not a recorded value, never used in the text"
            )
        else:
            notes.append(f"Smoothed by COW (v4.0, rounded); recorded flow {_musd(recorded)}")
    suspect = frame["suspect"].astype("boolean").fillna(False).astype(bool)
    return frame.drop(columns=["recorded_musd", "ratio"]).assign(note=notes, suspect=suspect)


def cow_flows(data: Data, series: str = "flow") -> pd.DataFrame:
    """One annual series per direction, sorted by direction and year.

    ``series="flow"`` (the default, and the only one the text uses): v3.0 where it exists
    (exact, to 2009), v4.0 (rounded) after it. The two versions are never averaged or
    overlapped: each year comes from exactly one, named in ``release``; a v3.0 year that
    v4.0 revises says so in ``note``. ``series="smoothed"``: COW's smoothed series, which
    exists in v4.0 only (so every row is rounded); ``note`` names each year smoothing
    changed, and ``suspect`` flags the 1992 Syrian exports (370, ten times the recorded 37),
    which the book never uses (always False for the recorded flows).
    Years COW has no row for (1959-60, the United Arab Republic) are absent and stay absent.
    """
    if series == "flow":
        exact = _recorded(data, EXACT)
        later = _recorded(data, EXTENSION)
        frame = pd.concat([exact, later[later["year"] > exact["year"].max()]])
    elif series == "smoothed":
        frame = _recorded(data, EXTENSION, "smoothed")
    else:
        raise ValueError(f"series is 'flow' or 'smoothed', not {series!r}")
    frame = frame.sort_values(["direction", "year"], ignore_index=True)
    frame["flow"] = frame["direction"].map(DIRECTION_LABELS)
    frame = _with_flow_notes(data, frame) if series == "flow" else _with_smoothed_notes(data, frame)
    columns = ["year", "direction", "flow", "value_musd", "series", "release", "rounded"]
    return frame[[*columns, "note", "suspect", "citation"]]


def gaps(frame: pd.DataFrame) -> pd.DataFrame:
    """Runs of years inside a COW frame's span that have no row, with the reason.

    Charts draw these as breaks in the line (never zeros), with the reason on hover.
    """
    present = set(frame["year"])
    missing = [y for y in range(frame["year"].min(), frame["year"].max() + 1) if y not in present]
    rows = [
        {
            "first_year": first,
            "last_year": last,
            "reason": UAR_REASON
            if set(range(first, last + 1)) <= set(UAR_YEARS)
            else "No COW value",
        }
        for first, last in eras.spans(missing)
    ]
    return pd.DataFrame(rows, columns=["first_year", "last_year", "reason"])


def balance(data: Data) -> pd.DataFrame:
    """Soviet/Russian exports to Syria minus imports from Syria, per year (recorded flows).

    Both directions of a year always come from the same COW version, so the balance of a
    rounded (v4.0) year is itself rounded, and flagged.
    """
    flows = cow_flows(data)
    wide = flows.pivot(index="year", columns="direction", values="value_musd")
    meta = flows.drop_duplicates("year").set_index("year")
    frame = pd.DataFrame(
        {
            "exports_musd": wide[EXPORTS],
            "imports_musd": wide[IMPORTS],
            "balance_musd": wide[EXPORTS] - wide[IMPORTS],
            "release": meta["release"],
            "rounded": meta["rounded"],
            "citation": meta["citation"],
        }
    ).dropna(subset=["exports_musd", "imports_musd"])
    return frame.reset_index()


@dataclass(frozen=True)
class Peak:
    """The largest annual value of a flow, with the COW version it comes from."""

    year: int
    value_musd: float
    release: str
    rounded: bool


def peak(
    data: Data, direction: str = EXPORTS, first: int | None = None, last: int | None = None
) -> Peak:
    """The year of the largest recorded flow in one direction, over an optional span."""
    flows = cow_flows(data)
    rows = flows[flows["direction"] == direction]
    if first is not None:
        rows = rows[rows["year"] >= first]
    if last is not None:
        rows = rows[rows["year"] <= last]
    top = rows.loc[rows["value_musd"].idxmax()]
    return Peak(int(top["year"]), float(top["value_musd"]), top["release"], bool(top["rounded"]))


def spikes(data: Data, direction: str = EXPORTS) -> pd.DataFrame:
    """Years whose recorded flow COW's smoothing lowers (the 2004 and 2008 exports among them).

    Gives the book's value (v3.0 where it exists), COW's smoothed value, and the mean of the
    neighbouring years, which the smoothed value reproduces to rounding.
    """
    changes = smoothing_changes(data)
    lowered = changes[
        (changes["direction"] == direction) & (changes["smoothed_musd"] < changes["recorded_musd"])
    ]
    values = cow_flows(data).query("direction == @direction").set_index("year")
    rows = []
    for year, smoothed in zip(lowered["year"], lowered["smoothed_musd"], strict=True):
        neighbours = (values["value_musd"].get(year - 1), values["value_musd"].get(year + 1))
        mean = sum(neighbours) / 2 if None not in neighbours else float("nan")
        rows.append(
            {
                "year": year,
                "value_musd": values.at[year, "value_musd"],
                "release": values.at[year, "release"],
                "smoothed_musd": smoothed,
                "neighbours_mean_musd": mean,
                "times_neighbours": values.at[year, "value_musd"] / mean,
            }
        )
    return pd.DataFrame(rows)


def totals_by_era(data: Data) -> pd.DataFrame:
    """Exports, imports and balance summed over each era's years (current US$, nominal).

    A year belongs to the era in force on 1 July (``eras.era_of_year``). ``years`` counts the
    years with data (the UAR years are missing from the Soviet era); ``rounded_years`` how
    many of them are v4.0. Sums of current dollars across decades ignore inflation: they
    compare eras' nominal volume, not their real value.
    """
    frame = balance(data).assign(era=lambda f: f["year"].map(eras.era_of_year))
    totals = frame.groupby("era", sort=False).agg(
        first_year=("year", "min"),
        last_year=("year", "max"),
        years=("year", "size"),
        rounded_years=("rounded", "sum"),
        surplus_years=("balance_musd", lambda b: int((b > 0).sum())),
        exports_musd=("exports_musd", "sum"),
        imports_musd=("imports_musd", "sum"),
        balance_musd=("balance_musd", "sum"),
    )
    totals.insert(0, "label", [eras.BY_ID[era].label for era in totals.index])
    return totals.reset_index()


def official_figures(data: Data) -> pd.DataFrame:
    """Figures stated by Russian officials and state media, with their qualifiers.

    Adds readable labels: ``measure_label``, ``qualifier_label`` and ``period_label`` (the
    months a partial-year figure covers, or that the figure was a level current when stated),
    and ``annual_total``: whether the figure is a total for a whole calendar year. A level
    stated "now" in an article of a year (Asatryan's "less than US$650 million" in 2024) is
    not one: it is dated only to the year of the article, and the period it covers is unknown.
    """
    frame = data.shown("trade_official", "official-figures")
    frame["annual_total"] = ~(frame["partial_year"] | frame["current_at_article"])
    frame["measure_label"] = frame["measure"].map(MEASURE_LABELS)
    frame["qualifier_label"] = frame["qualifier"].map(QUALIFIER_LABELS)
    periods = []
    for start, end, partial, current in frame[
        ["period_start", "period_end", "partial_year", "current_at_article"]
    ].itertuples(index=False):
        label = str(start.year)
        if partial:
            label = f"{start:%b}{eras.DASH}{end:%b} {start.year} only"
        elif current:
            label += " (current when stated)"
        periods.append(label)
    frame["period_label"] = periods
    return frame


def official_vs_cow(data: Data) -> pd.DataFrame:
    """Each official total for a whole year beside COW's value for the same year and measure.

    COW's total trade is its two directions added (both are US$). Only years COW covers; a
    partial-year figure or an undated current level is never set beside a year's flow.
    """
    figures = official_figures(data)
    figures = figures[figures["annual_total"]]
    flows = cow_flows(data).set_index(["direction", "year"])
    rows = []
    for figure in figures.itertuples(index=False):
        keys = [(d, figure.year) for d in MEASURE_DIRECTIONS[figure.measure]]
        if not all(key in flows.index for key in keys):
            continue
        cow = flows.loc[keys]
        rows.append(
            {
                "year": figure.year,
                "measure": figure.measure,
                "measure_label": figure.measure_label,
                "official_musd": figure.value_musd,
                "qualifier": figure.qualifier,
                "cow_musd": float(cow["value_musd"].sum()),
                "cow_release": cow["release"].iloc[0],
                "cow_rounded": bool(cow["rounded"].any()),
                "citation": figure.citation,
            }
        )
    frame = pd.DataFrame(rows)
    frame["difference_musd"] = frame["official_musd"] - frame["cow_musd"]
    return frame


def caveats(data: Data) -> pd.DataFrame:
    """What a reader must know before using these numbers, each sentence built from the data.

    One row per topic (``topic``, ``years``, ``note``): the UAR gap, the rounded v4.0 years,
    v4.0's revisions of v3.0 years, the smoothed spikes, the unusable 1992 smoothed value,
    and the nature of the official figures.
    """
    flows = cow_flows(data)
    rows = []
    for gap in gaps(flows).itertuples(index=False):
        rows.append(
            {
                "topic": "gap",
                "years": eras.year_range(gap.first_year, gap.last_year),
                "note": f"{gap.reason}; shown as a break in the line, never as zero.",
            }
        )
    exact, extension = data.release(EXACT), data.release(EXTENSION)
    rounded = flows[flows["rounded"]]["year"]
    if not rounded.empty:
        rows.append(
            {
                "topic": "rounded",
                "years": eras.year_range(rounded.min(), rounded.max()),
                "note": f"COW v{extension} values, available only rounded to whole millions;"
                f" earlier years are v{exact}, exact.",
            }
        )
    revised = flows[flows["note"].str.contains("revises")]
    later = _extension_values(data, "flow")
    for direction, group in revised.groupby("direction"):
        rows.append(
            {
                "topic": "revised",
                "years": eras.year_range(group["year"].min(), group["year"].max()),
                "note": f"{DIRECTION_LABELS[direction]}: v{exact} records "
                + ", ".join(_musd(v) for v in group["value_musd"])
                + f"; v{extension} revises them to "
                + ", ".join(_musd(v) for v in later.loc[direction][group["year"]])
                + f". The book keeps v{exact}.",
            }
        )
    lowered = spikes(data)
    rows.append(
        {
            "topic": "smoothed",
            "years": ", ".join(str(y) for y in lowered["year"]),
            "note": "COW's smoothed series lowers Soviet/Russian exports to Syria in "
            + "; ".join(
                f"{s.year} from {_musd(s.value_musd)} to {_musd(s.smoothed_musd)}"
                for s in lowered.itertuples(index=False)
            )
            + " (the mean of the neighbouring years). The text uses the recorded flows.",
        }
    )
    for bad in smoothing_changes(data).query("suspect").itertuples(index=False):
        rows.append(
            {
                "topic": "suspect",
                "years": str(bad.year),
                "note": f"{bad.flow}, {bad.year}: COW's smoothed value is"
                f" {_musd(bad.smoothed_musd)}, {bad.ratio:.0f} times the recorded flow"
                f" ({_musd(bad.recorded_musd)}): not a recorded value; never used.",
            }
        )
    figures = official_figures(data)
    rows.append(
        {
            "topic": "official",
            "years": eras.year_range(figures["year"].min(), figures["year"].max()),
            "note": f"{len(figures)} figures stated by officials or state media, not a data set:"
            f" {int(figures['partial_year'].sum())} cover part of a year,"
            f" {int(figures['current_at_article'].sum())} a level current when stated"
            " (its period not given),"
            f" {int((figures['qualifier'] == 'approximate').sum())} are approximate and"
            f" {int((figures['qualifier'] == 'upper_bound').sum())} an upper bound.",
        }
    )
    return pd.DataFrame(rows, columns=["topic", "years", "note"])
