"""The built site for readers who use a screen reader, a keyboard, a slow connection or a dark
screen (marker: build).

axe-core (pinned in tools/axe, installed by ``make test``) runs its WCAG 2.1 A and AA rules
in Chromium on every page, at a phone's width and a desktop's, and in dark mode; the landing
page with what it loads stays within a byte budget; in dark mode every chart sits on a light
card. The axe check is itself tested on a page with a fault put in on purpose.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import browser

pytestmark = pytest.mark.build

AXE = Path(__file__).resolve().parents[1] / "tools/axe/node_modules/axe-core/axe.min.js"
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# The theme's dark mode, as its colour-mode button sets it.
DARK_MODE = 'for (const key of ["mode", "theme"]) document.documentElement.dataset[key] = "dark";'
# Run after the page's charts have drawn, in the page's mode (light unless ``mode`` says),
# once the colours have changed; resolves with one entry per failing element.
AXE_RUN = """;
(async () => {
  %(mode)s
  const moving = document.getAnimations().filter((animation) => animation instanceof CSSTransition);
  await Promise.all(moving.map((animation) => animation.finished.catch(() => null)));
  const result = await axe.run(
    document, {runOnly: {type: "tag", values: %(tags)s}, resultTypes: ["violations"]});
  return result.violations.flatMap((rule) => rule.nodes.map((node) => ({
    rule: rule.id, target: node.target.join(" "), summary: node.failureSummary,
  })));
})()
"""
# The landing page (the site's root and the page it leads to) and every file of the site it
# loads, in bytes. Before the theme's icon script was left out: 3,386,304.
BUDGET = 2_400_000
# In dark mode, for each chart: the background of its card and the fill of its text.
DARK = (
    f"(() => {{\n  {DARK_MODE}\n"
    + """
  return Array.from(document.querySelectorAll(".vega-chart")).map((chart) => ({
    id: chart.id,
    card: getComputedStyle(chart.closest(".chart-card") || chart).backgroundColor,
    text: Array.from(chart.querySelectorAll("svg text"))
      .filter((text) => text.textContent.trim())
      .map((text) => getComputedStyle(text).fill),
  }));
})()"""
)
LIGHT = 0.8  # relative luminance from which a background or a text counts as light
RGB = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core not installed at {AXE}: `make test` installs it (npm ci)")
    return AXE.read_text(encoding="utf-8")


def axe_script(axe: str, mode: str = "light") -> str:
    """axe-core and its run over the page, in the theme's ``mode``."""
    switch = DARK_MODE if mode == "dark" else ""
    return axe + AXE_RUN % {"mode": switch, "tags": json.dumps(TAGS)}


@pytest.fixture(scope="module")
def site(html_book: Path) -> Path:
    return html_book / "_build" / "html"


def violations(site: Path, executable: str, script: str, width: int) -> list[str]:
    """What axe finds on every page of ``site``, one line per element: rule, page, target."""
    found: list[str] = []
    with browser.serve(site) as origin, browser.Browser(executable, origin) as opened:
        for page in browser.pages(site):
            name = page.relative_to(site).as_posix()
            report = opened.check(f"{origin}/{name}", script, width=width)
            assert report.evaluated is not None, f"{name}: axe did not run {report.problems()}"
            found += [
                f"{hit['rule']} on {name} at {hit['target']}: {hit['summary']}"
                for hit in report.evaluated
            ]
    return found


@pytest.mark.parametrize(
    ("width", "mode"), [(390, "light"), (768, "light"), (1280, "light"), (1280, "dark")]
)
def test_axe_finds_no_violation_on_any_page(
    site: Path, chromium: str, axe: str, width: int, mode: str
) -> None:
    found = violations(site, chromium, axe_script(axe, mode), width)
    where = f"at {width} px in {mode} mode"
    assert not found, f"{len(found)} WCAG 2.1 A/AA violations {where}:\n" + "\n".join(found)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_reports_a_violation(chromium: str, axe: str, tmp_path: Path, mode: str) -> None:
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><title>t</title><main><img src="x.png"></main></html>',
        encoding="utf-8",
    )
    (found,) = violations(tmp_path, chromium, axe_script(axe, mode), browser.WIDTH)
    assert found.startswith("image-alt on index.html at img"), found


def test_the_landing_page_is_within_its_budget(site: Path, chromium: str) -> None:
    (report,) = browser.check_site(site, chromium, only=[site / "index.html"])
    assert report.problems() == []
    origin = report.url.removesuffix("/index.html")
    sizes = {}
    for url in report.requests:
        file = site / unquote(urlsplit(url).path).lstrip("/")
        if url.startswith(f"{origin}/") and file.is_file():
            sizes[file.relative_to(site).as_posix()] = file.stat().st_size
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert "chapters/index.html" in sizes
    assert sum(sizes.values()) <= BUDGET, f"{sum(sizes.values())} bytes; largest: {largest}"


def luminance(colour: str) -> float:
    """The relative luminance (WCAG) of a CSS ``rgb()`` colour; a transparent one has none."""
    match = RGB.fullmatch(colour)
    assert match, f"not an rgb() colour: {colour}"
    if match[4] is not None and float(match[4]) < 1:
        return 0.0

    def linear(channel: str) -> float:
        value = float(channel) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(match[i]) for i in (1, 2, 3))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_every_chart_is_readable_in_dark_mode(site: Path, chromium: str) -> None:
    charted = [page for page in browser.pages(site) if 'class="vega-chart' in page.read_text()]
    assert charted
    unreadable = []
    with browser.serve(site) as origin, browser.Browser(chromium, origin) as opened:
        for page in charted:
            name = page.relative_to(site).as_posix()
            report = opened.check(f"{origin}/{name}", DARK)
            assert report.evaluated, f"{name}: no chart found"
            for chart in report.evaluated:
                assert chart["text"], f"{name}: chart #{chart['id']} has no text"
                light_card = luminance(chart["card"]) >= LIGHT
                if not light_card and any(luminance(fill) < LIGHT for fill in chart["text"]):
                    unreadable.append(f"{name}: #{chart['id']} on {chart['card']}")
    assert not unreadable, "charts with dark text on a dark page:\n" + "\n".join(unreadable)
