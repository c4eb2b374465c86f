"""Open the built site in headless Chromium and report what a reader's browser would do.

A local HTTP server on 127.0.0.1 serves the site; Playwright drives Debian's Chromium (never
a browser of its own: nothing is downloaded). For every page the checker records every
request the page makes, every console error and uncaught exception, and every
``.vega-chart`` container that did not draw an ``svg`` or ``canvas``. Requests to anything
but the local server, from the page, its frames or its workers, WebSockets included, are
recorded and then failed before they leave the machine (route interception), so the check
is the same with or without a network and never sends a reader's traffic anywhere.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Request,
    Route,
    WebError,
    WebSocketRoute,
    sync_playwright,
)

# Added to Playwright's own flags (which already run headless, without a sandbox, a first-run
# dialog, background networking, component updates or sync).
FLAGS = ("--disable-gpu", "--disable-quic")
# Debian's /usr/bin/chromium is a shell wrapper that adds flags of its own
# (/etc/chromium.d); the binary it runs takes exactly Playwright's and ours.
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
LOCAL_SCHEMES = frozenset({"data", "blob"})
START_TIMEOUT = 30.0
LOAD_TIMEOUT = 30.0
CHART_TIMEOUT = 20.0
MAX_HOPS = 3
BROWSER_PROBES = ("/favicon.ico",)
# A desktop window by default; tests of narrower screens pass a phone's or a tablet's width.
WIDTH = 1280
HEIGHT = 720
# Resolves when every chart container has drawn, or after the timeout with those that have
# not; then waits for web fonts, which a page may request after its load event. Also says
# whether the page asks to be refreshed (the site's root is a meta refresh), which happens
# only after this check may have finished.
CHARTS_SCRIPT = """
(timeout) => new Promise((resolve) => {
  const charts = () => Array.from(document.querySelectorAll(".vega-chart"));
  const pending = () => charts()
    .filter((element) => !element.querySelector(":scope > svg, :scope > canvas"))
    .map((element) => element.id || "(no id)");
  const refresh = document.querySelector('meta[http-equiv="refresh" i]') !== null;
  const finish = (left) => {
    observer.disconnect();
    clearTimeout(timer);
    document.fonts.ready.then(() => resolve({charts: charts().length, pending: left, refresh}));
  };
  const check = () => { if (pending().length === 0) finish([]); };
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, {childList: true, subtree: true});
  const timer = setTimeout(() => finish(pending()), timeout);
  check();
})
"""


def chromium() -> str | None:
    """Debian's Chromium binary (``CHROMIUM`` overrides), or None when not installed."""
    for candidate in filter(None, (os.environ.get("CHROMIUM"), *CANDIDATES)):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site without a line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        return


class Server(http.server.ThreadingHTTPServer):
    """A tab closed mid-response is not an error of the site."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on a free port of 127.0.0.1, served from a thread; yields its origin."""
    handler = functools.partial(Quiet, directory=str(site))
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class PageReport:
    """What opening one page did."""

    url: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    charts: int = 0
    unrendered: list[str] = field(default_factory=list)
    evaluated: Any = None  # what the caller's script returned, once the charts drew

    def problems(self) -> list[str]:
        return [
            *(f"{self.url}: request to {url}" for url in self.foreign),
            *(f"{self.url}: {error}" for error in self.errors),
            *(f"{self.url}: chart #{chart} drew no svg or canvas" for chart in self.unrendered),
        ]


@dataclass
class Navigations:
    """Main-frame navigations asked for and documents loaded in one tab, counted as their
    events arrive: a navigation may be asked for and even load between two of our calls."""

    page: Page
    requested: int = 0
    loaded: int = 0

    def __post_init__(self) -> None:
        self.page.on("request", self._request)
        self.page.on("load", self._load)

    def _request(self, request: Request) -> None:
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.requested += 1

    def _load(self, _: Page) -> None:
        self.loaded += 1

    def wait(self, event: str, done: Callable[[], bool]) -> None:
        while not done():
            self.page.wait_for_event(event, timeout=LOAD_TIMEOUT * 1000)


