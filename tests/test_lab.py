"""The chapters open in JupyterLab as notebooks (``make lab``) and come back unchanged.

``chapters/jupytext.toml`` pairs each chapter with a notebook; JupyterLab writes the chapter
from the notebook on every save, so the chapters are kept in the layout jupytext writes. The
pages without code (the front page, the bibliography) are not notebooks and are not paired.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from jupytext.cli import jupytext
from sphinx.util.matching import Matcher

from analysis.paths import Project

CHAPTERS = Project(Path(__file__).resolve().parents[1]).chapters
NOTEBOOKS = sorted(
    page for page in CHAPTERS.glob("*.md") if "```{code-cell}" in page.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("chapter", NOTEBOOKS, ids=lambda page: page.stem)
def test_a_jupytext_round_trip_leaves_the_chapter_byte_identical(
    chapter: Path, tmp_path: Path
) -> None:
    shutil.copy(CHAPTERS / "jupytext.toml", tmp_path)
    text = tmp_path / chapter.name
    shutil.copy(chapter, text)
    jupytext(["--quiet", "--sync", str(text)])  # md -> ipynb, as `make lab` pairs them
    notebook = text.with_suffix(".ipynb")
    assert notebook.is_file()
    text.unlink()
    jupytext(["--quiet", "--sync", str(notebook)])  # ipynb -> md, as a save in the lab
    assert text.read_bytes() == chapter.read_bytes()


def test_the_paired_notebooks_are_not_built() -> None:
    """Sphinx would find two sources for each chapter (and fail the strict build)."""
    config = yaml.safe_load((CHAPTERS.parent / "_config.yml").read_text(encoding="utf-8"))
    excluded = Matcher(config["exclude_patterns"])
    assert excluded("chapters/introduction.ipynb")
    assert not excluded("chapters/introduction.md")
