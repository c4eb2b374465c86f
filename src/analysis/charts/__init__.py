"""Charts for the book. Importing this package switches Altair to the house renderer
(interactive HTML + static PNG from one execution) and the house theme."""

from __future__ import annotations

import altair as alt

from analysis.charts import renderer, theme

alt.renderers.enable(renderer.NAME)
alt.theme.enable("book")

__all__ = ["renderer", "theme"]
