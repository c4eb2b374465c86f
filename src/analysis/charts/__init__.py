"""Charts for the book: the house theme (switched on by ``setup``, never by an import),
``Figure``, a chart together with the data it draws and its description, and ``export``,
which makes a figure the output of a chart cell (rendered per builder by the renderer)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from analysis.charts import renderer, theme

# Columns of a figure's data that name the release drawn and the bibliography keys cited.
RELEASE = "release"
CITATION = "citation"
UNIT_COLUMNS = ("unit", "units")
# Encoding keys that make a channel's value something other than its field's.
DERIVED = {"aggregate", "timeUnit", "bin"}


def setup() -> None:
    """Draw charts in the house theme. Called by ``analysis.book.open``."""
    alt.theme.register(theme.THEME, enable=True)(theme.book_theme)


@dataclass(frozen=True)
class Figure:
    """A chart ready for a chapter: the exact data it draws (offered as CSV beside the
    caption) and a text description (Vega sets it as the SVG's label for screen readers)."""

    name: str
    chart: alt.TopLevelMixin
    data: pd.DataFrame
    description: str


@dataclass(frozen=True)
class Output:
    """What a chart cell displays: the specification under the book's mime type, which the
    Sphinx side renders for each builder (see ``renderer``)."""

    name: str
    spec: dict[str, Any]
    metadata: dict[str, Any]

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return renderer.output(self.name, self.spec, self.metadata)


def _values(data: pd.DataFrame, columns: tuple[str, ...]) -> list[str]:
    """The distinct non-empty values of the first of ``columns`` the data has, each
    ``"; "``-joined cell split, in order of appearance."""
    column = next((name for name in columns if name in data.columns), None)
    if column is None:
        return []
    cells = data[column].dropna().astype(str)
    return list(dict.fromkeys(part.strip() for cell in cells for part in cell.split(";")))


def metadata(figure: Figure, spec: dict[str, Any]) -> dict[str, Any]:
    """What the figure's data sidecar says of it, from the figure and its data: name,
    description, units (when the data has a unit column), the source line, and the
    releases and bibliography keys its rows name."""
    return {
        "name": figure.name,
        "description": figure.description,
        "units": _values(figure.data, UNIT_COLUMNS),
        "source": theme.source_line(spec.get("title", {})),
        "releases": _values(figure.data, (RELEASE,)),
        "citations": _values(figure.data, (CITATION,)),
        "columns": list(map(str, figure.data.columns)),
    }


def _unit_views(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every view of a specification that draws a mark, through layers, concatenations and
    facets."""
    found = [spec] if "mark" in spec else []
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            found += _unit_views(child)
    if isinstance(spec.get("spec"), dict):
        found += _unit_views(spec["spec"])
    return found


def screen_reader_marks(spec: dict[str, Any]) -> dict[str, Any]:
    """Keep screen readers to what a reader is told: Vega-Lite labels every mark with its
    encoded fields, internal names included ("start", "end", "fill", "rank"). Marks without
    a tooltip (era bands, direct labels, rules: what the description already says) are left
    out of the accessibility tree; a mark with a tooltip is labelled by its tooltip, whose
    titles are the reader's words. Changes ``spec`` in place and returns it."""
    for view in _unit_views(spec):
        mark = view["mark"] if isinstance(view["mark"], dict) else {"type": view["mark"]}
        encoding = view.get("encoding", {})
        tips = encoding.get("tooltip")
        if not tips:
            view["mark"] = {**mark, "aria": False}
            continue
        tips = tips if isinstance(tips, list) else [tips]
        parts = [_spoken(tip) for tip in tips if "field" in tip and not set(tip) & DERIVED]
        # In an aggregated view the tooltip's plain fields are already among the groups: a
        # label made of them only adds a group key that changes no group.
        if parts and "description" not in encoding:
            name = f"_spoken_{len(parts)}"
            expression = " + '; ' + ".join(parts)
            view["transform"] = [*view.get("transform", []), {"calculate": expression, "as": name}]
            encoding["description"] = {"field": name, "type": "nominal"}
    return spec


def _spoken(tip: dict[str, Any]) -> str:
    """A Vega expression saying one tooltip entry: "Title: value", formatted as shown."""
    field = tip["field"].replace("\\", "\\\\").replace("'", "\\'")
    value = f"datum['{field}']"
    shown = value
    if tip.get("type") == "quantitative" and "format" in tip:
        shown = f"format({value}, '{tip['format']}')"
    value = f"(isValid({value}) ? {shown} : 'none')"
    title = str(tip.get("title", tip["field"])).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{title}: ' + {value}"


def export(figure: Figure, folder: Path) -> Output:
    """Write the figure's data to ``folder/<name>.csv`` (the caption's download link) and
    return what the cell displays."""
    folder.mkdir(parents=True, exist_ok=True)
    figure.data.to_csv(folder / f"{figure.name}.csv", index=False, lineterminator="\n")
    spec = screen_reader_marks(figure.chart.properties(description=figure.description).to_dict())
    return Output(figure.name, spec, metadata(figure, spec))


__all__ = ["Figure", "Output", "export", "renderer", "setup", "theme"]
