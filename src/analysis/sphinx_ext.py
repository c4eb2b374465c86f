"""Sphinx glue for the book: the offline chart bundle, the edition and the build's date, data
text kept from smart quotes, and foreign-script roles.

Loaded through ``sphinx.extra_extensions`` in ``_config.yml``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from analysis import citation, tables
from analysis.charts import renderer

BUNDLE = "vega-bundle.js"
GLUED_TEXT = "pasted-text"  # the class MyST-NB gives the text a {glue:text} role pastes
# Scripts set by role name: (BCP 47 tag, writing direction, polyglossia language).
LANGUAGES: dict[str, tuple[str, str, str]] = {
    "arabic": ("ar", "rtl", "arabic"),
    "russian": ("ru", "ltr", "russian"),
}


class foreign(nodes.inline):  # docutils node classes are lower case
    """Text in another language and script, set by the right font and direction."""


def _visit_html(self: HTML5Translator, node: foreign) -> None:
    tag, direction, _ = LANGUAGES[node["language"]]
    self.body.append(f'<span lang="{tag}" dir="{direction}">')


def _depart_html(self: HTML5Translator, node: foreign) -> None:
    self.body.append("</span>")


def _visit_latex(self: LaTeXTranslator, node: foreign) -> None:
    self.body.append(rf"\text{LANGUAGES[node['language']][2]}{{")


def _depart_latex(self: LaTeXTranslator, node: foreign) -> None:
    self.body.append("}")


def _role(language: str) -> Callable[..., tuple[list[nodes.Node], list[nodes.system_message]]]:
    def role(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Inliner,
        options: dict[str, Any] | None = None,
        content: list[str] | None = None,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [foreign(rawtext, text, language=language)], []

    return role


def keep_data_text(document: nodes.Node) -> None:
    """Keep smart quotes off text that comes from data (the bodies of data tables, glued
    text): typographic quotes and dashes would change what the data says, e.g. ``--``
    in a name or a quoted title. Sphinx's SmartQuotes skips an element marked so."""
    for node in document.findall(nodes.Element):
        classes = node.get("classes", [])
        if tables.DATA_CLASS in classes:
            for body in node.findall(nodes.tbody):
                body["support_smartquotes"] = False
        elif GLUED_TEXT in classes:
            node["support_smartquotes"] = False


class KeepDataText(SphinxTransform):
    """Runs :func:`keep_data_text` before Sphinx's SmartQuotes (priority 750)."""

    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        keep_data_text(self.document)


def _set_edition(app: Sphinx, config: Config) -> None:
    """Date the build by the edition's release unless the caller chose a date: the chapters'
    kernels, Sphinx and the LaTeX run (FORCE_SOURCE_DATE makes TeX and xdvipdfmx use it for
    the PDF's dates and /ID) then give the same book on any day."""
    cff = Path(app.confdir) / "CITATION.cff"
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(citation.release_epoch(cff)))
    os.environ.setdefault("FORCE_SOURCE_DATE", "1")
    book = citation.edition(cff)
    config.version = config.release = book.version
    config.today = book.date.isoformat()


def _write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the chart library into the built site on every HTML build.

    Written after Sphinx copies static files, so an incremental build never keeps a stale
    copy of it.
    """
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / BUNDLE).write_text(renderer.javascript_bundle(), encoding="utf-8")


def _unique_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Drop repeated script tags: Sphinx 7.4 lists body-only scripts twice (once with the
    filename None, once with ''), and the second copy of the thebe script re-declares a
    constant, a JavaScript error on every page."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        key = (str(script.filename or ""), tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        foreign,
        html=(_visit_html, _depart_html),
        latex=(_visit_latex, _depart_latex),
    )
    for language in LANGUAGES:
        app.add_role(language, _role(language))
    app.add_transform(KeepDataText)
    app.add_js_file(BUNDLE)
    app.connect("config-inited", _set_edition)
    app.connect("build-finished", _write_bundle)
    app.connect("html-page-context", _unique_scripts)
    app.setup_extension("analysis.book_cache")
    app.setup_extension("analysis.build_state")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
