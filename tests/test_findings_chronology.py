"""The chronology appendix prints the whole record: every event and agreement once, in its
era's table, in date order, each cited."""

from __future__ import annotations

import re

from analysis import diplomacy, eras, findings
from analysis.data import Data
from analysis.figures import chronology as figures


def _tables(text: str) -> dict[str, list[str]]:
    """The first cell (the date) of each body row, by table name."""
    found: dict[str, list[str]] = {}
    for block in text.split(":::{list-table}")[1:]:
        name = re.search(r":name: (\S+)", block).group(1)
        found[name] = re.findall(r"^\* - (.*)$", block, flags=re.M)[1:]
    return found


def test_facts(data: Data) -> None:
    shown = findings.of("chronology", data).displayed()
    assert int(shown["n_events"]) == len(data.curated("events"))
    assert int(shown["n_agreements"]) == len(data.curated("agreements"))
    assert shown["first_event"] == "22 July 1944"
    assert shown["record_end"] == diplomacy.as_of(data).label


def test_one_table_per_era_with_every_entry(data: Data) -> None:
    text = figures.tables(data)
    tables = _tables(text)
    assert list(tables) == [f"tab-chronology-{era.id}" for era in eras.ERAS]
    events, deals = diplomacy.events(data), diplomacy.terms(data)
    # an agreement that is also an event is listed once, as the agreement
    expected = len(deals) + (~events["id"].isin(deals["id"])).sum()
    assert sum(len(rows) for rows in tables.values()) == expected
    assert text.count("{cite:p}`") == expected


def test_the_open_era_says_where_the_record_stops(data: Data) -> None:
    text = figures.tables(data)
    assert f"to {diplomacy.as_of(data).label}" in text.split("tab-chronology-post-assad")[0]
