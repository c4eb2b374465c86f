"""The book's bibliography as data: which citation keys exist, and which key a URL belongs to.

Curated tables and chart captions cite sources by key, and upstream files cite them by URL;
checking both against ``references.bib`` here catches a typo before Sphinx renders an
unresolved citation. Parsing uses pybtex, the same parser sphinxcontrib-bibtex uses, so a file
that loads here also loads in the book.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pybtex.errors
from pybtex.database import parse_file
from pybtex.exceptions import PybtexError

from analysis.errors import DataError

if TYPE_CHECKING:
    from collections.abc import Mapping

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Bibliography:
    """What the rest of the package needs from the .bib file: its keys and its URLs."""

    path: Path
    keys: frozenset[str]
    keys_by_url: Mapping[str, tuple[str, ...]]


def load(path: PathLike) -> Bibliography:
    """Parse the bibliography once per (file, modification time): later calls are free."""
    file = Path(path).resolve()
    try:
        stat = file.stat()
    except FileNotFoundError:
        raise DataError(file, "bibliography file not found") from None
    return _parse(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _parse(file: Path, mtime_ns: int, size: int) -> Bibliography:
    """Cached on mtime and size as well as the path, so an edited file is read again."""
    # pybtex only warns about a duplicate key or a bad field unless in strict mode, which
    # Sphinx may have switched off: capture its errors so that every one of them fails here.
    try:
        with pybtex.errors.capture() as problems:
            data = parse_file(str(file), bib_format="bibtex")
    except (PybtexError, UnicodeDecodeError) as exc:
        raise DataError(file, f"cannot parse bibliography: {exc}") from exc
    if problems:
        raise DataError(file, f"bibliography error: {problems[0]}")
    by_url: dict[str, list[str]] = {}
    for key, entry in data.entries.items():
        url = entry.fields.get("url")
        if url:
            by_url.setdefault(url.strip(), []).append(key)
    return Bibliography(
        path=file,
        keys=frozenset(data.entries.keys()),
        keys_by_url=MappingProxyType({url: tuple(ks) for url, ks in by_url.items()}),
    )


def keys(path: PathLike) -> frozenset[str]:
    """Every citation key in the bibliography file ``path``."""
    return load(path).keys


def key_for_url(url: str, path: PathLike) -> str:
    """The one key whose ``url`` field is exactly ``url`` (surrounding blanks ignored).

    Raises ``KeyError`` when no entry, or more than one, has that URL: a caller mapping an
    upstream row to a citation must not silently pick the wrong source.
    """
    bib = load(path)
    found = bib.keys_by_url.get(url.strip(), ())
    if len(found) == 1:
        return found[0]
    if not found:
        raise KeyError(f"no entry in {bib.path} has url = {url!r}; add one to cite this source")
    raise KeyError(f"several entries in {bib.path} have url = {url!r}: {', '.join(found)}")
