"""Official Russia-Syria trade figures quoted in the press (not a data set).

Each row of ``official-trade-figures-quoted-in-news.csv`` is one figure as an official or
state outlet stated it, with the outlet's URL and the exact wording in ``note``. These are
claims, not statistics: the book charts them as distinct marks, never joined to COW's line,
so the parser keeps everything that qualifies a figure (partial year, "about", "less than").

Output, one row per figure, in file order:

- ``period_start``, ``period_end`` (datetime64[ns]): "2010" -> 2010-01-01..2010-12-31;
  "2017-01..2017-07" -> 2017-01-01..2017-07-31; "2024 (current at time of article)" -> the
  year 2024 with ``current_at_article`` True (a level "now", not a full-year total);
- ``year`` (int64, the calendar year of the period; a period may not span two years),
- ``partial_year`` (bool: the period is shorter than its calendar year),
- ``current_at_article`` (bool),
- ``measure`` (total_trade_turnover | russian_exports_to_syria | syrian_exports_to_russia),
- ``value_musd`` (float64, US$ million; "USD billion" x 1000 computed in decimal, exact),
- ``qualifier`` (exact | approximate | upper_bound): "about"/"around"/"approximately" ->
  approximate, "less than" -> upper_bound; a bare number whose ``note`` calls it an estimate
  ("estimat...") or "approximate" is also approximate (the 2011 Russian-exports figure
  "were estimated at $US1.92 billion"); a note saying "upper bound" on a figure not stated
  as a bound is an error, since the two columns contradict each other;
- ``value_as_stated``, ``speaker``, ``url``, ``quote`` (str, verbatim from
  ``value_as_stated``, ``speaker_or_original_source``, ``outlet_url``, ``note``).

Key: (period, measure, outlet_url): one outlet gives one figure per measure and period; two
outlets may quote different figures for the same period, and both are kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from analysis.sources import Parsed, Parser
from analysis.sources._checks import check_unique, check_years, dates, one_of
from analysis.sources._text import read_table, sniff_header

COLUMNS = (
    "period",
    "measure",
    "value_as_stated",
    "unit",
    "speaker_or_original_source",
    "outlet_url",
    "note",
)
MEASURES = ("total_trade_turnover", "russian_exports_to_syria", "syrian_exports_to_russia")
UNITS = {"USD billion": Decimal(1000), "USD million": Decimal(1)}
QUALIFIER_WORDS = {
    "about": "approximate",
    "around": "approximate",
    "approximately": "approximate",
    "less than": "upper_bound",
}

_YEAR = re.compile(r"(\d{4})")
_CURRENT = re.compile(r"(\d{4}) \(current at time of article\)")
_MONTHS = re.compile(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})")
_VALUE = re.compile(r"(?:(" + "|".join(map(re.escape, QUALIFIER_WORDS)) + r") )?(\d+(?:\.\d+)?)")
_ESTIMATE = re.compile(r"estimat|approximate", re.IGNORECASE)
_UPPER_BOUND = re.compile(r"upper bound", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A stated period, resolved to dates."""

    start: dt.date
    end: dt.date
    current_at_article: bool = False


def parse_period(cell: str) -> Period:
    """'2010', '2017-01..2017-07' or '2024 (current at time of article)'."""
    if m := _YEAR.fullmatch(cell):
        year = int(m.group(1))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if m := _CURRENT.fullmatch(cell):
        year = int(m.group(1))
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), current_at_article=True)
    if m := _MONTHS.fullmatch(cell):
        y1, m1, y2, m2 = (int(g) for g in m.groups())
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
            raise ValueError(f"impossible month in period {cell!r}")
        if y1 != y2 or m1 > m2:
            raise ValueError(f"period {cell!r} must run forward within one calendar year")
        return Period(dt.date(y1, m1, 1), dt.date(y2, m2, calendar.monthrange(y2, m2)[1]))
    raise ValueError(
        f"unreadable period {cell!r} (expected yyyy, yyyy-mm..yyyy-mm "
        "or 'yyyy (current at time of article)')"
    )


def parse_value(cell: str) -> tuple[Decimal, str]:
    """'1.15', 'about 380', 'less than 650' -> (number, qualifier)."""
    m = _VALUE.fullmatch(cell)
    if not m:
        words = ", ".join(repr(w) for w in QUALIFIER_WORDS)
        raise ValueError(f"unreadable value {cell!r} (a number, optionally after {words})")
    word, number = m.groups()
    return Decimal(number), QUALIFIER_WORDS[word] if word else "exact"


def _verbatim(what: str, pattern: str = r".*\S.*") -> Callable[[str], str]:
    """A converter that keeps the text as is but refuses it if it is blank or malformed."""
    compiled = re.compile(pattern, re.DOTALL)

    def convert(cell: str) -> str:
        if not compiled.fullmatch(cell):
            raise ValueError(f"expected {what}, got {cell!r}")
        return cell

    return convert


def parse(path: Path) -> Parsed:
    """One row per quoted figure, with its period, value in US$ million and qualifier."""
    table = read_table(path, COLUMNS)
    periods = table.convert("period", parse_period)
    years = [p.start.year for p in periods]
    check_years(table, "period", years)
    measures = table.convert("measure", one_of({m: m for m in MEASURES}, "measure"))
    factors = table.convert("unit", one_of(UNITS, "unit"))
    values = table.convert("value_as_stated", parse_value)
    speakers = table.convert("speaker_or_original_source", _verbatim("a speaker or source"))
    urls = table.convert("outlet_url", _verbatim("an http(s) URL", r"https?://\S+"))
    notes = table.convert("note", _verbatim("the quoted wording"))
    check_unique(
        table,
        {
            "period": [f"{p.start}..{p.end}" for p in periods],
            "measure": measures,
            "outlet_url": urls,
        },
    )

    qualifiers = []
    for (line, note), (_, qualifier) in zip(table.column("note"), values, strict=True):
        if _UPPER_BOUND.search(note) and qualifier != "upper_bound":
            raise table.error(
                "note calls the figure an upper bound but value_as_stated is not 'less than'",
                line,
                "note",
            )
        if qualifier == "exact" and _ESTIMATE.search(note):
            qualifier = "approximate"
        qualifiers.append(qualifier)

    out = pd.DataFrame(
        {
            "period_start": dates([p.start for p in periods]),
            "period_end": dates([p.end for p in periods]),
            "year": pd.Series(years, dtype="int64"),
            "partial_year": [
                (p.start.month, p.start.day, p.end.month, p.end.day) != (1, 1, 12, 31)
                for p in periods
            ],
            "current_at_article": [p.current_at_article for p in periods],
            "measure": measures,
            "value_musd": pd.Series(
                [
                    float(number * factor)
                    for (number, _), factor in zip(values, factors, strict=True)
                ],
                dtype="float64",
            ),
            "qualifier": qualifiers,
            "value_as_stated": table.cells["value_as_stated"].tolist(),
            "speaker": speakers,
            "url": urls,
            "quote": notes,
        }
    )
    return Parsed(out)


FORMATS: dict[str, Parser] = {"quoted-official-figures": parse}
HEADERS: dict[str, tuple[str, ...]] = {"quoted-official-figures": COLUMNS}


def sniff(path: Path) -> str | None:
    """'quoted-official-figures' if the header has this format's columns, else None."""
    return sniff_header(path, HEADERS)


__all__ = ["FORMATS", "HEADERS", "parse", "sniff"]
