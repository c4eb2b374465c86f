"""Charts for the book. Importing this package switches Altair to the house renderer
(interactive HTML + static PNG from one execution) and the house theme."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import paths
from analysis.charts import renderer, theme

alt.renderers.enable(renderer.NAME)
alt.theme.enable("book")


def figure(
    chart: alt.TopLevelMixin, data: pd.DataFrame, name: str, description: str
) -> alt.TopLevelMixin:
    """A chart ready for a chapter: it carries a text description (Vega sets it as the SVG's
    accessible label for screen readers), and the exact data it draws is written to
    ``_build/figure-data/<name>.csv`` for the caption's download link.
    """
    paths.FIGURE_DATA.mkdir(parents=True, exist_ok=True)
    data.to_csv(paths.FIGURE_DATA / f"{name}.csv", index=False, lineterminator="\n")
    return chart.properties(description=description)


__all__ = ["figure", "renderer", "theme"]
