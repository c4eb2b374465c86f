"""No curated row cites a source dated before the event it records.

A report cannot describe what had not yet happened: when it seems to, either the row cites the
wrong item or the bibliography holds a wrong date (the Archyde seed's byline said March 2024
for talks held in July 2025). Compared at the precision both sides give: year, then month.
"""

from __future__ import annotations

import calendar

import pytest
from pybtex.database import parse_file

from analysis import curated, paths

MONTHS = {calendar.month_abbr[i].lower(): i for i in range(1, 13)}


def _published(fields: dict[str, str]) -> tuple[int, int] | None:
    """(year, month) of a bibliography entry; month 12 when only the year is known."""
    year = fields.get("year", "")
    if not year.isdigit():  # "n.d."
        return None
    return int(year), MONTHS.get(fields.get("month", "").lower()[:3], 12)


def _happened(date: str) -> tuple[int, int]:
    """(year, month) of a curated date at any precision; month 1 when only the year is known."""
    return int(date[:4]), int(date[5:7]) if len(date) >= 7 else 1


def late_citations(project: paths.Project) -> list[str]:
    """Every (table, row, key) whose source is dated before the row's own date."""
    entries = parse_file(str(project.bibliography)).entries
    found = []
    for name in ("agreements", "events", "unsc_vetoes", "claims"):
        table = curated.load(name, project.curated, bibliography_path=project.bibliography)
        for row in table.to_dict("records"):
            happened = _happened(str(row["date"]))
            for key in curated.split_keys(row["sources"]):
                published = _published(dict(entries[key].fields))
                if published is not None and published < happened:
                    found.append(f"{name} {row.get('id', row.get('n'))}: {key} {published}")
    return found


@pytest.fixture(scope="module")
def project() -> paths.Project:
    return paths.Project.discover()


def test_no_source_predates_its_event(project: paths.Project) -> None:
    assert late_citations(project) == []


def test_archyde_seed_dated_by_its_content(project: paths.Project) -> None:
    """Its byline (March 2024) is wrong: it reports the Moscow talks of 31 July 2025."""
    fields = dict(parse_file(str(project.bibliography)).entries["seed_archyde"].fields)
    assert _published(fields) == (2025, 7)
    assert "byline date, 14 March 2024, is wrong" in fields["note"]
