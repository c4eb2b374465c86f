"""How to cite the book: CITATION.cff takes its title, version and date from the edition, and
only those; ``stale`` says which of them disagree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis import citation, edition
from analysis.paths import Project
from helpers import edition_fields, project_with


@pytest.fixture
def copy(tmp_path: Path, project: Project) -> Project:
    """A project with copies of CITATION.cff and the edition file."""
    return project_with(tmp_path / "project", project, "CITATION.cff", "data/edition.yaml")


def _new_edition(copy: Project) -> None:
    text = copy.edition.read_text(encoding="utf-8")
    copy.edition.write_text(edition_fields(text, version="9.9.0", date="2027-03-01"), "utf-8")


def test_the_committed_citation_agrees_with_the_edition(project: Project) -> None:
    assert citation.stale(project) == []


def test_stale_lists_the_fields_that_disagree(copy: Project) -> None:
    citation.sync(copy)
    assert citation.stale(copy) == []
    _new_edition(copy)
    assert citation.stale(copy) == ["version", "date-released"]


def test_sync_writes_title_version_and_date_only(copy: Project) -> None:
    citation.sync(copy)
    before = copy.citation_file.read_text(encoding="utf-8").splitlines()
    _new_edition(copy)
    assert citation.sync(copy) is True
    after = copy.citation_file.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert [new for _, new in changed] == ["version: 9.9.0", "date-released: 2027-03-01"]
    assert [old.split(":")[0] for old, _ in changed] == ["version", "date-released"]
    assert citation.stale(copy) == []
    assert citation.sync(copy) is False


def test_sync_puts_the_editions_full_title(copy: Project) -> None:
    citation.sync(copy)
    book = citation.of(copy)
    assert f'title: "{book.title}"' in copy.citation_file.read_text(encoding="utf-8")
    assert book.title.endswith(", 1944\u20132026")


def test_the_reference_in_both_forms(project: Project) -> None:
    book = citation.of(project)
    assert book.authors == ("The Moscow and Damascus project",)
    assert citation.plain(book).startswith(
        f"The Moscow and Damascus project ({book.date.year}). {book.title}. Version "
    )
    entry = citation.bibtex(book)
    assert entry.startswith(f"@book{{moscow_damascus_{book.version.replace('.', '_')},")
    assert f"title = {{{{{book.title}}}}}" in entry


def test_builds_are_dated_midnight_utc_of_the_editions_date(project: Project) -> None:
    chosen = edition.load(project.edition)
    moment = dt.datetime.fromtimestamp(chosen.epoch, dt.UTC)
    assert moment == dt.datetime.combine(chosen.date, dt.time(), dt.UTC)
