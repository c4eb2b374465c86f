"""Open every page of the built site in headless Chromium (marker: build).

What a reader's browser does with the site: it must ask nothing of any server but the one
serving the book, log no error, throw nothing, and draw every chart. The checker itself is
tested on pages with those faults put in on purpose.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import browser

pytestmark = pytest.mark.build

REMOTE_SCRIPT = '<script src="https://example.invalid/x.js"></script>'
FAULTS = (
    '<div id="vega-never-drawn" class="vega-chart"></div>'
    '<script>console.error("logged on purpose")</script>'
    '<script>throw new Error("thrown on purpose")</script>'
)


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = browser.chromium()
    if executable is None:
        pytest.fail("Chromium not found: run tools/install-system-packages (Debian: chromium)")
    return executable


@pytest.fixture(scope="module")
def site(html_book: Path) -> Path:
    return html_book / "_build" / "html"


@pytest.fixture(scope="module")
def reports(site: Path, chromium: str) -> list[browser.PageReport]:
    return browser.check_site(site, chromium)


def _chapter_with_chart(site: Path) -> Path:
    for page in browser.pages(site):
        if 'class="vega-chart"' in page.read_text(encoding="utf-8"):
            return page
    raise AssertionError("no page of the site has a chart")


def _copy_with(site: Path, destination: Path, html: str) -> tuple[Path, Path]:
    """A copy of the site in which one chart page has ``html`` at the top of its head."""
    copy = destination / "site"
    shutil.copytree(site, copy)
    page = copy / _chapter_with_chart(site).relative_to(site)
    text = page.read_text(encoding="utf-8")
    assert "<head>" in text
    page.write_text(text.replace("<head>", f"<head>\n{html}", 1), encoding="utf-8")
    return copy, page


def test_every_page_is_opened(site: Path, reports: list[browser.PageReport]) -> None:
    opened = {report.url.split("/", 3)[3] for report in reports}
    assert opened == {page.relative_to(site).as_posix() for page in browser.pages(site)}
    assert any(url.startswith("chapters/") for url in opened)


def test_no_page_asks_anything_of_another_server(reports: list[browser.PageReport]) -> None:
    assert all(report.requests for report in reports)
    offenders = [f"{report.url}: {url}" for report in reports for url in report.foreign]
    assert not offenders, "\n".join(offenders)


def test_no_console_error_or_uncaught_exception(reports: list[browser.PageReport]) -> None:
    errors = [f"{report.url}: {error}" for report in reports for error in report.errors]
    assert not errors, "\n".join(errors)


def test_every_chart_is_drawn(reports: list[browser.PageReport]) -> None:
    assert sum(report.charts for report in reports) > 0
    blank = [f"{report.url}: #{chart}" for report in reports for chart in report.unrendered]
    assert not blank, "charts that drew no svg or canvas:\n" + "\n".join(blank)


def test_a_request_to_another_server_is_reported(site: Path, chromium: str, tmp_path: Path) -> None:
    copy, page = _copy_with(site, tmp_path, REMOTE_SCRIPT)
    (report,) = browser.check_site(copy, chromium, only=[page])
    assert report.foreign == ["https://example.invalid/x.js"]
    assert any("example.invalid" in problem for problem in report.problems())


def test_errors_and_a_blank_chart_are_reported(site: Path, chromium: str, tmp_path: Path) -> None:
    copy, page = _copy_with(site, tmp_path, "")
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", f"{FAULTS}\n</body>", 1), encoding="utf-8")
    (report,) = browser.check_site(copy, chromium, only=[page], chart_timeout=2)
    assert report.unrendered == ["vega-never-drawn"]
    assert report.charts >= 2
    assert any("logged on purpose" in error for error in report.errors), report.errors
    assert any("thrown on purpose" in error for error in report.errors), report.errors
    assert not report.foreign
