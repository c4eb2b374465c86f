"""The PDF edition's front matter, metadata and short captions (fast: no book build)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.utils import new_document

from analysis import citation, latex
from analysis.citation import Citation


def book(**changes: object) -> Citation:
    fields: dict[str, object] = {
        "title": "Moscow and Damascus: Soviet and Russian Relations with Syria, 1944\u20132025",
        "authors": ("The Moscow and Damascus project",),
        "version": "0.1.0",
        "date": dt.date(2026, 11, 22),
        "licence": "CC-BY-4.0",
        "url": None,
        "abstract": "A reproducible research book on arms & trade. Every figure is computed.",
        "keywords": ("Russia", "Syria"),
    }
    return Citation(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("caption", "short"),
    [
        # Asides in brackets go, and so does what follows the first sentence.
        (
            "Soviet (to 1991) and Russian (from 1992) arms deliveries to Syria, 1966-2015, in\n"
            "SIPRI trend-indicator values (millions, 1990 prices). Bars: SIPRI's annual tables.",
            "Soviet and Russian arms deliveries to Syria, 1966-2015, "
            "in SIPRI trend-indicator values",
        ),
        # A stop, colon or semicolon inside brackets cuts nothing.
        (
            "Arms deliveries, in SIPRI trend-indicator values (TIV; millions at 1990 prices. "
            "See the notes (and the data)). Bars: tables.",
            "Arms deliveries, in SIPRI trend-indicator values",
        ),
        # Cut at the first colon or semicolon...
        (
            "What was delivered in each era, by weapon category: shares of each era's TIV.",
            "What was delivered in each era, by weapon category",
        ),
        # ...unless that would leave a word or two.
        (
            "Above: Syria's share of all Soviet/Russian arms exports. Below: the other share.",
            "Above: Syria's share of all Soviet/Russian arms exports",
        ),
        # An initial's stop does not end the sentence.
        (
            "Deliveries counted by the U.S. Army and SIPRI. Second sentence.",
            "Deliveries counted by the U.S. Army and SIPRI",
        ),
        ("One sentence without a stop", "One sentence without a stop"),
    ],
)
def test_short_caption(caption: str, short: str) -> None:
    assert latex.short_caption(caption) == short


def test_edition_line_dates_the_book_as_an_edition() -> None:
    assert latex.edition_line(book()) == "Edition 0.1.0, 22 November 2026"


def test_title_page_splits_title_and_period_and_never_says_release() -> None:
    page = latex.title_page(book())
    assert (
        r"\booktitlepage{Moscow and Damascus}"
        "{Soviet and Russian Relations with Syria, 1944\u20132025}"
        r"{The Moscow and Damascus project}{Edition 0.1.0, 22 November 2026}"
    ) in page
    assert r"\bookimprint{" in page
    assert "Release" not in page


def test_imprint_names_the_licence_and_the_citation() -> None:
    imprint = latex.imprint(book())
    assert "Creative Commons Attribution 4.0 International licence (CC BY 4.0)" in imprint
    assert r"\url{https://creativecommons.org/licenses/by/4.0/}" in imprint
    assert latex.tex(citation.plain(book())) in imprint
    assert "Web edition" not in imprint  # CITATION.cff gives no address: none is printed


def test_imprint_gives_the_web_address_when_there_is_one() -> None:
    assert r"Web edition: \url{https://example.org/book/}" in latex.imprint(
        book(url="https://example.org/book/")
    )


def test_imprint_names_an_unknown_licence_by_its_identifier() -> None:
    assert "Published under the MIT." in latex.imprint(book(licence="MIT"))


def test_metadata_escapes_text_and_takes_the_abstracts_first_sentence() -> None:
    info = latex.metadata(book(), "en")
    assert r"pdfsubject={A reproducible research book on arms \& trade.}" in info
    assert "pdfkeywords={Russia, Syria}" in info
    assert "pdftitle={Moscow and Damascus: Soviet and Russian Relations with Syria, 1944" in info
    assert "pdfauthor={The Moscow and Damascus project}" in info
    assert "pdflang={en}" in info


def document_with_web_only() -> nodes.document:
    document = new_document("test")
    paragraph = nodes.paragraph("", "")
    paragraph += nodes.Text("Read on. ")
    paragraph += latex.web_only("web-only", "", "Hover over a bar.", 1, None)[0][0]  # type: ignore[arg-type]
    document += paragraph
    document += nodes.container("", nodes.paragraph("", "Also screen only."), classes=["web-only"])
    return document


@pytest.mark.parametrize(("format", "kept"), [("latex", "Read on. "), ("html", None)])
def test_web_only_text_is_dropped_from_all_but_the_web(format: str, kept: str | None) -> None:
    document = document_with_web_only()
    before = document.astext()
    builder = SimpleNamespace(format=format)
    document.settings.env = SimpleNamespace(app=SimpleNamespace(builder=builder))
    transform = latex.DropWebOnly(document)
    if transform.is_supported():
        transform.run()
    assert document.astext() == (kept if kept is not None else before)
