"""The web edition's author-date references: every citation in the text names an entry of the
bibliography by the label the entry begins with, and the entries run A-Z (marker: build;
reads the session's HTML build)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from analysis import bibstyle

pytestmark = pytest.mark.build

_ENTRY = re.compile(
    r'<div class="citation" id="(?P<id>[^"]+)"[^>]*>\s*<span class="label">'
    r'<span class="fn-bracket">\[</span>(?P<label>.*?)<span class="fn-bracket">\]</span>'
)
_GROUP = re.compile(r'<span class="bibtex-citation"[^>]*>(?P<body>.*?)</span>', re.S)
_CITED = re.compile(
    r'<a class="reference internal" href="references\.html#(?P<id>[^"]+)"[^>]*>(?P<label>[^<]*)</a>'
)
_TEXTUAL = re.compile(
    r'(?P<author>[^(<]+?) \(<a class="reference internal" href="references\.html#(?P<id>[^"]+)"'
    r"[^>]*>(?P<label>[^<]*)</a>\)",
    re.S,
)


def test_citations_name_the_entries_they_link_to_a_to_z(html_book: Path) -> None:
    site = html_book / "_build" / "html" / "chapters"
    bibliography = (site / "references.html").read_text(encoding="utf-8")
    entries = {m["id"]: html.unescape(m["label"]) for m in _ENTRY.finditer(bibliography)}
    labels = list(entries.values())
    assert labels and not [label for label in labels if label.isdigit()]
    keys = [bibstyle.sort_key(label) for label in labels]
    assert keys == sorted(keys)
    groups = [
        m["body"]
        for page in site.glob("*.html")
        for m in _GROUP.finditer(page.read_text(encoding="utf-8"))
    ]
    assert groups
    # "(Lund 2019a; TASS 2017)", or in the text's own words "Lund (2019a)"
    textual = [m for body in groups if (m := _TEXTUAL.fullmatch(body))]
    bracketed = [body for body in groups if not _TEXTUAL.fullmatch(body)]
    assert {body[0] for body in bracketed} == {"("} and {body[-1] for body in groups} == {")"}
    cited = [
        (m["id"], html.unescape(m["label"])) for body in bracketed for m in _CITED.finditer(body)
    ]
    cited += [(m["id"], html.unescape(f"{m['author']} {m['label']}")) for m in textual]
    assert cited
    assert [(i, label) for i, label in cited if entries.get(i) != label] == []
