"""The source registry: what every upstream file is, where it came from, and its checksum.

``data/sources.yaml`` holds one entry per upstream file, modelled on Our World in Data's
snapshot metadata: producer, title, landing URL, release, generation date, licence, sha256,
size and the bibliography key that cites it. The pipeline reads upstream files only through
this registry, so a file that changed without a new entry is refused.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
from dataclasses import MISSING, asdict, dataclass, fields, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from analysis import edition, tables
from analysis.errors import DataError


@dataclass(frozen=True)
class Source:
    """One upstream file as the registry describes it."""

    id: str
    path: str  # relative to the folder of upstream files given to the pipeline
    format: str
    producer: str
    title: str
    url: str
    release: str
    licence: str
    sha256: str
    bytes: int
    citation: str  # bibliography keys, "; "-joined
    generated: dt.date | None = None  # the date the producer generated the file, if stated
    via: str = ""  # where the copy was read, when not from the producer's own site
    note: str = ""

    def file(self, folder: Path) -> Path:
        return folder / self.path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(path: Path, citations: frozenset[str] | None = None) -> list[Source]:
    """Every registered source, in registry order, each entry checked for completeness and,
    given the bibliography's keys, for citation keys that exist.

    Errors name the line of the offending entry in the YAML file.
    """
    if not path.is_file():
        raise DataError(path, "the source registry is missing")
    try:
        document = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise DataError(path, f"not valid YAML: {error}", row=line) from None
    top = {key.value: value for key, value in document.value} if document else {}
    entries = top.get("sources")
    if not isinstance(entries, yaml.SequenceNode):
        raise DataError(path, "expected a top-level 'sources' list")
    names = {f.name for f in fields(Source)}
    required = {f.name for f in fields(Source) if f.default is MISSING}
    sources: list[Source] = []
    for node in entries.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise DataError(path, "an entry is not a mapping", row=line)
        entry = yaml.safe_load(yaml.serialize(node))
        missing = sorted(required - entry.keys())
        if missing:
            raise DataError(path, "required field missing", row=line, column=missing[0])
        unknown = sorted(entry.keys() - names)
        if unknown:
            raise DataError(path, "unknown field", row=line, column=unknown[0])
        cited = [key.strip() for key in str(entry["citation"]).split(";")]
        if citations is not None and not set(cited) <= citations:
            absent = sorted(set(cited) - citations)
            raise DataError(
                path,
                f"citation key {absent[0]!r} is not in references.bib",
                row=line,
                column="citation",
            )
        relative = PurePosixPath(str(entry["path"]))
        if relative.is_absolute() or ".." in relative.parts:
            raise DataError(
                path,
                f"path {entry['path']!r} is not inside the sources folder: give it relative "
                "to that folder, without '..'",
                row=line,
                column="path",
            )
        if any(source.id == entry["id"] for source in sources):
            raise DataError(path, f"duplicate id {entry['id']!r}", row=line, column="id")
        sources.append(Source(**{**entry, "release": str(entry["release"])}))
    return sources


def save(sources: list[Source], path: Path) -> None:
    """Write the registry (callers write to a temporary path and swap; see ``datasets``)."""
    header = (
        "# The source registry: every upstream file the pipeline reads, with its checksum.\n"
        "# Maintained by `python -m analysis data add FILE`; reviewed like code.\n"
    )
    body = yaml.safe_dump(
        {"sources": [_entry(source) for source in sources]},
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    path.write_text(header + body, encoding="utf-8")


def _entry(source: Source) -> dict[str, Any]:
    entry = asdict(source)
    return {key: value for key, value in entry.items() if value not in ("", None)}


def resolve(file: Path) -> Path:
    """``file`` with every symlink followed; a symlink loop is a DataError, not a traceback."""
    try:
        return file.resolve(strict=True)
    except FileNotFoundError:
        raise DataError(file, "no such file") from None
    except (RuntimeError, OSError) as error:  # Python < 3.13 reports a loop as RuntimeError
        if isinstance(error, OSError) and error.errno != errno.ELOOP:
            raise
        raise DataError(file, "a symlink loop: the path never reaches a file") from None


def check(source: Source, folder: Path) -> Path:
    """The upstream file of ``source`` in ``folder``, after checking that it lies inside the
    folder (symlinks followed), and its size and sha256 against the registry.

    The size is checked after the sha256, so that a changed file is reported as such; a size
    that differs from a matching sha256 means the entry was edited by hand (a file cut after
    a whole line and re-hashed, or a wrong ``bytes``).
    """
    file = source.file(folder)
    if not file.exists() and not file.is_symlink():
        raise DataError(file, f"upstream file of source {source.id!r} not found")
    real, base = resolve(file), resolve(folder)
    if not real.is_relative_to(base):
        raise DataError(
            file, f"resolves to {real}, outside the sources folder {base} (source {source.id!r})"
        )
    if not real.is_file():
        raise DataError(file, f"upstream file of source {source.id!r} is not a file")
    digest = sha256(real)
    if digest != source.sha256:
        raise DataError(
            file,
            f"sha256 {digest} does not match the registry ({source.sha256}) for source "
            f"{source.id!r}: a changed file is a new release; record it with `data add`",
        )
    size = real.stat().st_size
    if size != source.bytes:
        raise DataError(
            file,
            f"{size} bytes where the registry records {source.bytes} for source {source.id!r}, "
            "whose sha256 matches: the entry was edited by hand (a truncated file re-hashed, "
            "or a wrong size); record a changed file with `data add`",
        )
    return file


def add(
    file: Path, folder: Path, *, registry_path: Path, edition_path: Path, release: str | None = None
) -> Source:
    """Record a new upstream file (a new release of a known format) in the registry, and make
    its release the one the edition shows for the file's role.

    The format is recognised from the content, the file is parsed and validated in full, and
    the entry copies producer, licence and citation from the latest entry of the same format.
    The registry is rewritten through a temporary file, so a failure leaves it unchanged.
    """
    path = registry_path
    from analysis.sources import parsers, recognise

    file, folder = resolve(file), resolve(folder)
    if not file.is_file():
        raise DataError(file, "no such file")
    if not file.is_relative_to(folder):
        raise DataError(file, f"copy the file into the sources folder {folder} first")
    fmt = recognise(file)
    parsed = parsers()[fmt](file)
    sources = load(path)
    digest = sha256(file)
    for source in sources:
        if source.sha256 == digest:
            raise DataError(file, f"already registered as {source.id!r}")
    previous = [source for source in sources if source.format == fmt]
    if not previous:
        raise DataError(file, f"no earlier source of format {fmt!r} to take metadata from")
    template = previous[-1]
    generated = parsed.generated
    label = release or (str(generated.year) if generated else None)
    if label is None:
        raise DataError(file, "the file does not say when it was generated: pass --release")
    relative = file.relative_to(folder).as_posix()
    stem = template.id.removesuffix(f"-{template.release}")
    entry = replace(
        template,
        id=f"{stem}-{label}",
        path=relative,
        release=label,
        generated=generated,
        sha256=digest,
        bytes=file.stat().st_size,
        title=template.title,
        via="",
        note=f"added with `data add` from {relative}",
    )
    if any(source.id == entry.id for source in sources):
        raise DataError(file, f"a source {entry.id!r} exists: pass another --release")
    staging = path.with_name(f".{path.name}.tmp")
    save([*sources, entry], staging)
    staging.replace(path)
    edition.set_release(edition_path, edition.ROLE_OF_FORMAT[fmt], entry.release)
    return entry


def markdown_table(path: Path) -> str:
    """The registry as a numbered table for the book: each upstream file, who made it, its
    release, and the reference that cites it."""
    rows = []
    for source in load(path):
        keys = ",".join(key.strip() for key in source.citation.split(";"))
        generated = source.generated.isoformat() if source.generated else "not stated"
        rows.append(
            (
                source.title,
                source.producer,
                source.release,
                generated,
                tables.Markup(f"{{cite:p}}`{keys}`"),
            )
        )
    return tables.list_table(
        ("Source file", "Producer", "Release", "Generated", "Cited as"),
        rows,
        caption="The upstream files, from the source registry",
        name="tab-sources",
        widths=(30, 20, 9, 11, 30),
    )
