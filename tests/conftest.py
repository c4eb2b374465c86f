"""Shared fixtures: where the upstream files are.

Helpers that write bad copies of those files and expect a located DataError are plain
functions in ``helpers.py`` (parametrize lists call them at import time, so they cannot be
fixtures).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import paths

SOURCES = Path(os.environ.get("ANALYSIS_SOURCES", paths.DEFAULT_SOURCES))


@pytest.fixture(scope="session")
def sources() -> Path:
    """The folder of upstream files (``../shared/sources`` unless ANALYSIS_SOURCES says)."""
    if not SOURCES.is_dir():
        pytest.fail(f"upstream sources folder not found: {SOURCES}")
    return SOURCES


@pytest.fixture(scope="session")
def html_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean copy of the project built to HTML with the strict flags, once per session (per
    worker under pytest-xdist), for the tests that only read the built site (browser,
    determinism). Do not modify it."""
    import book  # tests/book.py; imported here so that the fast tests never load it

    project = book.copy_project(tmp_path_factory.mktemp("html-book") / "project")
    book.built(project, "html")
    return project
