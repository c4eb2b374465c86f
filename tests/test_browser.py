"""Open every page of the built site in headless Chromium (marker: build).

What a reader's browser does with the site: it must ask nothing of any server but the one
serving the book, log no error, throw nothing, and draw every chart. The checker itself is
tested on pages with those faults put in on purpose.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import browser

pytestmark = pytest.mark.build

REMOTE_SCRIPT = '<script src="https://example.invalid/x.js"></script>'
FAULTS = (
    '<div id="vega-never-drawn" class="vega-chart"></div>'
    '<script>console.error("logged on purpose")</script>'
    '<script>throw new Error("thrown on purpose")</script>'
)
# Every way a page, its frames and its workers can reach a server; {} is the other origin.
OUTSIDE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title>
<link rel="prefetch" href="{0}/prefetch"><script src="{0}/script.js"></script></head>
<body><img src="{0}/image.png"><iframe src="{0}/frame.html"></iframe><script>
fetch("{0}/fetch").catch(() => {{}});
navigator.sendBeacon("{0}/beacon", "x");
new WebSocket("{1}/socket");
new Worker(URL.createObjectURL(new Blob(['fetch("{0}/worker").catch(() => {{}})'])));
</script></body></html>"""
OUTSIDE_PATHS = ("prefetch", "script.js", "image.png", "frame.html", "fetch", "beacon", "worker")


@contextlib.contextmanager
def listening() -> Iterator[tuple[str, list[str]]]:
    """A server on another port of 127.0.0.1 that answers nothing and notes every request:
    the outside world as the checker sees it, but one that can tell what reached it."""
    reached: list[str] = []

    class Note(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reached.append(self.path)
            self.send_error(404)

        do_POST = do_GET

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Note)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", reached
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def site(html_book: Path) -> Path:
    return html_book / "_build" / "html"


@pytest.fixture(scope="module")
def reports(site: Path, chromium: str) -> list[browser.PageReport]:
    return browser.check_site(site, chromium)


def _chapter_with_chart(site: Path) -> Path:
    for page in browser.pages(site):
        if 'class="vega-chart' in page.read_text(encoding="utf-8"):
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


def test_the_site_root_is_followed_to_the_first_chapter(reports: list[browser.PageReport]) -> None:
    (root,) = [report for report in reports if report.url.split("/", 3)[3] == "index.html"]
    assert any(url.endswith("/chapters/index.html") for url in root.requests), root.requests


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


def test_no_outside_request_leaves_the_machine(chromium: str, tmp_path: Path) -> None:
    with listening() as (outside, reached):
        (tmp_path / "index.html").write_text(
            OUTSIDE.format(f"http://{outside}", f"ws://{outside}"), encoding="utf-8"
        )
        (report,) = browser.check_site(tmp_path, chromium)
    assert reached == []
    expected = {f"http://{outside}/{path}" for path in OUTSIDE_PATHS} | {f"ws://{outside}/socket"}
    assert set(report.foreign) == expected
    assert set(report.foreign) <= set(report.requests)


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_a_page_is_as_wide_as_asked(chromium: str, tmp_path: Path, width: int) -> None:
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>t</title>", encoding="utf-8")
    with browser.serve(tmp_path) as origin, browser.Browser(chromium, origin) as opened:
        report = opened.check(f"{origin}/index.html", "window.innerWidth", width=width)
        default = opened.check(f"{origin}/index.html", "window.innerWidth")
    assert report.problems() == []
    assert report.evaluated == width
    assert default.evaluated == browser.WIDTH == 1280


def test_a_refresh_is_followed_and_a_refresh_loop_is_reported(
    chromium: str, tmp_path: Path
) -> None:
    refresh = '<!DOCTYPE html><title>t</title><meta http-equiv="refresh" content="0; url={}">'
    (tmp_path / "index.html").write_text(refresh.format("middle.html"), encoding="utf-8")
    (tmp_path / "middle.html").write_text(refresh.format("last.html"), encoding="utf-8")
    (tmp_path / "last.html").write_text(
        '<!DOCTYPE html><title>t</title><div class="vega-chart"><svg></svg></div>'
        '<div id="blank" class="vega-chart"></div>',
        encoding="utf-8",
    )
    (tmp_path / "loop.html").write_text(refresh.format("loop.html"), encoding="utf-8")
    followed, looping = browser.check_site(
        tmp_path, chromium, only=[tmp_path / "index.html", tmp_path / "loop.html"], chart_timeout=1
    )
    assert [url.rsplit("/", 1)[1] for url in followed.requests] == [
        "index.html",
        "middle.html",
        "last.html",
    ]
    assert (followed.charts, followed.unrendered, followed.errors) == (2, ["blank"], [])
    assert looping.errors == [f"more than {browser.MAX_HOPS} navigations"]
