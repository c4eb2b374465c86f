"""Tables show data as text: markup in a cell is escaped, never rendered."""

from __future__ import annotations

from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser
from sphinx.util.nodes import is_smartquotable

from analysis import sphinx_ext, tables

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


def test_smart_quotes_skip_the_data_but_not_the_caption_or_header() -> None:
    source = tables.list_table(
        ("Who", "Note"),
        [("Ann's", 'He said "no" -- twice...')],
        caption='A "quoted" caption',
        name="tab-q",
        widths=(1, 1),
    )
    tree = doctree(source)
    sphinx_ext.keep_data_text(tree)
    body = next(tree.findall(nodes.tbody))
    data = list(body.findall(nodes.Text))
    assert {text.astext() for text in data} == {"Ann's", 'He said "no" -- twice...'}
    assert not any(is_smartquotable(text) for text in data)
    written = [t for t in tree.findall(nodes.Text) if not any(t is d for d in data)]
    assert {"Who", "Note", 'A "quoted" caption'} <= {text.astext() for text in written}
    assert all(is_smartquotable(text) for text in written)


def test_smart_quotes_skip_glued_text_but_not_the_prose_around_it() -> None:
    glued = nodes.inline("", 'it "is" -- so', classes=[sphinx_ext.GLUED_TEXT])
    paragraph = nodes.paragraph("", "", nodes.Text('prose "here" '), glued)
    tree = doctree("")
    tree += paragraph
    sphinx_ext.keep_data_text(tree)
    prose, value = paragraph.findall(nodes.Text)
    assert is_smartquotable(prose)
    assert not is_smartquotable(value)
