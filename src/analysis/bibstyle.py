"""The book's author-date references, in the HTML and the PDF alike.

The text cites "(Reuters 2017; Lund 2019a)" and the bibliography lists the same labels A-Z,
so a reader finds every citation. A news item without a byline is cited by its outlet
(the entry's ``organization``, or its abbreviation when the name ends with one in brackets,
"Agence France-Presse (AFP)" -> "AFP"), never by its headline.

sphinxcontrib-bibtex finds styles by name through pybtex's and its own plugin registries:
``setup`` registers the four plugins under ``NAME`` (formatting, labels, sorting and the
in-text referencing style), which ``_config.yml`` selects.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from os import PathLike
from pathlib import Path
from typing import Any

import pybtex.plugin
from pybtex.database import Entry, Person, parse_file
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import date
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import Node, join, node, optional, sentence
from pybtex.style.template import field as bib_field
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.basic_label import BasicLabelTextualReferenceStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

NAME = "author_date"
# Who stands for an entry without an author, in this order: the organisation that issued
# it (for the press, the outlet), else where it appeared.
CREATOR_FIELDS = ("organization", "journal", "publisher", "howpublished")
# "Agence France-Presse (AFP)": the name an organisation is cited by, an acronym in brackets
# at its end (not a qualifier such as "Wikipedia (English)" or "Datalab (GitHub)").
_ABBREVIATION = re.compile(r"\(([A-Z][A-Z0-9/&.-]+)\)\s*$")
# Ignored when sorting: the Arabic article, brackets and quotation marks.
_ARTICLE = re.compile(r"(?<!\w)al-")
_IGNORED = str.maketrans("", "", "[](){}\"'\u2018\u2019\u201c\u201d\u00ab\u00bb")


def decode(latex: str) -> str:
    """The escapes pybtex's LaTeX decoder leaves as written ("\\$", which latexcodec does not
    know), decoded before it reads the rest."""
    return latex.replace("\\$", "$")


def plain(latex: str) -> str:
    """A BibTeX field's text without its braces and LaTeX accents."""
    return str(Text.from_latex(decode(latex)))


def sort_key(text: str) -> str:
    """The key a label sorts by: no accents, case, brackets or leading "al-"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _ARTICLE.sub("", bare.translate(_IGNORED).casefold())


def _surname(person: Person) -> str:
    return " ".join(str(part) for part in person.rich_prelast_names + person.rich_last_names)


def creator(entry: Entry) -> str:
    """Who the label names: one or two authors' surnames, the first "et al." for three or
    more; without authors the organisation (by its bracketed abbreviation if it has one),
    else the journal, publisher or medium; the title only when none of these is given."""
    authors = entry.persons.get("author", [])
    if len(authors) > 2:
        return f"{_surname(authors[0])} et al."
    if authors:
        return " and ".join(_surname(person) for person in authors)
    for name in CREATOR_FIELDS:
        if name in entry.fields:
            text = plain(entry.fields[name])
            short = _ABBREVIATION.search(text)
            return short.group(1) if short else text
    return plain(entry.fields["title"])


def base_label(entry: Entry) -> str:
    """The label without its a/b suffix: "Lund 2019", "Reuters 2017", "SIPRI n.d."."""
    return f"{creator(entry)} {plain(entry.fields.get('year', 'n.d.'))}"


class SortingStyle(BaseSortingStyle):
    """A-Z by label, then by title (which also orders the a/b suffixes)."""

    def sorting_key(self, entry: Entry) -> tuple[str, str]:
        return sort_key(base_label(entry)), sort_key(plain(entry.fields.get("title", "")))


def _suffix(index: int) -> str:
    """a, b, ..., z, aa, ab, ...: the mark of the index-th entry sharing a label."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = string.ascii_lowercase[rest] + letters
    return letters


