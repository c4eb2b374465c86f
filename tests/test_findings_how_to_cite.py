"""The how-to-cite page's and the landing page's facts: the edition's version, date, period
and the citation, and the guard on CITATION.cff being in step with the edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import citation, findings
from analysis.data import Data
from analysis.findings import FindingError
from helpers import edition_fields, project_copy

ROOT = Path(__file__).resolve().parents[1]


def test_values(data: Data) -> None:
    shown = findings.of("how_to_cite", data).displayed()
    assert (shown["version"], shown["built"]) == (data.edition.version, "2026-12-02")
    assert shown["period"] == "1944\u20132026"
    assert shown["citation"].startswith("The Moscow and Damascus project (2026). Moscow and")
    assert f"1944\u20132026. Version {data.edition.version}, 2026-12-02." in shown["citation"]
    assert all(text.strip() for text in shown.values())


def test_the_bibtex_block_names_the_edition(data: Data) -> None:
    key = "moscow_damascus_" + data.edition.version.replace(".", "_")
    assert citation.bibtex_block(data.project).startswith(f"```bibtex\n@book{{{key},")


def test_a_new_edition_changes_the_facts(tmp_path: Path) -> None:
    project = project_copy(ROOT, tmp_path)
    text = project.edition.read_text(encoding="utf-8")
    project.edition.write_text(
        edition_fields(text, version="9.9.0", date="2027-03-01", record_closes="2027-02-28"),
        encoding="utf-8",
    )
    citation.sync(project)
    shown = findings.of("how_to_cite", Data(project)).displayed()
    assert (shown["version"], shown["built"], shown["period"]) == (
        "9.9.0",
        "2027-03-01",
        "1944\u20132027",
    )


def test_a_stale_citation_file_fails_the_sentence(tmp_path: Path) -> None:
    project = project_copy(ROOT, tmp_path)
    text = project.citation_file.read_text(encoding="utf-8")
    project.citation_file.write_text(re.sub(r"^version: .*$", "version: 0.0.9", text, flags=re.M))
    with pytest.raises(FindingError, match="The same metadata is in the repository's CITATION"):
        findings.of("how_to_cite", Data(project))
