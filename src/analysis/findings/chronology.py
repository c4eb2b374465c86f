"""The chronology appendix: how many events and agreements the record holds, and the days
it spans."""

from __future__ import annotations

from analysis import diplomacy
from analysis.data import Data
from analysis.findings import Facts, sources_of


def facts(data: Data) -> Facts:
    """Every value of chapters/chronology.md."""
    found = Facts("chronology")
    events = diplomacy.events(data)
    agreements = diplomacy.terms(data)
    found.add("n_events", len(events), sources=sources_of(events["sources"]))
    found.add("n_agreements", len(agreements), sources=sources_of(agreements["sources"]))
    first = min(
        [(row.position, row.date_label, row.sources) for row in events.itertuples()]
        + [(row.start, row.date_label, row.sources) for row in agreements.itertuples()]
    )
    found.add("first_event", first[1], sources=sources_of([first[2]]))
    found.add("record_end", diplomacy.as_of(data).label)
    return found
