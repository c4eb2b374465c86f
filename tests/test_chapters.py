"""What the chapters draw: every chart the package offers appears in the book, and every
figure's caption links to its data."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from analysis.paths import Project

# Module-level (the tests are parametrized by chapter): the project these tests live in.
PROJECT = Project.discover(Path(__file__).parent)
CHAPTERS = {path.stem: path.read_text(encoding="utf-8") for path in PROJECT.chapters.glob("*.md")}
CHART_MODULES = ("arms", "trade", "diplomacy", "votes", "maps")


def _chart_functions() -> list[tuple[str, str]]:
    """(module, function) for each public function of a chart module that returns a chart."""
    found = []
    for name in CHART_MODULES:
        module = importlib.import_module(f"analysis.charts.{name}")
        for function_name, function in inspect.getmembers(module, inspect.isfunction):
            returns = inspect.signature(function).return_annotation
            if (
                function.__module__ == module.__name__
                and not function_name.startswith("_")
                and "Chart" in str(returns)
            ):
                found.append((name, function_name))
    return found


@pytest.mark.parametrize(("module", "function"), _chart_functions())
def test_every_chart_is_in_the_book(module: str, function: str) -> None:
    assert any(re.search(rf"\.{function}\(", text) for text in CHAPTERS.values()), (
        f"analysis.charts.{module}.{function} is drawn by no chapter"
    )


def test_the_chart_modules_are_the_ones_checked() -> None:
    charts = {p.stem for p in (PROJECT.root / "src" / "analysis" / "charts").glob("*.py")}
    assert charts - {"__init__", "renderer", "theme"} == set(CHART_MODULES)


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_each_figure_links_its_own_data(chapter: str) -> None:
    text = CHAPTERS[chapter]
    for name in re.findall(r"^    name: (fig-[\w-]+)$", text, re.MULTILINE):
        assert f"figure-data/{name}.csv" in text, f"{chapter}: {name} has no CSV link"
        assert f'"{name}",' in text, f"{chapter}: {name} is not exported by charts.Figure"
