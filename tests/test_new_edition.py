"""The whole update recipe with a synthetic newer release of every upstream format at once
(marker: build): README's steps in a copy of the project, then the built book is read.

A newer release must reach the text, the chart data and the changes page with no edit
outside ``data/``; ``data verify`` must pass; no old release label or end year may be left
in captions, chart titles, descriptions or key-figure boxes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import newer_release
import pytest

import book
from analysis import findings
from analysis.data import Data
from analysis.paths import Project

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("new-edition")]
ROOT = Path(__file__).resolve().parents[1]
# What the old edition's captions and boxes said of its releases and end years.
OLD_LABELS = ("2022 release", "release 2022", "1950-2021", "1950\u20132021", "to 2021", "(2021)")


def run(project: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=project,
        env=book.environment(project),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class _Text(HTMLParser):
    """Text of captions and admonitions, and the Vega specifications of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.boxes, self.specs = 0, [], []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.depth or tag == "figcaption" or "admonition" in classes or "caption" in classes:
            self.depth += 1
            self.boxes.append("")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.boxes[-1] += data
        if self._in_script and "bookChart(" in data:
            # bookChart("id", spec, variants, options): the spec is the second argument.
            start = data.index(", ", data.index("bookChart(")) + len(", ")
            self.specs.append(json.JSONDecoder().raw_decode(data, start)[0])


def _spec_texts(spec: object) -> list[str]:
    """Titles, subtitles and descriptions anywhere in a Vega-Lite specification."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("title", "subtitle", "description") and isinstance(value, str | list):
                found += [value] if isinstance(value, str) else [str(v) for v in value]
            else:
                found += _spec_texts(value)
    elif isinstance(spec, list):
        for item in spec:
            found += _spec_texts(item)
    return found


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory, sources: Path) -> dict[str, object]:
    """The project after the recipe: data add for each new file, data build, verify, build."""
    base = tmp_path_factory.mktemp("new-edition")
    project = book.copy_project(base / "project", ROOT)
    folder = base / "sources"
    shutil.copytree(sources, folder)
    before = findings.every(Data(Project(project)))
    for file, release in newer_release.write_all(sources, folder):
        run(
            project,
            "data",
            "add",
            str(file),
            "--from",
            str(folder),
            *(["--release", release] if release else []),
        )
    run(project, "data", "build", "--from", str(folder))
    verified = run(project, "data", "verify", "--from", str(folder))
    log = book.built(project, "html")
    return {"project": project, "before": before, "verified": verified, "log": log}


def test_the_recipe_edits_nothing_outside_data(updated: dict[str, object]) -> None:
    project = updated["project"]
    assert isinstance(project, Path)
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".", ":!data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    edited = [
        name
        for name in tracked
        if (project / name).is_file()
        and (project / name).read_bytes() != (ROOT / name).read_bytes()
    ]
    assert edited == ["CITATION.cff"] or edited == []  # CITATION.cff follows the edition


def test_the_edition_shows_the_new_releases(updated: dict[str, object]) -> None:
    data = Data(Project(updated["project"]))  # type: ignore[arg-type]
    releases = data.edition.releases
    assert releases["sipri-tables"] == "2023"
    assert releases["sipri-register"] == "2026"
    assert releases["cow-extension"] == "4.1"
    assert releases["unga-votes"] == "2022-06-01"
    assert "editions" in str(updated["verified"])


def test_facts_follow_the_new_data(updated: dict[str, object]) -> None:
    data = Data(Project(updated["project"]))  # type: ignore[arg-type]
    before = updated["before"]
    after = findings.every(data)
    changed = {
        (chapter, name)
        for chapter, facts in after.items()
        for name, text in facts.displayed().items()
        if before[chapter].displayed().get(name) != text  # type: ignore[index]
    }
    assert changed, "no fact changed with a new release of every product"


def test_the_changes_page_lists_the_new_releases(updated: dict[str, object]) -> None:
    project = updated["project"]
    page = (project / "_build/html/chapters/changes.html").read_text(encoding="utf-8")  # type: ignore[operator]
    assert "Releases that changed" in page
    for label in ("2023", "2026", "4.1", "2022-06-01"):
        assert label in page


def test_no_old_release_label_is_left(updated: dict[str, object]) -> None:
    project = updated["project"]
    for page in sorted((project / "_build/html/chapters").glob("*.html")):  # type: ignore[operator]
        if page.stem in ("changes", "references", "data-and-methods"):
            continue  # these list every release on purpose
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        texts = parser.boxes + [t for spec in parser.specs for t in _spec_texts(spec)]
        for text in texts:
            for label in OLD_LABELS:
                assert label not in text, f"{page.name}: {label!r} in {text[:200]!r}"
