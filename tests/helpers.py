"""Helpers shared by the tests: write a modified copy of an upstream file, expect a DataError
at the right place, make a project of copies of a few files.

An edit takes the file's lines without their line ends (``text.split("\\n")``, so a file
ending in a line break has a last, empty, element) and returns the lines to write back,
joined by ``\\n``. Lines are numbered as an editor numbers them: ``lines[n - 1]`` is line n.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project
from analysis.sources import Parsed

Edit = Callable[[list[str]], list[str]]

BOM = b"\xef\xbb\xbf"


def bad_copy(
    tmp_path: Path,
    original: Path,
    edit: Edit | None = None,
    *,
    encoding: str = "utf-8",
    prefix: bytes = b"",
) -> Path:
    """A copy of ``original`` in ``tmp_path`` (same name), its lines through ``edit``.

    ``encoding`` is the one the copy is written in, ``prefix`` bytes written before it (a BOM).
    """
    lines = original.read_text(encoding="utf-8").split("\n")
    if edit is not None:
        lines = edit(lines)
    out = tmp_path / original.name
    out.write_bytes(prefix + "\n".join(lines).encode(encoding))
    return out


def set_cell(line: int, column: str, value: str) -> Edit:
    """An edit setting one cell, found by its column's name in the header on line 1."""

    def edit(lines: list[str]) -> list[str]:
        header = next(csv.reader([lines[0]]))
        cells = next(csv.reader([lines[line - 1]]))
        cells[header.index(column)] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow(cells)
        return [*lines[: line - 1], buffer.getvalue(), *lines[line:]]

    return edit


def every_line(change: Callable[[str], str]) -> Edit:
    """An edit applying ``change`` to every line that ends in a line break."""

    def edit(lines: list[str]) -> list[str]:
        return [*map(change, lines[:-1]), lines[-1]]

    return edit


CRLF = every_line(lambda line: line + "\r")
"""An edit ending every line with CRLF instead of LF."""


def raises_at(parse: Callable[[Path], Parsed], path: Path, row: int | None, column: str | None):
    """Parse ``path`` expecting a DataError located at ``row`` / ``column``; return it."""
    with pytest.raises(DataError) as info:
        parse(path)
    error = info.value
    assert error.file == str(path)
    assert (error.row, error.column) == (row, column), str(error)
    return error


def altered(
    monkeypatch: pytest.MonkeyPatch,
    method: str,
    name: str,
    change: Callable[[pd.DataFrame], pd.DataFrame],
) -> None:
    """Make every ``Data`` hand out table ``name`` through ``change`` when read with
    ``method`` ("table", "shown" or "curated"): the data of a release that would falsify a
    sentence, without writing files."""
    original = getattr(Data, method)

    def read(self: Data, table: str, *args: str) -> pd.DataFrame:
        frame = original(self, table, *args)
        return change(frame) if table == name else frame

    monkeypatch.setattr(Data, method, read)


def project_copy(root: Path, folder: Path) -> Project:
    """A copy of the project's data, bibliography, citation file and book configuration in
    ``folder``, to edit without touching the checkout."""
    return project_with(
        folder, Project(root), "_config.yml", "references.bib", "CITATION.cff", "data"
    )


def project_with(root: Path, source: Project, *files: str) -> Project:
    """A project at ``root`` holding copies of only ``files`` (paths relative to the project
    root, folders copied whole) from ``source``: a test changes its copy, never the checkout."""
    for name in files:
        original, copy = source.root / name, root / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if original.is_dir():
            shutil.copytree(original, copy)
        else:
            shutil.copy(original, copy)
    return Project(root)


def edition_fields(text: str, **fields: str) -> str:
    """The edition file's text with top-level ``fields`` set (``record_closes="2026-12-31"``),
    whatever they held: a test stays true when the committed edition moves on."""
    for name, value in fields.items():
        text, count = re.subn(rf"^{name}:.*$", f"{name}: {value}", text, count=1, flags=re.M)
        assert count == 1, f"the edition file has no {name!r} line"
    return text
