"""Build the whole book from a clean copy and check what a reader gets (marker: build)."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis import edition, tables
from analysis.paths import Project
from book import CHECKOUT, NOTEBOOK, build, built, copy_project, log_of, small_project, toc_pages

pytestmark = pytest.mark.build

PDF_NAME = "russia-syria-relations.pdf"
# Elements and attributes through which a page can load something.
LOADING = {
    "script": "src",
    "link": "href",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
# What smart quotes make of quotes, dashes and ellipses; the data has none of them.
TYPOGRAPHIC = frozenset("\u2018\u2019\u201c\u201d\u2013\u2014\u2026")
YEAR_RANGE = re.compile(r"\d{2,4}\u2013\d{2,4}")
SAID = 'He said "no" -- twice...'
QUOTING = (
    "# Quotes\n\n```{code-cell} ipython3\n:tags: [remove-input]\n"
    "from IPython.display import Markdown\nfrom myst_nb import glue\nfrom analysis import tables\n"
    f"glue('said', {SAID!r}, display=False)\n"
    f"Markdown(tables.list_table(('Who', 'Said'), [(\"Ann's\", {SAID!r})], caption='Words',"
    " name='tab-said', widths=(1, 1)))\n```\n\n"
    'Prose says "yes" -- once... and {glue:text}`said`.\n'
)
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:@import\s+|url\(\s*)["']?\s*(?:https?:)?//""", re.IGNORECASE)


def title_of(page: Path) -> str:
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{page} has no top-level heading")


class DataCells(HTMLParser):
    """The text of every body cell of the data tables (class ``tables.DATA_CLASS``), links
    left out: a citation's text comes from the bibliography, which may use dashes."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._depth = 0  # tables open, counting from the outermost data table
        self._body = self._cell = False
        self._links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and (self._depth or tables.DATA_CLASS in classes):
            self._depth += 1
        elif self._depth and tag == "tbody":
            self._body = True
        elif self._body and tag == "td":
            self._cell = True
            self.cells.append("")
        elif tag == "a":
            self._links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._depth:
            self._depth -= 1
        elif tag == "tbody":
            self._body = False
        elif tag == "td":
            self._cell = False
        elif tag == "a" and self._links:
            self._links -= 1

    def handle_data(self, data: str) -> None:
        if self._cell and not self._links:
            self.cells[-1] += data


class RemoteLoads(HTMLParser):
    """Collects every attribute through which a page would load something from outside."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.charts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "vega-chart" in (values.get("class") or "").split():
            self.charts += 1
        attribute = LOADING.get(tag)
        url = values.get(attribute or "") or ""
        if attribute and REMOTE.match(url):
            self.found.append(f"<{tag} {attribute}={url}>")
        style = values.get("style") or ""
        if CSS_REMOTE.search(style):
            self.found.append(f"<{tag} style={style}>")


@pytest.fixture(scope="module")
def book(html_book: Path) -> Path:
    """The session's clean HTML build, with the PDF built beside it."""
    built(html_book, "pdflatex")
    return html_book


def test_every_toc_page_is_built(book: Path) -> None:
    for page in toc_pages(book):
        assert (book / "_build" / "html" / f"{page}.html").is_file(), page


def test_no_page_loads_anything_from_outside(book: Path) -> None:
    site = book / "_build" / "html"
    offenders = []
    for page in site.rglob("*.html"):
        parser = RemoteLoads()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site)}: {item}" for item in parser.found]
    for sheet in site.rglob("*.css"):
        if CSS_REMOTE.search(sheet.read_text(encoding="utf-8", errors="replace")):
            offenders.append(f"{sheet.relative_to(site)} imports or loads a remote URL")
    assert not offenders, "\n".join(offenders)


def test_pdf_has_every_chapter_and_every_chart(book: Path) -> None:
    pdf = book / "_build" / "latex" / PDF_NAME
    assert pdf.is_file() and pdf.stat().st_size > 0
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    assert pages > 1
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for page in toc_pages(book)[1:]:
        # A title may end in glued years ("The Assad era, {glue:text}`era_years`"): its text
        # before the first role is what the source says word for word.
        title = title_of(book / f"{page}.md").split("{")[0].strip(" ,")
        assert title in flat, f"chapter title {title!r} not in the PDF"
    # The executive summary is printed once, at the front (the landing page's text).
    assert flat.count("Executive summary") == 1

    charts = 0
    for page in (book / "_build" / "html").rglob("*.html"):
        parser = RemoteLoads()
        html = page.read_text(encoding="utf-8")
        parser.feed(html)
        # A web-only figure (the landing page's chart, drawn again from a chapter) holds
        # one chart and is left out of the PDF.
        charts += parser.charts - len(re.findall(r'<figure class="web-only\b', html))
    assert charts > 0
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    images = [row for row in listing if row.split()[2] == "image"]
    assert len(images) >= charts, f"{len(images)} images in the PDF for {charts} charts"


def test_two_pdf_builds_in_different_folders_are_byte_identical(book: Path, tmp_path: Path) -> None:
    """Dated by the edition's release, not the clock, and without the folder's path: the
    session's PDF (built after the HTML) and a cold PDF build of a copy elsewhere."""
    other = copy_project(tmp_path / "elsewhere" / "copy", CHECKOUT)
    built(other, "pdflatex")
    first, second = (copy / "_build" / "latex" / PDF_NAME for copy in (book, other))
    info = subprocess.run(
        ["pdfinfo", "-isodates", str(first)], capture_output=True, text=True, check=True
    ).stdout
    released = dt.datetime.fromtimestamp(edition.load(Project(book).edition).epoch, dt.UTC)
    assert re.search(rf"^CreationDate:\s+{released:%Y-%m-%dT%H:%M:%S}", info, re.MULTILINE), info
    assert first.read_bytes() == second.read_bytes()


def test_a_failing_cell_fails_the_build(tmp_path: Path) -> None:
    """The strict configuration turns a raising cell into a failed build with its traceback."""
    cell = "```{code-cell} ipython3\nraise RuntimeError('this cell fails on purpose')\n```\n"
    project = small_project(tmp_path / "broken", {"broken": f"{NOTEBOOK}# Broken\n\n{cell}"})
    result = build(project, "html")
    assert result.returncode != 0
    assert "this cell fails on purpose" in log_of(result)


def test_smart_quotes_leave_data_as_written_and_typeset_the_prose(tmp_path: Path) -> None:
    project = small_project(tmp_path / "quotes", {"quotes": NOTEBOOK + QUOTING})
    built(project, "html")
    page = html.unescape((project / "_build" / "html" / "quotes.html").read_text("utf-8"))
    assert "\u201cyes\u201d \u2013 once\u2026" in page, "the prose keeps typographic quotes"
    assert page.count(SAID) == 2, "the glued text and the table cell are as written"
    assert "Ann's" in page


def test_the_book_data_tables_show_the_data_as_written(html_book: Path) -> None:
    cells = []
    for page in (html_book / "_build" / "html").rglob("*.html"):
        parser = DataCells()
        parser.feed(page.read_text(encoding="utf-8"))
        cells += parser.cells
    assert any("'" in cell for cell in cells), "no apostrophe in any data cell"
    # Year ranges the book writes itself (analysis.eras.year_range) carry an en
    # dash on purpose; smart quotes would make one only of a double hyphen.
    altered = [cell for cell in cells if TYPOGRAPHIC & set(YEAR_RANGE.sub("", cell))]
    assert not altered, altered[:5]
