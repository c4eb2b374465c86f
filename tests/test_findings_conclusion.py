"""The conclusion's facts: the chapters' own facts, the same text on both pages, and the
conclusion's own words guarded against a release that would falsify them."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import findings, votes
from analysis.data import Data
from analysis.findings import FindingError, conclusion
from helpers import altered


@pytest.fixture(scope="module")
def shown(data: Data) -> dict[str, str]:
    return findings.of("conclusion", data).displayed()


def test_values(shown: dict[str, str]) -> None:
    assert (shown["tiv_soviet_era"], shown["soviet_rank"], shown["russian_rank"]) == (
        "29,543",
        "3",
        "9",
    )
    assert (shown["debt_kudrin_off"], shown["debt_rferl_off"]) == ("9.8", "13.4")
    assert (shown["vote_1960s"], shown["unga_share_2000s"], shown["unga_share_last"]) == (
        "76%",
        "69%",
        "72%",
    )
    assert (shown["veto_with_china"], shown["veto_alone"]) == ("10", "8")
    assert (shown["cow_last"], shown["n_statements"], shown["record_end"]) == (
        "2014",
        "12",
        "4 February 2026",
    )


@pytest.mark.parametrize("chapter", conclusion.RESTATED)
def test_the_conclusion_prints_what_the_chapter_prints(
    chapter: str, data: Data, shown: dict[str, str]
) -> None:
    stated = findings.of(chapter, data)
    for name, as_name in conclusion.RESTATED[chapter]:
        assert shown[as_name or name] == stated[name].text


def test_closer_votes_in_the_last_year_fail_the_sentence(
    monkeypatch: pytest.MonkeyPatch, data: Data
) -> None:
    """If Syria had voted with Russia on every roll call of the last year, the intervention
    would no longer have "barely changed" its votes."""
    by_year, last = votes.by_year, votes.last_year(data)

    def closer(data: Data) -> pd.DataFrame:
        frame = by_year(data).copy()
        frame.loc[frame["year"] == last, "share"] = 1.0
        return frame

    monkeypatch.setattr(votes, "by_year", closer)
    with pytest.raises(FindingError, match=r"conclusion: .*barely moved"):
        findings.of("conclusion", Data(data.project))


def test_fewer_joint_vetoes_fail_the_sentence(monkeypatch: pytest.MonkeyPatch, data: Data) -> None:
    vetoes = data.curated("unsc_vetoes")
    joint = [vetoes.index.get_loc(i) for i in vetoes.index[vetoes["china_vetoed"].astype(bool)]]

    def alone(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame.loc[frame.index[joint[-2:]], "china_vetoed"] = False
        return frame

    altered(monkeypatch, "curated", "unsc_vetoes", alone)
    with pytest.raises(FindingError, match=r"conclusion: .*together with China"):
        findings.of("conclusion", Data(data.project))
