"""Every path the project uses, defined once.

The package is installed in editable mode from the repository, so the project root is found
from this file; ``ANALYSIS_ROOT`` overrides it (tests build into temporary copies).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("ANALYSIS_ROOT", Path(__file__).resolve().parents[2]))
DATA = ROOT / "data"
PROCESSED = DATA / "processed"
CURATED = DATA / "curated"
# Committed map boundaries (Natural Earth via world-atlas), with their licence.
GEO = DATA / "geo"
REGISTRY = DATA / "sources.yaml"
MANIFEST = DATA / "manifest.json"
BIBLIOGRAPHY = ROOT / "references.bib"
# Where upstream files live by default: beside the project, never inside it.
DEFAULT_SOURCES = ROOT.parent / "shared" / "sources"
# The data behind each figure, written at build time for the captions' download links.
FIGURE_DATA = ROOT / "_build" / "figure-data"
