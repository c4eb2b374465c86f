"""Published editions, frozen, and what changed between the last one and this one.

Publishing an edition (``python -m analysis edition publish``) writes every fact of the book,
as displayed, with the releases it was built from and the checksums of the curated tables,
to ``data/editions/<version>.json``. The page "What changed in this edition" compares the
current facts with the last frozen edition before this one and gives each change its cause:
a new release of a product the fact cites (and whether that release revises past years), a
correction of the curated tables, or a change of method (the same inputs, a new result).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis import citation, curated, edition, findings, registry, tables
from analysis.errors import DataError
from analysis.paths import Project

if TYPE_CHECKING:
    from analysis.data import Data

Snapshot = dict[str, Any]
NEW_RELEASE = "new release"
REVISION = "new release that revises past years"
CORRECTION = "the curated tables corrected or extended"
ADDITION = "new rows in the curated tables"
METHOD = "change of method"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def snapshot(data: Data, facts: dict[str, findings.Facts]) -> Snapshot:
    """The edition as it stands: version, dates, releases, curated checksums, facts as shown,
    and for each fact the bibliography keys it cites."""
    chosen = data.edition
    return {
        "version": chosen.version,
        "date": chosen.date.isoformat(),
        "record_closes": chosen.record_closes.isoformat(),
        "releases": dict(chosen.releases),
        "curated": {name: _sha256(data.project.curated / f"{name}.csv") for name in curated.TABLES},
        "facts": {chapter: chapter_facts.displayed() for chapter, chapter_facts in facts.items()},
        "sources": {
            chapter: {fact.name: list(fact.sources) for fact in chapter_facts}
            for chapter, chapter_facts in facts.items()
        },
    }


def frozen(project: Project) -> list[Snapshot]:
    """Every frozen edition, oldest first."""
    found = []
    for file in sorted(project.editions.glob("*.json")):
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise DataError(file, f"not valid JSON: {error}", row=error.lineno) from None
        for field in ("version", "date", "releases", "curated", "facts", "sources"):
            if field not in document:
                raise DataError(file, "required field missing", column=field)
        if f"{document['version']}.json" != file.name:
            raise DataError(file, f"holds version {document['version']}", column="version")
        found.append(document)
    return sorted(found, key=lambda document: _version_key(document["version"]))


def baseline(project: Project, version: str) -> Snapshot | None:
    """The edition this one is compared with: the last frozen edition before ``version``."""
    earlier = [s for s in frozen(project) if _version_key(s["version"]) < _version_key(version)]
    return earlier[-1] if earlier else None


def _dump(document: Snapshot) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def publish(
    data: Data,
    *,
    version: str | None = None,
    date: dt.date | None = None,
    facts: Callable[[Data], dict[str, findings.Facts]] = findings.every,
) -> Path:
    """Freeze the current edition (after setting its version and date, if given) into
    ``data/editions/<version>.json``. A published version is never rewritten. The facts are
    computed after the version and date are set, since the book states them."""
    project = data.project
    text = project.edition.read_text(encoding="utf-8")
    for field, value in (("version", version), ("date", date and date.isoformat())):
        if value is not None:
            text = re.sub(rf"^{field}:.*$", f"{field}: {value}", text, count=1, flags=re.M)
    staging = project.edition.with_name(f".{project.edition.name}.tmp")
    staging.write_text(text, encoding="utf-8")
    chosen = edition.load(staging)
    target = project.editions / f"{chosen.version}.json"
    if target.exists():
        staging.unlink()
        raise DataError(target, f"edition {chosen.version} is already published: pass --version")
    staging.replace(project.edition)
    citation.sync(project)
    document = snapshot(data, facts(data))
    project.editions.mkdir(parents=True, exist_ok=True)
    target.write_text(_dump(document), encoding="utf-8")
    return target


def next_version(project: Project) -> bool:
    """Open the next edition once the current one is published: bump the minor version.

    ``data add`` calls this, so that a new release never alters a published edition.
    Returns whether the version changed."""
    chosen = edition.load(project.edition)
    if not (project.editions / f"{chosen.version}.json").exists():
        return False
    major, minor, _ = _version_key(chosen.version)
    text = project.edition.read_text(encoding="utf-8")
    text = re.sub(r"^version:.*$", f"version: {major}.{minor + 1}.0", text, count=1, flags=re.M)
    project.edition.write_text(text, encoding="utf-8")
    citation.sync(project)
    return True


@dataclass(frozen=True)
class Change:
    chapter: str
    fact: str
    old: str | None
    new: str | None
    cause: str


@dataclass(frozen=True)
class Comparison:
    old: Snapshot | None
    new: Snapshot
    releases: list[tuple[str, str, str]]  # role, old release, new release
    changes: list[Change]


def _roles_of_keys(project: Project) -> dict[str, set[str]]:
    """Which edition roles each bibliography key cites (from the source registry)."""
    roles: dict[str, set[str]] = {}
    for source in registry.load(project.registry):
        role = edition.ROLE_OF_FORMAT.get(source.format)
        for key in source.citation.split(";"):
            if role:
                roles.setdefault(key.strip(), set()).add(role)
    return roles


def _cause(
    sources: list[str],
    releases_changed: set[str],
    revised_roles: set[str],
    curated_changed: bool,
    roles_of: dict[str, set[str]],
    added: bool = False,
) -> str:
    roles = set().union(*(roles_of.get(key, set()) for key in sources)) & releases_changed
    if roles:
        names = ", ".join(edition.ROLES[role].description for role in sorted(roles))
        kind = REVISION if roles & revised_roles else NEW_RELEASE
        return f"{kind} ({names})"
    if curated_changed:
        return ADDITION if added else CORRECTION
    return METHOD


def compare(
    old: Snapshot | None,
    new: Snapshot,
    roles_of: dict[str, set[str]],
    revised: set[str] | None = None,
) -> Comparison:
    """Each fact that differs between two snapshots, with its cause, and each role whose
    release changed. ``revised_roles`` are roles whose new release revises past years."""
    if old is None:
        return Comparison(None, new, [], [])
    releases = [
        (role, old["releases"].get(role, ""), release)
        for role, release in new["releases"].items()
        if old["releases"].get(role) != release
    ]
    changed_roles = {role for role, _, _ in releases}
    curated_changed = old["curated"] != new["curated"]
    changes = []
    for chapter in dict.fromkeys([*old["facts"], *new["facts"]]):
        before, after = old["facts"].get(chapter, {}), new["facts"].get(chapter, {})
        sources = {**old["sources"].get(chapter, {}), **new["sources"].get(chapter, {})}
        for name in dict.fromkeys([*before, *after]):
            if before.get(name) == after.get(name):
                continue
            cause = _cause(
                sources.get(name, []),
                changed_roles,
                revised or set(),
                curated_changed,
                roles_of,
                added=name not in before,
            )
            changes.append(Change(chapter, name, before.get(name), after.get(name), cause))
    return Comparison(old, new, releases, changes)


def revised_roles(data: Data, before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The roles whose new release changes a value the old release already had (the producer
    revised past years), found by matching rows of the two releases on the table's key."""
    from analysis import datasets, schemas

    revised = set()
    for role, release in after.items():
        previous = before.get(role)
        if previous in (None, release):
            continue
        for dataset in datasets.DATASETS:
            keys = [k for k in schemas.KEYS[dataset.name] if k != "release"]
            if not set(dataset.formats) & set(edition.ROLES[role].formats) or not any(
                "year" in key for key in keys
            ):
                continue
            table = data.table(dataset.name)
            values = [c for c in table.columns if c not in {*keys, "release", "citation"}]
            old = table[table["release"] == previous]
            new = table[table["release"] == release]
            both = old.merge(new, on=keys, suffixes=("_old", "_new"))
            for column in values:
                a, b = both[f"{column}_old"], both[f"{column}_new"]
                if not (a.eq(b) | (a.isna() & b.isna())).all():
                    revised.add(role)
    return revised