class Browser:
    """Headless Chromium with a fresh profile; ``check(url)`` opens one page in a new tab."""

    def __init__(self, executable: str, origin: str, chart_timeout: float = CHART_TIMEOUT) -> None:
        self.origin = origin
        self.chart_timeout = chart_timeout
        # Asked for by the browser itself, not the page: its 404 is not the site's error.
        self.probes = frozenset(f"{origin}{path}" for path in BROWSER_PROBES)
        self.stack = contextlib.ExitStack()
        playwright = self.stack.enter_context(sync_playwright())
        try:
            self.browser = playwright.chromium.launch(
                executable_path=executable, args=FLAGS, timeout=START_TIMEOUT * 1000
            )
        except BaseException:
            self.stack.close()
            raise
        self.stack.callback(self.browser.close)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.stack.close()

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def _foreign(self, report: PageReport, url: str) -> None:
        if not self.is_local(url) and url not in report.foreign:
            report.foreign.append(url)

    def _route(self, report: PageReport, route: Route) -> None:
        url = route.request.url
        report.requests.append(url)
        self._foreign(report, url)
        if self.is_local(url):
            route.continue_()
        else:  # recorded above; it never leaves the machine
            route.abort("blockedbyclient")

    def _socket(self, report: PageReport, socket: WebSocketRoute) -> None:
        report.requests.append(socket.url)
        self._foreign(report, socket.url)
        if self.is_local(socket.url):
            socket.connect_to_server()
        else:
            socket.close()

    def _console(self, report: PageReport, message: ConsoleMessage) -> None:
        if message.type not in ("error", "assert"):
            return
        source = message.location.get("url", "")
        if source in self.probes:
            return
        report.errors.append(f"console.{message.type}: {message.text} ({source})")

    def _watch(self, context: BrowserContext, report: PageReport) -> None:
        """What the tab, and any frame or worker it starts, reports."""
        context.route("**/*", functools.partial(self._route, report))
        context.route_web_socket("**/*", functools.partial(self._socket, report))
        # Routes see a redirect's first request only; this sees every hop.
        context.on("request", lambda request: self._foreign(report, request.url))
        context.on("console", functools.partial(self._console, report))

        def thrown(error: WebError) -> None:
            report.errors.append(f"uncaught exception: {error.error.stack or error.error}")

        context.on("weberror", thrown)

    def _charts(self, page: Page, report: PageReport) -> bool:
        """Wait for the charts and record them; True when the page asks to be refreshed."""
        drawn = page.evaluate(CHARTS_SCRIPT, int(self.chart_timeout * 1000))
        report.charts, report.unrendered = drawn["charts"], drawn["pending"]
        return drawn["refresh"]

    def check(self, url: str, script: str | None = None, width: int = WIDTH) -> PageReport:
        """Open ``url`` in a new tab ``width`` CSS pixels wide, wait for its load event and
        its charts, report; then, if given, evaluate the JavaScript ``script`` in the page
        and keep what it returns.

        A page that sends the browser on (the site's root is a meta refresh) is followed, so
        its report covers where it leads and the tab is never closed mid-navigation.
        """
        report = PageReport(url)
        # Every page is a first visit: a context of its own, with nothing stored or cached.
        # Service workers are blocked: requests a worker answered would bypass the routes.
        context = self.browser.new_context(
            viewport={"width": width, "height": HEIGHT}, service_workers="block"
        )
        try:
            self._watch(context, report)
            page = context.new_page()
            navigations = Navigations(page)
            try:
                page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT * 1000)
            except Error as error:
                report.errors.append(f"navigation failed: {error.message}")
                return report
            asked = navigations.requested  # navigations asked for when the last check began
            for _ in range(MAX_HOPS):
                loaded = navigations.loaded
                try:
                    if self._charts(page, report):
                        navigations.wait("request", lambda done=asked: navigations.requested > done)
                except Error:
                    if navigations.requested == asked:
                        raise
                if navigations.requested == asked:
                    break
                asked = navigations.requested
                navigations.wait("load", lambda done=loaded: navigations.loaded > done)
            else:
                report.errors.append(f"more than {MAX_HOPS} navigations")
            if script is not None:
                report.evaluated = page.evaluate(script)
        finally:
            context.close()
        return report


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built site; ``_static`` holds theme templates, not pages."""
    return sorted(
        page
        for page in site.rglob("*.html")
        if not page.relative_to(site).parts[0].startswith(("_static", "_sources"))
    )


def check_site(
    site: Path,
    executable: str,
    only: list[Path] | None = None,
    chart_timeout: float = CHART_TIMEOUT,
    width: int = WIDTH,
) -> list[PageReport]:
    """Serve ``site`` and open each of its pages (or ``only`` these) in one browser, in
    tabs ``width`` CSS pixels wide."""
    with serve(site) as origin, Browser(executable, origin, chart_timeout) as browser:
        return [
            browser.check(f"{origin}/{page.relative_to(site).as_posix()}", width=width)
            for page in (only if only is not None else pages(site))
        ]
