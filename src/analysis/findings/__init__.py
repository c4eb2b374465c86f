"""The book's findings: every number and data-dependent word the chapters state, computed
from the data by tested functions, one module per chapter.

Each chapter module has ``facts(data) -> Facts``. A ``Fact`` carries its value, how it is
displayed, its unit and its sources; the chapter glues the displayed text. A sentence whose
truth depends on the data (a peak, a rank, "the largest since") is either computed here or
guarded with ``Facts.claim``, so a release that would make it false fails the build naming
the sentence.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis import curated

if TYPE_CHECKING:
    from analysis.data import Data

# The chapters with facts, as modules of this package, in the book's order.
CHAPTERS: tuple[str, ...] = (
    "introduction",
    "soviet_era",
    "assad_era",
    "intervention",
    "after_assad",
    "conclusion",
    "data_and_methods",
    "chronology",
    "how_to_cite",
    "summary",
)


class FindingError(AssertionError):
    """A sentence of the book that the data no longer support."""


@dataclass(frozen=True)
class Fact:
    """One stated fact: ``text`` is what the book prints."""

    name: str
    value: object
    format: str = ""  # a format spec, e.g. ",.0f" or ".0%"
    unit: str = ""
    sources: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return format(self.value, self.format) if self.format else str(self.value)


@dataclass
class Facts:
    """A chapter's facts in the order they were stated; names are unique."""

    chapter: str
    items: dict[str, Fact] = field(default_factory=dict)

    def add(
        self,
        name: str,
        value: object,
        format: str = "",
        unit: str = "",
        sources: tuple[str, ...] | str = (),
    ) -> Fact:
        if name in self.items:
            raise ValueError(f"{self.chapter}: fact {name!r} stated twice")
        if isinstance(sources, str):
            sources = tuple(key.strip() for key in sources.split(";") if key.strip())
        fact = Fact(name, value, format, unit, tuple(sources))
        self.items[name] = fact
        return fact

    def restate(self, other: Facts, name: str, as_name: str = "") -> Fact:
        """State ``other``'s fact ``name`` again (as ``as_name``): a page that sums up the
        chapters prints the very value, format and sources the chapter prints."""
        fact = other[name]
        return self.add(as_name or name, fact.value, fact.format, fact.unit, fact.sources)

    def claim(self, sentence: str, holds: bool) -> None:
        """Guard a sentence of the chapter whose truth the data decide."""
        if not holds:
            raise FindingError(
                f"{self.chapter}: the data no longer support the sentence {sentence!r}: "
                "revise it (and its check in analysis.findings)"
            )

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.items.values())

    def __getitem__(self, name: str) -> Fact:
        return self.items[name]

    def __len__(self) -> int:
        return len(self.items)

    def displayed(self) -> dict[str, str]:
        """Every fact as the book prints it (what an edition freezes)."""
        return {fact.name: fact.text for fact in self}


def of(chapter: str, data: Data) -> Facts:
    """The facts of one chapter."""
    if chapter not in CHAPTERS:
        raise KeyError(f"no findings for chapter {chapter!r}; known: {', '.join(CHAPTERS)}")
    module = importlib.import_module(f"analysis.findings.{chapter}")
    return module.facts(data)


def every(data: Data) -> dict[str, Facts]:
    """The facts of every chapter, in the book's order."""
    return {chapter: of(chapter, data) for chapter in CHAPTERS}


def restated(chapter: str, data: Data, table: dict[str, tuple[tuple[str, str], ...]]) -> Facts:
    """A page's facts that other chapters compute: ``table`` maps a chapter to the pairs
    (its fact's name, the page's name for it, "" to keep it), each chapter's facts computed
    once by its own module."""
    found = Facts(chapter)
    for other, names in table.items():
        stated = of(other, data)
        for name, as_name in names:
            found.restate(stated, name, as_name)
    return found


def sources_of(*columns: Iterable[object]) -> tuple[str, ...]:
    """The citation keys of data rows, each once, in first-seen order: one or more
    ``citation`` or ``sources`` columns ("; "-joined keys), so that a fact cites exactly what
    the rows it came from cite."""
    keys: dict[str, None] = {}
    for column in columns:
        for cell in column:
            if isinstance(cell, str):
                keys.update(dict.fromkeys(curated.split_keys(cell)))
    return tuple(keys)
