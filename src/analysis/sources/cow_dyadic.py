"""Correlates of War dyadic trade as COW publishes it: the whole ``Dyadic_COW_4.0.csv``.

COW's own file holds every non-directed dyad (``ccode1 < ccode2``) and year, with the columns
``ccode1, ccode2, year, importer1, importer2, flow1, flow2, smoothflow1, smoothflow2, spike1,
spike2, dip1, dip2, trdspike, tradedip, bel_lux_alt_flow1/2, china_alt_flow1/2, source1,
source2, version``. Format ``cow-trade`` keeps the Russia-Syria dyad (365-652) and ignores
every other dyad's rows; the values are COW's exact figures (millions of current US$, -9 =
missing). The output is the long table of :mod:`analysis.sources.cow` (``flow`` and
``smoothed`` series, both directions), and the file's ``version`` column is its release.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.sources import Parsed, Parser
from analysis.sources._checks import to_int
from analysis.sources._text import Table, read_table, sniff_header
from analysis.sources.cow import (
    _V4_VALUES,
    RUSSIA_CODE,
    SYRIA_CODE,
    _check_dyad,
    _check_importer,
    _long,
)

COLUMNS = (
    "ccode1",
    "ccode2",
    "year",
    "importer1",
    "importer2",
    "flow1",
    "flow2",
    "smoothflow1",
    "smoothflow2",
    "spike1",
    "spike2",
    "dip1",
    "dip2",
    "trdspike",
    "tradedip",
    "source1",
    "source2",
    "version",
)
"""The columns this parser relies on; COW's alternative flows (Belgium-Luxembourg, China)
are read but not used, so their presence is not required."""

_VERSION = re.compile(r"\d+(\.\d+)?")


def parse(path: Path) -> Parsed:
    """The Russia-Syria rows of COW's dyadic trade file, exact values; release = ``version``.

    Checks, on the pair's rows: one row per year, years in range, importer names COW's own,
    flows numbers >= 0 or -9, source codes whole numbers, one version throughout. Other
    dyads' rows need only integer country codes (to be told apart).
    """
    whole = read_table(path, COLUMNS)
    codes = zip(whole.convert("ccode1", to_int), whole.convert("ccode2", to_int), strict=True)
    keep = [(a, b) == (RUSSIA_CODE, SYRIA_CODE) for a, b in codes]
    table = Table(whole.file, whole.header, whole.cells[keep])
    if table.cells.empty:
        raise whole.error(
            f"no row for the dyad {RUSSIA_CODE}-{SYRIA_CODE}: is this COW's whole file?",
            column="ccode1",
        )
    years = _check_dyad(table)
    for number in ("1", "2"):
        _check_importer(table, f"importer{number}", f"ccode{number}")
        table.convert(f"source{number}", to_int)
    return Parsed(_long(table, years, _V4_VALUES, whole=False), release=_release(table))


def _release(table: Table) -> str:
    """The one version the rows state, written N.N (COW writes ``4`` or ``4.0``)."""
    first = None
    for line, cell in table.column("version"):
        if not _VERSION.fullmatch(cell):
            raise table.error(f"expected a version like 4.0, got {cell!r}", line, "version")
        version = cell if "." in cell else f"{cell}.0"
        if first is not None and version != first:
            raise table.error(f"version {version} where earlier rows say {first}", line, "version")
        first = version
    assert first is not None
    return first


FORMATS: dict[str, Parser] = {"cow-trade": parse}


def sniff(path: Path) -> str | None:
    """``cow-trade`` when the header has every column of COW's own file, else None."""
    return sniff_header(path, {"cow-trade": COLUMNS})
