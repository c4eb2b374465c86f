"""Parsers for the upstream formats: one module per producer, one function per format.

Every parser takes the path of an upstream file exactly as its producer published it and
returns a :class:`Parsed`: a tidy long-form table plus what the file says about itself.
Parsers are tolerant of what a producer really emits (more years, more rows, a different
encoding) and strict about everything else: any surprise raises
:class:`analysis.errors.DataError` naming the file, the 1-based line and the column.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.errors import DataError

if TYPE_CHECKING:
    from analysis.countries import ProducerNames


@dataclass(frozen=True)
class Parsed:
    """A parsed upstream file: its tidy table, the date its producer generated it, any
    further tables the file publishes beside the main one (e.g. SIPRI's printed totals), and
    what the file states about itself (its title, its release), which ``data add`` records."""

    table: pd.DataFrame
    generated: dt.date | None = None
    extras: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    title: str | None = None
    release: str | None = None


Parser = Callable[[Path], Parsed]


def parsers(names: ProducerNames) -> dict[str, Parser]:
    """Every format id the pipeline can read, mapped to its parser; the parsers of formats
    that name states map them through ``names`` (``data/producer-names.csv``)."""
    from analysis.sources import cow, cow_dyadic, quoted, sipri, unga

    return {
        **sipri.formats(names),
        **cow_dyadic.FORMATS,
        **cow.FORMATS,
        **quoted.FORMATS,
        **unga.FORMATS,
    }


def sniff(path: Path) -> str | None:
    """The format id of an upstream file, recognised from its content, or None."""
    from analysis.sources import cow, cow_dyadic, quoted, sipri, unga

    # COW's whole file has every column of the subsets that cow.py reads: try it first.
    for module in (sipri, cow_dyadic, cow, quoted, unga):
        found = module.sniff(path)
        if found:
            return found
    return None


def recognise(path: Path) -> str:
    """The format id of an upstream file; when no parser accepts it, a DataError saying why
    (empty, not UTF-8, or which headers were expected), so that a person knows what to fix."""
    found = sniff(path)
    if found is not None:
        return found
    from analysis.sources import cow, quoted, sipri, unga

    data = path.read_bytes()
    if not data.strip():
        raise DataError(path, "format not recognised: the file is empty")
    for bom, name in ((codecs.BOM_UTF16_LE, "UTF-16 LE"), (codecs.BOM_UTF16_BE, "UTF-16 BE")):
        if data.startswith(bom):
            raise DataError(
                path,
                f"format not recognised: not UTF-8 (its byte-order mark says {name}); "
                "save it as UTF-8",
            )
    first = data.splitlines()[0].decode("utf-8", errors="replace")
    expected = "; ".join(
        f"{fmt}: {','.join(columns)}"
        for fmt, columns in {**cow.HEADERS, **quoted.HEADERS, **unga.HEADERS}.items()
    )
    raise DataError(
        path,
        f"format not recognised: the header {first!r} has the columns of no format "
        f"(expected, in any order, {expected}; or a SIPRI export: {', '.join(sipri.PARSERS)})",
        row=1,
    )
