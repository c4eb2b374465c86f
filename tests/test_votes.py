"""Voting alignment in the General Assembly: checked against counts made by hand from the CSVs."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import votes
from analysis.data import Data
from analysis.paths import Project


@pytest.fixture(scope="module")
def by_year(data: Data) -> pd.DataFrame:
    return votes.by_year(data)


@pytest.fixture(scope="module")
def by_issue(data: Data) -> pd.DataFrame:
    return votes.by_issue(data)


def _wide_votes(project: Project) -> pd.DataFrame:
    """The processed votes read with plain pandas (not through the package), one column per
    country, only roll calls on which both voted."""
    raw = pd.read_csv(project.processed / "unga_votes.csv")
    return raw.pivot(index="rcid", columns="country", values="vote").dropna()


def test_1980_by_hand(project: Project, by_year: pd.DataFrame) -> None:
    raw = pd.read_csv(project.processed / "unga_votes.csv")
    in_1980 = raw[raw["date"].str.startswith("1980-")]
    russia = in_1980[in_1980["country"] == "Russia"].set_index("rcid")["vote"]
    syria = in_1980[in_1980["country"] == "Syria"].set_index("rcid")["vote"]
    both = russia.index.intersection(syria.index)
    same = int((russia[both] == syria[both]).sum())
    assert (len(both), same) == (100, 80)  # counted once by hand, kept as a fixed point
    row = by_year.set_index("year").loc[1980]
    assert (row["shared"], row["agreed"], row["share"]) == (100, 80, 0.8)
    assert row["era"] == "assad"


def test_every_year_from_1946_to_2020_and_no_other(data: Data, by_year: pd.DataFrame) -> None:
    assert by_year["year"].tolist() == list(range(1946, 2021))
    # one roll call in 2020: a gap, and the last year with a share is the last year read
    assert by_year.set_index("year").loc[2020, ["roll_calls", "shared"]].tolist() == [1, 1]
    assert by_year.loc[by_year["share"].notna(), "year"].max() == votes.last_year(data) == 2019


def test_gaps_are_gaps_with_their_reason(by_year: pd.DataFrame) -> None:
    gaps = by_year[by_year["share"].isna()].set_index("year")["gap"].to_dict()
    assert gaps == {
        1951: votes.GAPS["too_few"],  # 6 shared roll calls
        1958: votes.GAPS["no_syrian_votes"],  # the United Arab Republic
        1959: votes.GAPS["no_syrian_votes"],
        1960: votes.GAPS["no_syrian_votes"],
        1964: votes.GAPS["no_roll_calls"],
        2020: votes.GAPS["too_few"],  # the data's single roll call of 2020
    }
    assert by_year.loc[by_year["share"].notna(), "gap"].isna().all()
    year = by_year.set_index("year")
    assert year.loc[1951, ["roll_calls", "shared", "agreed"]].tolist() == [7, 6, 2]
    assert year.loc[1964, ["roll_calls", "syrian_votes", "shared"]].tolist() == [0, 0, 0]
    assert (year.loc[1958:1960, "syrian_votes"] == 0).all()
    assert year.loc[1958:1960, "roll_calls"].tolist() == [31, 56, 54]


def test_shares_are_shares(by_year: pd.DataFrame, by_issue: pd.DataFrame) -> None:
    for frame in (by_year, by_issue):
        shown = frame.dropna(subset=["share"])
        assert shown["share"].between(0, 1).all()
        assert (shown["shared"] >= votes.MIN_SHARED).all()
        assert (shown["agreed"] <= shown["shared"]).all()
        assert frame.loc[frame["shared"] < votes.MIN_SHARED, "share"].isna().all()


def test_shared_roll_calls_match_the_csv(project: Project, data: Data) -> None:
    shared = votes.shared_roll_calls(data)
    wide = _wide_votes(project)
    assert len(shared) == len(wide) == 5660
    assert votes.by_year(data)["shared"].sum() == 5660
    assert shared["agree"].sum() == (wide["Russia"] == wide["Syria"]).sum()
    assert shared["rcid"].is_unique
    assert set(shared["vote_russia"]) | set(shared["vote_syria"]) == {"yes", "no", "abstain"}


def test_issue_names_cover_the_tags_of_the_source(project: Project) -> None:
    calls = pd.read_csv(project.processed / "unga_roll_calls.csv")
    tags = set(calls["issue_codes"].dropna().str.split(";").explode())
    assert tags == set(votes.ISSUES) == {"me", "nu", "di", "hr", "co", "ec"}
    assert votes.ISSUES["me"] == "Palestinian conflict"


def test_by_issue_for_the_1980s_by_hand(project: Project, by_issue: pd.DataFrame) -> None:
    wide = _wide_votes(project).reset_index()
    calls = pd.read_csv(project.processed / "unga_roll_calls.csv")
    merged = wide.merge(calls[["rcid", "year", "issue_codes"]], on="rcid")
    eighties = merged[merged["year"].between(1980, 1989)]
    middle_east = eighties[
        eighties["issue_codes"].fillna("").str.split(";").map(lambda t: "me" in t)
    ]
    cell = by_issue.set_index(["decade", "issue"]).loc[(1980, "me")]
    assert cell["shared"] == len(middle_east) == 305
    assert cell["agreed"] == (middle_east["Russia"] == middle_east["Syria"]).sum() == 300
    every = by_issue.set_index(["decade", "issue"]).loc[(1980, votes.ALL_ISSUES)]
    assert every["shared"] == len(eighties) == 1333


def test_by_issue_all_rows_add_up_to_the_years(
    data: Data, by_year: pd.DataFrame, by_issue: pd.DataFrame
) -> None:
    every = by_issue[by_issue["issue"] == votes.ALL_ISSUES].set_index("decade")
    in_decades = by_year[by_year["year"] <= votes.last_year(data)]
    per_decade = in_decades.groupby(in_decades["year"] // 10 * 10)[["shared", "agreed"]].sum()
    pd.testing.assert_frame_equal(every[["shared", "agreed"]], per_decade, check_names=False)
    assert every["first_year"].tolist()[0] == 1946
    assert every["last_year"].tolist()[-1] == 2019


def test_by_issue_has_every_decade_and_tag(by_issue: pd.DataFrame) -> None:
    assert len(by_issue) == 8 * 7
    assert by_issue.groupby("decade")["issue"].apply(list).map(tuple).nunique() == 1
    # too few roll calls is a gap, not a share; a real zero stays a zero
    cells = by_issue.set_index(["decade", "issue"])
    assert pd.isna(cells.loc[(1940, "nu"), "share"]) and cells.loc[(1940, "nu"), "shared"] == 4
    assert cells.loc[(1940, "di"), "share"] == 0 and cells.loc[(1940, "di"), "shared"] == 10
