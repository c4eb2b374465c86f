"""The source registry: loading, checksums, and recording a new release with ``data add``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import datasets, registry, tables
from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project
from helpers import project_with

USR = "sipri/TIV-Export-USR-1950-2021.csv"


@pytest.fixture
def workspace(tmp_path: Path, sources: Path, project: Project) -> tuple[Project, Path]:
    """A project with copies of the registry, the edition and the bibliography, and a copy
    of the upstream folder."""
    copy = project_with(
        tmp_path / "project", project, "data/sources.yaml", "data/edition.yaml", "references.bib"
    )
    upstream = tmp_path / "sources"
    shutil.copytree(sources, upstream)
    return copy, upstream


def _add(copy: Project, file: Path, upstream: Path) -> registry.Source:
    return registry.add(file, upstream, registry_path=copy.registry, edition_path=copy.edition)


def test_every_registered_file_matches_its_checksum(sources: Path, project: Project) -> None:
    for source in registry.load(project.registry):
        assert registry.check(source, sources).is_file()
        assert source.bytes == source.file(sources).stat().st_size


def test_a_new_release_is_recorded_kept_apart_and_shown(
    workspace: tuple[Project, Path],
) -> None:
    copy, upstream = workspace
    new = upstream / "sipri" / "TIV-Export-USR-1950-2021-regenerated.csv"
    text = (upstream / USR).read_text(encoding="utf-8")
    new.write_text(text.replace("Generated: 28 July 2022", "Generated: 2 March 2026"))
    entry = _add(copy, new, upstream)
    assert entry.release == "2026"
    assert entry.format == "sipri-tiv-table"
    assert entry.sha256 == registry.sha256(new)
    assert entry.citation == "sipri_atdb"
    assert [s.id for s in registry.load(copy.registry)][-1] == entry.id

    built = datasets.write(upstream, copy)
    data = Data(copy)
    exports = data.table("arms_exports")
    ussr = exports[(exports["supplier"] == "Soviet Union") & (exports["recipient"] == "Syria")]
    assert set(ussr["release"]) == {"2022", "2026"}
    assert built["outputs"]["arms_exports"]["rows"] == len(exports)
    assert data.release("sipri-tables") == "2026"
    assert set(data.shown("arms_exports", "sipri-tables")["release"]) == {"2026"}


def test_adding_a_registered_file_again_is_refused(workspace: tuple[Project, Path]) -> None:
    copy, upstream = workspace
    before = copy.registry.read_bytes(), copy.edition.read_bytes()
    with pytest.raises(DataError, match="already registered"):
        _add(copy, upstream / USR, upstream)
    assert (copy.registry.read_bytes(), copy.edition.read_bytes()) == before


def test_an_unknown_format_is_refused(workspace: tuple[Project, Path]) -> None:
    copy, upstream = workspace
    stray = upstream / "notes.csv"
    stray.write_text("a,b\n1,2\n")
    before = copy.registry.read_bytes(), copy.edition.read_bytes()
    with pytest.raises(DataError, match="format not recognised"):
        _add(copy, stray, upstream)
    assert (copy.registry.read_bytes(), copy.edition.read_bytes()) == before


def test_a_file_outside_the_sources_folder_is_refused(
    workspace: tuple[Project, Path], tmp_path: Path
) -> None:
    copy, upstream = workspace
    outside = tmp_path / "elsewhere.csv"
    shutil.copy(upstream / USR, outside)
    with pytest.raises(DataError, match="copy the file into the sources folder"):
        _add(copy, outside, upstream)


def test_an_incomplete_entry_is_located(tmp_path: Path) -> None:
    broken = tmp_path / "sources.yaml"
    broken.write_text("sources:\n- id: a\n  path: x.csv\n")
    with pytest.raises(DataError) as caught:
        registry.load(broken)
    assert (caught.value.row, caught.value.column) == (2, "bytes")


def test_the_sources_table_cites_every_source(project: Project) -> None:
    table = registry.markdown_table(project.registry)
    registered = registry.load(project.registry)
    for source in registered:
        assert tables.escape(source.title) in table
    assert table.count("{cite:p}") == len(registered)
