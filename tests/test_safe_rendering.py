"""Data cannot inject markup (marker: build, since it drives Chromium).

A copy of the curated tables in which every event and every agreement title carries HTML and
script goes through the code the chapters use (``Data.curated``, the ``diplomacy``
analysis, the chart functions, the house renderer, ``tables.list_table``): tables show the
markup as text, and in a real browser the charts' tooltips show it as text, run nothing and
create no element.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docutils import nodes
from test_tables import doctree

import browser
from analysis import diplomacy, tables
from analysis.charts import diplomacy as diplomacy_charts
from analysis.charts import renderer
from analysis.data import Data
from analysis.paths import Project
from helpers import project_with

pytestmark = pytest.mark.build

HOSTILE = (
    '<img src="x" onerror="window.injected = 1">'
    "<script>window.injected = 2</script><b>bold</b> **strong** [link](https://example.com)"
)

# Hover over the first point of each chart as a reader's pointer would, then read what the
# tooltip holds: its text, any element inside it, and whether any injected code ran.
HOVER = """
(async () => {
  const pause = () => new Promise((done) => setTimeout(done, 150));
  const seen = [];
  for (const chart of document.querySelectorAll(".vega-chart")) {
    const point = chart.querySelector("svg .mark-symbol path");
    const box = point.getBoundingClientRect();
    const at = {bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2};
    point.dispatchEvent(new PointerEvent("pointermove", at));
    point.dispatchEvent(new MouseEvent("mousemove", at));
    await pause();
    const tooltip = document.getElementById("vg-tooltip-element");
    seen.push({
      text: tooltip ? tooltip.textContent : null,
      elements: tooltip ? tooltip.querySelectorAll("img, script, b, a").length : null,
    });
  }
  return {tooltips: seen, injected: window.injected === undefined ? null : window.injected};
})()
"""


def _prefix(file: Path, column: str) -> None:
    """Put HOSTILE before the text of ``column`` in every row of a curated CSV."""
    rows = list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")))
    at = rows[0].index(column)
    for row in rows[1:]:
        row[at] = f"{HOSTILE} {row[at]}"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    file.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path, project: Project) -> Data:
    """The data of a project whose curated events and agreements carry HOSTILE."""
    copy = project_with(
        tmp_path / "project", project, "data/curated", "data/edition.yaml", "references.bib"
    )
    _prefix(copy.curated / "events.csv", "event")
    _prefix(copy.curated / "agreements.csv", "title")
    return Data(copy)


def test_the_hostile_rows_are_valid_data(hostile: Data) -> None:
    """The fixture tests escaping, not validation: the tables load with the text as written."""
    events = hostile.curated("events")
    assert events["event"].str.startswith(HOSTILE).all()


def test_a_table_shows_the_markup_as_text(hostile: Data) -> None:
    events = diplomacy.events(hostile)
    source = tables.list_table(
        ["Date", "Event"],
        list(events[["date_label", "event"]].itertuples(index=False, name=None)),
        caption="Events",
        name="tab-hostile",
        widths=(1, 3),
    )
    tree = doctree(source)
    assert not list(tree.findall(nodes.raw))
    assert not list(tree.findall(nodes.strong))
    assert not list(tree.findall(nodes.reference))
    texts = [entry.astext() for entry in tree.findall(nodes.entry)]
    assert sum(text.startswith(HOSTILE) for text in texts) == len(events)


def test_tooltips_show_the_markup_as_text_in_a_browser(
    hostile: Data, tmp_path: Path, chromium: str
) -> None:
    charts = [
        diplomacy_charts.events_timeline(diplomacy.events(hostile)),
        diplomacy_charts.agreements_timeline(diplomacy.terms(hostile), diplomacy.as_of(hostile)),
    ]
    site = tmp_path / "site"
    site.mkdir()
    (site / "vega-bundle.js").write_text(renderer.javascript_bundle(), encoding="utf-8")
    body = "\n".join(renderer.html(chart.to_dict()) for chart in charts)
    (site / "index.html").write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>'
        f'<script src="vega-bundle.js"></script></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    with browser.serve(site) as origin, browser.Browser(chromium, origin) as reader:
        report = reader.check(f"{origin}/index.html", HOVER)
    assert report.problems() == []
    assert report.charts == len(charts)
    seen = report.evaluated
    assert seen["injected"] is None
    for tooltip in seen["tooltips"]:
        assert tooltip["elements"] == 0
        assert HOSTILE in tooltip["text"]
