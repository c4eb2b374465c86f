"""How to cite the book: authors, licence and address from ``CITATION.cff``; title, version
and date from the edition (``data/edition.yaml``), which ``sync`` writes into CITATION.cff so
that the two never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import yaml

from analysis import edition
from analysis.errors import DataError
from analysis.paths import Project


@dataclass(frozen=True)
class Citation:
    title: str
    authors: tuple[str, ...]
    version: str
    date: dt.date
    licence: str
    url: str | None
    # What the book is about, for the PDF's metadata.
    abstract: str = ""
    keywords: tuple[str, ...] = ()


def _cff_lines(chosen: edition.Edition) -> dict[str, str]:
    """The CITATION.cff fields the edition owns, as they are written there."""
    return {
        "title": f'"{chosen.full_title}"',
        "version": chosen.version,
        "date-released": chosen.date.isoformat(),
    }


def sync(project: Project) -> bool:
    """Write the edition's title, version and date into CITATION.cff (only those lines).
    Returns whether the file changed."""
    file = project.citation_file
    text = file.read_text(encoding="utf-8")
    new = text
    for field, value in _cff_lines(edition.load(project.edition)).items():
        line = re.compile(rf"^{re.escape(field)}:.*$", re.MULTILINE)
        if len(line.findall(new)) != 1:
            raise DataError(file, f"expected one line for {field!r}", column=field)
        new = line.sub(lambda _, value=value, field=field: f"{field}: {value}", new)
    if new != text:
        file.write_text(new, encoding="utf-8")
    return new != text


def stale(project: Project) -> list[str]:
    """The CITATION.cff fields that disagree with the edition (empty when in step)."""
    cff = yaml.safe_load(project.citation_file.read_text(encoding="utf-8"))
    wanted = yaml.safe_load(
        "\n".join(f"{k}: {v}" for k, v in _cff_lines(edition.load(project.edition)).items())
    )
    return [field for field, value in wanted.items() if cff.get(field) != value]


def of(project: Project) -> Citation:
    """The book's citation: the edition's title, version and date, CITATION.cff's authors,
    licence, address, abstract and keywords."""
    chosen = edition.load(project.edition)
    cff = yaml.safe_load(project.citation_file.read_text(encoding="utf-8"))
    authors = tuple(
        author.get("name") or f"{author['given-names']} {author['family-names']}"
        for author in cff["authors"]
    )
    return Citation(
        title=chosen.full_title,
        authors=authors,
        version=chosen.version,
        date=chosen.date,
        licence=cff.get("license", ""),
        url=cff.get("url"),
        abstract=cff.get("abstract", ""),
        keywords=tuple(cff.get("keywords", ())),
    )


def plain(book: Citation) -> str:
    """A reference in author-date style, as a reader would paste it into a bibliography."""
    url = f" {book.url}" if book.url else ""
    return (
        f"{' and '.join(book.authors)} ({book.date.year}). {book.title}. "
        f"Version {book.version}, {book.date.isoformat()}.{url}"
    )


def bibtex(book: Citation) -> str:
    """The same reference as a BibTeX entry (authors that are organisations are braced)."""
    fields = {
        "title": f"{{{book.title}}}",
        "author": " and ".join(f"{{{name}}}" for name in book.authors),
        "year": str(book.date.year),
        "version": book.version,
        "date": book.date.isoformat(),
    }
    if book.url:
        fields["url"] = book.url
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@book{{moscow_damascus_{book.version.replace('.', '_')},\n{body}\n}}"


def bibtex_block(project: Project) -> str:
    """The book's BibTeX entry as a fenced Markdown block, for the how-to-cite page (a glued
    text would lose its line breaks)."""
    return f"```bibtex\n{bibtex(of(project))}\n```"
