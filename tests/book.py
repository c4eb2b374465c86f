"""Helpers shared by the tests (and the benchmark) that build the book.

A build always runs in a copy of the project, never in the working tree's ``_build`` (others
use it), with ``PYTHONPATH`` pointing at the copy. Its chapters find their project from their
working directory (the copy's ``chapters/``), so the build reads the copy's data and imports
the copy's ``analysis`` modules: edits made in the working tree while a test runs cannot leak
into it, and a test can change a module of its copy and see the effect.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
# Strict: nitpicky, warnings are errors, but report them all before failing (as the Makefile).
STRICT = ("-n", "-W", "--keep-going")
IGNORE = shutil.ignore_patterns("_build", ".venv", ".git", ".*cache", "__pycache__", "*.egg-info")
# MyST-NB logs one of these per notebook it reads: "<source>: Executing notebook using ..."
# when it runs the notebook, "<source>: Using cached notebook: ID=..." when it does not.
_EXECUTING = re.compile(r"^(?P<source>/\S+)\.(?:md|ipynb): Executing notebook", re.MULTILINE)
_CACHED = re.compile(r"^(?P<source>/\S+)\.(?:md|ipynb): Using cached notebook", re.MULTILINE)


# The checkout these tests belong to.
CHECKOUT = Path(__file__).resolve().parents[1]


def copy_project(destination: Path, source: Path) -> Path:
    """A clean copy of the project at ``source`` (no build products, caches or virtual
    environment)."""
    shutil.copytree(source, destination, ignore=IGNORE)
    return destination


# The front matter that makes a MyST Markdown page a notebook MyST-NB executes.
NOTEBOOK = (
    "---\njupytext:\n  text_representation:\n    format_name: myst\n"
    "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n"
)


def small_project(destination: Path, pages: dict[str, str], source: Path = CHECKOUT) -> Path:
    """A book of a few pages (docname -> MyST text, the first the root) with the project's
    configuration, bibliography, citation and edition: builds in seconds, with the same
    extensions."""
    (destination / "data").mkdir(parents=True)
    for name in ("_config.yml", "references.bib", "CITATION.cff", "data/edition.yaml"):
        shutil.copy(source / name, destination / name)
    root, *chapters = pages
    toc = {"format": "jb-book", "root": root}
    if chapters:
        toc["chapters"] = [{"file": docname} for docname in chapters]
    (destination / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    for docname, text in pages.items():
        (destination / f"{docname}.md").write_text(text, encoding="utf-8")
    return destination


def amend_table(table: Path) -> None:
    """A harmless change that keeps a CSV table valid: text appended to the first row's
    ``note`` (or last) cell, the file otherwise rewritten as it was."""
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"), newline="")))
    column = rows[0].index("note") if "note" in rows[0] else len(rows[0]) - 1
    rows[1][column] = (rows[1][column] + " Checked again.").strip()
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    table.write_text(out.getvalue(), encoding="utf-8")


def environment(project: Path, **extra: str) -> dict[str, str]:
    """The environment of a build of ``project``: its modules (its data it finds itself)."""
    python_path = [str(project / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(python_path),
        **extra,
    }


def build(
    project: Path, builder: str = "html", *options: str, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    """``jupyter-book build`` of the copy with the strict flags; the log is stdout+stderr."""
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(project), "--builder", builder, *STRICT, *options],
        capture_output=True,
        text=True,
        env=environment(project, **extra_env),
        check=False,
    )


def log_of(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def built(project: Path, builder: str = "html", *options: str, **extra_env: str) -> str:
    """Build and require success; returns the log."""
    result = build(project, builder, *options, **extra_env)
    assert result.returncode == 0, log_of(result)[-6000:]
    return log_of(result)


def _docnames(pattern: re.Pattern[str], project: Path, log: str) -> set[str]:
    found = set()
    for match in pattern.finditer(log):
        source = Path(match["source"])
        found.add(
            source.relative_to(project).as_posix()
            if source.is_relative_to(project)
            else str(source)
        )
    return found


def executed(project: Path, log: str) -> set[str]:
    """The documents (docnames) whose notebooks the build executed, from its log."""
    return _docnames(_EXECUTING, project, log)


def from_cache(project: Path, log: str) -> set[str]:
    """The documents whose outputs the build took from jupyter-cache, from its log."""
    return _docnames(_CACHED, project, log)


def toc_pages(project: Path) -> list[str]:
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(entry["file"] for entry in toc.get("chapters", []))]
