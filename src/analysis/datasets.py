"""The tidy tables the book reads: how each is made from the upstream files, written, checked.

``build`` reads every registered upstream file from a folder (checking its sha256 against the
registry), parses it with the parser for its format, assembles the tables below, validates
each against its schema, runs the cross-source sanity checks, and only then swaps the new
``data/processed/`` and ``data/manifest.json`` in (see :func:`publish`): an error before the
swap leaves the folder as it was, a crash during it leaves a journal that the next build or
``verify`` finishes, and a second build at the same time is refused (see :func:`lock`).
Analysis code reads the tables through ``analysis.data.Data``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import (
    __version__,
    bibliography,
    countries,
    curated,
    edition,
    registry,
    schemas,
    tables,
)
from analysis.countries import ALL
from analysis.errors import DataError
from analysis.paths import Project
from analysis.registry import Source
from analysis.sources import Parsed, parsers

if TYPE_CHECKING:
    from analysis.data import Data


@dataclass(frozen=True)
class Input:
    """An upstream file that passed its checksum, with what its parser made of it."""

    source: Source
    file: Path
    parsed: Parsed


Maker = Callable[[list[Input], dict[str, pd.DataFrame], Project], pd.DataFrame]


@dataclass(frozen=True)
class Dataset:
    """A processed table: its name (file stem), what it holds, and how it is made."""

    name: str
    description: str
    formats: tuple[str, ...]
    make: Maker


def _stack(
    inputs: list[Input], _: dict[str, pd.DataFrame], __: Project, part: str | None = None
) -> pd.DataFrame:
    """Every input's table (or its extra table ``part``) with its release and citation:
    releases side by side, never spliced."""
    frames = [
        (item.parsed.extras[part] if part else item.parsed.table).assign(
            release=item.source.release, citation=item.source.citation
        )
        for item in inputs
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _stack_trade(
    inputs: list[Input], built: dict[str, pd.DataFrame], project: Project
) -> pd.DataFrame:
    """COW versions side by side, each row marked rounded when its file's format is a rounded
    repackaging (peacesciencer's v4.0), whatever the release (COW's own file is exact)."""
    frame = _stack(inputs, built, project)
    return frame.assign(
        rounded=[
            item.source.format.endswith("rounded")
            for item in inputs
            for _ in range(len(item.parsed.table))
        ]
    )


def _stack_official(
    inputs: list[Input], built: dict[str, pd.DataFrame], project: Project
) -> pd.DataFrame:
    """Quoted figures, each row cited by its own outlet's bibliography key."""
    frame = _stack(inputs, built, project)
    citations = []
    for row, url in enumerate(frame["url"], start=2):
        try:
            citations.append(bibliography.key_for_url(url, project.bibliography))
        except KeyError:
            raise DataError(
                project.bibliography,
                f"no bibliography entry has the url {url!r} (quoted figure on line {row})",
                column="url",
            ) from None
    return frame.assign(citation=citations)


