"""Charts for the book: the house renderer and theme (switched on by ``setup``, never by an
import), and ``Figure``, a chart together with the data it draws and its description."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd

from analysis.charts import renderer, theme


def setup() -> None:
    """Make Altair render charts the book's way (interactive HTML + static PNG from one
    execution) in the house theme. Called by ``analysis.book.open``."""
    alt.renderers.register(renderer.NAME, renderer.render)
    alt.renderers.enable(renderer.NAME)
    alt.theme.register(theme.THEME, enable=True)(theme.book_theme)


@dataclass(frozen=True)
class Figure:
    """A chart ready for a chapter: the exact data it draws (offered as CSV beside the
    caption) and a text description (Vega sets it as the SVG's label for screen readers)."""

    name: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    description: str


def export(figure: Figure, folder: Path) -> alt.TopLevelMixin:
    """Write the figure's data to ``folder/<name>.csv`` and return the chart to display."""
    folder.mkdir(parents=True, exist_ok=True)
    figure.data.to_csv(folder / f"{figure.name}.csv", index=False, lineterminator="\n")
    return figure.chart.properties(description=figure.description)


__all__ = ["Figure", "export", "renderer", "setup", "theme"]
