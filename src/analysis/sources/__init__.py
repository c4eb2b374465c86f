"""Parsers for the upstream formats: one module per producer, one function per format.

Every parser takes the path of an upstream file exactly as its producer published it and
returns a :class:`Parsed`: a tidy long-form table plus what the file says about itself.
Parsers are tolerant of what a producer really emits (more years, more rows, a different
encoding) and strict about everything else: any surprise raises
:class:`analysis.errors.DataError` naming the file, the 1-based line and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

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
