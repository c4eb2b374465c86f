"""What the chapters draw: every chart the package offers appears in a chapter's figures, and
every figure of a chapter is made by its figures module and links its data."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from analysis import charts, eras
from analysis.charts import theme
from analysis.data import Data
from analysis.figures._shared import claimed
from analysis.findings import FindingError
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


def figures(module_name: str, data: Data) -> list[charts.Figure]:
    """The figures a chapter's figures module makes, by calling each function that returns
    a Figure."""
    module = importlib.import_module(f"analysis.figures.{module_name}")
    made = []
    for _, function in inspect.getmembers(module, inspect.isfunction):
        returns = inspect.signature(function).return_annotation
        if function.__module__ == module.__name__ and "Figure" in str(returns):
            figure = function(data)
            assert isinstance(figure, charts.Figure)
            made.append(figure)
    return made


def figures_of(module_name: str, data: Data) -> set[str]:
    """The names of the figures a chapter's figures module makes."""
    return {figure.name for figure in figures(module_name, data)}


FIGURE_MODULES = sorted(set(FIGURES) - {"__init__", "_shared"})


@pytest.mark.parametrize("module", FIGURE_MODULES)
def test_every_figure_states_its_point_what_it_measures_and_its_source(
    module: str, data: Data
) -> None:
    for figure in figures(module, data):
        title = figure.chart.to_dict()["title"]
        assert (title["orient"], title["fontWeight"]) == ("top", "bold"), figure.name
        assert title["text"] and not title["text"].startswith(theme.SOURCE), figure.name
        measured, source = title["subtitle"].split("\n")
        assert measured and source.startswith(theme.SOURCE), figure.name
        assert theme.source_line(title) == source.removeprefix(theme.SOURCE) != ""
        # A year in the title comes from the data the figure draws or the eras' bounds,
        # never from a literal.
        known = figure.data.to_csv() + " ".join(era.label for era in eras.ERAS)
        for year in re.findall(r"\b(?:19|20)\d\d\b", title["text"]):
            assert year in known, (figure.name, year)


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


def test_a_chart_title_the_data_no_longer_support_fails_the_build() -> None:
    assert claimed("Deliveries peaked in 1974", True) == "Deliveries peaked in 1974"
    with pytest.raises(FindingError, match="no longer support the chart title"):
        claimed("Deliveries peaked in 1974", False)
