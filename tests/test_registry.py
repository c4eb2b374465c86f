"""The source registry: loading, checksums, and recording a new release with ``data add``."""

from __future__ import annotations

import dataclasses
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
        tmp_path / "project",
        project,
        "data/sources.yaml",
        "data/edition.yaml",
        "data/producer-names.csv",
        "references.bib",
    )
    upstream = tmp_path / "sources"
    shutil.copytree(sources, upstream)
    return copy, upstream


def _add(copy: Project, file: Path, upstream: Path) -> registry.Source:
    return registry.add(
        file,
        upstream,
        registry_path=copy.registry,
        edition_path=copy.edition,
        names_path=copy.producer_names,
    )


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


# --- where a registered file may be, and what it must weigh (new signatures) ----------------


@pytest.fixture
def copies(tmp_path: Path, sources: Path, project: Project) -> tuple[Path, Path, Path]:
    """Copies of the registry, the edition and the upstream folder: (registry, edition, folder)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(project.registry, data / "sources.yaml")
    shutil.copy(project.edition, data / "edition.yaml")
    shutil.copy(project.producer_names, data / "producer-names.csv")
    upstream = tmp_path / "sources"
    shutil.copytree(sources, upstream)
    return data / "sources.yaml", data / "edition.yaml", upstream


def registered(registry_path: Path, relative: str) -> registry.Source:
    return next(s for s in registry.load(registry_path) if s.path == relative)


@pytest.mark.parametrize(
    "relative",
    [
        "cow/cow-trade-v3.0-russia-syria.csv",
        "unga/unga_votes_russia_syria.csv",
        "quoted/official-trade-figures-quoted-in-news.csv",
    ],
)
def test_a_file_cut_after_a_whole_line_and_rehashed_is_refused_by_its_size(
    copies: tuple[Path, Path, Path], relative: str
) -> None:
    registry_path, _, upstream = copies
    file = upstream / relative
    lines = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(b"".join(lines[:-1]))  # parses: every remaining line is whole
    source = dataclasses.replace(registered(registry_path, relative), sha256=registry.sha256(file))
    with pytest.raises(DataError, match=rf"{file.stat().st_size} bytes where the registry"):
        registry.check(source, upstream)


def test_a_wrong_size_in_the_registry_is_refused(copies: tuple[Path, Path, Path]) -> None:
    registry_path, _, upstream = copies
    source = registered(registry_path, USR)
    wrong = dataclasses.replace(source, bytes=source.bytes + 1)
    with pytest.raises(DataError, match="bytes where the registry records"):
        registry.check(wrong, upstream)
    assert registry.check(source, upstream) == upstream / USR


@pytest.mark.parametrize("path", ["/etc/hostname", "../outside.csv", "sipri/../../outside.csv"])
def test_a_registry_path_outside_the_sources_folder_is_refused(
    copies: tuple[Path, Path, Path], path: str
) -> None:
    registry_path, _, _ = copies
    text = registry_path.read_text(encoding="utf-8")
    registry_path.write_text(text.replace(f"path: {USR}", f"path: {path}"), encoding="utf-8")
    line = next(n for n, content in enumerate(text.splitlines(), 1) if f"path: {USR}" in content)
    with pytest.raises(DataError) as caught:
        registry.load(registry_path)
    assert (caught.value.row, caught.value.column) == (line - 1, "path")  # the entry's line


def test_a_symlink_escaping_the_sources_folder_is_refused(
    copies: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    registry_path, _, upstream = copies
    outside = tmp_path / "outside.csv"
    (upstream / USR).rename(outside)
    (upstream / USR).symlink_to(outside)
    with pytest.raises(DataError, match="outside the sources folder"):
        registry.check(registered(registry_path, USR), upstream)


def symlink_loop(file: Path) -> None:
    """Replace ``file`` by a symlink to a symlink back to it."""
    other = file.with_name("loop.csv")
    file.unlink()
    file.symlink_to(other)
    other.symlink_to(file)


def test_a_symlink_loop_is_a_located_error_not_a_traceback(
    copies: tuple[Path, Path, Path],
) -> None:
    registry_path, edition_path, upstream = copies
    symlink_loop(upstream / USR)
    with pytest.raises(DataError, match="symlink loop") as caught:
        registry.check(registered(registry_path, USR), upstream)
    assert caught.value.file == str(upstream / USR)
    with pytest.raises(DataError, match="symlink loop"):
        registry.add(
            upstream / USR,
            upstream,
            registry_path=registry_path,
            edition_path=edition_path,
            names_path=registry_path.with_name("producer-names.csv"),
        )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        ("period,measure\n2010,x\n".encode("utf-16"), "not UTF-8 (its byte-order mark says UTF-16"),
        (b"a,b\n1,2\n", "the header 'a,b' has the columns of no format (expected, in any order"),
    ],
    ids=["empty", "blank", "utf-16", "unknown header"],
)
def test_an_unrecognised_file_is_refused_saying_why(
    copies: tuple[Path, Path, Path], content: bytes, reason: str
) -> None:
    registry_path, edition_path, upstream = copies
    stray = upstream / "new.csv"
    stray.write_bytes(content)
    before = registry_path.read_bytes()
    with pytest.raises(DataError) as caught:
        registry.add(
            stray,
            upstream,
            registry_path=registry_path,
            edition_path=edition_path,
            names_path=registry_path.with_name("producer-names.csv"),
        )
    assert caught.value.message.startswith(f"format not recognised: {reason}")
    if reason.startswith("the header"):
        assert "cow-trade-v3: ccode1,ccode2,year," in caught.value.message
    assert registry_path.read_bytes() == before
