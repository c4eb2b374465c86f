"""The list of abbreviations is complete, has no stale entries and is in A-Z order: every
all-capital abbreviation in a chapter's prose is listed, and every listed one is used."""

from __future__ import annotations

import re
from pathlib import Path

from test_prose import ALLOWED, prose

from analysis.paths import Project

CHAPTERS = Project.discover(Path(__file__).parent).chapters
LIST = CHAPTERS / "abbreviations.md"
# Two or more capitals (with "/" between parts: RFE/RL), not part of a model designation or
# a longer word (K-300P, ITAR-TASS are looked up whole below).
ABBREVIATION = re.compile(r"(?<![\w/-])[A-Z]{2,}(?:/[A-Z]{2,})*(?![\w-])")
ROMAN = re.compile(r"^[IVXLC]+$")  # Chapter VII


def listed(text: str) -> list[str]:
    """The terms of the list's definition list, in order."""
    lines = text.splitlines()
    return [lines[i - 1].strip() for i, line in enumerate(lines) if line.startswith(": ") and i > 0]


def used(text: str) -> str:
    """A chapter's prose with roles, labels and inline code blanked out (not the reader's
    words), as one string."""
    out = []
    for _, line in prose(text):
        for pattern in [*ALLOWED[:2], re.compile(r"`[^`]+`"), re.compile(r"https?://\S+")]:
            line = pattern.sub(" ", line)
        out.append(line)
    return "\n".join(out)


def book_prose() -> str:
    return "\n".join(
        used(chapter.read_text(encoding="utf-8"))
        for chapter in sorted(CHAPTERS.glob("*.md"))
        if chapter != LIST
    )


def test_the_list_is_in_alphabetical_order() -> None:
    terms = listed(LIST.read_text(encoding="utf-8"))
    assert terms, "no terms found in the list"
    assert terms == sorted(terms, key=str.casefold)


def test_every_abbreviation_in_the_prose_is_listed() -> None:
    terms = set(listed(LIST.read_text(encoding="utf-8")))
    found = {a for a in ABBREVIATION.findall(book_prose()) if not ROMAN.match(a)}
    assert sorted(found - terms) == []


def test_every_listed_abbreviation_is_used() -> None:
    text = book_prose()
    unused = [
        term
        for term in listed(LIST.read_text(encoding="utf-8"))
        if not re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text)
    ]
    assert unused == []


def test_the_rule() -> None:
    text = "RFE/RL and the USSR; a MiG-29SMT, K-300P and ITAR-TASS; Chapter VII; a {cite}`AB`."
    found = set(ABBREVIATION.findall(used(text))) - {"VII"}
    assert found == {"RFE/RL", "USSR"}
