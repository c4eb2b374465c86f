"""The data-and-methods appendix's facts and tables, from the committed data and from a copy
holding newer releases side by side."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import curated, datasets, edition, findings, gaps
from analysis.data import Data
from analysis.findings import FindingError
from analysis.paths import Project
from helpers import altered, project_copy

ROOT = Path(__file__).resolve().parents[1]


def test_values(data: Data) -> None:
    shown = findings.of("data_and_methods", data).displayed()
    assert (shown["n_sources"], shown["n_tables"]) == ("11", "11")
    assert (shown["tables_release"], shown["deals_release"]) == ("2022", "2024")
    # Russia to Syria: 2000-2021 compared, 2017, 2018, 2020 and 2021 revised; 2018 the most.
    assert (shown["first_compared"], shown["last_compared"]) == ("2000", "2021")
    assert (shown["n_revised"], shown["n_compared"]) == ("4", "21")
    assert (shown["revised_year"], shown["revised_old"], shown["revised_new"]) == (
        "2018",
        "181",
        "199",
    )
    assert shown["sipri_first"] == "1950"
    assert (shown["cow_exact_release"], shown["cow_exact_last"]) == ("3.0", "2009")
    assert (shown["cow_extension_release"], shown["cow_extension_last"]) == ("4.0", "2014")
    rows = sum(len(data.curated(name)) for name in curated.TABLES)
    assert shown["n_curated"] == str(rows)
    assert shown["n_gaps"] == "11"
    assert (shown["min_shared"], shown["one_vote"]) == ("10", "10%")


def test_a_second_upper_bound_fails_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def bounded(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(qualifier=frame["qualifier"].replace("approximate", "upper_bound"))

    altered(monkeypatch, "shown", "trade_official", bounded)
    with pytest.raises(FindingError, match="some are approximate, and the latest"):
        findings.of("data_and_methods", Data(Project(ROOT)))


def test_the_latest_level_coded_as_a_year_fails_the_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def as_a_year(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(current_at_article=False)

    altered(monkeypatch, "shown", "trade_official", as_a_year)
    with pytest.raises(FindingError, match="rather than a total for any year"):
        findings.of("data_and_methods", Data(Project(ROOT)))


def _add_release(project: Project, table: str, column: str, old: str, new: str) -> None:
    """Register a new release beside ``old`` in a processed table: the same rows, relabelled
    (and the TIV of revisions raised, so that reading the wrong pair would show)."""
    file = project.processed / f"{table}.csv"
    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    extra = frame[frame[column] == old].assign(**{column: new})
    if table == "arms_revisions":
        extra = extra.assign(
            tiv_new=extra["tiv_new"].map(lambda v: f"{float(v) + 1:.2f}" if v else v)
        )
    pd.concat([frame, extra]).to_csv(file, index=False, lineterminator="\n")


@pytest.fixture
def releases(tmp_path: Path) -> Project:
    """A copy of the project with a newer deals export, trade register and COW extension
    registered beside the releases the edition shows."""
    project = project_copy(ROOT, tmp_path)
    _add_release(project, "arms_deliveries", "release", "2024", "2025")
    _add_release(project, "arms_revisions", "release_new", "2024", "2025")
    _add_release(project, "arms_register", "release", "2025", "2026")
    _add_release(project, "trade", "release", "4.0", "5.0")
    return project


def test_releases_side_by_side_keep_the_editions(releases: Project, data: Data) -> None:
    assert findings.of("data_and_methods", Data(releases)).displayed() == (
        findings.of("data_and_methods", data).displayed()
    )
    assert r"2024\, 2025" in datasets.markdown_table(Data(releases))  # escaped comma


def test_the_edition_picks_the_revisions_pair(releases: Project) -> None:
    edition.set_release(releases.edition, "sipri-deals", "2025")
    shown = findings.of("data_and_methods", Data(releases)).displayed()
    assert shown["deals_release"] == "2025"
    assert (shown["n_compared"], shown["revised_year"], shown["revised_new"]) == (
        "21",
        "2018",
        "200",
    )


def test_tables(data: Data) -> None:
    catalogue = gaps.markdown_table(data)
    assert ":name: tab-gaps" in catalogue
    assert catalogue.count("\n* - ") == 1 + len(gaps.catalogue(data))
    assert "{cite:p}`cow_trade_v3,cow_trade_v4,peacesciencer`" in catalogue
    processed = datasets.markdown_table(data)
    assert ":name: tab-processed" in processed
    assert processed.count("\n* - ") == 1 + len(datasets.DATASETS)


def test_no_revised_year_fails_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    def unchanged(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(status=frame["status"].replace("revised", "unchanged"))

    altered(monkeypatch, "table", "arms_revisions", unchanged)
    with pytest.raises(FindingError, match="the year revised the most"):
        findings.of("data_and_methods", Data(Project(ROOT)))
