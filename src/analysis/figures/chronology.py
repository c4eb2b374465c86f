"""The chronology appendix: the curated events and agreements in full, one table per era."""

from __future__ import annotations

from analysis import diplomacy, eras
from analysis.data import Data
from analysis.figures._shared import chronicle


def caption(era: eras.Era, data: Data) -> str:
    """An era's table caption; the open era says where the record stops."""
    if era.end is None:
        return f"{era.label}: events and agreements to {diplomacy.as_of(data).label}"
    return f"{era.label}: events and agreements"


def tables(data: Data) -> str:
    """The whole record, in date order, as one table per era."""
    events, deals = diplomacy.events(data), diplomacy.terms(data)
    return "\n".join(
        chronicle(events, deals, era, caption=caption(era, data), name=f"tab-chronology-{era.id}")
        for era in eras.ERAS
    )
