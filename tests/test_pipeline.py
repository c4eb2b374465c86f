"""The data pipeline end to end: the command line, reproducibility, and bad input.

Each bad-input case runs ``python -m analysis data build`` in a throwaway copy of the
project against a damaged copy of the upstream files, and checks that the one error names
the file, the row and the column, that the command fails, and that ``data/`` is unchanged.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from analysis import bibliography, curated, datasets, paths, schemas
from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project
from helpers import project_with

ERROR = re.compile(
    r"^error: (?P<file>.+?)(?:, row (?P<row>\d+))?(?:, column '(?P<column>[^']*)')?: "
)


@dataclass
class Workspace:
    """A project holding copies of the data and the bibliography, and a copy of the upstream
    files to damage."""

    project: Project
    sources: Path

    @property
    def root(self) -> Path:
        return self.project.root

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """The command line, run in the project (it finds its project from there)."""
        return subprocess.run(
            [sys.executable, "-m", "analysis", *args],
            capture_output=True,
            text=True,
            cwd=self.root,
            check=False,
        )

    def build(self) -> subprocess.CompletedProcess[str]:
        return self.run("data", "build", "--from", str(self.sources))

    def snapshot(self) -> dict[str, bytes]:
        """Every file of the copy's data folder, but for the build's own lock file (kept, and
        git-ignored, on purpose: see ``datasets.LOCK``)."""
        data = self.root / "data"
        return {
            str(p.relative_to(data)): p.read_bytes()
            for p in data.rglob("*")
            if p.is_file() and p.name != datasets.LOCK
        }

    def damage(
        self, relative: str, change: Callable[[bytes], bytes], reregister: bool = True
    ) -> Path:
        """Rewrite an upstream file; by default record its new checksum and size so the
        parser sees it."""
        file = self.sources / relative
        file.write_bytes(change(file.read_bytes()))
        if reregister:
            registry = self.root / "data" / "sources.yaml"
            text = registry.read_text(encoding="utf-8")
            document = yaml.safe_load(text)
            for entry in document["sources"]:
                if entry["path"] == relative:
                    digest = hashlib.sha256(file.read_bytes()).hexdigest()
                    text = text.replace(entry["sha256"], digest)
                    size = file.stat().st_size
                    text = text.replace(f"  bytes: {entry['bytes']}\n", f"  bytes: {size}\n", 1)
            registry.write_text(text, encoding="utf-8")
        return file


@pytest.fixture
def workspace(tmp_path: Path, sources: Path, project: Project) -> Workspace:
    copy = project_with(tmp_path / "project", project, "data", "references.bib", "_config.yml")
    upstream = tmp_path / "sources"
    shutil.copytree(sources, upstream)
    return Workspace(copy, upstream)


def replace_once(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        assert old in data, old
        return data.replace(old, new, 1)

    return change


def line_of(file: Path, needle: bytes) -> int:
    return file.read_bytes().split(needle, 1)[0].count(b"\n") + 1


def test_build_reproduces_the_committed_tables(workspace: Workspace) -> None:
    before = workspace.snapshot()
    result = workspace.build()
    assert result.returncode == 0, result.stderr
    assert workspace.snapshot() == before


def test_verify_passes_on_the_committed_tables(project: Project) -> None:
    checked = datasets.verify(project)
    assert len(checked) == len(datasets.DATASETS) + len(curated.TABLES)


def test_verify_with_sources_rebuilds_byte_for_byte(sources: Path, project: Project) -> None:
    assert datasets.verify(project, sources)[-1].endswith("byte-identical")


def test_verify_catches_a_table_edited_by_hand(workspace: Workspace) -> None:
    table = workspace.root / "data" / "processed" / "trade.csv"
    table.write_text(table.read_text().replace("\n1974,", "\n1975,", 1))
    result = workspace.run("data", "verify")
    assert result.returncode != 0
    assert "trade.csv" in result.stderr


def test_spot_values(data: Data) -> None:
    assert data.release("sipri-tables") == "2022"
    exports = data.shown("arms_exports", "sipri-tables")
    syria = exports[exports["recipient"] == "Syria"]
    ussr = syria[syria["supplier"] == "Soviet Union"].set_index("year")["tiv"]
    russia = syria[syria["supplier"] == "Russia"].set_index("year")["tiv"]
    assert ussr[1974] == 3420
    assert russia[2012] == 496
    totals = data.shown("arms_export_totals", "sipri-tables")
    published = totals[(totals["supplier"] == "Soviet Union") & (totals["recipient"] == "Syria")]
    assert published["tiv"].item() == 34319
    assert ussr.loc[1950:1991].sum() == pytest.approx(34319, abs=0.5 * len(ussr) + 0.5)


def test_a_handle_reads_a_changed_file_again_and_hands_out_copies(
    tmp_path: Path, project: Project, data: Data
) -> None:
    """A handle reads a table once per file state: a caller's edits never reach the next
    caller, and a rewritten table is read afresh."""
    copy = project_with(tmp_path, project, "data/processed/trade.csv", "references.bib")
    handle = Data(copy)
    first = handle.table("trade")
    first.loc[0, "value_musd"] = -1.0
    assert handle.table("trade").equals(data.table("trade"))
    table = copy.processed / "trade.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(lines[:-1]), encoding="utf-8")
    assert len(handle.table("trade")) == len(first) - 1


# Each case: (upstream file, how to damage it, expected column, expected row or a needle
# whose line is the expected row).
TIV_USR = "sipri/TIV-Export-USR-1950-2021.csv"
COW_V3 = "cow/cow-trade-v3.0-russia-syria.csv"
VOTES = "unga/unga_votes_russia_syria.csv"
QUOTED = "quoted/official-trade-figures-quoted-in-news.csv"

BAD_INPUTS = {
    "non-numeric value": (
        COW_V3,
        replace_once(b"1974,Russia,Syria,", b"1974,Russia,Syria,x"),
        "flow1",
    ),
    "negative flow": (
        COW_V3,
        replace_once(b"365,652,1980,Russia,Syria,", b"365,652,1980,Russia,Syria,-4"),
        "flow1",
    ),
    "year outside the allowed range": (
        COW_V3,
        replace_once(b"365,652,1950,", b"365,652,1750,"),
        "year",
    ),
    "unknown country name": (TIV_USR, replace_once(b"\nSyria,", b"\nSyrai,"), ""),
    "impossible date": (VOTES, replace_once(b"3,1946-01-01,1,RU", b"3,2017-13-01,1,RU"), "date"),
    "duplicate key": (VOTES, lambda data: data + data.splitlines(keepends=True)[1], "rcid"),
    "missing or renamed column": (COW_V3, replace_once(b"flow2", b"flow_2"), "flow2"),
    "truncated file": (
        COW_V3,
        lambda data: data[: data.index(b"\n365,652,1990") + 13],
        "importer1",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_located_and_leaves_data_untouched(workspace: Workspace, case: str) -> None:
    relative, change, column = BAD_INPUTS[case]
    file = workspace.damage(relative, change)
    before = workspace.snapshot()
    result = workspace.build()
    assert result.returncode != 0
    match = ERROR.match(result.stderr)
    assert match, result.stderr
    assert match["file"] == str(file)
    assert match["row"] is not None
    if column:
        assert match["column"] == column
    else:
        assert match["column"] is not None
    assert workspace.snapshot() == before


def test_empty_file(workspace: Workspace) -> None:
    file = workspace.damage(TIV_USR, lambda _: b"")
    before = workspace.snapshot()
    result = workspace.build()
    assert result.returncode != 0
    assert result.stderr.startswith(f"error: {file}: ") and "empty" in result.stderr
    assert workspace.snapshot() == before


def test_wrong_encoding(workspace: Workspace) -> None:
    file = workspace.damage(QUOTED, lambda data: data.decode("utf-8").encode("utf-16"))
    before = workspace.snapshot()
    result = workspace.build()
    assert result.returncode != 0
    match = ERROR.match(result.stderr)
    assert match and match["file"] == str(file) and match["row"] is not None
    assert workspace.snapshot() == before


def test_sha256_mismatch(workspace: Workspace) -> None:
    before = workspace.snapshot()
    file = workspace.damage(COW_V3, replace_once(b"1974,", b"1974,"), reregister=False)
    file.write_bytes(file.read_bytes() + b"\n")
    result = workspace.build()
    assert result.returncode != 0
    assert result.stderr.startswith(f"error: {file}: sha256 ")
    assert workspace.snapshot() == before


def test_citation_key_absent_from_the_bibliography(workspace: Workspace) -> None:
    before = workspace.snapshot()
    registry = workspace.root / "data" / "sources.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("citation: cow_trade_v3", "citation: no_such_key"))
    result = workspace.build()
    assert result.returncode != 0
    match = ERROR.match(result.stderr)
    assert match and match["file"] == str(registry)
    assert match["column"] == "citation"
    lines = registry.read_text().splitlines()
    assert "no_such_key" in "\n".join(lines[int(match["row"]) - 1 :])
    before["sources.yaml"] = registry.read_bytes()
    assert workspace.snapshot() == before


# --- the swap of data/processed and data/manifest.json, on the new signatures ---------------


@pytest.fixture
def copied(tmp_path: Path) -> paths.Project:
    """A copy of the project's data folder and bibliography."""
    here = paths.Project.discover(Path(__file__).parent)
    root = tmp_path / "copy"
    shutil.copytree(here.data, root / "data", ignore=shutil.ignore_patterns(".build*"))
    shutil.copy(here.bibliography, root / "references.bib")
    return paths.Project(root)


