"""A build shows what changed since its own builder's last good build (``build_state``).

The build tests (marker: build) use books of two pages with the project's configuration
and extensions: the behaviour under test is Sphinx's bookkeeping, not the chapters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import book
from analysis import build_state

READER = book.NOTEBOOK + (
    "# Value\n\n```{code-cell} ipython3\nprint(open('data/value.txt').read())\n```\n"
)


def test_after_a_failed_build_every_builder_reads_everything() -> None:
    failed = {"format": build_state.FORMAT, "ok": False, "read": {}}
    found = {"a", "b"}
    for writes_all in (False, True):
        assert build_state.to_reread(failed, {"a": 1, "b": 2}, found, writes_all) == found


def test_an_html_builder_reads_again_what_another_builder_read_since() -> None:
    good = {"format": build_state.FORMAT, "ok": True, "read": {"a": 1, "b": 2}}
    assert build_state.to_reread(None, {"a": 1, "b": 2}, {"a", "b"}, False) == {"a", "b"}
    assert build_state.to_reread(good, {"a": 1, "b": 2}, {"a", "b"}, False) == set()
    assert build_state.to_reread(good, {"a": 1, "b": 3}, {"a", "b"}, False) == {"b"}


def test_a_builder_that_writes_every_document_reads_nothing_more() -> None:
    good = {"format": build_state.FORMAT, "ok": True, "read": {"a": 1, "b": 2}}
    assert build_state.to_reread(None, {"a": 1, "b": 2}, {"a", "b"}, True) == set()
    assert build_state.to_reread(good, {"a": 1, "b": 3}, {"a", "b"}, True) == set()


def test_a_state_is_written_whole_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "html.json"
    build_state.write_state(path, True, {"b": 2, "a": 1})
    assert build_state.read_state(path) == {
        "format": build_state.FORMAT,
        "ok": True,
        "read": {"a": 1, "b": 2},
    }
    assert [p.name for p in tmp_path.iterdir()] == ["html.json"]
    path.write_text("{", encoding="utf-8")
    assert build_state.read_state(path) is None


@pytest.mark.build
def test_html_after_pdf_shows_the_data_the_pdf_build_read(tmp_path: Path) -> None:
    project = book.small_project(tmp_path / "book", {"index": "# Small\n", "value": READER})
    value = project / "data" / "value.txt"
    value.write_text("first value", encoding="utf-8")
    page = project / "_build" / "html" / "value.html"
    book.built(project, "html")
    assert "first value" in page.read_text(encoding="utf-8")

    value.write_text("second value", encoding="utf-8")
    assert book.executed(project, book.built(project, "pdflatex")) == {"value"}
    log = book.built(project, "html")
    assert book.executed(project, log) == set(), "the PDF build's execution is reused"
    assert "second value" in page.read_text(encoding="utf-8")
    assert "[build-state]" not in book.built(project, "html")


@pytest.mark.build
def test_a_build_that_failed_on_a_warning_fails_again_until_fixed(tmp_path: Path) -> None:
    broken = "# Small\n\nSee {ref}`no-such-label`.\n"
    project = book.small_project(tmp_path / "book", {"index": broken, "value": READER})
    (project / "data" / "value.txt").write_text("a value", encoding="utf-8")
    for attempt in ("first", "second, nothing changed"):
        result = book.build(project, "html")
        assert result.returncode != 0, attempt
        assert "no-such-label" in book.log_of(result), attempt

    (project / "index.md").write_text("# Small\n\nNo reference.\n", encoding="utf-8")
    log = book.built(project, "html")
    assert book.executed(project, log) == set(), "a failed build's executions are reused"
    assert "[build-state]" not in book.built(project, "html")
