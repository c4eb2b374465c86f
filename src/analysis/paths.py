"""Every path the project uses, defined once, relative to a project root given by the caller.

Nothing is read at import time: a ``Project`` is made for a root (``Project.discover()`` finds
the one a notebook or command runs in), so tests and builds point at a copy by passing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# What marks a folder as the project's root.
_MARKERS = ("_config.yml", "data/sources.yaml")


@dataclass(frozen=True)
class Project:
    """The project's files and folders under one root."""

    root: Path

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        """The project containing ``start`` (default: the working directory, which for a
        chapter being executed is ``chapters/``), else the checkout this package lives in."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if all((folder / marker).is_file() for marker in _MARKERS):
                return cls(folder)
        return cls(Path(__file__).resolve().parents[2])

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def processed(self) -> Path:
        return self.data / "processed"

    @property
    def curated(self) -> Path:
        return self.data / "curated"

    @property
    def geo(self) -> Path:
        """Committed map boundaries (Natural Earth via world-atlas), with their licence."""
        return self.data / "geo"

    @property
    def registry(self) -> Path:
        return self.data / "sources.yaml"

    @property
    def edition(self) -> Path:
        """Which release of each product the book shows, and the edition's version and date."""
        return self.data / "edition.yaml"

    @property
    def editions(self) -> Path:
        """Frozen facts of each published edition, ``<version>.json``."""
        return self.data / "editions"

    @property
    def producer_names(self) -> Path:
        """The producers' spellings of country names and the book's name for each."""
        return self.data / "producer-names.csv"

    @property
    def manifest(self) -> Path:
        return self.data / "manifest.json"

    @property
    def bibliography(self) -> Path:
        return self.root / "references.bib"

    @property
    def citation_file(self) -> Path:
        return self.root / "CITATION.cff"

    @property
    def chapters(self) -> Path:
        return self.root / "chapters"

    @property
    def default_sources(self) -> Path:
        """Where upstream files live by default: beside the project, never inside it."""
        return self.root.parent / "shared" / "sources"

    @property
    def figure_data(self) -> Path:
        """The data behind each figure, written at build time for the captions' links."""
        return self.root / "_build" / "figure-data"
