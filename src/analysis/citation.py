"""How to cite the book, generated from ``CITATION.cff`` (the one place its metadata lives).

The edition is the version in CITATION.cff and the date of the build; the date honours
SOURCE_DATE_EPOCH, which the book build sets to the edition's release (``release_epoch``)
so that an edition can be rebuilt exactly.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis import paths

CFF = paths.ROOT / "CITATION.cff"


@dataclass(frozen=True)
class Edition:
    title: str
    authors: tuple[str, ...]
    version: str
    date: dt.date
    licence: str
    url: str | None


def release_epoch(path: Path = CFF) -> int:
    """The edition's release (midnight UTC) in seconds since 1970: the SOURCE_DATE_EPOCH of
    its builds, so that every build of one edition dates itself, and its PDF, the same."""
    released = yaml.safe_load(path.read_text(encoding="utf-8"))["date-released"]
    # YAML reads an unquoted date as a date, a quoted one as text.
    day = released if isinstance(released, dt.date) else dt.date.fromisoformat(str(released))
    return int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def edition(path: Path = CFF) -> Edition:
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    authors = tuple(
        author.get("name") or f"{author['given-names']} {author['family-names']}"
        for author in cff["authors"]
    )
    return Edition(
        title=cff["title"],
        authors=authors,
        version=str(cff["version"]),
        date=build_date(),
        licence=cff.get("license", ""),
        url=cff.get("url"),
    )


def plain(book: Edition) -> str:
    """A reference in author-date style, as a reader would paste it into a bibliography."""
    url = f" {book.url}" if book.url else ""
    return (
        f"{' and '.join(book.authors)} ({book.date.year}). {book.title}. "
        f"Version {book.version}, built {book.date.isoformat()}.{url}"
    )


def bibtex(book: Edition) -> str:
    """The same reference as a BibTeX entry (authors that are organisations are braced)."""
    fields = {
        "title": f"{{{book.title}}}",
        "author": " and ".join(f"{{{name}}}" for name in book.authors),
        "year": str(book.date.year),
        "version": book.version,
        "note": f"Built {book.date.isoformat()}",
    }
    if book.url:
        fields["url"] = book.url
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items())
    return f"@book{{moscow_damascus_{book.version.replace('.', '_')},\n{body}\n}}"
