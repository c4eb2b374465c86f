"""Chapters are prose, one facts call and figure calls: their code cells hold no number, no
release string and no look-up (checked by parsing every code cell)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jupytext
import pytest

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("*.md"))
# Indexing and look-ups that belong in analysis.findings, not in a chapter.
LOOKUPS = frozenset({"loc", "iloc", "at", "iat", "set_index", "query", "groupby", "merge"})
RELEASE_LIKE = re.compile(r"\b(1[89]|20)\d\d\b|^\d+\.\d+$")


def code_cells(chapter: Path) -> list[str]:
    notebook = jupytext.read(chapter)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def problems(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool):
            if isinstance(node.value, int | float):
                found.append(f"number {node.value!r}")
            elif isinstance(node.value, str) and RELEASE_LIKE.search(node.value):
                found.append(f"release or year string {node.value!r}")
        if isinstance(node, ast.Attribute) and node.attr in LOOKUPS:
            found.append(f"look-up .{node.attr}")
    return found


def test_the_checker_finds_what_it_forbids() -> None:
    assert set(problems('x = frame.loc[2018, "tiv"]')) == {"look-up .loc", "number 2018"}
    assert problems('release = "2022"') == ["release or year string '2022'"]
    assert problems('book.glue(findings.of("introduction", data))') == []


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_code_cells_hold_no_numbers_releases_or_lookups(chapter: Path) -> None:
    found = [problem for source in code_cells(chapter) for problem in problems(source)]
    assert found == [], f"{chapter.name}: {found}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_at_most_one_facts_call(chapter: Path) -> None:
    calls = sum(source.count("book.glue(") for source in code_cells(chapter))
    assert calls <= 1
