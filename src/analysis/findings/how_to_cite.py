"""The how-to-cite page (and the landing page): the edition's version, date and period, and
the citation a reader pastes, all from ``data/edition.yaml`` and ``CITATION.cff``.

These facts have no bibliography sources: they describe the book itself.
"""

from __future__ import annotations

from analysis import citation
from analysis.data import Data
from analysis.findings import Facts


def facts(data: Data) -> Facts:
    """Every value of chapters/how-to-cite.md and chapters/index.md."""
    found = Facts("how_to_cite")
    book = citation.of(data.project)
    found.add("version", book.version)
    found.add("built", book.date.isoformat())
    found.add("period", data.edition.period)
    found.add("citation", citation.plain(book))
    found.claim(
        "The same metadata is in the repository's CITATION.cff",
        not citation.stale(data.project),
    )
    return found
