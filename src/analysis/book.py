"""What a chapter calls: open the project's data, glue the chapter's facts, show a figure.

A chapter's first cell is ``data = book.open()`` and ``book.glue(findings.of(NAME, data))``;
each figure cell is ``book.show(data, figures.CHAPTER.NAME(data))``. Everything else lives in
the package, where it is tested.
"""

from __future__ import annotations

from pathlib import Path

from myst_nb import glue as _glue

from analysis import charts
from analysis.data import Data
from analysis.findings import Facts
from analysis.paths import Project


def open(start: Path | None = None) -> Data:
    """The data of the project a chapter runs in, with the charts set up the book's way."""
    charts.setup()
    return Data(Project.discover(start))


def glue(facts: Facts) -> None:
    """Glue every fact's displayed text under its name, for ``{glue:text}`NAME```."""
    for fact in facts:
        _glue(fact.name, fact.text, display=False)


def show(data: Data, figure: charts.Figure) -> charts.Output:
    """Display a figure and offer its data as CSV beside the caption."""
    return charts.export(figure, data.project.figure_data)
