"""Build the whole book from a clean copy and check what a reader gets (marker: build)."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from book import NOTEBOOK, build, built, log_of, small_project, toc_pages

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
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(?:@import\s+|url\(\s*)["']?\s*(?:https?:)?//""", re.IGNORECASE)


def title_of(page: Path) -> str:
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(f"{page} has no top-level heading")


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
        title = title_of(book / f"{page}.md")
        assert title in flat, f"chapter title {title!r} not in the PDF"

    charts = 0
    for page in (book / "_build" / "html").rglob("*.html"):
        parser = RemoteLoads()
        parser.feed(page.read_text(encoding="utf-8"))
        charts += parser.charts
    assert charts > 0
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    images = [row for row in listing if row.split()[2] == "image"]
    assert len(images) >= charts, f"{len(images)} images in the PDF for {charts} charts"


def test_a_failing_cell_fails_the_build(tmp_path: Path) -> None:
    """The strict configuration turns a raising cell into a failed build with its traceback."""
    cell = "```{code-cell} ipython3\nraise RuntimeError('this cell fails on purpose')\n```\n"
    project = small_project(tmp_path / "broken", {"broken": f"{NOTEBOOK}# Broken\n\n{cell}"})
    result = build(project, "html")
    assert result.returncode != 0
    assert "this cell fails on purpose" in log_of(result)
