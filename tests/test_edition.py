"""The edition file and the data handle that reads it: which release the book shows per role,
checked on load; a release changed by rewriting one line; rows and releases the edition does
not allow refused with their place named; the project found from any of its folders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import edition
from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project
from helpers import edition_fields, project_with


@pytest.fixture
def copy(tmp_path: Path, project: Project) -> Project:
    """A project with copies of the edition file and the bibliography."""
    return project_with(tmp_path / "project", project, "data/edition.yaml", "references.bib")


def _rewrite(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def test_the_committed_edition(data: Data) -> None:
    chosen = data.edition
    assert set(chosen.releases) == set(edition.ROLES)
    assert chosen.period == f"{edition.FIRST_YEAR}\u2013{chosen.record_closes.year}"
    assert chosen.full_title == f"{chosen.title}, {chosen.period}"
    assert chosen.record_closes <= chosen.date
    midnight = dt.datetime.fromtimestamp(chosen.epoch, dt.UTC)
    assert (midnight.date(), midnight.time()) == (chosen.date, dt.time())
    assert data.release("sipri-tables") == chosen.releases["sipri-tables"] == "2022"
    with pytest.raises(KeyError, match="no role 'sipri'"):
        data.release("sipri")


def _drop_role(text: str) -> str:
    return text.replace("  cow-extension: '4.0'\n", "")


def _unknown_role(text: str) -> str:
    return text.replace("releases:\n", "releases:\n  imf-trade: '2024'\n")


def _bad_version(text: str) -> str:
    return edition_fields(text, version="0.1")


def _closes_after_date(text: str) -> str:
    return text.replace("record_closes: 2026-02-04", "record_closes: 2027-01-01")


def _undated(text: str) -> str:
    return text.replace("date: 2026-12-02", "date: soon")


@pytest.mark.parametrize(
    ("edit", "column", "message"),
    [
        (_drop_role, "releases", "role 'cow-extension' has no release"),
        (_unknown_role, "releases", "unknown role 'imf-trade'"),
        (_bad_version, "version", "not MAJOR.MINOR.PATCH"),
        (_closes_after_date, "date", "cannot close after"),
        (_undated, "date", "YYYY-MM-DD"),
    ],
)
def test_a_bad_edition_file_is_refused_naming_file_and_column(
    copy: Project, edit: Callable[[str], str], column: str, message: str
) -> None:
    text = copy.edition.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text, "the edit no longer matches the committed edition file"
    copy.edition.write_text(changed, encoding="utf-8")
    with pytest.raises(DataError) as info:
        edition.load(copy.edition)
    assert (info.value.file, info.value.column) == (str(copy.edition), column)
    assert message in info.value.message


def test_set_release_rewrites_exactly_one_line_and_keeps_the_comments(copy: Project) -> None:
    before = copy.edition.read_text(encoding="utf-8").splitlines()
    assert edition.set_release(copy.edition, "cow-exact", "3.1") is True
    after = copy.edition.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [("  cow-exact: '3.0'", "  cow-exact: '3.1'")]
    assert [line for line in after if line.startswith("#")] == [
        line for line in before if line.startswith("#")
    ]
    assert edition.load(copy.edition).release("cow-exact") == "3.1"
    assert edition.set_release(copy.edition, "cow-exact", "3.1") is False
    assert copy.edition.read_text(encoding="utf-8").splitlines() == after


def test_set_release_refuses_an_unknown_role(copy: Project) -> None:
    before = copy.edition.read_bytes()
    with pytest.raises(KeyError):
        edition.set_release(copy.edition, "imf-trade", "2024")
    assert copy.edition.read_bytes() == before


def test_a_release_the_table_does_not_hold_is_a_clear_error(
    copy: Project, project: Project
) -> None:
    project_with(copy.root, project, "data/processed/arms_exports.csv")
    edition.set_release(copy.edition, "sipri-tables", "1999")
    with pytest.raises(ValueError) as info:
        Data(copy).shown("arms_exports", "sipri-tables")
    message = str(info.value)
    assert "'1999'" in message and "sipri-tables" in message
    assert "arms_exports.csv holds 2022" in message


def test_a_curated_row_after_the_record_closes_is_refused(copy: Project, project: Project) -> None:
    project_with(copy.root, project, "data/curated/events.csv")
    _rewrite(copy.edition, "record_closes: 2026-02-04", "record_closes: 2026-01-27")
    table = copy.curated / "events.csv"
    line = table.read_text(encoding="utf-8").split("\n2026-01-28-")[0].count("\n") + 2
    with pytest.raises(DataError) as info:
        Data(copy).curated("events")
    error = info.value
    assert (error.file, error.row, error.column) == (str(table), line, "date")
    assert "2026-01-27" in error.message


def test_the_handle_reads_the_edition_again_when_it_changes(copy: Project) -> None:
    data = Data(copy)
    assert data.release("cow-exact") == "3.0"
    edition.set_release(copy.edition, "cow-exact", "3.10")  # a new size: a new file state
    assert data.release("cow-exact") == "3.10"


def test_a_handle_refuses_a_row_it_served_once_the_record_closes_before_it(
    copy: Project, project: Project
) -> None:
    """What validates a curated table (the edition's closing day) is part of its state."""
    project_with(copy.root, project, "data/curated/events.csv")
    data = Data(copy)
    assert (data.curated("events")["date"] == "2026-01-28").any()
    _rewrite(copy.edition, "record_closes: 2026-02-04", "record_closes: 2026-01-27")
    with pytest.raises(DataError, match="record closes"):
        data.curated("events")


def test_discover_finds_the_root_from_a_subfolder(project: Project, tmp_path: Path) -> None:
    assert Project.discover(project.chapters) == project
    assert Project.discover(project.curated) == project
    copy = project_with(tmp_path / "copy", project, "_config.yml", "data/sources.yaml")
    deep = copy.root / "chapters" / "drafts"
    deep.mkdir(parents=True)
    assert Project.discover(deep) == copy
