"""Open the built site in headless Chromium and report what a reader's browser would do.

A local HTTP server on 127.0.0.1 serves the site; Debian's Chromium is driven through the
DevTools protocol by the small client below (``websockets`` is its only dependency). For
every page the checker records every request the page makes, every console error and
uncaught exception, and every ``.vega-chart`` container that did not draw an ``svg`` or
``canvas``. Requests to anything but the local server are recorded and then failed before
they leave the machine (Fetch interception), so the check is the same with or without a
network and never sends a reader's traffic anywhere.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from websockets.sync.client import ClientConnection, connect

# Exactly these flags, plus a fresh --user-data-dir and the DevTools port.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
# Debian's /usr/bin/chromium is a shell wrapper that adds flags of its own
# (/etc/chromium.d); the binary it runs takes exactly ours.
CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
LOCAL_SCHEMES = frozenset({"data", "blob"})
START_TIMEOUT = 30.0
LOAD_TIMEOUT = 30.0
CHART_TIMEOUT = 20.0
MAX_HOPS = 3
BROWSER_PROBES = ("/favicon.ico",)
# Events announcing that a loaded page is about to navigate (a meta refresh, a script).
NAVIGATING = frozenset({"Page.frameScheduledNavigation", "Page.frameRequestedNavigation"})
# Resolves when every chart container has drawn, or after the timeout with those that have
# not; then waits for web fonts, which a page may request after its load event.
CHARTS_SCRIPT = """
new Promise((resolve) => {
  const charts = () => Array.from(document.querySelectorAll(".vega-chart"));
  const pending = () => charts()
    .filter((element) => !element.querySelector(":scope > svg, :scope > canvas"))
    .map((element) => element.id || "(no id)");
  const finish = (left) => {
    observer.disconnect();
    clearTimeout(timer);
    document.fonts.ready.then(() => resolve({charts: charts().length, pending: left}));
  };
  const check = () => { if (pending().length === 0) finish([]); };
  const observer = new MutationObserver(check);
  observer.observe(document.documentElement, {childList: true, subtree: true});
  const timer = setTimeout(() => finish(pending()), %d);
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


class ProtocolError(RuntimeError):
    """A DevTools command failed, or an expected event did not come in time."""


Handler = Callable[[str | None, str, dict[str, Any]], None]


class DevTools:
    """A minimal synchronous DevTools client on one browser-level websocket.

    Page sessions are flattened onto it (``Target.attachToTarget`` with ``flatten``). Events
    are handed to ``handler`` as they arrive, also while a command waits for its answer, so
    that a handler can answer a paused request that the command itself waits on.
    """

    def __init__(self, url: str, handler: Handler) -> None:
        self.stack = contextlib.ExitStack()
        self.socket: ClientConnection = self.stack.enter_context(
            connect(url, max_size=None, compression=None, legacy=False)
        )
        self.handler = handler
        self.ids = itertools.count(1)
        self.answers: dict[int, dict[str, Any]] = {}
        self.awaited: set[int] = set()

    def close(self) -> None:
        self.stack.close()

    def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> int:
        """Send a command without waiting for its answer."""
        message: dict[str, Any] = {"id": next(self.ids), "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        return message["id"]

    def pump(self, deadline: float) -> None:
        """Receive and dispatch one message, or raise TimeoutError at the deadline."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        message = json.loads(self.socket.recv(timeout=remaining))
        if "id" in message:
            if message["id"] in self.awaited:
                self.answers[message["id"]] = message
        else:
            self.handler(message.get("sessionId"), message["method"], message.get("params", {}))

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 10.0,
    ) -> dict[str, Any]:
        """Send a command and wait for its result, dispatching events meanwhile."""
        ident = self.send(method, params, session)
        self.awaited.add(ident)
        deadline = time.monotonic() + timeout
        try:
            while ident not in self.answers:
                try:
                    self.pump(deadline)
                except TimeoutError:
                    raise ProtocolError(f"{method}: no answer within {timeout} s") from None
        finally:
            self.awaited.discard(ident)
        answer = self.answers.pop(ident)
        if "error" in answer:
            raise ProtocolError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_for(self, done: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            try:
                self.pump(deadline)
            except TimeoutError:
                raise ProtocolError(f"{what}: not within {timeout} s") from None


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


def _remote_object(value: dict[str, Any]) -> str:
    if "value" in value:
        return str(value["value"])
    return str(value.get("description") or value.get("type", "?"))


class Browser:
    """Headless Chromium with a fresh profile; ``check(url)`` opens one page in a new tab."""

    def __init__(self, executable: str, origin: str, chart_timeout: float = CHART_TIMEOUT) -> None:
        self.origin = origin
        self.chart_timeout = chart_timeout
        # Asked for by the browser itself, not the page: its 404 is not the site's error.
        self.probes = frozenset(f"{origin}{path}" for path in BROWSER_PROBES)
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
        self.log = self.profile.parent / f"{self.profile.name}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [
                    executable,
                    *FLAGS,
                    f"--user-data-dir={self.profile}",
                    "--remote-debugging-port=0",
                    "about:blank",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self.devtools = DevTools(self._endpoint(), self._on_event)
        except BaseException:
            self._stop()
            raise
        self.sessions: dict[str, PageReport] = {}
        self.loads: dict[str, int] = {}  # load events per page session
        self.main_frames: dict[str, str] = {}
        self.moving_on: set[str] = set()  # page sessions whose main frame will navigate

    def _endpoint(self) -> str:
        """The browser's websocket address, from the DevToolsActivePort file it writes."""
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(OSError):
                lines = port_file.read_text(encoding="utf-8").split()
                if len(lines) == 2:
                    return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            time.sleep(0.02)
        output = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise ProtocolError(f"Chromium did not open its DevTools port:\n{output}")

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        with contextlib.suppress(Exception):
            self.devtools.call("Browser.close", timeout=5)
        with contextlib.suppress(Exception):
            self.devtools.close()
        self._stop()

    def _stop(self) -> None:
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
        self.log.unlink(missing_ok=True)

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin

    def _watch(self, session: str) -> None:
        """What every session (page, and any frame or worker it starts) reports."""
        for method in ("Network.enable", "Runtime.enable", "Log.enable"):
            self.devtools.send(method, session=session)
        self.devtools.send("Fetch.enable", {"patterns": [{"urlPattern": "*"}]}, session)
        self.devtools.send(
            "Target.setAutoAttach",
            {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": True},
            session,
        )

    def _record(self, report: PageReport, url: str) -> None:
        report.requests.append(url)
        if not self.is_local(url) and url not in report.foreign:
            report.foreign.append(url)

    def _on_event(self, session: str | None, method: str, params: dict[str, Any]) -> None:
        report = self.sessions.get(session or "")
        if method == "Target.attachedToTarget":
            child = params["sessionId"]
            if report is not None:
                self.sessions[child] = report
                self._watch(child)
                self.devtools.send("Runtime.runIfWaitingForDebugger", session=child)
            return
        if report is None:
            return
        if method == "Fetch.requestPaused":
            url = params["request"]["url"]
            self._record(report, url)
            if self.is_local(url):
                self.devtools.send(
                    "Fetch.continueRequest", {"requestId": params["requestId"]}, session
                )
            else:  # recorded above; it never leaves the machine
                self.devtools.send(
                    "Fetch.failRequest",
                    {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                    session,
                )
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not self.is_local(url) and url not in report.foreign:
                report.foreign.append(url)
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            text = " ".join(_remote_object(arg) for arg in params.get("args", []))
            report.errors.append(f"console.{params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            exception = details.get("exception") or {}
            report.errors.append(
                f"uncaught exception: {exception.get('description') or details.get('text')}"
            )
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            if entry.get("url") in self.probes:
                return
            report.errors.append(f"{entry['source']} error: {entry['text']} {entry.get('url', '')}")
        elif method == "Page.loadEventFired" and session in self.loads:
            self.loads[session] += 1
        elif method in NAVIGATING and params.get("frameId") == self.main_frames.get(session or ""):
            self.moving_on.add(session or "")

    def _charts(self, session: str, report: PageReport) -> None:
        result = self.devtools.call(
            "Runtime.evaluate",
            {
                "expression": CHARTS_SCRIPT % int(self.chart_timeout * 1000),
                "awaitPromise": True,
                "returnByValue": True,
            },
            session,
            self.chart_timeout + 10,
        )
        if "exceptionDetails" in result:
            raise ProtocolError(f"chart check failed: {result['exceptionDetails']}")
        value = result["result"]["value"]
        report.charts, report.unrendered = value["charts"], value["pending"]

    def _evaluate(self, session: str, report: PageReport, expression: str) -> None:
        result = self.devtools.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            session,
            self.chart_timeout + 10,
        )
        if "exceptionDetails" in result:
            raise ProtocolError(f"script failed: {result['exceptionDetails']}")
        report.evaluated = result["result"].get("value")

    def check(self, url: str, script: str | None = None) -> PageReport:
        """Open ``url`` in a new tab, wait for its load event and its charts, report; then,
        if given, evaluate the JavaScript ``script`` in the page and keep what it returns.

        A page that sends the browser on (the site's root is a meta refresh) is followed, so
        its report covers where it leads and the tab is never closed mid-navigation.
        """
        # Every page is a first visit: a context of its own, with nothing stored or cached.
        context = self.devtools.call("Target.createBrowserContext")["browserContextId"]
        target = self.devtools.call(
            "Target.createTarget", {"url": "about:blank", "browserContextId": context}
        )["targetId"]
        session = self.devtools.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        report = self.sessions[session] = PageReport(url)
        self.loads[session] = 0
        try:
            self.devtools.call("Page.enable", session=session)
            frame = self.devtools.call("Page.getFrameTree", session=session)["frameTree"]
            self.main_frames[session] = frame["frame"]["id"]
            self._watch(session)
            self.devtools.call("Runtime.runIfWaitingForDebugger", session=session)
            navigation = self.devtools.call("Page.navigate", {"url": url}, session, LOAD_TIMEOUT)
            if "errorText" in navigation:
                report.errors.append(f"navigation failed: {navigation['errorText']}")
                return report
            checked = 0  # load events seen when the last check began
            for _ in range(MAX_HOPS):
                self.devtools.wait_for(
                    lambda done=checked: self.loads[session] > done, LOAD_TIMEOUT, f"load of {url}"
                )
                checked = self.loads[session]
                try:
                    self._charts(session, report)
                except ProtocolError:
                    if session not in self.moving_on:
                        raise
                if session not in self.moving_on:
                    break
                self.moving_on.discard(session)
            else:
                report.errors.append(f"more than {MAX_HOPS} navigations")
            if script is not None:
                self._evaluate(session, report, script)
        finally:
            self.devtools.call("Target.closeTarget", {"targetId": target})
            self.devtools.call("Target.disposeBrowserContext", {"browserContextId": context})
            for name in [name for name, owner in self.sessions.items() if owner is report]:
                del self.sessions[name]
            self.loads.pop(session, None)
            self.main_frames.pop(session, None)
            self.moving_on.discard(session)
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
) -> list[PageReport]:
    """Serve ``site`` and open each of its pages (or ``only`` these) in one browser."""
    with serve(site) as origin, Browser(executable, origin, chart_timeout) as browser:
        return [
            browser.check(f"{origin}/{page.relative_to(site).as_posix()}")
            for page in (only if only is not None else pages(site))
        ]
