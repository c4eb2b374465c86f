"""What the chapters draw: every chart the package offers appears in a chapter's figures, and
every figure of a chapter is made by its figures module and links its data."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from analysis import charts
from analysis.data import Data
from analysis.paths import Project

# Module-level (the tests are parametrized by chapter): the project these tests live in.
PROJECT = Project.discover(Path(__file__).parent)
CHAPTERS = {path.stem: path.read_text(encoding="utf-8") for path in PROJECT.chapters.glob("*.md")}
CHART_MODULES = ("arms", "trade", "diplomacy", "votes", "maps")
FIGURES = {
    path.stem: path.read_text(encoding="utf-8")
    for path in (PROJECT.root / "src" / "analysis" / "figures").glob("*.py")
}


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
    assert any(re.search(rf"\.{function}\(", text) for text in FIGURES.values()), (
        f"analysis.charts.{module}.{function} is drawn by no chapter's figures"
    )


def test_the_chart_modules_are_the_ones_checked() -> None:
    charts = {p.stem for p in (PROJECT.root / "src" / "analysis" / "charts").glob("*.py")}
    assert charts - {"__init__", "renderer", "theme"} == set(CHART_MODULES)


def figures_of(module_name: str, data: Data) -> set[str]:
    """The names of the figures a chapter's figures module makes, by calling each function
    that returns a Figure."""
    module = importlib.import_module(f"analysis.figures.{module_name}")
    names = set()
    for _, function in inspect.getmembers(module, inspect.isfunction):
        returns = inspect.signature(function).return_annotation
        if function.__module__ == module.__name__ and "Figure" in str(returns):
            figure = function(data)
            assert isinstance(figure, charts.Figure)
            names.add(figure.name)
    return names


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_each_figure_is_made_by_its_module_and_links_its_data(chapter: str, data: Data) -> None:
    text = CHAPTERS[chapter]
    named = set(re.findall(r"^    name: (fig-[\w-]+)$", text, re.MULTILINE))
    for name in named:
        assert f"figure-data/{name}.csv" in text, f"{chapter}: {name} has no CSV link"
    # A page draws the figures of the module it imports as ``figures`` (the landing page,
    # index, those of ``summary``), otherwise of the module named after it.
    imported = re.search(r"^from analysis\.figures import (\w+) as figures$", text, re.MULTILINE)
    module = imported[1] if imported else chapter.replace("-", "_")
    if named or f"analysis.figures.{module}" in text:
        assert figures_of(module, data) == named


# Words that only make sense with a pointer: the PDF must not print them.
POINTER_WORDS = re.compile(r"\b(?:hover\w*|click\w*|drag\w*|tap(?:s|ping)?)\b", re.IGNORECASE)
WEB_ONLY = re.compile(r"\{web-only\}`[^`]*`|```\{only\} html\n.*?\n```", re.DOTALL)


@pytest.mark.parametrize("name", sorted(CHAPTERS))
def test_pointer_sentences_are_marked_web_only(name: str) -> None:
    # YAML captions fold their lines: join them so a role spanning two lines is one span.
    text = re.sub(r"\n +", " ", CHAPTERS[name])
    printed = WEB_ONLY.sub("", text)
    assert not POINTER_WORDS.findall(printed), name
    assert WEB_ONLY.sub("", "a {web-only}`hover over it` b") == "a  b"
