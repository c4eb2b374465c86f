"""The executive summary's facts (chapters/index.md): the chapters' own facts, stated again.

The summary argues from the numbers the chapters print. It takes each of them from the
chapter's findings module, so that both pages print the same value, format and sources, and
a release that changes one changes both. Its own words that the data decide are guarded here.
"""

from __future__ import annotations

from analysis import eras, findings
from analysis.data import Data
from analysis.findings import Facts

CHAPTER = "summary"

# The facts the summary states, by the chapter that computes them: (name in the chapter,
# name on the summary page), the second omitted where it is the same.
RESTATED: dict[str, tuple[tuple[str, str], ...]] = {
    "how_to_cite": (("period", ""),),
    "introduction": (
        ("import_share", ""),
        ("share_first", ""),
        ("share_last", ""),
        ("soviet_clients", ""),
        ("soviet_rank", ""),
        ("soviet_share", ""),
        ("soviet_peak_year", ""),
        ("soviet_peak_tiv", ""),
        ("russian_clients", ""),
        ("russian_rank", ""),
        ("russian_share", ""),
        ("russia_recent_period", ""),
        ("russia_recent_share", ""),
        ("silence_first", ""),
        ("silence_last", ""),
        ("register_release", ""),
        ("base_term", ""),
        ("base_renewal", ""),
        ("veto_count", ""),
        ("veto_with_china", ""),
        ("veto_first", ""),
        ("veto_last", ""),
    ),
    "assad_era": (
        ("treaty_term", ""),
        ("treaty_renewal", ""),
        ("peak_exports_year", ""),
        ("peak_exports", ""),
    ),
    "intervention": (
        ("share_last", "unga_share_last"),
        ("votes_last_year", "unga_last_year"),
    ),
    "after_assad": (
        ("n_under_review", ""),
        ("n_terminated", ""),
        ("port_term", ""),
        ("site_left_end", ""),
        ("latest_bound_musd", ""),
        ("latest_bound_year", ""),
        ("cow_last", ""),
        ("record_end", ""),
    ),
}


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of the executive summary."""
    found = findings.restated(CHAPTER, data, RESTATED)
    value = {fact.name: fact.value for fact in found}
    found.claim(
        "Syria armed itself from Moscow: [share] of the major weapons it imported",
        float(value["import_share"]) > 0.5,
    )
    found.claim(
        "Syria mattered less to Russia than it had to the Soviet Union: rank [russian] "
        "against [soviet]",
        int(value["russian_rank"]) > int(value["soviet_rank"])
        and float(value["russian_share"]) < float(value["soviet_share"]),
    )
    found.claim(
        "[with China] of them together with China: most of Moscow's vetoes on Syria were "
        "cast with Beijing",
        2 * int(value["veto_with_china"]) > int(value["veto_count"]),
    )
    found.claim(
        "the latest figure an official gave, less than US$[bound] million, is below the "
        "recorded peak of Russian exports alone",
        float(value["latest_bound_musd"]) < float(value["peak_exports"]),
    )
    found.claim(
        "[one] has been ended, the [term]-year concession of Tartus commercial port",
        int(value["n_terminated"]) == 1,
    )
    found.claim(
        "the silence in the register began before the regime fell",
        int(value["silence_first"]) <= eras.BY_ID["post-assad"].start.year,
    )
    return found
