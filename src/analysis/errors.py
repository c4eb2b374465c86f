"""The one error type for bad input: it always names the file, the row and the column."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """Bad input, located precisely so that a person can open the file and fix it.

    ``row`` is the 1-based line number in the file as a text editor shows it (header and
    preamble lines included); ``None`` when the problem concerns the whole file.
    """

    def __init__(
        self,
        file: str | Path,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"
