"""Every chart fits its column on a phone, a tablet and a desktop, and none of its text is
cut off at its edge or drawn over another text (marker: build).

Checked in Chromium at 390, 768 and 1280 CSS pixels on every chapter page of the session's
build, and on a small book made here with a chart of each kind (single, layered with era
bands, stacked panels, a grid of panels, facets), which also shows how one cell's output
becomes the interactive chart and the figure's files in the site and the print image in
the PDF.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import browser
from analysis.charts import renderer

pytestmark = pytest.mark.build

CHECKOUT = Path(__file__).resolve().parents[1]
WIDTHS = (390, 768, 1280)
OVERLAP = 2  # CSS pixels two texts' boxes may share (the glyphs' own margins)
# Every chart on the page: the width its SVG is drawn at (its own width attribute), the
# width it takes on screen, the room its column leaves it (the content box of the chart's
# parent, and never past the window's right edge), the texts that reach past the SVG's
# edges (drawn, but cut off) and the pairs of texts that overlap. A text counts when a
# reader sees it: not empty, not hidden, not transparent (Vega hides axis labels that
# would collide by setting their opacity to 0).
MEASURE = """
(() => Array.from(document.querySelectorAll(".vega-chart")).map((chart) => {
  const svg = chart.querySelector(":scope > svg");
  const parent = chart.parentElement;
  const style = getComputedStyle(parent);
  const box = parent.getBoundingClientRect();
  const left = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
  const right = Math.min(
    box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight),
    document.documentElement.clientWidth,
  );
  const shown = svg ? svg.getBoundingClientRect() : null;
  const seen = (text) => {
    if (!text.textContent.trim()) return false;
    for (let node = text; node && node !== svg; node = node.parentElement) {
      const look = getComputedStyle(node);
      if (look.display === "none" || look.visibility === "hidden") return false;
      if (parseFloat(look.opacity) === 0 || node.getAttribute("opacity") === "0") return false;
    }
    const at = text.getBoundingClientRect();
    return at.width > 0 && at.height > 0;
  };
  const texts = svg ? Array.from(svg.querySelectorAll("text")).filter(seen) : [];
  const boxes = texts.map((text) => text.getBoundingClientRect());
  const cut = (at) => at.left < shown.left - 1 || at.right > shown.right + 1
    || at.top < shown.top - 1 || at.bottom > shown.bottom + 1;
  const overlaps = [];
  for (let i = 0; i < boxes.length; i += 1) {
    for (let j = i + 1; j < boxes.length; j += 1) {
      const [a, b] = [boxes[i], boxes[j]];
      const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (across > OVERLAP && down > OVERLAP) {
        overlaps.push([texts[i].textContent, texts[j].textContent]);
      }
    }
  }
  return {
    id: chart.id,
    composed: chart.classList.contains("vega-variants"),
    variant: chart.dataset.width ? Number(chart.dataset.width) : null,
    room: right - left,
    drawn: svg ? svg.width.baseVal.value : null,
    shown: shown ? shown.width : null,
    overflow: shown ? Math.max(left - shown.left, shown.right - right) : null,
    clipped: texts.filter((text, index) => cut(boxes[index])).map((text) => text.textContent),
    overlapping: overlaps,
  };
}))()
""".replace("OVERLAP", str(OVERLAP))
TOLERANCE = 0.5  # CSS pixels of rounding


def too_wide(report: browser.PageReport) -> list[str]:
    """The charts of a page that reach past their column, or drew nothing."""
    return [
        f"{report.url} #{chart['id']}: {chart['shown']} px shown in {chart['room']} px"
        for chart in report.evaluated
        if chart["shown"] is None or chart["overflow"] > TOLERANCE
    ]


def clipped(report: browser.PageReport) -> list[str]:
    """The texts of a page's charts that are cut off at their SVG's edge."""
    return [
        f"{report.url} #{chart['id']}: {text!r} cut off"
        for chart in report.evaluated
        for text in chart["clipped"]
    ]


def overlapping(report: browser.PageReport) -> list[str]:
    """The pairs of texts of a page's charts that are drawn over each other."""
    return [
        f"{report.url} #{chart['id']}: {first!r} overlaps {second!r}"
        for chart in report.evaluated
        for first, second in chart["overlapping"]
    ]


