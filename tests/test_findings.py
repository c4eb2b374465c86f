"""What every chapter's findings promise, checked for all chapters at once: each fact is
displayed and cited by keys of the bibliography, and each chapter glues exactly the facts
its findings module states (none missing, none unused)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import bibliography, findings
from analysis.data import Data
from analysis.paths import Project

PROJECT = Project(Path(__file__).resolve().parents[1])
GLUED = re.compile(r"\{glue:text\}`([^`]+)`")
STATED = re.compile(r"findings\.of\(\"(\w+)\"")
PAGES = {path.stem: path.read_text(encoding="utf-8") for path in PROJECT.chapters.glob("*.md")}


@pytest.fixture(scope="module")
def every(data: Data) -> dict[str, findings.Facts]:
    return findings.every(data)


@pytest.mark.parametrize("chapter", findings.CHAPTERS)
def test_every_fact_is_displayed_and_cited_by_known_keys(
    chapter: str, every: dict[str, findings.Facts], project: Project
) -> None:
    keys = bibliography.keys(project.bibliography)
    for fact in every[chapter]:
        assert fact.text.strip(), f"{chapter}: {fact.name} displays nothing"
        assert set(fact.sources) <= keys, f"{chapter}: {fact.name} cites {fact.sources}"


def test_every_chapter_with_findings_has_a_page() -> None:
    glued = {module for text in PAGES.values() for module in STATED.findall(text)}
    assert glued == set(findings.CHAPTERS)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_glues_only_facts_of_its_chapter(
    page: str, every: dict[str, findings.Facts]
) -> None:
    text = PAGES[page]
    stated = STATED.findall(text)
    names = set(GLUED.findall(text))
    assert len(stated) <= 1, f"{page}: more than one facts call"
    if not stated:
        assert not names, f"{page} glues {sorted(names)} without a facts call"
        return
    facts = every[stated[0]]
    assert names <= set(facts.items), f"{page}: no fact {sorted(names - set(facts.items))}"


@pytest.mark.parametrize("chapter", findings.CHAPTERS)
def test_every_fact_is_used_by_a_page(chapter: str, every: dict[str, findings.Facts]) -> None:
    used = {
        name
        for text in PAGES.values()
        if f'findings.of("{chapter}"' in text
        for name in GLUED.findall(text)
    }
    unused = set(every[chapter].items) - used
    assert not unused, f"{chapter}: facts no page states: {sorted(unused)}"
