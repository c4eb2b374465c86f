"""The map of Russia's sites, in the built book, at a phone's, a tablet's and a desktop's
width (marker: build): as wide as its column, with no text touching another and none cut
off at the map's edge."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import browser

pytestmark = pytest.mark.build

PAGE = "chapters/intervention.html"
FIGURE = "fig-intervention-bases"
WIDTHS = (390, 768, 1280)
# The map's texts as drawn: their boxes, and the box of the SVG and of the column.
MEASURE = """
((figure) => {
  const chart = document.getElementById(figure).querySelector(".vega-chart");
  const svg = chart.querySelector(":scope > svg");
  const box = (element) => {
    const b = element.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom];
  };
  const parent = chart.parentElement.getBoundingClientRect();
  return {
    svg: box(svg),
    column: [parent.left, parent.right],
    texts: Array.from(svg.querySelectorAll("text"))
      .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .map((t) => ({text: t.textContent, box: box(t)})),
  };
})
"""
TOLERANCE = 0.5  # CSS pixels of rounding


@pytest.fixture(scope="module")
def measured(html_book: Path, chromium: str) -> dict[int, dict]:
    site = html_book / "_build" / "html"
    script = f"{MEASURE}({FIGURE!r})"
    with browser.serve(site) as origin, browser.Browser(chromium, origin) as opened:
        reports = {width: opened.check(f"{origin}/{PAGE}", script, width) for width in WIDTHS}
    for report in reports.values():
        assert report.problems() == []
    return {width: report.evaluated for width, report in reports.items()}


def _overlap(a: list[float], b: list[float]) -> float:
    """How far two boxes reach into each other (the smaller of the two overlaps)."""
    return min(min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1]))


@pytest.mark.parametrize("width", WIDTHS)
def test_no_text_of_the_map_touches_another_or_leaves_it(
    measured: dict[int, dict], width: int
) -> None:
    drawn = measured[width]
    texts = drawn["texts"]
    assert any(t["text"] == "Damascus" for t in texts)
    touching = [
        (a["text"], b["text"])
        for a, b in itertools.combinations(texts, 2)
        if _overlap(a["box"], b["box"]) > TOLERANCE
    ]
    assert not touching
    left, top, right, bottom = drawn["svg"]
    cut = [
        t["text"]
        for t in texts
        if t["box"][0] < left - TOLERANCE
        or t["box"][2] > right + TOLERANCE
        or t["box"][1] < top - TOLERANCE
        or t["box"][3] > bottom + TOLERANCE
    ]
    assert not cut


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_takes_its_columns_width(measured: dict[int, dict], width: int) -> None:
    drawn = measured[width]
    column_left, column_right = drawn["column"]
    left, _, right, _ = drawn["svg"]
    assert right - left == pytest.approx(min(column_right, width) - column_left, abs=20)
