"""Each builder rebuilds what changed since its own last good build.

The HTML and LaTeX builders share ``_build/.doctrees`` (Jupyter Book places it beside their
output folders, and its command line cannot move it), so Sphinx's own bookkeeping cannot
tell one builder that the other has already read a changed chapter: after ``make pdf``
executed a chapter again for an edited table, ``make html`` found nothing outdated and kept
the old page. And a strict build that fails on a warning (``-W --keep-going``) still saves
its environment, so the next build, with nothing changed, read nothing, reported nothing
and exited 0 over the broken pages.

This extension keeps, per builder, ``_build/.builders/<builder>.json``: whether its last build
succeeded (no exception, no warning) and when each document had been read for it. Before
reading, a builder that writes only outdated pages (HTML) re-reads, from the notebook cache
and without executing anything, every document read since then by another builder (all of
them if it has no state); a builder that writes every document (LaTeX) needs nothing more.
After a failed build, any builder re-reads everything, so it fails again until the cause
is fixed.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging as sphinx_logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FORMAT = 1
FOLDER_NAME = ".builders"


class WarningCounter(logging.Handler):
    """Counts the warnings a build reports, as Sphinx does (suppressed ones excepted): its
    count is not public, and with ``--keep-going`` a warning raises nothing."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=logging.WARNING)
        self.app = app
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        suppressed = getattr(self.app.config, "suppress_warnings", ())
        kind, subtype = getattr(record, "type", ""), getattr(record, "subtype", "")
        if not sphinx_logging.is_suppressed_warning(kind, subtype, suppressed):
            self.count += 1


def state_path(app: Sphinx) -> Path:
    return Path(app.doctreedir).parent / FOLDER_NAME / f"{app.builder.name}.json"


def read_state(path: Path) -> dict[str, Any] | None:
    """A builder's state, or None when missing, unreadable or from another format."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and state.get("format") == FORMAT else None


def write_state(path: Path, ok: bool, read: dict[str, int]) -> None:
    """Written whole and renamed into place: a killed build never leaves half a state."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    state = {"format": FORMAT, "ok": ok, "read": dict(sorted(read.items()))}
    partial.write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)


def to_reread(
    state: dict[str, Any] | None, read: dict[str, int], found: set[str], writes_all: bool
) -> set[str]:
    """The documents this builder must read again: all after a failed build. Otherwise a
    builder that writes every document (LaTeX) needs none, the shared doctrees being
    current; one that writes only outdated pages (HTML) needs all when it has no state, and
    else those read, by another builder, since its last good build."""
    if state is not None and not state.get("ok"):
        return set(found)
    if writes_all:
        return set()
    if state is None:
        return set(found)
    seen = state.get("read", {})
    return {docname for docname in found if docname in read and seen.get(docname) != read[docname]}


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: what this builder missed, with the reason in the log."""
    state = read_state(state_path(app))
    # Sphinx's builders say "all documents" (a string) when they write every document.
    writes_all = isinstance(app.builder.get_outdated_docs(), str)
    docnames = to_reread(state, env.all_docs, env.found_docs, writes_all) - added - changed
    if docnames:
        if state is None:
            why = "no record of its last build"
        elif not state.get("ok"):
            why = "its last build failed"
        else:
            why = "read since by another builder"
        sphinx_logging.getLogger(__name__).info(
            f"[build-state] {app.builder.name}: {len(docnames)} documents to read again ({why})"
        )
    return sorted(docnames)


def _finished(app: Sphinx, exception: Exception | None, counter: WarningCounter) -> None:
    """``build-finished``: a good build records what it read; any other records a failure."""
    logging.getLogger(sphinx_logging.NAMESPACE).removeHandler(counter)
    ok = exception is None and counter.count == 0
    write_state(state_path(app), ok, dict(app.env.all_docs) if ok else {})


def setup(app: Sphinx) -> dict[str, Any]:
    counter = WarningCounter(app)
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(counter)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", lambda app, exception: _finished(app, exception, counter))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
