"""Numbers in the prose come from code: every digit in a chapter's text is glued, cited,
or a year, a date or a label.

The rule, applied to each chapter's Markdown (front matter and code excluded; figure
captions included, since they are prose too). A run of digits is allowed when it is

1. inside a role whose content is not prose: ``{glue}``, ``{glue:text}``, ``{cite}``,
   ``{numref}``, ``{ref}``, ``{download}``, ``{eq}``, or inside a label ``(name)=``;
2. a year, 1900-2099 (also in ranges such as 1980-1991 and decades such as the 1980s);
3. a day of the month (1-31) written next to a month name (8 December 2024, December 8);
4. part of a label: a token that mixes letters and digits or is a document symbol
   (MiG-29, S-300, T-72, Su-24M2, S/2011/612, A/RES/ES-11/1), or a data set's version
   (version 4.0);
5. inside inline code: a literal shown as printed (a file name, a command, SIPRI's ``0``).

and nothing else. A quantity, a share, a count, a term in years or a sum of money must be
glued from the data so that a data update changes the text with the charts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analysis.paths import Project

# Module-level (the tests are parametrized by chapter): the project these tests live in.
CHAPTERS = sorted(Project.discover(Path(__file__).parent).chapters.glob("*.md"))
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CODE_ROLES = r"glue(?::\w+)?|cite(?::\w+)?|numref|ref|download|eq|doc"
ALLOWED = [
    re.compile(rf"\{{(?:{CODE_ROLES})\}}`[^`]*`"),  # roles whose content is not prose
    re.compile(r"^\([\w-]+\)=\s*$", re.MULTILINE),  # labels
    re.compile(rf"\b(?:[1-9]|[12]\d|3[01])\s+(?:{MONTHS})\b"),  # 8 December
    re.compile(rf"\b(?:{MONTHS})\s+(?:[1-9]|[12]\d|3[01])\b"),  # December 8
    re.compile(r"\b[A-Za-z][\w.]*[-/][\w./-]*\d[\w./-]*"),  # MiG-29, S/2011/612
    re.compile(r"\b[A-Za-z]+\d[\w-]*"),  # Su24, T72M1
    re.compile(r"\b(?:19|20)\d\d(?:s\b)?"),  # years and decades
    re.compile(r"\b[Vv]ersions? \d+(?:\.\d+)*"),  # a data set's version: version 4.0
    re.compile(r"`[^`]+`"),  # inline code: a literal as printed (a file name, a command)
    re.compile(r"^\d+\.(?= )"),  # the number of an item of a numbered list: a label
]
DIGITS = re.compile(r"\d+")
# A figure cell whose caption YAML wraps (as jupytext writes it), for the rule's own tests.
WRAPPED = (
    "```{{code-cell}} ipython3\n---\nmystnb:\n  figure:\n    caption: {caption}\n---\nx\n```\n"
)


def prose(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every prose line: front matter and code cells left out, the
    captions of figure cells kept. Other directives (notes, tables) are prose."""
    lines = text.splitlines()
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    out: list[tuple[int, str]] = []
    cell: list[tuple[int, str]] | None = None  # the lines of the code cell being read
    for number, line in enumerate(lines[start:], start=start + 1):
        if cell is not None:
            if line.startswith("```"):
                out += _captions(cell)
                cell = None
            else:
                cell.append((number, line))
        elif line.startswith("```{code-cell}"):
            cell = []
        elif not re.match(r"^(`{3,}|:{3,})", line):
            out.append((number, line))
    return out


def _captions(cell: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The figure caption of a code cell's YAML options, as one line at the line where it
    starts: YAML may wrap it anywhere, e.g. between "version" and its number."""
    if not cell or cell[0][1] != "---":
        return []
    end = next(i for i, (_, line) in enumerate(cell[1:], start=1) if line == "---")
    options = yaml.safe_load("\n".join(line for _, line in cell[1:end])) or {}
    caption = ((options.get("mystnb") or {}).get("figure") or {}).get("caption", "")
    if not caption:
        return []
    start = next(n for n, line in cell[1:end] if line.strip().startswith("caption:"))
    return [(start, " ".join(caption.split()))]


def unglued(text: str) -> list[tuple[int, str]]:
    """Every digit run in the prose that the rule does not allow, with its line."""
    found = []
    for number, line in prose(text):
        masked = line
        for pattern in ALLOWED:
            masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
        found += [(number, digits) for digits in DIGITS.findall(masked)]
    return found


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_every_number_in_the_prose_is_glued(chapter: Path) -> None:
    offenders = unglued(chapter.read_text(encoding="utf-8"))
    assert not offenders, "\n".join(f"{chapter.name}:{n}: {d}" for n, d in offenders)


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Deliveries reached 3420 million in 1974.", ["3420"]),
        ("A lease of 49 years.", ["49"]),
        ("About 73% was written off.", ["73"]),
        ("Deliveries reached {glue:text}`peak` in 1974.", []),
        ("On 8 December 2024 and in the 1980s.", []),
        ("MiG-29 and S-300 and T-72 under S/2011/612.", []),
        ("See {numref}`fig-1` and {cite}`sipri_atdb`.", []),
        (WRAPPED.format(caption="'SIPRI''s data, version\n      3.0 to 2009'"), []),
        (WRAPPED.format(caption="'SIPRI''s\n      42 deliveries'"), ["42"]),
    ],
)
def test_the_rule(text: str, bad: list[str]) -> None:
    assert [d for _, d in unglued(text)] == bad


# A dollar sign directly before a glued number opens inline math (the book enables dollarmath)
# when a second one follows in the paragraph: "US$30 to US$50" would print as a formula.
BARE_DOLLAR = re.compile(r"(?<!\\)\$\{glue")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_dollars_before_glued_numbers_are_escaped(chapter: Path) -> None:
    lines = [
        n for n, line in prose(chapter.read_text(encoding="utf-8")) if BARE_DOLLAR.search(line)
    ]
    assert not lines, f"{chapter.name}: write US\\$ before a glued sum, lines {lines}"