def chart_pages(site: Path) -> list[Path]:
    return [page for page in browser.pages(site) if "vega-chart" in page.read_text("utf-8")]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_chart_of_the_book_is_wider_than_its_column_or_cuts_or_overlaps_its_text(
    html_book: Path, chromium: str, width: int
) -> None:
    site = html_book / "_build" / "html"
    pages = chart_pages(site)
    assert pages, "no page of the book has a chart"
    with browser.serve(site) as origin, browser.Browser(chromium, origin) as opened:
        reports = [
            opened.check(f"{origin}/{page.relative_to(site).as_posix()}", MEASURE, width=width)
            for page in pages
        ]
    problems = [problem for report in reports for problem in report.problems()]
    assert not problems, "\n".join(problems)
    wide = [line for report in reports for line in too_wide(report)]
    assert not wide, "\n".join(wide)
    text = [line for report in reports for line in (*clipped(report), *overlapping(report))]
    assert not text, "\n".join(text)


# A chapter with a chart of each kind, each shown the way the chapters show theirs.
CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Charts

```{code-cell} ipython3
:tags: [remove-cell]
import altair as alt
import pandas as pd

from analysis import book, charts
from analysis.charts import theme

data = book.open()
years = pd.DataFrame({"year": range(1950, 2026), "value": [i % 17 for i in range(76)]})
years["group"] = ["a long group name " + str(year % 3) for year in years["year"]]
years["release"] = "2022"
years["citation"] = "sipri_atdb"
x = alt.X("year:Q", scale=theme.years(1950, 2025), axis=theme.year_axis(), title=None)
line = alt.Chart(years).mark_line().encode(x=x, y=alt.Y("value:Q", title="Value"))
panel = alt.layer(theme.era_bands(1950, 2025, labels=False), line).properties(height=100)
FIGURES = {
    "fig-single": line.properties(width=theme.WIDTH),
    "fig-layered": theme.with_source(
        alt.layer(theme.era_bands(1950, 2025), line.encode(color="group:N")),
        "a synthetic series made up for this test, with a source line longer than a phone "
        "is wide, which the chart wraps rather than cuts off",
    ),
    "fig-stacked": alt.vconcat(
        alt.layer(theme.era_bands(1950, 2025), line).properties(height=100), panel, spacing=12
    ),
    "fig-grid": alt.vconcat(
        *[alt.hconcat(panel.properties(width=290), panel.properties(width=290), spacing=24)] * 2
    ),
    "fig-faceted": line.encode(color="group:N")
    .properties(width=theme.WIDTH, height=60)
    .facet(
        row=alt.Row(
            "group:N",
            title=None,
            header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start"),
        )
    ),
}
```
"""
CELL = """
```{{code-cell}} ipython3
---
tags: [remove-input]
mystnb:
  figure:
    name: {name}
    caption: |
      The chart {name}. {{download}}`Data (CSV) <../_build/figure-data/{name}.csv>`
---
book.show(data, charts.Figure("{name}", FIGURES["{name}"], years, "Chart {name}."))
```
"""
NAMES = ("fig-single", "fig-layered", "fig-stacked", "fig-grid", "fig-faceted")
COMPOSED = {"fig-stacked", "fig-grid", "fig-faceted"}


def jupyter_book(project: Path, builder: str) -> None:
    """Build ``project`` strictly, importing this checkout's ``analysis``."""
    python_path = [str(CHECKOUT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(python_path)}
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(project)]
    flags = ["--builder", builder, "-n", "-W", "--keep-going"]
    result = subprocess.run(
        [*command, *flags], capture_output=True, text=True, env=environment, check=False
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]


