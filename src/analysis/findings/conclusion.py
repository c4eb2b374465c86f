"""The conclusion's facts (chapters/conclusion.md): the chapters' own facts, stated again.

The conclusion answers the introduction's questions from the book's findings; every number
it prints is taken from the findings module of the chapter that computes it (the same
analysis functions, the same value, format and sources). Its own data-dependent words are
guarded here.
"""

from __future__ import annotations

from analysis import eras, findings
from analysis.data import Data
from analysis.findings import Facts

CHAPTER = "conclusion"

# (name in the chapter, name on the conclusion's page), the second omitted where it is the same.
RESTATED: dict[str, tuple[tuple[str, str], ...]] = {
    "introduction": (
        ("import_share", ""),
        ("share_first", ""),
        ("share_last", ""),
        ("soviet_rank", ""),
        ("soviet_clients", ""),
        ("russian_rank", ""),
        ("russian_clients", ""),
        ("russia_recent_period", ""),
        ("russia_recent_share", ""),
        ("base_term", ""),
        ("base_renewal", ""),
        ("veto_count", ""),
        ("veto_first", ""),
        ("veto_last", ""),
        ("veto_with_china", ""),
    ),
    "soviet_era": (
        ("vote_1960s", ""),
        ("trade_exports", ""),
    ),
    "assad_era": (
        ("tiv_soviet_era", ""),
        ("treaty_term", ""),
        ("treaty_renewal", ""),
        ("debt_kudrin_off", ""),
        ("debt_rferl_off", ""),
        ("peak_exports_year", ""),
        ("peak_exports", ""),
    ),
    "intervention": (
        ("veto_alone", ""),
        ("share_2000s", "unga_share_2000s"),
        ("share_last", "unga_share_last"),
        ("votes_last_year", "unga_last_year"),
        ("airwars_likely", ""),
        ("airwars_likely_high", ""),
        ("snhr_2024", ""),
    ),
    "after_assad": (
        ("n_under_review", ""),
        ("n_terminated", ""),
        ("port_term", ""),
        ("site_left_end", ""),
        ("n_after_events", ""),
        ("record_end", ""),
        ("register_release", ""),
        ("register_covers", ""),
        ("silence_first", ""),
        ("silence_last", ""),
        ("cow_last", ""),
        ("n_statements", ""),
        ("latest_bound_musd", ""),
        ("latest_bound_year", ""),
    ),
}


def facts(data: Data) -> Facts:
    """Every number and data-dependent phrase of the conclusion."""
    found = findings.restated(CHAPTER, data, RESTATED)
    value = {fact.name: fact.value for fact in found}
    found.claim(
        "For most of the period Moscow was Syria's armourer: [share] of its major arms imports",
        float(value["import_share"]) > 0.5,
    )
    found.claim(
        "Syria was a leading client of the Soviet Union and a minor one of Russia",
        int(value["soviet_rank"]) <= 5 < int(value["russian_rank"]),
    )
    found.claim(
        "Russia's exports at their recorded peak were larger than the latest level an "
        "official gave for trade in both directions",
        float(value["peak_exports"]) > float(value["latest_bound_musd"]),
    )
    found.claim(
        "most of the vetoes were cast together with China",
        2 * int(value["veto_with_china"]) > int(value["veto_count"]),
    )
    found.claim(
        "the intervention barely moved Syria's votes: [last] in [year] against [2000s] over "
        "the 2000s, and no closer than Syria had voted with the Soviet Union in the 1960s",
        abs(float(value["unga_share_last"]) - float(value["unga_share_2000s"])) <= 0.1
        and float(value["unga_share_last"]) <= float(value["vote_1960s"]),
    )
    found.claim(
        "the arms record fell silent before the regime did",
        int(value["silence_first"]) <= eras.BY_ID["post-assad"].start.year,
    )
    return found
