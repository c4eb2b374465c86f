"""The PDF edition as a reader gets it: front matter, page design, metadata, bibliography
(marker: build; one PDF build of a clean copy for the whole module)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from analysis import bibstyle, citation
from analysis.citation import Citation
from analysis.paths import Project

pytestmark = pytest.mark.build

ROOT = Project.discover(Path(__file__).parent).root
NAME = "russia-syria-relations"
# Lines running into the margin by up to this much are invisible in print.
OVERFULL_TOLERANCE = 5.0
_OVERFULL = re.compile(r"^Overfull \\hbox \((?P<points>[\d.]+)pt too wide\)(?P<where>.*)$", re.M)
_ROMAN = re.compile(r"^[ivxlc]+$")
# A label in LaTeX: text and braced groups such as \sphinxhyphen{} or {]}.
_LABEL = r"(?P<label>(?:[^\]{}]|\{[^{}]*\})*)"
_BIBITEM = re.compile(rf"\\bibitem\[{_LABEL}\]\{{(?P<target>[^}}]+)\}}")
_CITED = re.compile(rf"\\hyperlink\{{cite\.(?P<target>[^}}]+)\}}\{{{_LABEL}\}}")
_CITATION_GROUP = re.compile(r"\\DUrole\{bibtex-citation\}\{(?P<open>.)")
# A textual citation, "Lund (2019a)": the author outside the link, the year inside it.
_TEXTUAL = re.compile(
    r"\\DUrole\{bibtex-citation\}\{(?P<author>[^(\\{}]+?) "
    r"\(\\hyperlink\{cite\.(?P<target>[^}]+)\}\{(?P<year>[^}]+)\}\)\}"
)
# What Sphinx's LaTeX writer makes of a label's characters, undone to compare with the text.
_TEX = {r"\sphinxhyphen{}": "-", "{[}": "[", "{]}": "]", r"\&": "&", r"\_": "_", r"\#": "#"}


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The LaTeX output folder of a strict PDF build of a clean copy of the project."""
    import book  # tests/book.py; imported here so that collecting the fast tests never loads it

    project = book.copy_project(tmp_path_factory.mktemp("pdf-book") / "project", ROOT)
    book.built(project, "pdflatex")
    return project / "_build" / "latex"


@pytest.fixture(scope="module")
def log(latex: Path) -> str:
    return (latex / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def pdf(latex: Path) -> PdfReader:
    return PdfReader(latex / f"{NAME}.pdf")


@pytest.fixture(scope="module")
def edition() -> Citation:
    return citation.of(Project(ROOT))


def text_of(pdf: PdfReader, index: int) -> str:
    """A page's words, one space between each (line breaks are the layout's, not the text's)."""
    return " ".join(pdf.pages[index].extract_text().split())


def front_matter(pdf: PdfReader) -> list[str]:
    """The page labels before the first arabic one."""
    labels = list(pdf.page_labels)
    return labels[: next(i for i, label in enumerate(labels) if label.isdigit())]


def untex(label: str) -> str:
    for tex, plain in _TEX.items():
        label = label.replace(tex, plain)
    return label


def test_no_line_runs_into_the_margin(log: str) -> None:
    wide = [m for m in _OVERFULL.finditer(log) if float(m["points"]) > OVERFULL_TOLERANCE]
    assert not wide, "\n".join(m.group(0) for m in wide)


def test_every_figure_fits_its_page(log: str) -> None:
    assert "Float too large for page" not in log


def test_the_running_head_fits_its_height(log: str) -> None:
    assert "\\headheight is too small" not in log


def test_every_character_has_a_glyph(log: str) -> None:
    """Text in a script the main font lacks (Arabic outside its language switch) prints as
    nothing: XeLaTeX only notes it in the log."""
    missing = sorted(set(re.findall(r"^Missing character: There is no (\S+)", log, re.M)))
    assert missing == []


def test_front_matter_is_numbered_in_roman_and_chapters_from_1(pdf: PdfReader) -> None:
    labels = list(pdf.page_labels)
    front = front_matter(pdf)
    # Title page, imprint, contents, list of figures at least.
    assert len(front) >= 4
    assert all(_ROMAN.match(label) for label in front), front
    assert labels[len(front) :] == [str(n) for n in range(1, len(labels) - len(front) + 1)]


def test_title_page_and_imprint_name_the_edition(pdf: PdfReader, edition: Citation) -> None:
    title_page, imprint = text_of(pdf, 0), text_of(pdf, 1)
    heading, _, period = edition.title.partition(": ")
    edition_line = f"Edition {edition.version}, {edition.date.day} {edition.date:%B %Y}"
    for words in (heading, period, *edition.authors, edition_line):
        assert words in title_page
    assert "Release" not in title_page + imprint
    assert "CC BY 4.0" in imprint
    assert citation.plain(edition) in imprint
    assert edition_line in imprint
    if edition.url:
        assert edition.url in imprint


def test_list_of_figures_is_short(pdf: PdfReader) -> None:
    front = front_matter(pdf)
    starts = [i for i in range(len(front)) if text_of(pdf, i).startswith("List of Figures")]
    assert len(starts) == 1
    assert len(front) - starts[0] <= 2


def test_pdf_metadata_describes_the_book(pdf: PdfReader, edition: Citation) -> None:
    info = pdf.metadata
    assert info is not None
    assert info.title == edition.title
    assert info.author == "; ".join(edition.authors)
    assert info.subject and info.subject in " ".join(edition.abstract.split())
    assert info["/Keywords"] == ", ".join(edition.keywords)


def test_bibliography_is_a_to_z_by_the_labels_the_text_cites(latex: Path) -> None:
    tex = (latex / f"{NAME}.tex").read_text(encoding="utf-8")
    entries = {m["target"]: untex(m["label"]) for m in _BIBITEM.finditer(tex)}
    labels = list(entries.values())
    assert labels, "no bibliography entries in the LaTeX"
    assert not [label for label in labels if label.isdigit()], "numbered entries"
    assert len(set(labels)) == len(labels)
    keys = [bibstyle.sort_key(label) for label in labels]
    assert keys == sorted(keys)
    textual = [(m["target"], untex(f"{m['author']} {m['year']}")) for m in _TEXTUAL.finditer(tex)]
    parenthetical = _TEXTUAL.sub("", tex)
    cited = [(m["target"], untex(m["label"])) for m in _CITED.finditer(parenthetical)]
    assert cited
    assert [(t, label) for t, label in cited + textual if entries.get(t) != label] == []
    # every other citation is in round brackets
    assert {m["open"] for m in _CITATION_GROUP.finditer(parenthetical)} == {"("}
