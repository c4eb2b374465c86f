"""Command line: ``python -m analysis data build|add|verify``.

Updating the book for a new release is: put the file in the sources folder, ``data add``,
``data build``, review the diff of ``data/``, rebuild the book.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import datasets, edition, registry
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project.discover()
    try:
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
            print(f"the edition now shows it for {edition.ROLE_OF_FORMAT[source.format]}")
            print("next: python -m analysis data build --from", folder)
        else:
            for line in datasets.verify(project, args.folder):
                print(line)
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
