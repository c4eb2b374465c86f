"""Shared fixtures: the project of this checkout, its data handle, and where the upstream
files are.

Helpers that write bad copies of those files and expect a located DataError are plain
functions in ``helpers.py`` (parametrize lists call them at import time, so they cannot be
fixtures).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import altair as alt
import pytest

from analysis import charts
from analysis.data import Data
from analysis.paths import Project

CHECKOUT = Project(Path(__file__).resolve().parents[1])
SOURCES = Path(os.environ.get("ANALYSIS_SOURCES", CHECKOUT.default_sources))


@pytest.fixture(scope="session")
def project() -> Project:
    """The project of this checkout (read it; tests that change data make their own)."""
    return CHECKOUT


@pytest.fixture(scope="session")
def data(project: Project) -> Data:
    """The committed data of this checkout, read once per session."""
    return Data(project)


@pytest.fixture(scope="session")
def sources() -> Path:
    """The folder of upstream files (``../shared/sources`` unless ANALYSIS_SOURCES says)."""
    if not SOURCES.is_dir():
        pytest.fail(f"upstream sources folder not found: {SOURCES}")
    return SOURCES


@pytest.fixture(scope="module")
def house_style() -> Iterator[None]:
    """Altair set up as a chapter sets it up (the house renderer and theme), for the tests
    of a module that draw charts; Altair's previous renderer and theme are restored after."""
    renderer, theme = alt.renderers.active, alt.theme.active
    charts.setup()
    yield
    alt.renderers.enable(renderer)
    alt.theme.enable(theme)


@pytest.fixture(scope="session")
def html_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the project built to HTML with the strict flags, once per session (per
    worker under pytest-xdist), for the tests that only read the built site (browser,
    determinism). Do not modify it."""
    import book  # tests/book.py; imported here so that the fast tests never load it

    project = book.copy_project(tmp_path_factory.mktemp("html-book") / "project", CHECKOUT.root)
    book.built(project, "html")
    return project


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, which the browser tests drive (through Playwright)."""
    import browser  # tests/browser.py; imported here so that the fast tests never load it

    executable = browser.chromium()
    if executable is None:
        pytest.fail("Chromium not found: run tools/install-system-packages (Debian: chromium)")
    return executable