def published(data: Path) -> dict[str, bytes]:
    """What a build replaces: the processed tables and the manifest, by relative path."""
    files = [data / "manifest.json", *(data / "processed").glob("*")]
    return {str(f.relative_to(data)): f.read_bytes() for f in files if f.is_file()}


def fail_once(monkeypatch: pytest.MonkeyPatch, call: int) -> None:
    """Make the ``call``-th rename of this process raise, as a crash would stop it there."""
    calls = 0

    def patched(real: Callable[..., None]) -> Callable[..., None]:
        def rename(*args: object, **kwargs: object) -> None:
            nonlocal calls
            calls += 1
            if calls == call:
                raise OSError(f"simulated crash at rename {call}")
            real(*args, **kwargs)

        return rename

    monkeypatch.setattr(os, "replace", patched(os.replace))
    monkeypatch.setattr(os, "rename", patched(os.rename))


OLD = {"processed/a.csv": b"x\n1\n", "processed/b.csv": b"x\n2\n", "manifest.json": b"old"}
NEW = {"processed/a.csv": b"x\n3\n", "processed/c.csv": b"x\n4\n", "manifest.json": b"new"}


@pytest.mark.parametrize("call", [1, 2, 3, 4])
def test_a_swap_stopped_at_any_rename_is_old_or_journalled_and_finished_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: int
) -> None:
    out = tmp_path / "data"
    with datasets.lock(out):
        datasets.publish(out, OLD)
    assert published(out) == OLD
    with monkeypatch.context() as patch:
        fail_once(patch, call)
        with pytest.raises(OSError, match="simulated crash"), datasets.lock(out):
            datasets.publish(out, NEW)
    committed = (out / datasets.JOURNAL).exists()
    if not committed:
        assert published(out) == OLD  # stopped before the commit point: nothing changed
    with datasets.lock(out):
        datasets.recover(out)  # what the next build or verify does first
    assert published(out) == (NEW if committed else OLD)
    assert not [p.name for p in out.iterdir() if p.name.startswith(datasets.STAGING)]


