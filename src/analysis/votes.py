"""How often the USSR/Russia and Syria voted alike in the UN General Assembly.

The measure is the share of agreement: among the roll calls on which both cast a vote (yes,
no or abstain), the share on which they cast the same one. Absences are not in the data (the
release used drops them), so a roll call that either missed does not count either way. The
source codes the USSR and the Russian Federation as one country, so the series runs through
1991 without a seam in the data; the seam is in history, not in the coding.

A year is the calendar year of the vote date, not the Assembly session. A year with fewer than
``MIN_SHARED`` shared roll calls gets no share: it is a gap with its reason, never a zero.
"""

from __future__ import annotations

import pandas as pd

from analysis import eras
from analysis.data import Data

# The General Assembly first met in 1946. The last year read is computed (`last_year`): the
# data may end with a year too thin to read, which by_year keeps as a gap.
FIRST_YEAR = 1946
ROLE = "unga-votes"
# Below ten shared roll calls one vote moves the share by ten points or more: too few to read.
MIN_SHARED = 10
RUSSIA, SYRIA = "Russia", "Syria"
CITATION = "voeten_unga; unvotes"

# The issue tags of the source (keyword searches; not exhaustive, a roll call may have several).
ISSUES: dict[str, str] = {
    "me": "Palestinian conflict",
    "nu": "Nuclear weapons and material",
    "di": "Arms control and disarmament",
    "hr": "Human rights",
    "co": "Colonialism",
    "ec": "Economic development",
}
ALL_ISSUES = "all"  # every shared roll call, tagged or not: the yardstick for the tags

# Why a year has no share; short, as the chart prints them in the gap.
GAPS: dict[str, str] = {
    "no_roll_calls": "no roll calls",
    "no_syrian_votes": "no Syrian votes",
    "too_few": f"under {MIN_SHARED} shared",
}


def shared_roll_calls(data: Data) -> pd.DataFrame:
    """One row per roll call on which both voted, with both votes, whether they agree, the
    roll call's date, year, era and issue tags."""
    votes = data.shown("unga_votes", ROLE)
    wide = votes.pivot(index="rcid", columns="country", values="vote").dropna()
    wide = wide.rename(columns={RUSSIA: "vote_russia", SYRIA: "vote_syria"}).reset_index()
    calls = data.shown("unga_roll_calls", ROLE)[["rcid", "date", "year", "issue_codes"]]
    frame = wide.merge(calls, on="rcid", how="left", validate="one_to_one")
    frame["agree"] = frame["vote_russia"] == frame["vote_syria"]
    frame["era"] = frame["date"].map(lambda day: eras.era_of(day.date()))
    columns = ["rcid", "date", "year", "era", "vote_russia", "vote_syria", "agree", "issue_codes"]
    return frame[columns].sort_values(["date", "rcid"], ignore_index=True)


def _share(frame: pd.DataFrame) -> pd.DataFrame:
    """Share of agreement where there are at least ``MIN_SHARED`` shared roll calls."""
    frame["share"] = (frame["agreed"] / frame["shared"]).where(frame["shared"] >= MIN_SHARED)
    return frame


def by_year(data: Data) -> pd.DataFrame:
    """One row per calendar year from 1946 to the data's last: roll calls held, votes cast by
    Syria, shared roll calls, agreements and their share; ``gap`` names why a year has no share
    (see ``GAPS``)."""
    calls = data.shown("unga_roll_calls", ROLE).groupby("year").size()
    votes = data.shown("unga_votes", ROLE)
    syrian = votes[votes["country"] == SYRIA].groupby("year").size()
    shared = shared_roll_calls(data).groupby("year")["agree"].agg(["size", "sum"])
    years = pd.RangeIndex(FIRST_YEAR, int(calls.index.max()) + 1, name="year")
    frame = pd.DataFrame(
        {
            "roll_calls": calls.reindex(years, fill_value=0),
            "syrian_votes": syrian.reindex(years, fill_value=0),
            "shared": shared["size"].reindex(years, fill_value=0),
            "agreed": shared["sum"].reindex(years, fill_value=0),
        }
    ).reset_index()
    frame = _share(frame.astype("int64"))
    gap = pd.Series(pd.NA, index=frame.index, dtype="string")
    gap[frame["shared"] < MIN_SHARED] = GAPS["too_few"]
    gap[frame["syrian_votes"] == 0] = GAPS["no_syrian_votes"]
    gap[frame["roll_calls"] == 0] = GAPS["no_roll_calls"]
    frame["gap"] = gap
    frame["era"] = frame["year"].map(eras.era_of_year)
    frame["release"] = data.release(ROLE)
    frame["citation"] = CITATION
    return frame


def last_year(data: Data) -> int:
    """The last year with a share of agreement: the end of the readable series."""
    frame = by_year(data)
    return int(frame.loc[frame["share"].notna(), "year"].max())


def by_issue(data: Data) -> pd.DataFrame:
    """Shared roll calls, agreements and share of agreement per decade and issue tag, with a
    row for all roll calls of the decade (tagged or not) to compare the tags with.

    Decades rather than eras: the Assad era spans the end of the USSR, the largest shift in the
    annual series, which a per-era figure would average away; a decade still holds enough
    roll calls per tag. ``first_year`` and ``last_year`` give the years a decade covers here
    (1946-49 for the first, 2010-19 for the last).
    """
    last = last_year(data)
    shared = shared_roll_calls(data)
    shared = shared[shared["year"].between(FIRST_YEAR, last)]
    shared = shared.assign(decade=shared["year"] // 10 * 10)
    tagged = shared.assign(issue=shared["issue_codes"].str.split(";")).explode("issue")
    rows = pd.concat(
        [shared.assign(issue=ALL_ISSUES), tagged.dropna(subset=["issue"])], ignore_index=True
    )
    names = {ALL_ISSUES: "All roll calls", **ISSUES}
    rows["issue"] = pd.Categorical(rows["issue"], categories=list(names))
    frame = rows.groupby(["decade", "issue"], observed=False, as_index=False)["agree"].agg(
        shared="size", agreed="sum"
    )
    frame = _share(frame.astype({"issue": str, "agreed": "int64"}))
    frame["issue_name"] = frame["issue"].map(names)
    frame["first_year"] = frame["decade"].clip(lower=FIRST_YEAR)
    frame["last_year"] = (frame["decade"] + 9).clip(upper=last)
    frame["release"] = data.release(ROLE)
    frame["citation"] = CITATION
    columns = ["decade", "first_year", "last_year", "issue", "issue_name", "shared", "agreed"]
    return frame[[*columns, "share", "release", "citation"]]
