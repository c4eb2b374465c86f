"""UNGA votes and roll calls (two releases): known counts, agreement, malformed inputs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.countries import RUSSIA, SYRIA
from analysis.errors import DataError
from analysis.sources import unga
from helpers import Edit, bad_copy, raises_at, set_cell

VOTES = "unga/unga_votes_russia_syria.csv"
ROLL_CALLS = "unga/unga_roll_calls.csv"
RAWCODES = "unga/unga_votes_russia_syria_2017release_rawcodes.csv"


@pytest.fixture(scope="module")
def votes(sources: Path) -> pd.DataFrame:
    return unga.parse_votes(sources / VOTES).table


@pytest.fixture(scope="module")
def roll_calls(sources: Path) -> pd.DataFrame:
    return unga.parse_roll_calls(sources / ROLL_CALLS).table


@pytest.fixture(scope="module")
def votes_2017(sources: Path) -> pd.DataFrame:
    return unga.parse_votes_2017_rawcodes(sources / RAWCODES).table


# --- the real files -------------------------------------------------------------------------


def test_votes(votes: pd.DataFrame) -> None:
    assert list(votes.columns) == [
        "rcid",
        "date",
        "year",
        "session",
        "country",
        "vote",
        "important",
    ]
    assert votes.date.dtype == "datetime64[ns]" and votes.important.dtype == "boolean"
    assert len(votes) == 11_854
    assert votes.country.value_counts().to_dict() == {RUSSIA: 6_145, SYRIA: 5_709}
    assert set(votes.vote) == {"yes", "no", "abstain"}
    assert not votes.duplicated(["rcid", "country"]).any()
    assert (votes.year == votes.date.dt.year).all()
    assert (votes.date.min(), votes.date.max()) == (
        pd.Timestamp("1946-01-01"),
        pd.Timestamp("2020-01-14"),
    )


def test_syria_did_not_vote_as_the_united_arab_republic(votes: pd.DataFrame) -> None:
    syria = votes[votes.country == SYRIA]
    assert not syria.year.isin([1958, 1959, 1960]).any()


def test_roll_calls(roll_calls: pd.DataFrame, votes: pd.DataFrame) -> None:
    assert len(roll_calls) == 6_194 and roll_calls.rcid.is_unique
    per_year = roll_calls.year.value_counts()
    assert 1964 not in per_year.index
    assert per_year[2020] == 1
    assert set(roll_calls.rcid) == set(votes.rcid)
    joined = votes.merge(roll_calls, on="rcid", suffixes=("", "_rc"))
    assert (joined.date == joined.date_rc).all() and (joined.session == joined.session_rc).all()
    assert roll_calls.important.isna().sum() == 602
    for flag in ("important", "amend", "para"):
        assert roll_calls[flag].dtype == "boolean"


def test_roll_call_issue_codes(roll_calls: pd.DataFrame) -> None:
    codes = roll_calls.issue_codes.str.split(";").explode()
    assert set(codes) == {"", "me", "nu", "di", "hr", "co", "ec"}
    assert (roll_calls.issue_codes == "").sum() == 2_098
    assert roll_calls.loc[roll_calls.rcid == 9145, "issue_codes"].item() == "di;co;ec"


def test_roll_call_text_is_verbatim(sources: Path, roll_calls: pd.DataFrame) -> None:
    raw = pd.read_csv(sources / ROLL_CALLS, dtype=str, keep_default_na=False)
    for column in ("unres", "short", "descr"):
        assert roll_calls[column].tolist() == raw[column].tolist()
    # trailing spaces are the producer's, and stay
    assert (
        roll_calls.loc[roll_calls.rcid == 9146, "short"].item() == "Oil slick on Lebanese shores "
    )


def test_votes_2017_release(votes_2017: pd.DataFrame) -> None:
    assert list(votes_2017.columns) == ["rcid", "date", "year", "session", "country", "vote"]
    assert len(votes_2017) == 10_858 and votes_2017.rcid.nunique() == 5_429
    assert votes_2017.vote.value_counts().to_dict() == {
        "yes": 7_963,
        "abstain": 1_255,
        "no": 1_182,
        "absent": 458,
    }
    dated = votes_2017[votes_2017.date.notna()]
    assert (dated.year == dated.date.dt.year).all()
    undated = votes_2017[votes_2017.date.isna()]
    assert set(undated.rcid) == {4592} and undated.year.isna().all()
    # This release marks Syria absent while it voted as the United Arab Republic.
    uar = votes_2017[(votes_2017.country == SYRIA) & votes_2017.year.isin([1958, 1959, 1960])]
    assert set(uar.vote) == {"absent"}


def test_both_releases_agree(votes: pd.DataFrame, votes_2017: pd.DataFrame) -> None:
    shared = votes.merge(votes_2017, on=["rcid", "country"], suffixes=("", "_2017"))
    assert len(shared) == 10_400
    assert (shared.vote == shared.vote_2017).all()
    # Absences were dropped from the newer release: none of them reappears there as a vote.
    absent = votes_2017[votes_2017.vote == "absent"]
    assert absent.merge(votes, on=["rcid", "country"]).empty


def test_formats_and_sniff(sources: Path) -> None:
    assert set(unga.FORMATS) == {"unga-votes", "unga-roll-calls", "unga-votes-2017-rawcodes"}
    assert unga.sniff(sources / VOTES) == "unga-votes"
    assert unga.sniff(sources / ROLL_CALLS) == "unga-roll-calls"
    assert unga.sniff(sources / RAWCODES) == "unga-votes-2017-rawcodes"
    assert unga.sniff(sources / "cow/cow-trade-v3.0-russia-syria.csv") is None


def test_crlf_bom_and_column_order(sources: Path, tmp_path: Path, votes: pd.DataFrame) -> None:
    frame = pd.read_csv(sources / VOTES, dtype=str, keep_default_na=False)
    path = tmp_path / "reordered.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + frame[list(reversed(frame.columns))].to_csv(index=False).encode()
    )
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    pd.testing.assert_frame_equal(unga.parse_votes(path).table, votes)


# --- malformed inputs ---------------------------------------------------------------------------

Case = tuple[str, str, Edit, int | None, str | None]
GENERIC: list[Case] = [
    (name, file, edit, row, column)
    for file in (VOTES, ROLL_CALLS, RAWCODES)
    for name, edit, row, column in [
        ("header only", lambda ls: ls[:1], 1, None),
        ("short row", lambda ls: [*ls[:99], ls[99].split(",")[0], *ls[100:]], 100, "session"),
        ("renamed column", lambda ls: [ls[0].replace("rcid", "id"), *ls[1:]], 1, "rcid"),
        ("non-numeric rcid", set_cell(50, "rcid", "5o"), 50, "rcid"),
        ("non-numeric session", set_cell(60, "session", "x"), 60, "session"),
    ]
    if not (name == "short row" and file == VOTES)
] + [
    ("short row", VOTES, lambda ls: [*ls[:99], ls[99].split(",")[0], *ls[100:]], 100, "date"),
]
SPECIFIC: list[Case] = [
    ("impossible date", VOTES, set_cell(5001, "date", "2017-13-01"), 5001, "date"),
    ("unreadable date", VOTES, set_cell(5001, "date", "12/02/1984"), 5001, "date"),
    ("year out of range", VOTES, set_cell(5001, "date", "1850-12-02"), 5001, "date"),
    ("unknown country", VOTES, set_cell(5002, "country_code", "XX"), 5002, "country_code"),
    ("country not its code's", VOTES, set_cell(5002, "country", "Egypt"), 5002, "country"),
    ("duplicate rcid and country", VOTES, set_cell(4, "rcid", "3"), 4, "rcid"),
    ("one roll call, two dates", VOTES, set_cell(3, "date", "1946-01-05"), 3, "date"),
    ("unknown vote", VOTES, set_cell(200, "vote", "maybe"), 200, "vote"),
    ("bad important flag", VOTES, set_cell(300, "importantvote", "2"), 300, "importantvote"),
    ("duplicate rcid", ROLL_CALLS, set_cell(3, "rcid", "3"), 3, "rcid"),
    ("impossible date", ROLL_CALLS, set_cell(10, "date", "1946-02-30"), 10, "date"),
    ("unknown issue code", ROLL_CALLS, set_cell(5, "issue_codes", "hr;zz"), 5, "issue_codes"),
    ("repeated issue code", ROLL_CALLS, set_cell(5, "issue_codes", "hr;hr"), 5, "issue_codes"),
    ("issues not the codes", ROLL_CALLS, set_cell(5, "issues", "Colonialism"), 5, "issues"),
    ("bad amend flag", ROLL_CALLS, set_cell(20, "amend", "yes"), 20, "amend"),
    ("impossible date", RAWCODES, set_cell(40, "date", "2/30/1947"), 40, "date"),
    ("ISO date", RAWCODES, set_cell(40, "date", "1947-02-03"), 40, "date"),
    ("year not the session's", RAWCODES, set_cell(2, "year", "1947"), 2, "year"),
    ("unknown country", RAWCODES, set_cell(7, "ccode", "2"), 7, "ccode"),
    ("country as letters", RAWCODES, set_cell(7, "ccode", "RU"), 7, "ccode"),
    ("unknown vote code", RAWCODES, set_cell(8, "vote", "5"), 8, "vote"),
    ("bad member flag", RAWCODES, set_cell(9, "member", "NA"), 9, "member"),
    ("duplicate rcid and country", RAWCODES, set_cell(4, "rcid", "3"), 4, "rcid"),
]
PARSERS = {
    VOTES: unga.parse_votes,
    ROLL_CALLS: unga.parse_roll_calls,
    RAWCODES: unga.parse_votes_2017_rawcodes,
}


@pytest.mark.parametrize(
    ("file", "edit", "row", "column"),
    [case[1:] for case in GENERIC + SPECIFIC],
    ids=[f"{Path(case[1]).stem}: {case[0]}" for case in GENERIC + SPECIFIC],
)
def test_malformed(
    sources: Path, tmp_path: Path, file: str, edit: Edit, row: int | None, column: str | None
) -> None:
    path = bad_copy(tmp_path, sources / file, edit)
    raises_at(PARSERS[file], path, row, column)


@pytest.mark.parametrize("file", PARSERS)
def test_empty_file(tmp_path: Path, file: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    raises_at(PARSERS[file], path, None, None)


def test_undecodable_bytes(sources: Path, tmp_path: Path) -> None:
    data = (sources / VOTES).read_bytes().split(b"\n")
    data[6000] = data[6000].replace(b"Syria", b"Syr\xeda").replace(b"Russia", b"R\xfassia")
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"\n".join(data))
    raises_at(unga.parse_votes, path, 6001, "country")


def test_truncated_mid_quote(sources: Path, tmp_path: Path) -> None:
    # A download cut inside a quoted description: the record never closes.
    text = (sources / ROLL_CALLS).read_text(encoding="utf-8")
    path = tmp_path / "cut.csv"
    path.write_text(text[: text.index("TO ADOPT A USSR PROPOSAL") + 10], encoding="utf-8")
    with pytest.raises(DataError) as info:
        unga.parse_roll_calls(path)
    assert (info.value.file, info.value.row) == (str(path), 3)
