"""How long the book takes to build, and how heavy its pages are, on this machine.

``make bench`` runs this once, in temporary copies of the project (never in ``_build``), and
writes ``benchmarks/RESULTS.md``:

* the floor: a cold Sphinx build with ``execute_notebooks: off`` (reading and writing every
  page, executing nothing);
* a cold build (empty cache), a rebuild without changes, a rebuild after one curated table
  changed (and which chapters were executed again), and the PDF build;
* each chapter page's weight: its HTML and images, with ``_static/vega-bundle.js`` (which
  every page loads) counted once, against the targets below;
* the test suite's wall time: ``make check`` (lint and the tests that build nothing) and
  ``make test`` (everything, as CI runs it), run in the measured project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the build helpers the tests use

import nbclient  # noqa: E402
import nbformat  # noqa: E402

import book  # noqa: E402
from analysis import sphinx_ext  # noqa: E402
from analysis.charts import renderer  # noqa: E402
from analysis.paths import Project  # noqa: E402

TABLE = "data/curated/unsc_vetoes.csv"
BUNDLE = "_static/vega-bundle.js"
NO_CHANGE_TARGET = 1.5  # x the floor
COLD_TARGET = 4.0  # x the floor
PAGE_TARGET = 1.5 * 1024 * 1024  # bytes, HTML + images + the vega bundle once
CHECK_TARGET = 90.0  # seconds for `make check`, on two cores
EXECUTION = re.compile(r"^(\s*execute_notebooks:\s*)\S+", re.MULTILINE)
# What every chapter's first cell pays before its own work: the kernel and the imports.
IMPORTS = (
    "import pandas as pd\n"
    "from analysis import arms, book, charts, diplomacy, findings, trade, votes\n"
    "from analysis.charts import arms, diplomacy, maps, trade, votes"
)


@dataclass
class Step:
    name: str
    seconds: float
    executed: set[str]
    ok: bool


def timed(name: str, project: Path, builder: str = "html", strict: bool = True) -> Step:
    print(f"  {name} ...", flush=True)
    start = time.perf_counter()
    result = book.build(project, builder)
    seconds = time.perf_counter() - start
    log = book.log_of(result)
    if strict and result.returncode != 0:
        raise SystemExit(f"{name}: the build failed\n{log[-6000:]}")
    print(f"  {name}: {seconds:.1f} s", flush=True)
    return Step(name, seconds, book.executed(project, log), result.returncode == 0)


@dataclass
class Breakdown:
    """What the cold build spends above the floor, measured apart."""

    per_notebook: float  # a kernel started and the chapters' imports run, one notebook
    charts: int  # interactive charts in the built site
    png: float  # rendering all their print images (SVG, PNG) again, as the build does


@dataclass
class Run:
    """A make target of the measured project, timed."""

    target: str
    seconds: float
    ok: bool


def make(target: str, source: Path) -> Run:
    print(f"  make {target} ...", flush=True)
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(source), target],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        print((result.stdout + result.stderr)[-3000:], flush=True)
    print(f"  make {target}: {seconds:.1f} s", flush=True)
    return Run(target, seconds, result.returncode == 0)


def fixed_cost() -> float:
    """Seconds to start a kernel and run the imports every chapter makes."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(IMPORTS)])
    start = time.perf_counter()
    nbclient.NotebookClient(notebook, kernel_name="python3").execute()
    return time.perf_counter() - start


def chart_specs(doctrees: Path) -> list[dict]:
    """Every chart's print specification, as the chapters' cells emitted it (the doctrees
    keep the chart nodes the builders render)."""
    specs = []
    for file in doctrees.rglob("*.doctree"):
        with file.open("rb") as stream:
            tree = pickle.load(stream)
        specs += [node["spec"] for node in tree.findall(sphinx_ext.chart)]
    return specs


def breakdown(doctrees: Path) -> Breakdown:
    specs = chart_specs(doctrees)
    start = time.perf_counter()
    for spec in specs:
        renderer.png(spec)
    return Breakdown(fixed_cost(), len(specs), time.perf_counter() - start)


