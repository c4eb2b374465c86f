"""The same inputs give the same bytes: the processed data and the book's charts.

Each side runs in a process of its own with a different ``PYTHONHASHSEED``, so that an
output depending on set or dict order, on the clock, or on memory addresses shows up as a
difference rather than passing by luck.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from jupyter_cache import get_cache
from myst_nb.core.read import read_myst_markdown_notebook
from nbclient import NotebookClient

import book
from analysis.charts import renderer
from analysis.paths import Project
from helpers import project_with

WRITE = (
    "import sys; from pathlib import Path; from analysis import datasets; "
    "from analysis.paths import Project; "
    "datasets.write(Path(sys.argv[1]), Project(Path(sys.argv[2])))"
)
# What a chart cell shows: the chart's specification, name and metadata, from which the
# builders draw the interactive chart and the print image.
CHART_TYPES = (renderer.MIME,)


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_of_the_processed_data_are_byte_identical(
    sources: Path, tmp_path: Path, project: Project
) -> None:
    built = []
    for seed in ("1", "2"):
        copy = project_with(
            tmp_path / f"project-{seed}",
            project,
            "data/sources.yaml",
            "data/edition.yaml",
            "data/producer-names.csv",
            "references.bib",
        )
        subprocess.run(
            [sys.executable, "-c", WRITE, str(sources), str(copy.root)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        built.append(files(copy.data))
    assert "manifest.json" in built[0] and len(built[0]) > 2
    assert built[0].keys() == built[1].keys()
    different = [name for name in built[0] if built[0][name] != built[1][name]]
    assert not different, f"differ between two builds: {different}"


def chart_outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """(code cell number, mime type, content) of every chart output of an executed notebook."""
    found = []
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for index, cell in enumerate(code):
        for output in cell.get("outputs", []):
            for mime in CHART_TYPES:
                if mime in output.get("data", {}):
                    found.append((index, mime, output["data"][mime]))
    return found


@pytest.mark.build
def test_every_chart_is_the_same_in_a_second_execution(
    html_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The charts the book build executed, as its notebook cache holds them, against a fresh
    execution of each chapter. (Not ``_build/jupyter_execute``: MyST-NB writes a notebook
    there without its outputs when it takes the chapter from the cache, as a PDF build after
    the HTML one does.)"""
    cache = get_cache(str(html_book / "_build" / ".jupyter_cache"))
    for name, value in book.environment(html_book, PYTHONHASHSEED="12345").items():
        monkeypatch.setenv(name, value)
    compared = 0
    for docname in book.toc_pages(html_book):
        text = (html_book / f"{docname}.md").read_text(encoding="utf-8")
        if "```{code-cell}" not in text:
            continue
        _, executed = cache.merge_match_into_notebook(read_myst_markdown_notebook(text))
        first = chart_outputs(executed)
        notebook = jupytext.read(html_book / f"{docname}.md")
        NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str((html_book / docname).parent)}},
        ).execute()
        second = chart_outputs(notebook)
        assert [(cell, mime) for cell, mime, _ in first] == [
            (cell, mime) for cell, mime, _ in second
        ], docname
        for (cell, mime, before), (_, _, after) in zip(first, second, strict=True):
            assert before == after, f"{docname}, cell {cell}: {mime} differs"
        compared += len(first)
    assert compared > 0, "no chart output found in the executed notebooks"
