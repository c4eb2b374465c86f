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