@pytest.fixture(scope="module")
def small_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small book, built to HTML."""
    project = tmp_path_factory.mktemp("small-book") / "project"
    (project / "data").mkdir(parents=True)
    (project / "chapters").mkdir()
    for name in ("_config.yml", "references.bib", "CITATION.cff", "data/edition.yaml"):
        shutil.copy(CHECKOUT / name, project / name)
    shutil.copy(CHECKOUT / "data/sources.yaml", project / "data/sources.yaml")
    shutil.copytree(CHECKOUT / "_static", project / "_static")
    (project / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/index\nchapters:\n  - file: chapters/charts\n",
        encoding="utf-8",
    )
    (project / "chapters/index.md").write_text("# A small book\n\nCharts.\n", encoding="utf-8")
    chapter = CHAPTER + "".join(CELL.format(name=name) for name in NAMES)
    (project / "chapters/charts.md").write_text(chapter, encoding="utf-8")
    jupyter_book(project, "html")
    return project


@pytest.fixture(scope="module")
def measured(small_book: Path, chromium: str) -> dict[int, browser.PageReport]:
    site = small_book / "_build" / "html"
    with browser.serve(site) as origin, browser.Browser(chromium, origin) as opened:
        return {
            width: opened.check(f"{origin}/chapters/charts.html", MEASURE, width=width)
            for width in WIDTHS
        }


@pytest.mark.parametrize("width", WIDTHS)
def test_every_kind_of_chart_fits_its_column(
    measured: dict[int, browser.PageReport], width: int
) -> None:
    report = measured[width]
    assert report.problems() == []
    assert len(report.evaluated) == len(NAMES)
    assert not too_wide(report)
    assert not clipped(report)
    assert not overlapping(report)
    smallest = min(renderer.VARIANT_WIDTHS)
    for chart in report.evaluated:
        if chart["composed"]:
            # Drawn at the widest variant that fits; only the narrowest may be scaled down.
            assert chart["variant"] in renderer.VARIANT_WIDTHS
            assert chart["drawn"] <= chart["room"] + TOLERANCE or chart["variant"] == smallest
        else:
            assert chart["drawn"] == pytest.approx(chart["room"], abs=1)  # the column's width


def test_a_composed_chart_takes_a_wider_variant_on_a_wider_column(
    measured: dict[int, browser.PageReport],
) -> None:
    def variants(width: int) -> list[int]:
        return [chart["variant"] for chart in measured[width].evaluated if chart["composed"]]

    assert len(variants(390)) == len(COMPOSED)
    assert variants(390) == [min(renderer.VARIANT_WIDTHS)] * len(COMPOSED)
    assert all(a > b for a, b in zip(variants(768), variants(390), strict=True))


def test_the_cell_emits_the_spec_and_no_image(small_book: Path) -> None:
    executed = small_book / "_build" / "jupyter_execute" / "chapters" / "charts.ipynb"
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    outputs = [output for cell in notebook["cells"] for output in cell.get("outputs", [])]
    assert [sorted(output["data"]) for output in outputs] == [
        sorted([renderer.MIME, "text/plain"])
    ] * len(NAMES)
    assert [output["data"][renderer.MIME]["name"] for output in outputs] == list(NAMES)


def test_the_site_offers_each_figures_files(small_book: Path) -> None:
    site = small_book / "_build" / "html"
    page = (site / "chapters" / "charts.html").read_text(encoding="utf-8")
    for name in NAMES:
        folder = site / "figures"
        table = (small_book / "_build" / "figure-data" / f"{name}.csv").read_text("utf-8")
        assert (folder / f"{name}.csv").read_text(encoding="utf-8") == table
        assert table.startswith("year,value,group,release,citation\n")
        metadata = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert metadata["name"] == name
        assert metadata["description"] == f"Chart {name}."
        assert metadata["releases"] == ["2022"]
        assert metadata["citations"] == ["sipri_atdb"]
        assert metadata["data"] == f"{name}.csv"
        assert metadata["licence"].startswith("CC-BY-4.0 (")
        assert "Stockholm International Peace Research Institute" in metadata["licence"]
        assert (folder / f"{name}.svg").read_text(encoding="utf-8").startswith("<svg")
        assert (folder / f"{name}.png").read_bytes().startswith(b"\x89PNG")
        for suffix in ("svg", "png", "json"):
            assert f'href="../figures/{name}.{suffix}"' in page
        # The caption's link still serves the table.
        assert re.search(rf'href="[^"]*_downloads/[0-9a-f]+/{name}\.csv"', page)


def test_the_pdf_shows_every_chart_as_its_print_image(small_book: Path) -> None:
    jupyter_book(small_book, "pdflatex")
    latex = small_book / "_build" / "latex"
    tex = next(latex.glob("*.tex")).read_text(encoding="utf-8")
    for name in NAMES:
        assert f"\\sphinxincludegraphics{{{{{name}}}.png}}" in tex
        image = (latex / f"{name}.png").read_bytes()
        svg = (small_book / "_build" / "html" / "figures" / f"{name}.svg").read_text("utf-8")
        drawn = int(re.search(r'<svg[^>]* width="(\d+)"', svg)[1])
        assert int.from_bytes(image[16:20], "big") == drawn * renderer.PNG_SCALE
    listing = subprocess.run(
        ["pdfimages", "-list", str(next(latex.glob("*.pdf")))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert len([row for row in listing if row.split()[2] == "image"]) == len(NAMES)
