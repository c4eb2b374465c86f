"""The book's data for one project: the handle every analysis function takes.

A ``Data`` owns what the analysis reads (processed tables, curated tables, the edition, the
bibliography) and reads each table once per state of the files its reading depends on (their
sizes and modification times), handing every caller its own copy. Nothing is global: tests
and builds make a handle for the project they mean, and a chapter makes one for the project
it is executed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from analysis import curated, datasets, edition
from analysis.paths import Project


class Data:
    """Processed and curated tables of one project, and the edition that picks releases."""

    def __init__(self, project: Project | Path | None = None) -> None:
        if project is None:
            project = Project.discover()
        self.project = project if isinstance(project, Project) else Project(Path(project))
        self._cache: dict[tuple[str, str], tuple[tuple[tuple[int, int], ...], Any]] = {}

    def __repr__(self) -> str:
        return f"Data({self.project.root})"

    def _once(self, kind: str, name: str, files: tuple[Path, ...], read: Any) -> Any:
        """``read()``, again only when one of ``files`` (what the result depends on: the
        table, and what validates it) changed since the last call."""
        try:
            states = [file.stat() for file in files]
        except FileNotFoundError:
            return read()  # raises, naming the missing file
        key = (kind, name)
        stamp = tuple((state.st_size, state.st_mtime_ns) for state in states)
        cached = self._cache.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, read())
            self._cache[key] = cached
        return cached[1]

    @property
    def edition(self) -> edition.Edition:
        file = self.project.edition
        return self._once("edition", "", (file,), lambda: edition.load(file))

    def release(self, role: str) -> str:
        """The release of ``role`` (e.g. ``"sipri-tables"``) this edition shows."""
        return self.edition.release(role)

    def table(self, name: str) -> pd.DataFrame:
        """A processed table, typed and validated, with every release it holds."""
        files = (self.project.processed / f"{name}.csv", self.project.bibliography)
        frame = self._once("table", name, files, lambda: datasets.read(name, self.project))
        return frame.copy()

    def shown(self, name: str, role: str) -> pd.DataFrame:
        """The rows of a processed table from the release of ``role`` the edition shows.

        A release named in the edition but absent from the table is an error: the edition
        points at a file that was never built, and the book would silently show nothing.
        """
        frame = self.table(name)
        release = self.release(role)
        rows = frame[frame["release"] == release]
        if rows.empty:
            held = ", ".join(sorted(frame["release"].astype(str).unique())) or "none"
            raise ValueError(
                f"data/edition.yaml shows release {release!r} for {role}, but "
                f"data/processed/{name}.csv holds {held}: run `make data`"
            )
        return rows.reset_index(drop=True)

    def curated(self, name: str) -> pd.DataFrame:
        """A curated table, validated against its schema, the bibliography and the edition's
        closing date (a table may refer to another: the whole folder counts)."""
        files = (
            *sorted(self.project.curated.glob("*.csv")),
            self.project.edition,
            self.project.bibliography,
        )

        def read() -> pd.DataFrame:
            return curated.load(
                name,
                self.project.curated,
                bibliography_path=self.project.bibliography,
                record_closes=self.edition.record_closes,
            )

        return self._once("curated", name, files, read).copy()
