"""Tables for the chapters, written as MyST list-tables so both builders number them.

Cell text is data, so it is escaped: every ASCII punctuation character gets a backslash,
which CommonMark renders literally. A curated row holding ``<script>`` or Markdown is thus
shown as the text it is, in the HTML and in the PDF. Only cells wrapped in :class:`Markup`
(roles the code writes itself, such as citations) pass through unescaped. The table is of
class :data:`DATA_CLASS`, so that its body is not typeset with smart quotes either.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

PUNCTUATION = frozenset(string.punctuation)
#: The class of a table whose body is data: the book's Sphinx extension keeps smart quotes
#: off its cells, so that quotes, ``--`` and ``...`` are shown as the data has them.
DATA_CLASS = "data-text"


@dataclass(frozen=True)
class Markup:
    """MyST written by the code (e.g. a ``{cite:p}`` role), not data."""

    text: str


def escape(value: object) -> str:
    """Data as literal MyST text: punctuation escaped, line breaks folded."""
    text = " ".join(str(value).split())
    return "".join(f"\\{char}" if char in PUNCTUATION else char for char in text)


def cell(value: object) -> str:
    return value.text if isinstance(value, Markup) else escape(value)


def list_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    caption: str,
    name: str,
    widths: Sequence[int],
) -> str:
    """A numbered, labelled MyST list-table (reference it with ``{numref}`name```).

    Every table is a LaTeX longtable, so that one longer than a page breaks across pages in
    the PDF, repeating its header, instead of running off the bottom.
    """
    lines = [
        f":::{{list-table}} {escape(caption)}",
        ":header-rows: 1",
        f":class: longtable {DATA_CLASS}",
        f":widths: {' '.join(str(w) for w in widths)}",
        f":name: {name}",
        "",
    ]
    for row in [header, *rows]:
        first, *rest = (cell(value) for value in row)
        lines.append(f"* - {first}")
        lines.extend(f"  - {value}" for value in rest)
    return "\n".join([*lines, ":::", ""])


def frame_table(frame: pd.DataFrame, *, caption: str, name: str, widths: Sequence[int]) -> str:
    """A data frame as a numbered table, its column names as the header."""
    return list_table(
        list(frame.columns),
        list(frame.itertuples(index=False, name=None)),
        caption=caption,
        name=name,
        widths=widths,
    )