class LabelStyle(BaseLabelStyle):
    """Author-date labels; entries sharing one get a, b, c... in the sorted order."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        for label, group in groupby(sorted_entries, key=base_label):
            same = list(group)
            if len(same) == 1:
                yield label
            else:
                yield from (label + _suffix(index) for index in range(len(same)))


class FormattingStyle(UnsrtStyle):
    """pybtex's unsrt entries, with the issuing organisation in the author's place when an
    entry has no author (and its medium not repeated when it is the same name)."""

    default_label_style = LabelStyle
    default_sorting_style = SortingStyle

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        decoded = Entry(
            entry.type,
            fields={name: decode(value) for name, value in entry.fields.items()},
            persons=entry.persons,
        )
        decoded.key = entry.key
        return super().format_entry(label, decoded, bib_data)

    def get_misc_template(self, e: Entry) -> Node:
        authored = "author" in e.persons
        repeated = not authored and e.fields.get("howpublished") == e.fields.get("organization")
        medium = [] if repeated else [optional[bib_field("howpublished")]]
        return toplevel[
            sentence[self.format_names("author", as_sentence=False)]
            if authored
            else optional[sentence[bib_field("organization")]],
            optional[self.format_title(e, "title")],
            sentence[(*medium, optional[date])],
            sentence[optional[bib_field("note")]],
            self.format_web_refs(e),
        ]


def labels(path: PathLike) -> dict[str, str]:
    """Every key of the bibliography file ``path`` with the label both editions print for it
    ("Lund 2019a", "SIPRI n.d."): sorted and suffixed as the bibliography page, which lists
    the whole file, sorts and suffixes them."""
    file = Path(path).resolve()
    stat = file.stat()
    return dict(_labels(file, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)
def _labels(file: Path, mtime_ns: int, size: int) -> tuple[tuple[str, str], ...]:
    entries = SortingStyle().sort(list(parse_file(str(file), bib_format="bibtex").entries.values()))
    return tuple(
        (entry.key, label)
        for entry, label in zip(entries, LabelStyle().format_labels(entries), strict=True)
    )


def cited_as(keys: str, labels: dict[str, str]) -> str:
    """A cell of citation keys ("a;b") as the text cites them: "Reuters 2017; AP 2016"."""
    return "; ".join(labels[key.strip()] for key in keys.split(";") if key.strip())


@node
def _creator(children: list[Any], data: dict[str, Any]) -> Text:
    """Who a textual citation names: the label's first part ("Reuters", "Lund and Smith")."""
    assert not children
    return Text(creator(data["entry"]))


@node
def _date(children: list[Any], data: dict[str, Any]) -> Text:
    """The rest of the label: the year with its letter ("2017a")."""
    assert not children
    label = data["formatted_entry"].label
    return Text(label.removeprefix(creator(data["entry"])).strip())


@dataclass
class TextualReferenceStyle(BasicLabelTextualReferenceStyle):
    """``{cite:t}``: "Reuters (2017a)", the label split around its bracket, rather than the
    author field (a headline for a news item without one) followed by the whole label."""

    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            _creator,
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                    pre_text, reference[_date], post_text
                ],
                self.bracket.right,
            ],
        ]


@dataclass
class ReferenceStyle(LabelReferenceStyle):
    """In the text, the entry's label in round brackets, several joined by semicolons:
    "(Reuters 2017a; Lund 2019)"; textually "Reuters (2017a)"."""

    bracket_parenthetical: BracketStyle = field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; ")
    )
    bracket_textual: BracketStyle = field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; ")
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        textual = TextualReferenceStyle(
            bracket=self.bracket_textual,
            person=self.person,
            text_reference_sep=self.text_reference_sep,
            pre_text_sep=self.pre_text_sep,
            post_text_sep=self.post_text_sep,
        )
        self.styles.append(textual)
        self.role_style.update((name, textual) for name in textual.role_names())


def setup(app: Sphinx) -> dict[str, Any]:
    for group, plugin in (
        ("pybtex.style.formatting", FormattingStyle),
        ("pybtex.style.labels", LabelStyle),
        ("pybtex.style.sorting", SortingStyle),
    ):
        pybtex.plugin.register_plugin(group, NAME, plugin, force=True)
    register_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
