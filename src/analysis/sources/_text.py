"""Low-level reading of producers' CSV exports, shared by every parser.

Producers wrap their tables in preamble lines, change encodings between releases and put
quoted line breaks in cells, so the line a person must open differs from the CSV record
number. This module decodes a file by the producer's encoding rule, reads its CSV records
with the physical line each starts on, checks them against the header and reports every
problem as a :class:`DataError` at that line (and at the column, as the header spells it).

Two readers share that machinery:

- :func:`read_rows` for exports with a preamble, whose header row is found by its content
  (never by a fixed line number): SIPRI, which turns them into a :class:`Table` with
  :func:`table_of`;
- :func:`read_table` for one-header CSVs whose columns are found by name: COW, the quoted
  figures, UNGA.

Every parser then converts and checks a :class:`Table` of text cells indexed by line number
with ``Table.convert`` and the checks of :mod:`analysis.sources._checks`.

Conventions common to both: blank records (every cell empty) are skipped, since producers use
them as spacers, never as data; trailing empty header cells are not columns; a record must
have a cell for every column, and any surplus cell must be empty (it is cut off).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd

from analysis.errors import DataError

T = TypeVar("T")

Cells = list[str]
"""One CSV record, its cells as the file spells them (not stripped)."""

BOM = "\ufeff"
_UNDECODED = re.compile("[\udc80-\udcff]")
"""A byte that was not UTF-8, kept by ``surrogateescape`` as a lone surrogate."""


@dataclass(frozen=True)
class Record:
    """A CSV record and the 1-based physical line on which it starts."""

    line: int
    cells: Cells


@dataclass(frozen=True)
class Rows:
    """A CSV export split at its header row (see :func:`read_rows`).

    ``header`` has its trailing empty cells removed; every record in ``records`` has exactly
    ``len(header)`` cells.
    """

    path: Path
    preamble: list[Record]
    header_line: int
    header: Cells
    records: list[Record]


@dataclass(frozen=True)
class Table:
    """A CSV file read as text: every cell a ``str``, indexed by physical line.

    ``header`` holds the column keys; ``spelled`` maps a key to the header's own spelling
    where they differ (SIPRI's three columns named ``" "``, a name matched ignoring case), so
    that errors name a column as the file does. ``preamble`` holds the lines above the header
    (for exports that have one, see :func:`table_of`).
    """

    file: Path
    header: tuple[str, ...]
    cells: pd.DataFrame
    spelled: Mapping[str, str] = field(default_factory=dict)
    preamble: tuple[Record, ...] = ()
    header_line: int = 1

    def error(self, message: str, line: int | None = None, column: str | None = None) -> DataError:
        """A DataError located in this file."""
        column = self.spelled.get(column, column) if column is not None else None
        return DataError(self.file, message, row=line, column=column)

    def column(self, name: str) -> Iterator[tuple[int, str]]:
        """(line, cell) pairs of one column, in file order."""
        return zip(self.cells.index, self.cells[name], strict=True)

    def convert(self, name: str, convert: Callable[[str], T]) -> list[T]:
        """Apply ``convert`` to every cell of a column; its ValueError becomes a DataError."""
        out: list[T] = []
        for line, cell in self.column(name):
            try:
                out.append(convert(cell))
            except ValueError as exc:
                raise self.error(str(exc), line, name) from None
        return out


# --- decoding --------------------------------------------------------------------------------


def read_text(path: Path, fallback: str | None = None) -> str:
    """Decode a file as UTF-8 (a leading BOM dropped); bytes that are not UTF-8 follow the
    producer's encoding rule, ``fallback``.

    - With a ``fallback`` encoding (SIPRI exports UTF-8 or Windows Latin-1 depending on the
      release: ``"cp1252"``), a file that is not UTF-8 is decoded by it as a whole; if that
      fails too, DataError at the line of the first bad byte. cp1252 reads every printable
      Latin-1 character and rejects the five bytes it leaves undefined, so a binary file
      usually fails here; one that decodes to garbage (UTF-16) fails at the header search.
    - Without one (strict UTF-8: a damaged byte must be reported, never read as another
      character), each such byte is kept as a lone surrogate, which the readers below report
      at its line and column ("bytes that are not UTF-8").
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if fallback is None:
            text = data.decode("utf-8", errors="surrogateescape")
        else:
            try:
                text = data.decode(fallback)
            except UnicodeDecodeError as error:
                line = len(physical_lines(data[: error.start].decode("latin-1") + "x"))
                raise DataError(
                    path,
                    f"neither UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor "
                    f"{fallback} ({error.reason} at byte {error.start}): unknown encoding",
                    row=line,
                ) from None
    return text.removeprefix(BOM)


def physical_lines(text: str) -> list[str]:
    """Split text into lines as an editor counts them (``\\n``, ``\\r\\n`` or ``\\r``)."""
    return list(io.StringIO(text, newline=""))


def parse_line(line: str) -> Cells:
    """The cells of one physical line read on its own (for preamble and header lines)."""
    return next(csv.reader([line]), [])


def is_blank(cells: Cells) -> bool:
    """True when every cell is empty or whitespace (a spacer line, or a line of bare commas)."""
    return all(not cell.strip() for cell in cells)


# --- records ---------------------------------------------------------------------------------


def read_records(path: Path, text: str, first_line: int = 1) -> Iterator[Record]:
    """The non-blank CSV records of ``text``, which starts on line ``first_line`` of ``path``.

    Each record carries the physical line it starts on, so a cell holding a line break makes
    the next record's line jump by two. Malformed quoting raises DataError at the line where
    the broken record starts.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = first_line
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataError(path, f"malformed CSV: {error}", row=start) from None
        line, start = start, first_line + reader.line_num
        if not is_blank(cells):
            yield Record(line, cells)


def _check_decoded(path: Path, record: Record, header: Cells | None) -> None:
    """Report the first cell holding bytes that were not UTF-8 (see :func:`read_text`)."""
    for index, cell in enumerate(record.cells):
        if _UNDECODED.search(cell):
            column = header[index] if header is not None and index < len(header) else None
            raise DataError(path, "bytes that are not UTF-8", row=record.line, column=column)


def _header(path: Path, record: Record) -> Cells:
    """The header's cells without its trailing empty ones."""
    _check_decoded(path, record, None)
    header = list(record.cells)
    while header and header[-1] == "":
        header.pop()
    return header


def _body(path: Path, header: Cells, header_line: int, records: Iterable[Record]) -> list[Record]:
    """The records under ``header``, each cut to the header's width.

    Raises DataError for bytes that are not UTF-8, a record with fewer cells than the header
    (a truncated row), a non-empty cell beyond the last column, and no record at all (a
    truncated file, reported at the header line).
    """
    width = len(header)
    body: list[Record] = []
    for record in records:
        _check_decoded(path, record, header)
        cells = record.cells
        if len(cells) < width:
            raise DataError(
                path,
                f"{len(cells)} cells where the header has {width}: truncated row",
                row=record.line,
                column=header[len(cells)],
            )
        if not is_blank(cells[width:]):
            raise DataError(
                path,
                f"{len(cells)} cells where the header has {width}: a value beyond the last column",
                row=record.line,
            )
        body.append(Record(record.line, cells[:width]))
    if not body:
        raise DataError(path, "no data rows after the header: truncated file", row=header_line)
    return body


# --- the two readers -------------------------------------------------------------------------


def read_rows(path: Path, is_header: Callable[[Cells], bool], fallback: str | None = None) -> Rows:
    """Read a CSV export: preamble lines, the first line that ``is_header`` accepts, records.

    ``fallback`` is the producer's encoding rule (see :func:`read_text`). The preamble is read
    line by line so that a stray quote in free text cannot swallow the header. Raises
    :class:`DataError` if the file is empty, if no header is found (which is also what a file
    in a wrong encoding looks like) and for every record problem listed in :func:`_body`.
    """
    text = read_text(path, fallback)
    if not text.strip():
        raise DataError(path, "the file is empty")
    lines = physical_lines(text)
    preamble: list[Record] = []
    for line, content in enumerate(lines, start=1):
        cells = parse_line(content)
        if is_header(cells):
            break
        preamble.append(Record(line, cells))
    else:
        raise DataError(
            path,
            "header row not found (a different format, or text in a wrong encoding?)",
        )
    header = _header(path, Record(line, cells))
    records = read_records(path, "".join(lines[line:]), line + 1)
    return Rows(path, preamble, line, header, _body(path, header, line, records))


def read_table(path: Path, required: Sequence[str]) -> Table:
    """Read a strict-UTF-8 CSV whose first record is its header, checking that every
    ``required`` column is there.

    Columns are found by name, so their order may change; extra columns are kept but not
    checked. Raises DataError for an empty file, a missing or duplicated column, and for every
    record problem listed in :func:`_body` (a header-only file is reported at the header line).
    """
    path = Path(path)
    records = read_records(path, read_text(path))
    first = next(records, None)
    if first is None:
        raise DataError(path, "the file is empty")
    header = _header(path, first)
    for name in header:
        if header.count(name) > 1:
            raise DataError(path, "column appears twice in the header", row=first.line, column=name)
    for name in required:
        if name not in header:
            raise DataError(
                path,
                f"missing column (header is {','.join(header)!r})",
                row=first.line,
                column=name,
            )
    body = _body(path, header, first.line, records)
    cells = pd.DataFrame(
        [record.cells for record in body],
        columns=header,
        index=pd.Index([record.line for record in body], name="line"),
        dtype=object,
    )
    return Table(path, tuple(header), cells, header_line=first.line)


def table_of(rows: Rows, keys: Sequence[str]) -> Table:
    """An export read by :func:`read_rows` as a :class:`Table` whose columns are ``keys``
    (unique; one per header cell). Errors name a column as the header spells it, unless that
    spelling is blank, when its key is the better name."""
    if len(keys) != len(rows.header) or len(set(keys)) != len(keys):
        raise ValueError(f"expected {len(rows.header)} unique keys, got {keys!r}")
    cells = pd.DataFrame(
        [record.cells for record in rows.records],
        columns=list(keys),
        index=pd.Index([record.line for record in rows.records], name="line"),
        dtype=object,
    )
    spelled = {
        key: cell for key, cell in zip(keys, rows.header, strict=True) if key != cell and cell
    }
    return Table(rows.path, tuple(keys), cells, spelled, tuple(rows.preamble), rows.header_line)


def sniff_header(path: Path, formats: Mapping[str, Iterable[str]]) -> str | None:
    """The one format whose required columns all appear in the file's header, else None.

    The file is read as :func:`read_table` reads it. A file that cannot be read raises
    OSError: that is not an unknown format.
    """
    text = read_text(path)
    first = next(csv.reader(io.StringIO(text, newline="")), None)
    if not first:
        return None
    header = set(first)
    matches = [fmt for fmt, columns in formats.items() if set(columns) <= header]
    return matches[0] if len(matches) == 1 else None