def current(data: Data) -> Comparison:
    """This edition against the last frozen edition before it."""
    new = snapshot(data, findings.every(data))
    old = baseline(data.project, new["version"])
    revised = revised_roles(data, old["releases"], new["releases"]) if old else set()
    return compare(old, new, _roles_of_keys(data.project), revised)


def stale(data: Data) -> list[str]:
    """Why the frozen editions no longer describe the book (empty when they do): the current
    version is published but its facts, releases or curated tables have changed since, or
    CITATION.cff disagrees with the edition file."""
    problems = [
        f"CITATION.cff field {field!r} differs from data/edition.yaml; run "
        "`python -m analysis edition sync`"
        for field in citation.stale(data.project)
    ]
    version = data.edition.version
    published = {s["version"]: s for s in frozen(data.project)}
    if version in published:
        now = snapshot(data, findings.every(data))
        for field in ("releases", "curated", "facts"):
            if now[field] != published[version][field]:
                problems.append(
                    f"edition {version} is published, but its {field} changed since: open the "
                    "next edition (`data add` does) or set a new version in data/edition.yaml"
                )
    return problems


def _product(role: str) -> str:
    return edition.ROLES[role].description


def markdown(comparison: Comparison) -> str:
    """The page's body: the editions compared, the releases that changed, the facts that
    changed with their causes."""
    new = comparison.new
    if comparison.old is None:
        return (
            f"This is edition {new['version']} of {new['date']}, the first to be published: "
            "there is no earlier edition to compare it with.\n"
        )
    old = comparison.old
    parts = [
        f"Edition {new['version']} ({new['date']}) compared with edition {old['version']} "
        f"({old['date']}).\n"
    ]
    if comparison.releases:
        parts.append(
            tables.list_table(
                ("Product", f"Edition {old['version']}", f"Edition {new['version']}"),
                [(_product(role), before, after) for role, before, after in comparison.releases],
                caption="Releases that changed",
                name="tab-changed-releases",
                widths=(60, 20, 20),
            )
        )
    else:
        parts.append("Every product is shown in the same release as before.\n")
    if comparison.changes:
        parts.append(
            tables.list_table(
                ("Chapter", "Fact", "Was", "Now", "Cause"),
                [
                    (
                        c.chapter.replace("_", " "),
                        c.fact,
                        c.old or "(new)",
                        c.new or "(removed)",
                        c.cause,
                    )
                    for c in comparison.changes
                ],
                caption="Facts that changed",
                name="tab-changed-facts",
                widths=(14, 22, 18, 18, 28),
            )
        )
    else:
        parts.append("No fact stated in the book has changed.\n")
    return "\n".join(parts)


def page(data: Data) -> Any:
    """The page "What changed in this edition", as Markdown for the chapter to display."""
    from IPython.display import Markdown

    return Markdown(markdown(current(data)))
