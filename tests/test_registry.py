"""The source registry: loading, checksums, and recording a new release with ``data add``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import datasets, paths, registry, tables
from analysis.errors import DataError

USR = "sipri/TIV-Export-USR-1950-2021.csv"


@pytest.fixture
def workspace(tmp_path: Path, sources: Path) -> tuple[Path, Path]:
    """A copy of the registry and of the upstream folder."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(paths.REGISTRY, data / "sources.yaml")
    upstream = tmp_path / "sources"
    shutil.copytree(sources, upstream)
    return data / "sources.yaml", upstream


def test_every_registered_file_matches_its_checksum(sources: Path) -> None:
    for source in registry.load():
        assert registry.check(source, sources).is_file()
        assert source.bytes == source.file(sources).stat().st_size


def test_a_new_release_is_recorded_and_kept_apart(workspace: tuple[Path, Path]) -> None:
    registry_path, upstream = workspace
    new = upstream / "sipri" / "TIV-Export-USR-1950-2021-regenerated.csv"
    text = (upstream / USR).read_text(encoding="utf-8")
    new.write_text(text.replace("Generated: 28 July 2022", "Generated: 2 March 2026"))
    entry = registry.add(new, upstream, path=registry_path)
    assert entry.release == "2026"
    assert entry.format == "sipri-tiv-table"
    assert entry.sha256 == registry.sha256(new)
    assert entry.citation == "sipri_atdb"
    assert [s.id for s in registry.load(registry_path)][-1] == entry.id

    built = datasets.write(upstream, registry_path.parent)
    exports = datasets.load("arms_exports", registry_path.parent)
    ussr = exports[(exports["supplier"] == "Soviet Union") & (exports["recipient"] == "Syria")]
    assert set(ussr["release"]) == {"2022", "2026"}
    assert built["outputs"]["arms_exports"]["rows"] == len(exports)


def test_adding_a_registered_file_again_is_refused(workspace: tuple[Path, Path]) -> None:
    registry_path, upstream = workspace
    before = registry_path.read_bytes()
    with pytest.raises(DataError, match="already registered"):
        registry.add(upstream / USR, upstream, path=registry_path)
    assert registry_path.read_bytes() == before


def test_an_unknown_format_is_refused(workspace: tuple[Path, Path]) -> None:
    registry_path, upstream = workspace
    stray = upstream / "notes.csv"
    stray.write_text("a,b\n1,2\n")
    before = registry_path.read_bytes()
    with pytest.raises(DataError, match="format not recognised"):
        registry.add(stray, upstream, path=registry_path)
    assert registry_path.read_bytes() == before


def test_a_file_outside_the_sources_folder_is_refused(
    workspace: tuple[Path, Path], tmp_path: Path
) -> None:
    registry_path, upstream = workspace
    outside = tmp_path / "elsewhere.csv"
    shutil.copy(upstream / USR, outside)
    with pytest.raises(DataError, match="copy the file into the sources folder"):
        registry.add(outside, upstream, path=registry_path)


def test_an_incomplete_entry_is_located(tmp_path: Path) -> None:
    broken = tmp_path / "sources.yaml"
    broken.write_text("sources:\n- id: a\n  path: x.csv\n")
    with pytest.raises(DataError) as caught:
        registry.load(broken)
    assert (caught.value.row, caught.value.column) == (2, "bytes")


def test_the_sources_table_cites_every_source() -> None:
    table = registry.markdown_table()
    for source in registry.load():
        assert tables.escape(source.title) in table
    assert table.count("{cite:p}") == len(registry.load())
