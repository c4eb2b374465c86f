"""What changed between two editions: each changed fact with its cause."""

from __future__ import annotations

from analysis import editions


def _snapshot(facts: dict[str, str], curated: str, releases: dict[str, str]) -> dict:
    return {
        "version": "0",
        "date": "2026-01-01",
        "releases": releases,
        "curated": {"events.csv": curated},
        "facts": {"chapter": facts},
        "sources": {"chapter": {name: ["key"] for name in facts}},
    }


def test_causes_name_a_new_release_a_correction_or_an_addition() -> None:
    old = _snapshot({"a": "1", "b": "2"}, "x", {"sipri-tables": "2022"})
    new = _snapshot({"a": "1", "b": "3", "c": "4"}, "y", {"sipri-tables": "2022"})
    changes = editions.compare(old, new, {}).changes
    assert [(c.fact, c.old, c.new, c.cause) for c in changes] == [
        ("b", "2", "3", editions.CORRECTION),
        ("c", None, "4", editions.ADDITION),
    ]
    released = _snapshot({"a": "5"}, "x", {"sipri-tables": "2023"})
    (change,) = editions.compare(old, released, {"key": {"sipri-tables"}}).changes[:1]
    assert change.cause.startswith(editions.NEW_RELEASE)


def test_no_earlier_edition_means_no_changes() -> None:
    new = _snapshot({"a": "1"}, "x", {})
    assert editions.compare(None, new, {}).changes == []
