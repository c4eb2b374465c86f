"""A chapter is executed again exactly when something it read changed (``book_cache``).

The build tests (marker: build) share one copy of the project, built once from an empty
cache and then changed step by step, in the order written: nothing, one data table, one
``analysis`` module. What MyST-NB executed is read from its log. The first test checks the
recording itself, in a plain subprocess, against files it is known to read.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import book
from analysis import book_cache, paths

RECORDS = Path("_build") / book_cache.FOLDER_NAME
# Preferred inputs to change; any other one read by some chapters but not all would do.
TABLE = "data/curated/unsc_vetoes.csv"
MODULE = "src/analysis/trade.py"

RECORDING = """
from analysis import book_cache
recorder = book_cache.start()
from analysis import curated, datasets
datasets.load("trade")
curated.load("unsc_vetoes")
scratch = {scratch!r}
with open(scratch, "w") as handle:
    handle.write("made by the notebook")
with open(scratch) as handle:
    handle.read()
open({outside!r}).read()
recorder.save()
"""


def test_a_kernel_records_what_it_reads_and_nothing_else(tmp_path: Path) -> None:
    folder, outside = tmp_path / "records", tmp_path.parent / "outside.txt"
    outside.write_text("not under the project", encoding="utf-8")
    script = RECORDING.format(scratch=str(tmp_path / "scratch.txt"), outside=str(outside))
    env = {
        **os.environ,
        book_cache.FOLDER_VAR: str(folder),
        book_cache.DOCNAME_VAR: "chapters/probe",
        book_cache.ROOTS_VAR: os.pathsep.join([str(paths.ROOT), str(tmp_path)]),
    }
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=tmp_path)
    record = json.loads((folder / "chapters" / "probe.json").read_text(encoding="utf-8"))
    files = record["files"]
    for read in ("data/processed/trade.csv", "data/curated/unsc_vetoes.csv", "references.bib"):
        assert read in files, sorted(files)
        assert files[read] == book_cache.sha256(paths.ROOT / read)
    assert not any("scratch" in key or "outside" in key for key in files), sorted(files)
    assert {"analysis.datasets", "analysis.curated", "analysis"} <= record["modules"].keys()
    assert "analysis.book_cache" not in record["modules"]
    source = importlib.util.find_spec("analysis.datasets").origin
    assert record["modules"]["analysis.datasets"] == book_cache.key_of(source, paths.ROOT)
    assert files[record["modules"]["analysis.datasets"]] == book_cache.sha256(Path(source))


def test_outside_a_build_nothing_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (book_cache.FOLDER_VAR, book_cache.DOCNAME_VAR, book_cache.ROOTS_VAR):
        monkeypatch.delenv(name, raising=False)
    assert book_cache.start() is None


def notebooks(project: Path) -> set[str]:
    """The documents MyST-NB executes: those with code cells."""
    return {
        page
        for page in book.toc_pages(project)
        if "```{code-cell}" in (project / f"{page}.md").read_text(encoding="utf-8")
    }


def readers(project: Path, key: str) -> set[str]:
    """The documents whose last execution read ``key``, from their records."""
    found = set()
    for record in (project / RECORDS).rglob("*.json"):
        document = json.loads(record.read_text(encoding="utf-8"))
        if key in document.get("files", {}):
            found.add(document["docname"])
    return found


def pick(project: Path, preferred: str, prefix: str) -> tuple[str, set[str]]:
    """An input that some chapters read and others not: ``preferred`` if it is one."""
    every = notebooks(project)
    keys = {preferred}
    for record in (project / RECORDS).rglob("*.json"):
        keys |= set(json.loads(record.read_text(encoding="utf-8")).get("files", {}))
    for key in [preferred, *sorted(keys - {preferred})]:
        users = readers(project, key)
        if key.startswith(prefix) and users and users != every:
            return key, users
    raise AssertionError(f"no {prefix}* input is read by some chapters and not by others")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = book.copy_project(tmp_path_factory.mktemp("reexecution") / "project")
    copy.joinpath("cold.log").write_text(book.built(copy), encoding="utf-8")
    return copy


@pytest.mark.build
def test_a_cold_build_executes_every_notebook_and_records_it(project: Path) -> None:
    log = project.joinpath("cold.log").read_text(encoding="utf-8")
    assert book.executed(project, log) == notebooks(project)
    for docname in notebooks(project):
        record = book_cache.read_record(book_cache.record_path(project / RECORDS, docname))
        assert record is not None and record["files"], docname


@pytest.mark.build
def test_a_rebuild_without_changes_executes_nothing(project: Path) -> None:
    log = book.built(project)
    assert book.executed(project, log) == set()
    assert "[book-cache]" not in log


@pytest.mark.build
def test_a_changed_table_executes_exactly_the_chapters_that_read_it(project: Path) -> None:
    key, users = pick(project, TABLE, "data/curated/")
    book.amend_table(project / key)

    log = book.built(project)
    assert book.executed(project, log) == users, key
    assert book.executed(project, book.built(project)) == set()


@pytest.mark.build
def test_a_changed_module_executes_exactly_the_chapters_that_import_it(project: Path) -> None:
    key, users = pick(project, MODULE, "src/analysis/")
    module = project / key
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")

    log = book.built(project)
    assert book.executed(project, log) == users, key
    assert book.executed(project, book.built(project)) == set()
