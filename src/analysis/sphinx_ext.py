"""Sphinx glue for the book: charts per builder, the offline chart bundle, the edition and
the build's date, data text kept from smart quotes, foreign-script roles, and the fixes to
the HTML that the theme and docutils get wrong for accessibility or page weight.

Loaded through ``sphinx.extra_extensions`` in ``_config.yml``; ``ChartMime`` is MyST-NB's
renderer for the book's chart mime type (entry point ``myst_nb.mime_renderers`` in
``pyproject.toml``).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from markupsafe import Markup
from myst_nb.core.render import MimeData, NbElementRenderer
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

from analysis import citation, edition, registry, tables
from analysis.charts import renderer
from analysis.paths import Project

LOGGER = logging.getLogger(__name__)
BUNDLE = "vega-bundle.js"
# Where the HTML site offers each figure's files: data, metadata, vector and print image.
FIGURES = "figures"
GLUED_TEXT = "pasted-text"  # the class MyST-NB gives the text a {glue:text} role pastes
# The theme's icon script (1.45 MB), which the book's layout (templates/layout.html) leaves
# out of every page: it only swaps icon elements for inline SVG, and the theme's stylesheet
# draws the same icons from its web font.
ICON_SCRIPT = "scripts/fontawesome.js"
TEMPLATES = Path(__file__).with_name("templates")
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


def _visit_citation_html(self: HTML5Translator, node: nodes.citation) -> None:
    """A bibliography entry as docutils writes it, but a list item: docutils marks it
    ``doc-biblioentry``, a role ARIA 1.2 (DPUB) has deprecated, inside a ``list``, which
    then has no item a screen reader can count."""
    type(self).visit_citation(self, node)
    self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')


def without_icon_script(page: str) -> Markup:
    """HTML less the ``<script>`` elements that load ``ICON_SCRIPT`` (with or without a
    query string): a Jinja filter for the book's templates."""
    source = re.escape(ICON_SCRIPT)
    pattern = rf'<script\b[^>]*\bsrc="[^"]*{source}(?:\?[^"]*)?"[^>]*>\s*</script>\s*'
    return Markup(re.sub(pattern, "", str(page)))


class chart(nodes.General, nodes.Element):  # docutils node classes are lower case
    """A chart cell's output: the figure's name, Vega-Lite spec and metadata, the same for
    every builder until ``RenderCharts`` renders it for the one that writes."""


class ChartMime:
    """MyST-NB renders the book's chart mime type as a ``chart`` node, for every builder."""

    mime_priority_overrides: ClassVar[list[tuple[str, str, int | None]]] = [("*", renderer.MIME, 1)]

    @staticmethod
    def handle_mime(
        nb_renderer: NbElementRenderer, data: MimeData, inline: bool
    ) -> list[nodes.Element] | None:
        if data.mime_type != renderer.MIME:
            return None
        content = data.content if isinstance(data.content, dict) else json.loads(data.string)
        return [chart(**content)]


def _cached(file: Path, make: Callable[[], bytes]) -> Path:
    """``file``, made by ``make`` unless an earlier build made it (written whole or not
    at all, so an interrupted build leaves no half image behind)."""
    if not file.is_file():
        file.parent.mkdir(parents=True, exist_ok=True)
        partial = file.with_name(f"{file.name}.partial")
        partial.write_bytes(make())
        partial.replace(file)
    return file


def print_svg(app: Sphinx, spec: dict[str, Any]) -> Path:
    """The chart's print SVG, made once per specification and kept beside the doctrees,
    so that the HTML and LaTeX builds of one book draw it once between them."""
    file = Path(app.doctreedir) / "charts" / f"{renderer.digest(spec)}.svg"
    return _cached(file, lambda: renderer.svg(spec).encode())


def print_png(app: Sphinx, spec: dict[str, Any]) -> Path:
    """The chart's print PNG, made from its print SVG and kept beside it."""
    vector = print_svg(app, spec)
    return _cached(
        vector.with_suffix(".png"), lambda: renderer.raster(vector.read_text(encoding="utf-8"))
    )


def licence(project: Project, citations: list[str]) -> str:
    """The licence line of a figure's files: the book's licence for the figure and its
    table, and the terms of the registered sources the figure's rows cite."""
    book = citation.of(project)
    terms = {
        f"{source.producer}: {source.licence}"
        for source in registry.load(project.registry)
        if set(citations) & {key.strip() for key in source.citation.split(";")}
    }
    underlying = f"; underlying data: {'; '.join(sorted(terms))}" if terms else ""
    return f"{book.licence} ({book.title}){underlying}"