def _revisions(_: list[Input], built: dict[str, pd.DataFrame], __: Project) -> pd.DataFrame:
    """Annual TIV where two SIPRI releases overlap: a recipient's published annual imports
    by supplier against the sum of a later release's per-delivery-year deal values.

    A blank year means "no deliveries identified" and stays missing, so a year that one
    release has and the other lacks shows as ``added`` or ``removed``. Published annual
    figures are rounded sums, so a difference of up to 0.5 counts as ``unchanged``.
    """
    deals = built["arms_deliveries"]
    keys = ["release", "recipient", "supplier", "delivery_year"]
    by_supplier = deals.groupby(keys, as_index=False)["tiv_delivered"].sum()
    every_supplier = (
        deals.groupby(["release", "recipient", "delivery_year"], as_index=False)["tiv_delivered"]
        .sum()
        .assign(supplier=ALL)
    )
    new = pd.concat([by_supplier, every_supplier], ignore_index=True).rename(
        columns={"delivery_year": "year", "tiv_delivered": "tiv"}
    )
    old = built["arms_imports"]
    frames = []
    for (release_new, recipient), fresh in new.groupby(["release", "recipient"]):
        for release_old, earlier in old[old["recipient"] == recipient].groupby("release"):
            if release_old == release_new:
                continue
            first = max(fresh["year"].min(), earlier["year"].min())
            last = min(fresh["year"].max(), earlier["year"].max())
            merged = pd.merge(
                earlier[["supplier", "year", "tiv"]],
                fresh[["supplier", "year", "tiv"]],
                on=["supplier", "year"],
                how="outer",
                suffixes=("_old", "_new"),
            )
            frames.append(
                merged[merged["year"].between(first, last)].assign(
                    recipient=recipient, release_old=release_old, release_new=release_new
                )
            )
    columns = list(schemas.SCHEMAS["arms_revisions"].columns)
    if not frames:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(frames, ignore_index=True)
    frame["tiv_new"] = frame["tiv_new"].round(2)
    frame["change"] = (frame["tiv_new"] - frame["tiv_old"]).round(2)
    frame["status"] = "revised"
    frame.loc[frame["change"].abs() <= 0.5, "status"] = "unchanged"
    frame.loc[frame["tiv_old"].isna(), "status"] = "added"
    frame.loc[frame["tiv_new"].isna(), "status"] = "removed"
    frame["citation"] = "sipri_atdb"
    return frame


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "arms_exports",
        "Annual arms exports of a supplier by recipient (SIPRI TIV tables)",
        ("sipri-tiv-table",),
        _stack,
    ),
    Dataset(
        "arms_export_totals",
        "SIPRI's printed total of each table row: a supplier's exports to a recipient over "
        "the table's whole span",
        ("sipri-tiv-table",),
        partial(_stack, part="totals"),
    ),
    Dataset(
        "arms_imports",
        "Annual arms imports of a recipient by supplier (SIPRI TIV tables)",
        ("sipri-tiv-import-table", "sipri-imports-long"),
        _stack,
    ),
    Dataset(
        "arms_deliveries",
        "Arms deliveries by deal and delivery year (SIPRI deals-and-TIVs export)",
        ("sipri-deals-by-year",),
        _stack,
    ),
    Dataset(
        "arms_register",
        "Arms deals with deliveries, one row per deal (SIPRI trade register)",
        ("sipri-trade-register",),
        _stack,
    ),
    Dataset(
        "arms_revisions",
        "Annual TIV of the years two SIPRI releases share, side by side",
        (),
        _revisions,
    ),
    Dataset(
        "trade",
        "Russia-Syria trade by year and direction (Correlates of War, v3.0 and v4.0)",
        ("cow-trade", "cow-trade-v3", "cow-trade-v4-rounded"),
        _stack_trade,
    ),
    Dataset(
        "trade_official",
        "Official trade figures quoted in the press, with their qualifiers",
        ("quoted-official-figures",),
        _stack_official,
    ),
    Dataset(
        "unga_votes",
        "UN General Assembly votes of the USSR/Russia and Syria (yes, no, abstain)",
        ("unga-votes",),
        _stack,
    ),
    Dataset(
        "unga_roll_calls",
        "UN General Assembly roll calls with their issue tags",
        ("unga-roll-calls",),
        _stack,
    ),
    Dataset(
        "unga_votes_rawcodes",
        "UN General Assembly votes with absences, from the release that keeps raw codes",
        ("unga-votes-2017-rawcodes",),
        _stack,
    ),
)
BY_NAME: dict[str, Dataset] = {dataset.name: dataset for dataset in DATASETS}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def to_csv(frame: pd.DataFrame) -> bytes:
    """The one way tables are written, so that a rebuild is byte-identical."""
    return frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d").encode()


def read_inputs(folder: Path, project: Project, registry_path: Path | None = None) -> list[Input]:
    """Every registered upstream file, checksum-checked and parsed."""
    known = parsers(countries.load_names(project.producer_names))
    registry_path = registry_path or project.registry
    inputs = []
    for source in registry.load(registry_path, bibliography.keys(project.bibliography)):
        if source.format not in known:
            raise DataError(registry_path, f"source {source.id!r}: unknown format", column="format")
        file = registry.check(source, folder)
        inputs.append(Input(source, file, known[source.format](file)))
    return inputs


def assemble(inputs: list[Input], project: Project) -> dict[str, pd.DataFrame]:
    """Every processed table, validated, in a stable row and column order."""
    built: dict[str, pd.DataFrame] = {}
    for dataset in DATASETS:
        used = [item for item in inputs if item.source.format in dataset.formats]
        frame = dataset.make(used, built, project)
        origin = ", ".join(str(item.file) for item in used) or "derived tables"
        built[dataset.name] = schemas.validate(
            dataset.name, frame, origin=origin, citations=bibliography.keys(project.bibliography)
        )
    schemas.cross_check(built)
    return built


