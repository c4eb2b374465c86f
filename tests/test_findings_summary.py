"""The executive summary's facts (the landing page): the chapters' own facts, the same text
on both pages, and the summary's own words guarded against a release that would falsify
them. The checks every chapter shares are in test_findings.py."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import findings
from analysis.data import Data
from analysis.findings import FindingError, summary
from helpers import altered


@pytest.fixture(scope="module")
def shown(data: Data) -> dict[str, str]:
    return findings.of("summary", data).displayed()


def test_values(shown: dict[str, str]) -> None:
    assert (shown["import_share"], shown["share_first"], shown["share_last"]) == (
        "91%",
        "1950",
        "2021",
    )
    assert (shown["soviet_rank"], shown["soviet_clients"], shown["soviet_share"]) == (
        "3",
        "76",
        "7.6%",
    )
    assert (shown["russian_rank"], shown["russian_clients"]) == ("9", "107")
    assert (shown["silence_first"], shown["silence_last"]) == ("2022", "2024")
    assert (shown["veto_count"], shown["veto_with_china"]) == ("18", "10")
    assert (shown["n_under_review"], shown["n_terminated"]) == ("7", "1")
    assert (shown["latest_bound_musd"], shown["peak_exports"]) == ("650", "2,135")
    assert shown["period"] == "1944\u20132026"


@pytest.mark.parametrize("chapter", summary.RESTATED)
def test_the_summary_prints_what_the_chapter_prints(
    chapter: str, data: Data, shown: dict[str, str]
) -> None:
    stated, own = findings.of(chapter, data), findings.of("summary", data)
    for name, as_name in summary.RESTATED[chapter]:
        assert shown[as_name or name] == stated[name].text
        assert own[as_name or name].sources == stated[name].sources


def _set(column: str, value: object, rows: slice | list[int]):
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame.loc[frame.index[rows], column] = value
        return frame

    return change


def test_fewer_joint_vetoes_fail_the_sentence(monkeypatch: pytest.MonkeyPatch, data: Data) -> None:
    joint = data.curated("unsc_vetoes")
    latest_joint = list(joint.index[joint["china_vetoed"].astype(bool)][-2:])
    positions = [joint.index.get_loc(i) for i in latest_joint]
    altered(monkeypatch, "curated", "unsc_vetoes", _set("china_vetoed", False, positions))
    with pytest.raises(FindingError, match=r"summary: .*together with China"):
        findings.of("summary", Data(data.project))


def test_a_second_ended_agreement_fails_the_sentence(
    monkeypatch: pytest.MonkeyPatch, data: Data
) -> None:
    agreements = data.curated("agreements")
    phosphate = agreements.index.get_loc(
        agreements.index[agreements["id"] == "2018-03-sharqiya-phosphate-contract"][0]
    )
    altered(monkeypatch, "curated", "agreements", _set("status", "terminated", [phosphate]))
    with pytest.raises(FindingError, match=r"(summary|after_assad): .*(has been ended|ended by)"):
        findings.of("summary", Data(data.project))