def _downloads(app: Sphinx, node: chart) -> dict[str, str]:
    """Write the figure's files into the site: its data (the CSV ``charts.export`` wrote for
    the caption's link when the cell ran), their metadata, and the print SVG and PNG.
    Returns the path in the site of each file a reader is offered beside the chart (the
    caption already links the data), by label."""
    project = Project(Path(app.confdir))
    name = node["name"]
    folder = Path(app.outdir) / FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    table = project.figure_data / f"{name}.csv"
    if table.is_file():
        shutil.copyfile(table, folder / f"{name}.csv")
    else:
        LOGGER.warning(f"figure {name}: no data table at {table}", location=node)
    metadata = node["metadata"]
    sidecar = {
        **metadata,
        "data": f"{name}.csv",
        "licence": licence(project, metadata["citations"]),
    }
    (folder / f"{name}.json").write_text(
        json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    shutil.copyfile(print_svg(app, node["spec"]), folder / f"{name}.svg")
    shutil.copyfile(print_png(app, node["spec"]), folder / f"{name}.png")
    offered = {"SVG": "svg", "PNG (print)": "png", "Metadata (JSON)": "json"}
    return {label: f"{FIGURES}/{name}.{suffix}" for label, suffix in offered.items()}


class RenderCharts(SphinxPostTransform):
    """Each chart for the builder that writes: the interactive chart and the figure's files
    for HTML, the print image for LaTeX, the description for any other."""

    default_priority = 5  # after MyST-NB's SelectMimeType (4) has kept the chart

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(chart)):
            node.replace_self(self.rendered(node))

    def rendered(self, node: chart) -> nodes.Element:
        builder = self.app.builder
        description = node["spec"].get("description", node["name"])
        if builder.format == "html":
            page = posixpath.dirname(builder.get_target_uri(self.env.docname))
            links = " · ".join(
                f'<a href="{html.escape(posixpath.relpath(path, page or "."))}">{label}</a>'
                for label, path in _downloads(self.app, node).items()
            )
            fragment = f'{renderer.html(node["spec"])}\n<p class="chart-files">{links}</p>'
            return nodes.raw("", fragment, format="html")
        if builder.format == "latex":
            # Registered with the builder, which copies it into the LaTeX folder by that name.
            image = str(print_png(self.app, node["spec"]))
            builder.images[image] = f"{node['name']}.png"
            return nodes.image(uri=image, candidates={"*": image}, alt=description)
        return nodes.paragraph(text=description)


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
    """Title (with the period the record covers), version and date from the edition file.
    The PDF's title follows: Sphinx derives the default ``latex_documents`` from ``project``
    when Jupyter Book reads it, after this hook. Builds are dated by the edition's date
    unless the caller chose one: the chapters' kernels, Sphinx and the LaTeX run
    (FORCE_SOURCE_DATE makes TeX and xdvipdfmx use it for the PDF's dates and /ID) then give
    the same book on any day."""
    project = Project(Path(app.confdir))
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(edition.load(project.edition).epoch))
    os.environ.setdefault("FORCE_SOURCE_DATE", "1")
    book = citation.of(project)
    config.project = config.html_title = book.title
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


def _add_filters(app: Sphinx) -> None:
    """Give the HTML templates the book's Jinja filters."""
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["without_icon_script"] = without_icon_script


def _add_templates(app: Sphinx, config: Any) -> None:
    """Put the book's theme overrides (``TEMPLATES``: the layout without the icon script, the
    search button named by its text) first on the template path, so that any project using
    this extension gets them together with the removal of the script they stop loading."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def _drop_icon_script(app: Sphinx, exception: Exception | None) -> None:
    """Leave the theme's icon script (and its source map) out of the site: no page loads it."""
    if exception is None and app.builder.format == "html":
        for file in (Path(app.outdir) / "_static").glob(f"{ICON_SCRIPT}*"):
            file.unlink()


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
    app.add_node(nodes.citation, override=True, html=(_visit_citation_html, None))
    app.add_node(chart)
    app.add_post_transform(RenderCharts)
    app.add_transform(KeepDataText)
    app.add_js_file(BUNDLE)
    # After sphinx-external-toc (900) has made the TOC's root the root document: the LaTeX
    # documents default to the root document, read here for the first time.
    app.connect("config-inited", _set_edition, priority=950)
    app.connect("build-finished", _write_bundle)
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_filters)
    app.connect("build-finished", _drop_icon_script)
    app.connect("html-page-context", _unique_scripts)
    app.setup_extension("analysis.book_cache")
    app.setup_extension("analysis.bibstyle")
    app.setup_extension("analysis.latex")
    app.setup_extension("analysis.build_state")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
