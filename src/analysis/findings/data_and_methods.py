"""The data-and-methods appendix: what the registry, the processed and curated tables, the
revisions between SIPRI releases and the catalogue of gaps hold, counted from the data.

Releases are the edition's (several may be registered side by side): the revisions are those
between the two SIPRI releases the book shows, the COW versions those of its two roles.
"""

from __future__ import annotations

from analysis import arms, curated, datasets, gaps, registry, trade, votes
from analysis.data import Data
from analysis.findings import Facts, sources_of

REVISED = "revised"


def _revisions(facts: Facts, data: Data) -> None:
    """The revisions of Russian deliveries to Syria, and the year revised the most as the
    example the text gives."""
    rows = arms.revisions(data)
    keys = sources_of(rows["citation"])
    revised = rows[rows["status"] == REVISED]
    facts.claim(
        "in [a year], the year revised the most, the earlier release records ... and the "
        "later one ...",
        not revised.empty,
    )
    example = revised.loc[revised["change"].abs().idxmax()]
    facts.add("tables_release", data.release(arms.TABLES), sources=keys)
    facts.add("deals_release", data.release(arms.DEALS), sources=keys)
    facts.add("n_revised", len(revised), sources=keys)
    facts.add("n_compared", len(rows), sources=keys)
    facts.add("first_compared", int(rows["year"].min()), sources=keys)
    facts.add("last_compared", int(rows["year"].max()), sources=keys)
    facts.add("revised_year", int(example["year"]), sources=keys)
    facts.add("revised_old", float(example["tiv_old"]), ",.0f", "TIV million", keys)
    facts.add("revised_new", float(example["tiv_new"]), ",.0f", "TIV million", keys)


def _series(facts: Facts, data: Data) -> None:
    """Where SIPRI's tables begin and which COW version covers which years."""
    exports = data.shown("arms_exports", arms.TABLES)
    facts.add("sipri_first", int(exports["year"].min()), sources=sources_of(exports["citation"]))
    flows = trade.cow_flows(data)
    for role, name in ((trade.EXACT, "cow_exact"), (trade.EXTENSION, "cow_extension")):
        rows = flows[flows["release"] == data.release(role)]
        keys = sources_of(rows["citation"])
        facts.add(f"{name}_release", data.release(role), sources=keys)
        facts.add(f"{name}_last", int(rows["year"].max()), sources=keys)
    official = trade.official_figures(data)
    latest = official.loc[official["period_start"].idxmax()]
    facts.claim(
        "They are not a data set: some cover part of a year, some are approximate, and the "
        "latest ... is an upper bound on the level of trade at the time of the interview "
        "rather than a total for any year",
        bool(official["partial_year"].any())
        and bool((official["qualifier"] == "approximate").any())
        and latest["qualifier"] == "upper_bound"
        and bool(latest["current_at_article"])
        and not bool(latest["annual_total"]),
    )
    facts.add("current_year", int(latest["year"]), sources=sources_of([latest["citation"]]))


def facts(data: Data) -> Facts:
    """Every number of chapters/data-and-methods.md."""
    found = Facts("data_and_methods")
    project = data.project
    registered = registry.load(project.registry)
    found.add("n_sources", len(registered), sources=sources_of(s.citation for s in registered))
    found.add("n_tables", len(datasets.summary(data)))
    _revisions(found, data)
    _series(found, data)
    tables = [data.curated(name) for name in curated.TABLES]
    found.add(
        "n_curated",
        sum(len(table) for table in tables),
        sources=sources_of(cell for table in tables for cell in table["sources"]),
    )
    catalogue = gaps.catalogue(data)
    found.claim(
        "the runs of missing years in the book's three annual series",
        catalogue["series"].nunique() == 3,
    )
    found.add("n_gaps", len(catalogue), sources=sources_of(catalogue["citation"]))
    found.add("min_shared", votes.MIN_SHARED, unit="roll calls")
    found.add("one_vote", 1 / votes.MIN_SHARED, ".0%")
    return found
