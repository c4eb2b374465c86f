"""Tables show data as text: markup in a cell is escaped, never rendered."""

from __future__ import annotations

from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from analysis import tables

EVIL = '<script>alert("x")</script> **bold** [link](http://example.com) {cite}`k` `code`'


def doctree(text: str) -> nodes.document:
    settings = {"report_level": 5, "myst_enable_extensions": ["colon_fence"]}
    return publish_doctree(text, parser=Parser(), settings_overrides=settings)


def test_markup_in_a_cell_is_shown_as_text() -> None:
    source = tables.list_table(
        ("Title", "Note"), [(EVIL, "plain")], caption="Escaping <b>", name="tab-x", widths=(1, 1)
    )
    tree = doctree(source)
    assert not list(tree.findall(nodes.raw))
    assert not list(tree.findall(nodes.strong))
    assert not list(tree.findall(nodes.reference))
    assert not list(tree.findall(nodes.literal))
    texts = [cell.astext() for cell in tree.findall(nodes.entry)]
    assert EVIL in texts
    assert tree.next_node(nodes.title).astext() == "Escaping <b>"


def test_markup_written_by_the_code_passes_through() -> None:
    source = tables.list_table(
        ("A",), [(tables.Markup("**kept**"),)], caption="c", name="tab-y", widths=(1,)
    )
    assert list(doctree(source).findall(nodes.strong))


def test_line_breaks_in_data_cannot_end_the_table() -> None:
    source = tables.list_table(
        ("A", "B"), [("one\n:::\n# heading", "two")], caption="c", name="tab-z", widths=(1, 1)
    )
    tree = doctree(source)
    assert not list(tree.findall(nodes.section))
    assert len(list(tree.findall(nodes.entry))) == 4
