"""The PDF edition: a title page and imprint written from the edition, the document's
metadata, short entries in the list of figures, and text meant for the web left out.

The page design itself (fonts aside) is LaTeX, in ``bookdesign.sty`` beside this module;
``setup`` has Sphinx copy it next to the ``.tex`` file and load it after hyperref.

Text that only makes sense on screen ("hover over a bar") is marked for the web edition:
inline with the role ``{web-only}`text```, a block with ``{only} html`` (Sphinx's own
directive) or any element given the class ``web-only``. The LaTeX build drops all three.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape
from sphinx.writers.latex import LaTeXTranslator

from analysis import citation
from analysis.citation import Citation
from analysis.paths import Project

STYLE = Path(__file__).with_name("bookdesign.sty")
WEB_ONLY = "web-only"
# How Sphinx's escaping writes "-" (no ligature with a following hyphen).
HYPHEN = r"\sphinxhyphen{}"
# Licences the imprint can name in full, by their SPDX identifier (as CITATION.cff gives it).
LICENCES = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International licence (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
}
# A short caption cut at a colon keeps at least this many words.
MIN_WORDS = 4
# An aside in round brackets, with the space before it.
_ASIDE = re.compile(r"\s*\([^()]*\)")
# The end of a first sentence: a full stop, question or exclamation mark followed by the
# next sentence's capital (or the end); not the stop of an initial such as "U.S." or "M.".
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])[.!?](?=\s+[A-Z(\[]|\s*$)")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` with its lines joined (all of it if it has one)."""
    flat = " ".join(text.split())
    end = _SENTENCE_END.search(flat)
    return flat[: end.end()] if end else flat


def short_caption(caption: str) -> str:
    """A figure's entry in the list of figures: its caption's first sentence up to the first
    colon or semicolon (unless that leaves a word or two, as "Above:" does), without asides
    in brackets or the closing stop."""
    bare = caption
    while (shorter := _ASIDE.sub("", bare)) != bare:  # innermost brackets first
        bare = shorter
    sentence = first_sentence(bare)
    head = re.split(r"[:;]", sentence, maxsplit=1)[0]
    if len(head.split()) < MIN_WORDS:
        head = sentence
    return re.sub(r"\s+([,.])", r"\1", head).strip(" ,.")


def edition_line(book: Citation) -> str:
    """How the title page and the imprint date the book: "Edition 0.1.0, 22 November 2026"."""
    return f"Edition {book.version}, {book.date.day} {book.date:%B %Y}"


def tex(text: str) -> str:
    """``text`` escaped for XeLaTeX. Sphinx fills its table of escapes when the LaTeX builder
    starts, after the configuration hook that writes the title page: filled here first."""
    texescape.init()
    return texescape.escape(text, "xelatex")


def title_page(book: Citation) -> str:
    """The title page (the title's period in the subtitle) and the imprint on its verso."""
    title, _, subtitle = book.title.partition(": ")
    return "\n".join(
        [
            rf"\booktitlepage{{{tex(title)}}}{{{tex(subtitle)}}}"
            rf"{{{tex(', '.join(book.authors))}}}{{{tex(edition_line(book))}}}",
            rf"\bookimprint{{{imprint(book)}}}",
        ]
    )


def imprint(book: Citation) -> str:
    """The imprint's paragraphs in LaTeX: title and edition, licence, how to cite, where the
    web edition is (when CITATION.cff gives its address)."""
    name, address = LICENCES.get(book.licence, (book.licence, ""))
    licence = rf"Published under the {tex(name)}" + (rf", \url{{{address}}}" if address else "")
    paragraphs = [
        rf"\textbf{{{tex(book.title)}}}\\ {tex(edition_line(book))}",
        rf"{licence}.",
        rf"Please cite this edition as:\\ {tex(citation.plain(book))}",
    ]
    if book.url:
        paragraphs.append(rf"Web edition: \url{{{book.url}}}")
    return "\n\n".join(paragraphs)


def metadata(book: Citation, language: str) -> str:
    """The PDF's information dictionary: title, authors, subject (the abstract's first
    sentence), keywords and language."""
    fields = {
        "pdftitle": book.title,
        "pdfauthor": "; ".join(book.authors),
        "pdfsubject": first_sentence(book.abstract),
        "pdfkeywords": ", ".join(book.keywords),
    }
    # Hyphens as they are: hyperref's PDF strings take no \sphinxhyphen.
    entries = ",\n  ".join(
        f"{key}={{{tex(value).replace(HYPHEN, '-')}}}" for key, value in fields.items()
    )
    return f"\\hypersetup{{\n  {entries},\n  pdflang={{{language}}}\n}}"


def _configure(app: Sphinx, config: Config) -> None:
    """Front matter and metadata from the edition (after analysis.sphinx_ext set the title)."""
    book = citation.of(Project(Path(app.confdir)))
    config.latex_elements = {
        **config.latex_elements,
        "maketitle": title_page(book),
        "preamble": config.latex_elements.get("preamble", "")
        + "\n"
        + metadata(book, config.language or "en"),
    }
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]


def _visit_caption(self: LaTeXTranslator, node: nodes.caption) -> None:
    """A figure's caption with its short form (``short_caption``) in the list of figures."""
    if isinstance(node.parent, nodes.figure) and not (self.in_minipage or self.table):
        self.in_caption += 1
        self.body.append(rf"\caption[{{{self.encode(short_caption(node.astext()))}}}]{{")
    else:
        LaTeXTranslator.visit_caption(self, node)


def web_only(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{web-only}`text```: words the web edition shows and the PDF leaves out."""
    return [nodes.inline(rawtext, text, classes=[WEB_ONLY])], []


class DropWebOnly(SphinxPostTransform):
    """Removes the elements marked ``web-only`` from every edition but the web's."""

    default_priority = 200

    def is_supported(self) -> bool:
        return self.app.builder.format != "html"

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if WEB_ONLY in node.get("classes", ()) and node.parent is not None:
                node.parent.remove(node)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _configure, priority=960)
    app.add_latex_package(STYLE.stem, after_hyperref=True)
    app.add_node(
        nodes.caption, override=True, latex=(_visit_caption, LaTeXTranslator.depart_caption)
    )
    app.add_role(WEB_ONLY, web_only)
    app.add_post_transform(DropWebOnly)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
