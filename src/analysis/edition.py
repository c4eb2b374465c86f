"""The edition: which release of each product the book shows, its version, date and the day
its record closes, all read from ``data/edition.yaml``.

A product can have several releases registered side by side (SIPRI publishes every March);
the book shows one per *role*. Analysis code asks the edition for a role's release and never
names one, so a new release reaches the book by changing one line of the edition file, which
``data add`` does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from analysis.errors import DataError


@dataclass(frozen=True)
class Role:
    """What a product is used for in the book, and the registry formats that can fill it."""

    description: str
    formats: tuple[str, ...]


ROLES: dict[str, Role] = {
    "sipri-tables": Role(
        "SIPRI's annual TIV tables: exports by supplier, imports by recipient",
        ("sipri-tiv-table", "sipri-tiv-import-table", "sipri-imports-long"),
    ),
    "sipri-deals": Role(
        "SIPRI's deals-and-TIVs export, by delivery year", ("sipri-deals-by-year",)
    ),
    "sipri-register": Role("SIPRI's trade register, one row per deal", ("sipri-trade-register",)),
    "cow-exact": Role(
        "Correlates of War dyadic trade, exact values", ("cow-trade", "cow-trade-v3")
    ),
    "cow-extension": Role(
        "Correlates of War dyadic trade for the years after the exact series",
        ("cow-trade-v4-rounded",),
    ),
    "official-figures": Role(
        "Officials' trade figures quoted in the press", ("quoted-official-figures",)
    ),
    "unga-votes": Role(
        "UN General Assembly votes and roll calls", ("unga-votes", "unga-roll-calls")
    ),
    "unga-rawcodes": Role(
        "UN General Assembly votes with absences (raw codes)", ("unga-votes-2017-rawcodes",)
    ),
}
ROLE_OF_FORMAT: dict[str, str] = {fmt: name for name, role in ROLES.items() for fmt in role.formats}
# The first year of the book's period: diplomatic relations, July 1944.
FIRST_YEAR = 1944
_VERSION = re.compile(r"\d+\.\d+\.\d+")


@dataclass(frozen=True)
class Edition:
    """One edition of the book, as ``data/edition.yaml`` defines it."""

    title: str
    version: str
    date: dt.date
    record_closes: dt.date
    releases: dict[str, str]

    def release(self, role: str) -> str:
        """The release of ``role`` the book shows."""
        if role not in self.releases:
            raise KeyError(f"no role {role!r} in the edition; known: {', '.join(self.releases)}")
        return self.releases[role]

    @property
    def period(self) -> str:
        """The years the book covers, from diplomatic relations to the close of its record."""
        return f"{FIRST_YEAR}\u2013{self.record_closes.year}"

    @property
    def full_title(self) -> str:
        return f"{self.title}, {self.period}"

    @property
    def epoch(self) -> int:
        """The edition's date as seconds since 1970 (SOURCE_DATE_EPOCH for reproducible
        builds)."""
        moment = dt.datetime.combine(self.date, dt.time(), tzinfo=dt.UTC)
        return int(moment.timestamp())


def _date(path: Path, document: dict[str, Any], field: str) -> dt.date:
    value = document.get(field)
    if isinstance(value, dt.date):
        return value
    raise DataError(path, f"{field!r} must be a date written YYYY-MM-DD", column=field)


def load(path: Path) -> Edition:
    """The edition file, checked: every role named once with a release, valid dates."""
    if not path.is_file():
        raise DataError(path, "the edition file is missing")
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DataError(path, f"not valid YAML: {error}") from None
    if not isinstance(document, dict):
        raise DataError(path, "expected a mapping of edition settings")
    for field in ("title", "version", "releases"):
        if field not in document:
            raise DataError(path, "required field missing", column=field)
    version = str(document["version"])
    if not _VERSION.fullmatch(version):
        raise DataError(path, f"version {version!r} is not MAJOR.MINOR.PATCH", column="version")
    releases = document["releases"]
    if not isinstance(releases, dict):
        raise DataError(path, "'releases' must map each role to a release", column="releases")
    missing, unknown = sorted(ROLES.keys() - releases.keys()), sorted(releases.keys() - ROLES)
    if missing or unknown:
        detail = (
            f"role {missing[0]!r} has no release" if missing else f"unknown role {unknown[0]!r}"
        )
        raise DataError(path, detail, column="releases")
    edition = Edition(
        title=str(document["title"]),
        version=version,
        date=_date(path, document, "date"),
        record_closes=_date(path, document, "record_closes"),
        releases={role: str(releases[role]) for role in ROLES},
    )
    if edition.record_closes > edition.date:
        raise DataError(path, "the record cannot close after the edition's date", column="date")
    return edition


def set_release(path: Path, role: str, release: str) -> bool:
    """Point ``role`` at ``release`` by rewriting that one line of the edition file (the rest,
    comments included, is left as written). Returns whether the line changed."""
    if role not in ROLES:
        raise KeyError(role)
    text = path.read_text(encoding="utf-8")
    line = re.compile(rf"^(  {re.escape(role)}:[ \t]*)(\S.*?)?[ \t]*$", re.MULTILINE)
    found = list(line.finditer(text))
    if len(found) != 1:
        raise DataError(path, f"expected one line for role {role!r} under 'releases'")
    new = line.sub(lambda match: f"{match[1]}{_quoted(release)}", text)
    if new == text:
        return False
    staging = path.with_name(f".{path.name}.tmp")
    staging.write_text(new, encoding="utf-8")
    load(staging)  # never leave an edition file that does not load
    staging.replace(path)
    return True


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