def manifest(
    inputs: list[Input], files: dict[str, bytes], tables: dict[str, pd.DataFrame]
) -> bytes:
    document: dict[str, Any] = {
        "generator": f"analysis {__version__}",
        "inputs": [
            {
                "id": item.source.id,
                "path": item.source.path,
                "release": item.source.release,
                "sha256": item.source.sha256,
                "bytes": item.source.bytes,
            }
            for item in inputs
        ],
        "outputs": {
            name: {
                "path": f"processed/{name}.csv",
                "sha256": sha256_bytes(files[name]),
                "rows": len(tables[name]),
                "columns": list(tables[name].columns),
            }
            for name in files
        },
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


LOCK = ".build.lock"
"""The lock file under ``data/`` that a build and ``verify`` hold (git-ignored, never removed)."""
STAGING = ".build-"
"""Prefix of a build's staging folder under ``data/`` (git-ignored; a failed one is removed
by the next build)."""
JOURNAL = ".build-commit"
"""A complete staged build being swapped in: while it exists, the swap is decided but not
finished, and the next build or ``verify`` finishes it."""
PUBLISHED = ("processed", "manifest.json")
"""What a build replaces under ``data/``, in the order the swap replaces them."""


@contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold the build lock of ``out``; refuse (rather than wait or interleave) when another
    build or ``verify`` holds it, since two swaps at once would mix their tables."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataError(
                path,
                "another `data build` or `data verify` is running on this folder and holds "
                "this lock: wait for it to finish",
            ) from None
        yield  # closing the file releases the lock, even if the process is killed