class Loads(HTMLParser):
    """Local files a page loads: images, scripts, style sheets."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img" and values.get("src"):
            self.images.append(values["src"] or "")
        elif tag == "script" and values.get("src"):
            self.scripts.append(values["src"] or "")
        elif tag == "link" and "stylesheet" in (values.get("rel") or "") and values.get("href"):
            self.styles.append(values["href"] or "")


def local_file(page: Path, reference: str, site: Path) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    file = (page.parent / unquote(parts.path)).resolve()
    return file if file.is_file() and file.is_relative_to(site.resolve()) else None


def weigh(page: Path, site: Path) -> dict[str, int]:
    """Bytes of a page: its HTML, its images, the vega bundle, the other scripts and styles."""
    parser = Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    bundle = (site / BUNDLE).resolve()

    def size(references: list[str]) -> tuple[int, int]:
        files = {local_file(page, reference, site) for reference in references} - {None}
        own = sum(file.stat().st_size for file in files if file != bundle)
        return own, (bundle.stat().st_size if bundle in files else 0)

    images, _ = size(parser.images)
    scripts, vega = size(parser.scripts)
    styles, _ = size(parser.styles)
    html = page.stat().st_size
    return {
        "html": html,
        "images": images,
        "vega": vega,
        "other": scripts + styles,
        "weight": html + images + vega,
    }


def describe(source: Path, out: Path) -> str:
    """Which state of the project was measured: its commit, and whether it had changes other
    than an earlier copy of the results file being written."""
    git = ["git", "--no-optional-locks", "-C", str(source)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        return f"`{source}`"
    results = f":(exclude){out.resolve().relative_to(source.resolve())}"
    status = subprocess.run(
        [*git, "status", "--porcelain", "--", ".", results], capture_output=True, text=True
    )
    dirty = " with uncommitted changes" if status.stdout.strip() else ""
    return f"commit {head.stdout.strip()}{dirty}"


def mb(value: float) -> str:
    return f"{value / 1024 / 1024:.2f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(
    steps: dict[str, Step],
    pages: dict[str, dict[str, int]],
    costs: Breakdown,
    changed: str,
    label: str,
    suite: list[Run],
) -> str:
    floor = steps["floor"].seconds
    notebooks = steps["cold"].executed
    again = steps["table"].executed
    rows = [
        ("floor", "Sphinx build, `execute_notebooks: off`, empty `_build`", ""),
        ("cold", "cold HTML build, empty cache", f"within {COLD_TARGET:g}x the floor"),
        ("no change", "rebuild without changes", f"within {NO_CHANGE_TARGET:g}x the floor"),
        ("table", f"rebuild after a change to `{changed}`", "only its chapters executed"),
        ("pdf", "PDF build after the HTML build (cache warm)", ""),
    ]
    met = {
        "cold": steps["cold"].seconds <= COLD_TARGET * floor,
        "no change": steps["no change"].seconds <= NO_CHANGE_TARGET * floor,
        "table": bool(again) and again < notebooks and not steps["no change"].executed,
    }
    lines = [
        "# Build benchmark",
        "",
        f"Measured by `make bench` (`benchmarks/run.py`) on "
        f"{dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M')} UTC: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}; "
        f"one run of each step, in temporary copies of the project at {label}.",
        "",
        "| step | what | seconds | x floor | notebooks executed | target | |",
        "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ]
    for key, what, target in rows:
        step = steps[key]
        mark = verdict(met[key]) if key in met else ""
        lines.append(
            f"| {key} | {what} | {step.seconds:.1f} | {step.seconds / floor:.2f} | "
            f"{len(step.executed)} | {target} | {mark} |"
        )
    if not steps["floor"].ok:
        lines += [
            "",
            "The floor build reported warnings (figures without their outputs, since nothing "
            "is executed); it still read and wrote every page.",
        ]
    above = steps["cold"].seconds - floor
    fixed = costs.per_notebook * len(notebooks)
    rest = above - fixed - costs.png
    lines += [
        "",
        f"Notebooks executed by the cold build: {', '.join(sorted(notebooks)) or 'none'}.",
        "",
        f"What the cold build spends above the floor ({above:.1f} s), measured apart: "
        f"starting a kernel and running the chapters' imports takes {costs.per_notebook:.1f} s "
        f"for one notebook, {fixed:.1f} s for {len(notebooks)}; rendering the print images "
        f"of the {costs.charts} charts again (SVG and PNG at {renderer.PNG_SCALE}x, which the "
        f"HTML build writes for the site's downloads and the PDF uses) takes "
        f"{costs.png:.1f} s; the remaining {rest:.1f} s is the chapters' own work (reading "
        "and validating the tables, the analysis, building the charts). The notebooks run one "
        "after another, as Jupyter Book 1 executes them, so the first two costs grow with "
        "every chapter and chart while the floor does not.",
        "",
        f"After the change to `{changed}`, executed again: "
        f"{', '.join(sorted(again)) or 'none'}"
        f" ({len(again)} of {len(notebooks)}).",
        "",
        "## Page weight",
        "",
        "HTML and images of each chapter page, plus `_static/vega-bundle.js` once (every page "
        "loads it); the theme's other scripts and style sheets, shared by all pages and cached "
        f"by the browser, are shown apart. Target: no page above {mb(PAGE_TARGET)} MB.",
        "",
        "| page | HTML MB | images MB | vega bundle MB | weight MB | | theme scripts+CSS MB |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for name, sizes in pages.items():
        lines.append(
            f"| {name} | {mb(sizes['html'])} | {mb(sizes['images'])} | {mb(sizes['vega'])} | "
            f"{mb(sizes['weight'])} | {verdict(sizes['weight'] <= PAGE_TARGET)} | "
            f"{mb(sizes['other'])} |"
        )
    lines += [
        "",
        "## Test suite",
        "",
        "Wall time of the project's own targets: `make check` (lint and every test that does "
        "not build the book) and `make test` (everything, the book builds two at a time with "
        "pytest-xdist, as CI runs it).",
        "",
        "| target | seconds | passed | target | |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for run in suite:
        goal, mark = "", ""
        if run.target == "check":
            goal = f"within {CHECK_TARGET:g} s"
            mark = verdict(run.seconds <= CHECK_TARGET)
        passed = "yes" if run.ok else "**no**"
        lines.append(f"| `make {run.target}` | {run.seconds:.1f} | {passed} | {goal} | {mark} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=Project.discover(HERE).root, help="project to copy"
    )
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--label", help="what the copied project is (default: its git commit)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        print(f"copying {arguments.source} into {scratch}", flush=True)
        floor_copy = book.copy_project(Path(scratch) / "floor", arguments.source)
        config = floor_copy / "_config.yml"
        text, count = EXECUTION.subn(r"\1off", config.read_text(encoding="utf-8"))
        if count != 1:
            raise SystemExit(f"{config}: no single execute_notebooks setting to turn off")
        config.write_text(text, encoding="utf-8")
        project = book.copy_project(Path(scratch) / "book", arguments.source)

        steps = {"floor": timed("floor", floor_copy, strict=False)}
        steps["cold"] = timed("cold", project)
        steps["no change"] = timed("no change", project)
        book.amend_table(project / TABLE)
        steps["table"] = timed("table", project)
        steps["pdf"] = timed("pdf", project, "pdflatex")

        site = project / "_build" / "html"
        pages = {
            page: weigh(site / f"{page}.html", site)
            for page in book.toc_pages(project)
            if (site / f"{page}.html").is_file()
        }
        costs = breakdown(project / "_build" / ".doctrees")
    # After the builds, never beside them: the suite runs book builds of its own.
    suite = [make("check", arguments.source), make("test", arguments.source)]
    result = report(
        steps,
        pages,
        costs,
        TABLE,
        arguments.label or describe(arguments.source, arguments.out),
        suite,
    )
    arguments.out.write_text(result, encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main()
