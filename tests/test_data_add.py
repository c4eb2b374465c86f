"""``data add``: title, years and release read from the file, the release checked, and the
registry changed only by the appended entry (synthetic files in each producer's layout)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from test_sources_cow_trade import PAIR_2003, PAIR_2004
from test_sources_cow_trade import write as write_cow
from test_sources_sipri import THIS_YEAR, write_import_table

from analysis import edition, registry
from analysis.errors import DataError
from analysis.paths import Project

PROJECT = Project.discover()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Project, Path]:
    """A project with copies of the registry, edition and names table, and a sources folder."""
    project = Project(tmp_path / "project")
    project.data.mkdir(parents=True)
    for name in ("sources.yaml", "edition.yaml", "producer-names.csv"):
        shutil.copy(PROJECT.data / name, project.data / name)
    (tmp_path / "sources").mkdir()
    return project, tmp_path / "sources"


def add(project: Project, file: Path, folder: Path, release: str | None = None):
    return registry.add(
        file,
        folder,
        registry_path=project.registry,
        edition_path=project.edition,
        names_path=project.producer_names,
        release=release,
    )


def only_appended(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any existing line changed."""
    diff = [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if not line.startswith("  ")
    ]
    assert all(line.startswith("+ ") for line in diff), diff
    assert after.startswith(before)
    return [line[2:] for line in diff]


def test_sipri_table_title_years_and_release_from_the_file(
    workspace: tuple[Project, Path],
) -> None:
    project, folder = workspace
    file = write_import_table(
        folder / "TIV-Export-RUS-1950-2025.csv",
        {"Syria": {1992: 5, 2024: 7}, "Türkiye": {2020: 3}},
        last=2025,
        subject="exports from Russia",
        generated="14 March 2026",
    )
    before = project.registry.read_text(encoding="utf-8")
    entry = add(project, file, folder)
    assert entry.title == "TIV of arms exports from Russia, 1950-2025"
    assert (entry.release, entry.id) == ("2026", "sipri-tiv-exports-russia-2026")
    assert entry.format == "sipri-tiv-table"
    added = only_appended(before, project.registry.read_text(encoding="utf-8"))
    assert added[0] == "- id: sipri-tiv-exports-russia-2026"
    assert "  title: TIV of arms exports from Russia, 1950-2025" in added
    assert registry.load(project.registry)[-1] == entry
    assert edition.load(project.edition).releases["sipri-tables"] == "2026"


def test_register_with_more_years(workspace: tuple[Project, Path], sources: Path) -> None:
    """A later register: the title's last year follows the file; the generation year is the
    default release, which --release may override (a second generation in the same year)."""
    project, folder = workspace
    lines = (sources / "sipri" / "trade-register-2025-03-13-syria.csv").read_text(encoding="utf-8")
    file = folder / "register.csv"
    file.write_text(lines.replace("1982; 1984", f"1982; {THIS_YEAR}", 1), encoding="utf-8")
    with pytest.raises(DataError, match="exists: pass another --release"):
        add(project, file, folder)
    entry = add(project, file, folder, release=str(THIS_YEAR))
    assert entry.id == f"sipri-trade-register-{THIS_YEAR}"
    assert (
        entry.title == f"Trade register, recipient Syria, all suppliers, deliveries to {THIS_YEAR}"
    )
    assert edition.load(project.edition).releases["sipri-register"] == str(THIS_YEAR)


def test_sipri_import_table_joins_the_tables_role(workspace: tuple[Project, Path]) -> None:
    project, folder = workspace
    file = write_import_table(folder / "imports.csv", {"Russia": {2024: 7}}, last=2025)
    entry = add(project, file, folder)
    assert (entry.format, entry.release) == ("sipri-tiv-import-table", "2025")
    assert entry.title == "TIV of arms imports to Syria, 1950-2025"
    assert edition.load(project.edition).releases["sipri-tables"] == "2025"


def test_cow_release_from_the_version_column(workspace: tuple[Project, Path]) -> None:
    project, folder = workspace
    file = write_cow(folder / "Dyadic_COW_4.0.csv", PAIR_2003, PAIR_2004)
    before = project.registry.read_text(encoding="utf-8")
    entry = add(project, file, folder)
    assert (entry.id, entry.release) == ("cow-trade-4.0", "4.0")
    assert entry.title == "Dyadic trade, version 4.0, Russia (365) and Syria (652)"
    only_appended(before, project.registry.read_text(encoding="utf-8"))
    assert edition.load(project.edition).releases["cow-exact"] == "4.0"
    with pytest.raises(DataError, match=r"states release '4\.0'"):
        add(project, write_cow(folder / "other.csv", PAIR_2003), folder, release="4.1")


def quoted_copy(folder: Path) -> Path:
    """A new release of the quoted figures: the same rows and one more blank line."""
    source = PROJECT.default_sources / "quoted" / "official-trade-figures-quoted-in-news.csv"
    file = folder / "quoted.csv"
    file.write_bytes(source.read_bytes() + b"\n")
    return file


@pytest.mark.parametrize(
    ("release", "says"),
    [
        (None, "pass --release"),
        ("2026\nid: x", "expected a year YYYY"),
        ("26", "expected a year YYYY"),
        ("2026-01-01", "expected a year YYYY"),
    ],
)
def test_release_required_and_checked(
    workspace: tuple[Project, Path], release: str | None, says: str
) -> None:
    project, folder = workspace
    before = project.registry.read_bytes(), project.edition.read_bytes()
    with pytest.raises(DataError, match=says):
        add(project, quoted_copy(folder), folder, release=release)
    assert (project.registry.read_bytes(), project.edition.read_bytes()) == before


def test_release_given_where_the_file_does_not_state_it(workspace: tuple[Project, Path]) -> None:
    project, folder = workspace
    before = project.registry.read_text(encoding="utf-8")
    entry = add(project, quoted_copy(folder), folder, release=str(THIS_YEAR))
    assert entry.id == f"official-trade-figures-{THIS_YEAR}"
    assert entry.title == "Official Russia-Syria trade figures quoted in news reports, 2010-2024"
    assert len(only_appended(before, project.registry.read_text(encoding="utf-8"))) >= 10


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("sipri-trade-register", "2025", "March 2025"),
        ("cow-trade", "4.0", "4"),
        ("unga-votes", "2021-02-21", "21/02/2021"),
        ("quoted-official-figures", "2025", "2025\n"),
    ],
)
def test_release_patterns(fmt: str, good: str, bad: str) -> None:
    assert registry.check_release(fmt, good) == good
    with pytest.raises(ValueError, match="expected"):
        registry.check_release(fmt, bad)
