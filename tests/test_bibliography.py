"""The bibliography: keys other code relies on exist, and every quoted URL maps to one key."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from analysis import bibliography
from analysis.errors import DataError
from analysis.paths import Project

REQUIRED_KEYS = {
    "sipri_atdb",
    "sipri_methods",
    "cow_trade_v4",
    "cow_trade_v3",
    "barbieri_keshk_pollins_2009",
    "peacesciencer",
    "voeten_unga",
    "unvotes",
    "seed_archyde",
    "seed_partnership",
    "seed_wikipedia",
    "seed_interbellum",
    "seed_stratnews",
    "un_veto_list",
    "un_press_sc10403",
    "gse_soviet_syrian_agreements",
}

QUOTED = Path("quoted") / "official-trade-figures-quoted-in-news.csv"


def test_required_keys_present(project: Project) -> None:
    assert bibliography.keys(project.bibliography) >= REQUIRED_KEYS


def test_sipri_url(project: Project) -> None:
    assert (
        bibliography.key_for_url(
            "https://www.sipri.org/databases/armstransfers", project.bibliography
        )
        == "sipri_atdb"
    )


def test_every_entry_has_title_author_or_organization_and_year(project: Project) -> None:
    entries = parse_file(str(project.bibliography)).entries
    for key, entry in entries.items():
        fields = entry.fields
        assert fields.get("title"), key
        assert entry.persons.get("author") or fields.get("organization"), key
        assert re.fullmatch(r"\d{4}|n\.d\.", fields.get("year", "")), key


def test_no_note_restates_a_descriptive_title(project: Project) -> None:
    """A title in square brackets already says that it describes an item without a headline."""
    entries = parse_file(str(project.bibliography)).entries
    noted = [
        key
        for key, entry in entries.items()
        if "Headline not recorded" in entry.fields.get("note", "")
    ]
    assert noted == []


def test_archyde_is_dated_by_its_content_and_its_wrong_byline_noted(project: Project) -> None:
    fields = parse_file(str(project.bibliography)).entries["seed_archyde"].fields
    assert fields["year"] == "2025"
    assert "byline date, 14 March 2024, is wrong" in " ".join(fields["note"].split())


def test_every_quoted_url_maps_to_one_key(project: Project, sources: Path) -> None:
    with (sources / QUOTED).open(encoding="utf-8", newline="") as handle:
        urls = {row["outlet_url"] for row in csv.DictReader(handle)}
    assert urls
    keys = {url: bibliography.key_for_url(url, project.bibliography) for url in urls}
    for url, key in keys.items():
        entry = parse_file(str(project.bibliography)).entries[key]
        assert entry.fields["url"] == url
    assert len(set(keys.values())) == len(urls), "one entry per distinct outlet URL"


def test_unknown_url_raises_key_error(project: Project) -> None:
    with pytest.raises(KeyError, match="no entry"):
        bibliography.key_for_url("https://example.org/not-cited", project.bibliography)


def test_other_bibliography_path_and_cache(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={A}, year={2020}, url={https://a.example/x}}\n", "utf-8")
    assert bibliography.keys(bib) == {"a"}
    assert bibliography.key_for_url(" https://a.example/x ", bib) == "a"
    bib.write_text("@misc{b, title={B}, year={2020}}\n", "utf-8")
    # a rewrite of the same size within the same clock tick must still be seen
    stat = bib.stat()
    os.utime(bib, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert bibliography.keys(bib) == {"b"}


def test_duplicate_key_is_a_data_error(tmp_path: Path) -> None:
    bib = tmp_path / "dup.bib"
    bib.write_text("@misc{a, title={A}}\n@misc{a, title={B}}\n", "utf-8")
    with pytest.raises(DataError) as info:
        bibliography.keys(bib)
    assert info.value.file == str(bib.resolve())
