"""The data pipeline end to end: the command line, reproducibility, and bad input.

Each bad-input case runs ``python -m analysis data build`` in a throwaway copy of the
project against a damaged copy of the upstream files, and checks that the one error names
the file, the row and the column, that the command fails, and that ``data/`` is unchanged.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from analysis import curated, datasets
from analysis.data import Data
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
        data = self.root / "data"
        return {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}

    def damage(
        self, relative: str, change: Callable[[bytes], bytes], reregister: bool = True
    ) -> Path:
        """Rewrite an upstream file; by default record its new checksum so the parser sees it."""
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