def test_a_build_stopped_between_its_renames_is_finished_and_verifies(
    copied: paths.Project, sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = published(copied.data)
    stale = copied.data / ".build-stale" / "processed"  # a build that failed long ago
    stale.mkdir(parents=True)
    (stale / "trade.csv").write_text("half written")
    # A registry change that changes the tables: COW v3 cited by another key.
    text = copied.registry.read_text(encoding="utf-8")
    copied.registry.write_text(text.replace("citation: cow_trade_v3", "citation: cow_trade_v4"))
    with monkeypatch.context() as patch:
        fail_once(patch, 3)  # after the processed tables moved, before the manifest
        with pytest.raises(OSError, match="simulated crash"):
            datasets.write(sources, copied)
    if published(copied.data) != old:
        with pytest.raises(DataError, match="interrupted"):
            datasets.read("trade", copied)
    datasets.verify(copied)  # finishes the swap, then checks tables against the manifest
    new = published(copied.data)
    assert new != old and b"cow_trade_v4" in new["processed/trade.csv"]
    assert not [p for p in copied.data.iterdir() if p.name.startswith(".build-")]


def test_a_second_build_at_the_same_time_is_refused_naming_the_lock(
    copied: paths.Project, sources: Path
) -> None:
    before = published(copied.data)
    with datasets.lock(copied.data), pytest.raises(DataError) as caught:
        datasets.write(sources, copied)
    assert caught.value.file == str(copied.data / datasets.LOCK)
    assert "running" in caught.value.message
    assert published(copied.data) == before


def test_build_leftovers_are_ignored_by_git() -> None:
    root = paths.Project.discover(Path(__file__).parent).root
    for name in ("data/.build.lock", "data/.build-k2j4x9", "data/.build-commit"):
        ignored = subprocess.run(
            ["git", "check-ignore", "--quiet", "--no-index", name], cwd=root, check=False
        )
        assert ignored.returncode == 0, f"{name} is not git-ignored"


def test_a_processed_table_edited_by_hand_is_located_and_its_other_problems_counted(
    tmp_path: Path,
) -> None:
    """The processed tables' errors read like the curated tables' (one translator)."""
    project = paths.Project.discover(Path(__file__).parent)
    lines = (project.processed / "trade.csv").read_text(encoding="utf-8").split("\n")
    column = lines[0].split(",").index("value_musd")
    for line in (5, 9):
        cells = lines[line - 1].split(",")
        cells[column] = "-1.0"
        lines[line - 1] = ",".join(cells)
    file = tmp_path / "trade.csv"
    file.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        schemas.read("trade", file, bibliography.keys(project.bibliography))
    error = caught.value
    assert (error.file, error.row, error.column) == (str(file), 5, "value_musd")
    assert error.message == "-1.0 is less than 0 (and 1 more problem in this file)"


def test_votes_on_roll_calls_missing_from_their_release_are_refused() -> None:
    """A roll-call file cut after a whole line parses; the votes on its lost rows betray it."""
    data = Data(paths.Project.discover(Path(__file__).parent))
    tables = {dataset.name: data.table(dataset.name) for dataset in datasets.DATASETS}
    schemas.cross_check(tables)
    calls = tables["unga_roll_calls"]
    tables["unga_roll_calls"] = calls[calls["rcid"] != calls["rcid"].max()]
    with pytest.raises(DataError, match=rf"roll call {calls['rcid'].max()} of release"):
        schemas.cross_check(tables)
