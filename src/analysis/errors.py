"""The one error type for bad input, which always names the file, the row and the column, and
the one translation of a pandera validation failure into it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd


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


# pandera's names of its checks about the header rather than a row
_HEADER_CHECKS = ("column_in_schema", "column_in_dataframe", "column_ordered")

Explain = Callable[[str, object], "str | None"]
"""A caller's sentence for one failure of its own checks: (pandera's check text, the failing
value) -> sentence, or None to fall back to :func:`describe`."""


def describe(check: str, value: object) -> str:
    """A sentence for a failure of one of pandera's built-in checks, naming the value."""
    name, _, argument = check.partition("(")
    argument = argument.removesuffix(")")
    shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
    sentences = {
        "isin": f"{shown!r} is not in the vocabulary: {argument}",
        "str_matches": f"{shown!r} does not have the expected form {argument}",
        "column_in_schema": f"unknown column {shown!r}",
        "column_in_dataframe": f"missing column {shown!r}",
        "not_nullable": "missing value",
        "field_uniqueness": f"duplicate value: must be unique: {shown!r}",
        "multiple_fields_uniqueness": f"duplicate key: {shown!r}",
        "greater_than": f"{shown!r} is not greater than {argument}",
        "greater_than_or_equal_to": f"{shown!r} is less than {argument}",
        "less_than": f"{shown!r} is not less than {argument}",
        "less_than_or_equal_to": f"{shown!r} is greater than {argument}",
        "in_range": f"{shown!r} is outside the range {argument}",
        "coerce_dtype": f"{shown!r} is not of type {argument}",
        "dtype": f"not of type {argument}: {shown!r}",
    }
    return sentences.get(name, f"{check}: {shown!r}")


def from_schema(
    file: str | Path,
    failures: pd.DataFrame | None,
    *,
    lines: Sequence[int] | None = None,
    order: Sequence[str] = (),
    blame: Mapping[str, str] | None = None,
    explain: Explain | None = None,
    summary: str = "the table does not match its schema",
) -> DataError:
    """The earliest of a pandera validation's failures (by line, then column order) as a
    DataError at its line and column, with the others counted: the one translation from
    pandera for the curated and the processed tables.

    ``failures`` is pandera's ``failure_cases``. ``lines`` gives the physical line of each
    row position (default: the position + 2, under a one-line header); ``order`` is the
    file's column order; ``blame`` names, for a check across columns, the column it is about
    (pandera reports such a failure once per column of the row, and it counts once);
    ``explain`` words the caller's own checks, :func:`describe` the rest. ``summary`` is the
    message when pandera gave no failure cases.
    """
    blame = blame or {}
    found: set[tuple[int, int, str, str | None]] = set()
    records = failures.to_dict("records") if isinstance(failures, pd.DataFrame) else []
    for record in records:
        check = str(record.get("check") or "")
        name = check.split("(")[0]
        column = blame.get(name, record.get("column"))
        column = str(column) if column is not None and not pd.isna(column) else None
        index = record.get("index")
        if index is not None and not pd.isna(index):
            row = lines[int(index)] if lines is not None else int(index) + 2
        else:
            row = 1 if name in _HEADER_CHECKS or lines is not None else 0
        position = order.index(column) if column in order else len(order)
        value = record.get("failure_case")
        message = (explain(check, value) if explain else None) or describe(check, value)
        found.add((row, position, message, column))
    if not found:
        return DataError(file, summary)
    row, _, message, column = min(found, key=lambda f: (f[0], f[1], f[2]))
    others = len(found) - 1
    if others:
        message += f" (and {others} more problem{'s' if others > 1 else ''} in this file)"
    return DataError(file, message, row=row or None, column=column)
