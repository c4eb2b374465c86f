"""Parsers for the upstream formats: one module per producer, one function per format.

Every parser takes the path of an upstream file exactly as its producer published it and
returns a :class:`Parsed`: a tidy long-form table plus what the file says about itself.
Parsers are tolerant of what a producer really emits (more years, more rows, a different
encoding) and strict about everything else: any surprise raises
:class:`analysis.errors.DataError` naming the file, the 1-based line and the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Parsed:
    """A parsed upstream file: its tidy table and the date its producer generated it."""

    table: pd.DataFrame
    generated: dt.date | None = None


Parser = Callable[[Path], Parsed]
