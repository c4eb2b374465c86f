"""Command line: ``python -m analysis data build|add|verify`` and
``python -m analysis edition publish|sync|changes``.

Updating the book for a new release is: put the file in the sources folder, ``data add``
(which records it, makes the edition show it and opens the next edition once the current
one is published), ``data build``, review the diff of ``data/``, rebuild the book.
Publishing an edition freezes its facts: ``edition publish``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from analysis import citation, datasets, edition, editions, registry
from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="group", required=True)
    data = commands.add_parser("data", help="the data pipeline").add_subparsers(
        dest="command", required=True
    )
    build = data.add_parser("build", help="parse, validate and write data/processed")
    build.add_argument("--from", dest="folder", type=Path, required=True, help="upstream files")
    add = data.add_parser("add", help="record a new upstream file in the source registry")
    add.add_argument("file", type=Path)
    add.add_argument("--from", dest="folder", type=Path, help="the sources folder")
    add.add_argument(
        "--release",
        help="release label where the file does not state one, or instead of SIPRI's "
        "generation year (SIPRI: YYYY, COW: N.N, UN votes: YYYY-MM-DD, quoted figures: YYYY)",
    )
    verify = data.add_parser("verify", help="check data/ against schemas and the manifest")
    verify.add_argument("--from", dest="folder", type=Path, help="also rebuild from here")
    book = commands.add_parser("edition", help="the book's editions").add_subparsers(
        dest="command", required=True
    )
    publish = book.add_parser("publish", help="freeze this edition's facts")
    publish.add_argument("--version", help="the edition's version (MAJOR.MINOR.PATCH)")
    publish.add_argument("--date", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
    book.add_parser("sync", help="write the edition's title, version and date into CITATION.cff")
    book.add_parser("changes", help="print what changed since the last published edition")
    return parser


def _data(args: argparse.Namespace, project: Project) -> None:
    if args.command == "build":
        result = datasets.write(args.folder, project)
        for output in result["outputs"].values():
            print(f"{output['path']}: {output['rows']} rows")
    elif args.command == "add":
        folder = args.folder or project.default_sources
        source = registry.add(
            args.file,
            folder,
            registry_path=project.registry,
            edition_path=project.edition,
            names_path=project.producer_names,
            release=args.release,
        )
        print(f"registered {source.id} ({source.format}, release {source.release})")
        print(f"the edition now shows it as {edition.ROLE_OF_FORMAT[source.format]}")
        if editions.next_version(project):
            print(f"opened edition {edition.load(project.edition).version}")
        print("next: python -m analysis data build --from", folder)
    else:
        for line in datasets.verify(project, args.folder):
            print(line)
        problems = editions.stale(Data(project))
        if problems:
            raise DataError(project.editions, "; ".join(problems))
        print("editions: the published editions and CITATION.cff agree with the book")


def _edition(args: argparse.Namespace, project: Project) -> None:
    data = Data(project)
    if args.command == "publish":
        date = args.date or dt.date.today()
        target = editions.publish(data, version=args.version, date=date)
        print(f"published {target}")
    elif args.command == "sync":
        print("CITATION.cff updated" if citation.sync(project) else "CITATION.cff in step")
    else:
        print(editions.markdown(editions.current(data)))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project.discover()
    try:
        (_data if args.group == "data" else _edition)(args, project)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