def _fsync(path: Path) -> None:
    """Flush a file's or folder's entry to disk, so a crash cannot undo a finished step."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def recover(out: Path) -> None:
    """Finish a swap that a crash interrupted (the journal holds the complete new state) and
    remove staging folders of builds that failed before their swap. Call with the lock held."""
    journal = out / JOURNAL
    if journal.exists():
        for name in PUBLISHED:
            new, old = journal / name, journal / f"{name}.old"
            if not new.exists():
                continue  # swapped in before the crash
            if new.is_dir() and (out / name).exists():
                os.replace(out / name, old)  # a folder cannot replace a non-empty folder
            os.replace(new, out / name)
        _fsync(out)
        shutil.rmtree(journal)
    for leftover in out.glob(f"{STAGING}*"):
        shutil.rmtree(leftover)


def publish(out: Path, files: Mapping[str, bytes]) -> None:
    """Replace ``PUBLISHED`` under ``out`` by ``files`` (path relative to ``out`` -> bytes)
    so that a crash at any point leaves either the old state or the journal of the new one.

    The files are written and flushed into a staging folder, which one rename turns into the
    journal: that is the commit point. The journal's entries are then moved into place by
    :func:`recover`, which any later run repeats from wherever a crash stopped it. Call with
    the lock held.
    """
    recover(out)
    staging = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
    try:
        for relative, data in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for folder in {(staging / relative).parent for relative in files}:
            _fsync(folder)
        os.replace(staging, out / JOURNAL)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync(out)
    recover(out)


def write(folder: Path, project: Project, out: Path | None = None) -> dict[str, Any]:
    """Build every table from the upstream files in ``folder`` into ``out`` (the project's
    ``data/`` unless told otherwise) and swap them in with :func:`publish`, holding the lock
    throughout so that a second build fails at once instead of after its work."""
    out = out or project.data
    with lock(out):
        inputs = read_inputs(folder, project)
        check_edition(inputs, project)
        tables = assemble(inputs, project)
        files = {name: to_csv(frame) for name, frame in tables.items()}
        document = manifest(inputs, files, tables)
        publish(
            out,
            {
                **{f"processed/{name}.csv": data for name, data in files.items()},
                "manifest.json": document,
            },
        )
    return json.loads(document)


def _refuse_interrupted(data: Path) -> None:
    """Refuse to read a folder whose swap a crash interrupted: its tables may be mixed."""
    journal = data / JOURNAL
    if journal.exists():
        raise DataError(
            journal,
            "an interrupted `data build` left its new tables half swapped in: run "
            "`make data` or `make verify` to finish the swap",
        )


def read(name: str, project: Project) -> pd.DataFrame:
    """A processed table of the project, typed and validated. Analysis code reads tables
    through ``analysis.data.Data``, which reads each file once."""
    if name not in BY_NAME:
        raise KeyError(f"no processed table {name!r}; known: {', '.join(BY_NAME)}")
    _refuse_interrupted(project.data)
    file = project.processed / f"{name}.csv"
    return schemas.read(name, file, bibliography.keys(project.bibliography))


def check_edition(inputs: list[Input], project: Project) -> None:
    """Every role of the edition points at a registered release of one of its formats."""
    chosen = edition.load(project.edition)
    for role, release in chosen.releases.items():
        formats = edition.ROLES[role].formats
        held = {item.source.release for item in inputs if item.source.format in formats}
        if release not in held:
            raise DataError(
                project.edition,
                f"role {role!r} shows release {release!r}, but the registry holds "
                f"{', '.join(sorted(held)) or 'none'} for it",
                column=role,
            )


def verify(project: Project, folder: Path | None = None) -> list[str]:
    """Check the committed tables against the manifest and their schemas; with ``folder``,
    rebuild into a temporary folder and require byte-identical output. Returns what it checked.

    Holds the build lock, and first finishes a swap that a crash interrupted.
    """
    with lock(project.data):
        recover(project.data)
        return _verify(project, folder)


def _verify(project: Project, folder: Path | None) -> list[str]:
    data = project.data
    manifest_path = data / "manifest.json"
    if not manifest_path.is_file():
        raise DataError(manifest_path, "no manifest: run `python -m analysis data build` first")
    document = json.loads(manifest_path.read_text(encoding="utf-8"))
    checked = []
    registered = {source.id: source for source in registry.load(project.registry)}
    for item in document["inputs"]:
        source = registered.get(item["id"])
        if source is None or source.sha256 != item["sha256"]:
            raise DataError(manifest_path, f"input {item['id']!r} differs from the registry")
    for name, output in document["outputs"].items():
        file = data / output["path"]
        if not file.is_file():
            raise DataError(file, "listed in the manifest but missing")
        if sha256_bytes(file.read_bytes()) != output["sha256"]:
            raise DataError(file, "sha256 differs from the manifest: edited by hand?")
        frame = schemas.read(name, file, bibliography.keys(project.bibliography))
        if len(frame) != output["rows"]:
            raise DataError(file, f"{len(frame)} rows, the manifest says {output['rows']}")
        checked.append(f"{output['path']}: {len(frame)} rows, schema and checksum ok")
    closes = edition.load(project.edition).record_closes
    for name in curated.TABLES:
        table = curated.load(
            name, project.curated, bibliography_path=project.bibliography, record_closes=closes
        )
        checked.append(f"curated/{name}.csv: {len(table)} rows, schema ok")
    if set(document["outputs"]) != set(BY_NAME):
        raise DataError(manifest_path, "the manifest does not list exactly the known tables")
    if folder is not None:
        with tempfile.TemporaryDirectory() as scratch:
            rebuilt = Path(scratch)
            write(folder, project, rebuilt)
            for relative in ["manifest.json", *(o["path"] for o in document["outputs"].values())]:
                if (rebuilt / relative).read_bytes() != (data / relative).read_bytes():
                    raise DataError(
                        data / relative, "differs from a fresh build from the upstream files"
                    )
        checked.append(f"rebuilt from {folder}: byte-identical")
    return checked


def summary(data: Data) -> pd.DataFrame:
    """One row per processed table: what it holds, its rows and the releases it keeps apart,
    read from the manifest and the tables themselves (for the data-and-methods appendix)."""
    document = json.loads(data.project.manifest.read_text(encoding="utf-8"))
    rows = []
    for dataset in DATASETS:
        table = data.table(dataset.name)
        columns = [c for c in ("release", "release_old", "release_new") if c in table]
        releases = sorted(set().union(*(table[column] for column in columns)))
        rows.append(
            {
                "table": dataset.name,
                "holds": dataset.description,
                "rows": document["outputs"][dataset.name]["rows"],
                "releases": ", ".join(releases),
            }
        )
    return pd.DataFrame(rows)


def markdown_table(data: Data) -> str:
    """The ``summary`` of the processed tables as the appendix's numbered table."""
    return tables.frame_table(
        summary(data),
        caption="The processed tables, with their rows and the releases they keep apart",
        name="tab-processed",
        widths=(20, 52, 10, 18),
    )
