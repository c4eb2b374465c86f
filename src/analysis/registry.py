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
import re
from dataclasses import MISSING, asdict, dataclass, fields, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pandas as pd
import yaml

from analysis import countries, edition, tables
from analysis.errors import DataError

if TYPE_CHECKING:
    from analysis.sources import Parsed


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


RELEASES: dict[str, tuple[re.Pattern[str], str]] = {
    # producer (a format id's first word) -> how its release labels are written
    "sipri": (re.compile(r"\d{4}"), "a year YYYY"),
    "cow": (re.compile(r"\d+\.\d+"), "a version N.N"),
    "unga": (re.compile(r"\d{4}-\d{2}-\d{2}"), "a date YYYY-MM-DD"),
    "quoted": (re.compile(r"\d{4}"), "a year YYYY"),
}
"""Release labels per producer: a label names a file in ids, the edition and the book."""

_SPAN = re.compile(r"\b(1[89]|20)\d{2}\s*-\s*(1[89]|20)\d{2}\b")
_UP_TO = re.compile(r"\bto (1[89]|20)\d{2}\b")
_VERSION = re.compile(r"\bversion \d+\.\d+\b")
_YEAR_COLUMNS = ("year", "delivery_year", "first_delivery_year", "last_delivery_year")


def check_release(fmt: str, label: str) -> str:
    """``label`` if it is written as ``fmt``'s producer writes releases, else ValueError."""
    pattern, spelled = RELEASES[fmt.split("-")[0]]
    if not pattern.fullmatch(label):
        raise ValueError(f"release {label!r} for format {fmt!r}: expected {spelled}")
    return label


def _stated_release(fmt: str, parsed: Parsed) -> tuple[str | None, bool]:
    """The release the file states and whether it states it as a label: COW's ``version``
    (binding) or, for SIPRI, the year of its generation date (a default that ``--release``
    may override, e.g. for a second generation in one year)."""
    if parsed.release:
        return parsed.release, True
    if parsed.generated and fmt.startswith("sipri-"):
        return str(parsed.generated.year), False
    return None, False


def _span(table: pd.DataFrame) -> tuple[int, int] | None:
    """The first and last year the table covers, if it has years."""
    years = [table[c].dropna() for c in _YEAR_COLUMNS if c in table]
    if not years and "date" in table:
        years = [table["date"].dropna().dt.year]
    found = pd.concat(years) if years else pd.Series(dtype="int64")
    return (int(found.min()), int(found.max())) if len(found) else None


def _title(template: Source, parsed: Parsed, release: str) -> str:
    """The title the file states, else the template's with the file's years and version."""
    if parsed.title:
        return parsed.title
    title = _VERSION.sub(f"version {release}", template.title) if "." in release else template.title
    span = _span(parsed.table)
    if span:
        title = _SPAN.sub(f"{span[0]}-{span[1]}", title)
        title = _UP_TO.sub(f"to {span[1]}", title)
    return title


def _undated(title: str) -> str:
    return _SPAN.sub("", title)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def add(
    file: Path,
    folder: Path,
    *,
    registry_path: Path,
    edition_path: Path,
    names_path: Path,
    release: str | None = None,
) -> Source:
    """Record a new upstream file (a new release of a known format) in the registry, and make
    its release the one the edition shows for the file's role.

    The format is recognised from the content and the file parsed and validated in full.
    Title and release come from the file where it states them (SIPRI's title line and
    generation date, COW's version column); otherwise ``release`` is required, written as
    the producer writes releases (:data:`RELEASES`). Producer, URL, licence and citation are
    copied from the latest entry of the same format (or of the same edition role). The
    entry is appended to the registry's text, every other line left as written; a failure
    leaves the registry unchanged.
    """
    from analysis.sources import parsers, recognise

    file, folder = resolve(file), resolve(folder)
    if not file.is_file():
        raise DataError(file, "no such file")
    if not file.is_relative_to(folder):
        raise DataError(file, f"copy the file into the sources folder {folder} first")
    fmt = recognise(file)
    sources = load(registry_path)
    digest = sha256(file)
    for source in sources:
        if source.sha256 == digest:
            raise DataError(file, f"already registered as {source.id!r}")
    parsed = parsers(countries.load_names(names_path))[fmt](file)
    label = _release_label(file, fmt, parsed, release)
    role = edition.ROLE_OF_FORMAT[fmt]
    same = [s for s in sources if s.format == fmt]
    kin = same or [s for s in sources if edition.ROLE_OF_FORMAT.get(s.format) == role]
    if not kin:
        raise DataError(file, f"no earlier source of role {role!r} to take metadata from")
    title = _title(kin[-1], parsed, label)
    template = next((s for s in reversed(kin) if _undated(s.title) == _undated(title)), kin[-1])
    if same and template.format == fmt and _undated(template.title) == _undated(title):
        stem = template.id.removesuffix(f"-{template.release}")
    elif parsed.title:
        stem = f"{fmt.split('-')[0]}-{_slug(_undated(title))}"
    else:
        stem = fmt
    relative = file.relative_to(folder).as_posix()
    entry = replace(
        template,
        id=f"{stem}-{label}",
        path=relative,
        format=fmt,
        title=title,
        release=label,
        generated=parsed.generated,
        sha256=digest,
        bytes=file.stat().st_size,
        via="",
        note=f"added with `data add` from {relative}",
    )
    if any(source.id == entry.id for source in sources):
        raise DataError(file, f"a source {entry.id!r} exists: pass another --release")
    _append(registry_path, entry)
    edition.set_release(edition_path, role, entry.release)
    return entry


def _release_label(file: Path, fmt: str, parsed: Parsed, given: str | None) -> str:
    """The release: the label the file states, else ``given``, else the year the file was
    generated; checked against its producer's pattern."""
    stated, binding = _stated_release(fmt, parsed)
    if binding and given and given != stated:
        raise DataError(file, f"the file states release {stated!r}; --release {given!r} differs")
    label = given or stated
    if label is None:
        _, spelled = RELEASES[fmt.split("-")[0]]
        raise DataError(file, f"the file does not state its release: pass --release ({spelled})")
    try:
        return check_release(fmt, label)
    except ValueError as error:
        raise DataError(file, str(error)) from None


def _append(path: Path, entry: Source) -> None:
    """Append ``entry``'s YAML to the registry, leaving every existing line as written;
    through a temporary file checked to load, so a failure leaves the registry unchanged."""
    text = path.read_text(encoding="utf-8")
    block = yaml.safe_dump([_entry(entry)], sort_keys=False, allow_unicode=True, width=100)
    staging = path.with_name(f".{path.name}.tmp")
    staging.write_text(text + ("" if text.endswith("\n") else "\n") + block, encoding="utf-8")
    try:
        if load(staging)[-1] != entry:
            raise DataError(path, f"the appended entry {entry.id!r} does not read back as written")
    except DataError:
        staging.unlink()
        raise
    staging.replace(path)


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
