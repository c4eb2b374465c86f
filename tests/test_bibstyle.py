"""The author-date bibliography styles (fast: pybtex only, no book build)."""

from __future__ import annotations

from types import SimpleNamespace

import pybtex.plugin
import pybtex_docutils
import pytest
from pybtex.database import Entry, Person, parse_string
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from analysis import bibstyle
from analysis.bibstyle import FormattingStyle, LabelStyle, ReferenceStyle, SortingStyle


def entry(*authors: str, **fields: str) -> Entry:
    persons = {"author": [Person(name) for name in authors]} if authors else {}
    return Entry("misc", fields={"year": "2017", **fields}, persons=persons)


def labels(entries: list[Entry]) -> list[str]:
    return list(LabelStyle().format_labels(SortingStyle().sort(entries)))


@pytest.mark.parametrize(
    ("made", "label"),
    [
        (entry("Lund, Aron", year="2019"), "Lund 2019"),
        (entry("Barbieri, Katherine", "Keshk, Omar M. G."), "Barbieri and Keshk 2017"),
        (entry("Barbieri, K.", "Keshk, O.", "Pollins, B."), "Barbieri et al. 2017"),
        (entry("{El Sayed}, Omar"), "El Sayed 2017"),
        # A news item without a byline: its outlet, by the abbreviation it gives in brackets.
        (entry(organization="Reuters", title="{Putin signs}"), "Reuters 2017"),
        (entry(organization="{Agence France-Presse (AFP)}"), "AFP 2017"),
        (
            entry(organization="Stockholm International Peace Research Institute (SIPRI)"),
            "SIPRI 2017",
        ),
        (entry(organization='Dag Hammarskj{\\"o}ld Library'), "Dag Hammarskjöld Library 2017"),
        # Without an organisation: the journal, the publisher, the medium, at last the title.
        (entry(journal="Survival", publisher="IISS"), "Survival 2017"),
        (entry(howpublished="Wikipedia (English)", year="n.d."), "Wikipedia (English) n.d."),
        (
            entry(organization="World Politics Datalab (GitHub)"),
            "World Politics Datalab (GitHub) 2017",
        ),
        (entry(organization="Radio Free Europe (RFE/RL)"), "RFE/RL 2017"),
        (entry(title="{[A descriptive title]}"), "[A descriptive title] 2017"),
    ],
)
def test_label_names_author_or_outlet_and_year(made: Entry, label: str) -> None:
    assert labels([made]) == [label]


def test_entries_sharing_a_label_get_letters_in_title_order() -> None:
    made = [
        entry(organization="TASS", title="{Wheat}"),
        entry(organization="TASS", title="{[Bogdanov in Damascus]}"),
        entry(organization="TASS", title="{Cash}"),
        entry(organization="TASS", title="{Elsewhere}", year="2016"),
    ]
    assert labels(made) == ["TASS 2016", "TASS 2017a", "TASS 2017b", "TASS 2017c"]
    by_title = [e.fields["title"] for e in SortingStyle().sort(made)[1:]]
    # The bracket of a descriptive title does not sort it before the others.
    assert by_title == ["{[Bogdanov in Damascus]}", "{Cash}", "{Wheat}"]


def test_more_than_26_entries_sharing_a_label_stay_distinct() -> None:
    made = [entry(organization="TASS", title=f"{{Item {n:02}}}") for n in range(28)]
    found = labels(made)
    assert found[0] == "TASS 2017a" and found[25] == "TASS 2017z" and found[26] == "TASS 2017aa"
    assert len(set(found)) == 28


def test_sorting_ignores_accents_case_brackets_and_the_arabic_article() -> None:
    made = [
        entry("Zorin, V."),
        entry("Al-Allaf, A."),
        entry("Özdemir, S."),
        entry("ayoub, M."),
        entry(organization="Bloomberg"),
    ]
    assert labels(made) == [
        "Al-Allaf 2017",
        "ayoub 2017",
        "Bloomberg 2017",
        "Özdemir 2017",
        "Zorin 2017",
    ]
    assert bibstyle.sort_key("Al-Sayyid [Éditions] «Ü»") == "sayyid editions u"


def format_one(bibtex: str) -> tuple[str, str]:
    """(label, text) of the one entry in ``bibtex`` as the bibliography prints it."""
    data = parse_string(bibtex, "bibtex")
    formatted = list(FormattingStyle().format_entries(data.entries.values()))
    return formatted[0].label, formatted[0].text.render_as("text")


def test_an_entry_without_author_begins_with_its_outlet_named_once() -> None:
    label, text = format_one(
        """@misc{x, title = {{Putin signs Syria base deal}}, organization = {Reuters},
        howpublished = {Reuters}, year = {2017}, month = jul, url = {https://example.org/a}}"""
    )
    assert label == "Reuters 2017"
    assert text.startswith("Reuters. Putin signs Syria base deal. July 2017.")
    assert text.count("Reuters") == 1


def test_an_entry_without_author_keeps_a_medium_other_than_its_outlet() -> None:
    _, text = format_one(
        """@misc{x, title = {{Medvedev on landmark visit}},
        organization = {Agence France-Presse (AFP)},
        howpublished = {AFP report reproduced at hdhod.com}, year = {2010}}"""
    )
    assert text.startswith(
        "Agence France-Presse (AFP). Medvedev on landmark visit. "
        "AFP report reproduced at hdhod.com, 2010."
    )


def test_an_escaped_dollar_is_printed_as_a_dollar() -> None:
    _, text = format_one(
        r"""@misc{x, title = {{Syria to \$400 billion, 73\% of it}}, organization = {Interfax},
        year = {2018}}"""
    )
    assert "Syria to $400 billion, 73% of it." in text


def test_an_authored_entry_begins_with_its_authors() -> None:
    label, text = format_one(
        """@misc{x, author = {Okabe, Masataka and Ito, Kei}, title = {{Color Universal Design}},
        organization = {J*FLY}, year = {2008}}"""
    )
    assert label == "Okabe and Ito 2008"
    assert text.startswith("Masataka Okabe and Kei Ito. Color Universal Design.")


def cite(role: str, *keys: str) -> str:
    """What ``{cite:ROLE}`KEYS``` prints in the PDF, for three entries."""
    data = parse_string(
        """@misc{a, title = {{Wheat}}, organization = {Reuters}, year = {2017}}
        @misc{b, title = {{Cash}}, organization = {Reuters}, year = {2017}}
        @misc{c, author = {Lund, Aron}, title = {{Russia in Syria}}, year = {2019}}""",
        "bibtex",
    )
    formatted = {f.key: f for f in FormattingStyle().format_entries(data.entries.values())}
    builder = SimpleNamespace(name="latex")
    references = [
        (data.entries[key], formatted[key], SphinxReferenceInfo(builder, "", "", key, "", "", ""))
        for key in keys
    ]
    text = format_references(ReferenceStyle(), role, references)
    return "".join(part.astext() for part in text.render(pybtex_docutils.Backend()))


def test_the_text_cites_labels_in_round_brackets_separated_by_semicolons() -> None:
    assert cite("p", "a", "c") == "(Reuters 2017b; Lund 2019)"


def test_a_textual_citation_names_the_author_or_outlet_then_the_year() -> None:
    assert cite("t", "b", "c") == "Reuters (2017a); Lund (2019)"


def test_setup_registers_the_styles_under_one_name() -> None:
    bibstyle.setup(None)  # type: ignore[arg-type]  # registration only, no Sphinx needed
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", bibstyle.NAME) is FormattingStyle
    assert pybtex.plugin.find_plugin("pybtex.style.labels", bibstyle.NAME) is LabelStyle
    assert pybtex.plugin.find_plugin("pybtex.style.sorting", bibstyle.NAME) is SortingStyle


def test_a_person_in_braces_is_one_surname() -> None:
    assert bibstyle.creator(Entry("misc", persons={"author": [Person("{El Sayed}, O.")]})) == (
        "El Sayed"
    )


def test_the_labels_of_a_file_are_its_sorted_suffixed_labels(tmp_path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@misc{wheat, organization={TASS}, title={Wheat}, year={2017}}\n"
        "@misc{cash, organization={TASS}, title={Cash}, year={2017}}\n"
        "@misc{atdb, organization={Stockholm Peace Research Institute (SIPRI)},"
        " title={Arms Transfers Database}}\n",
        encoding="utf-8",
    )
    found = bibstyle.labels(bib)
    assert found == {"cash": "TASS 2017a", "wheat": "TASS 2017b", "atdb": "SIPRI n.d."}
    assert bibstyle.cited_as("wheat; atdb", found) == "TASS 2017b; SIPRI n.d."
    assert bibstyle.cited_as("cash", found) == "TASS 2017a"
    with pytest.raises(KeyError):
        bibstyle.cited_as("unknown", found)


def test_every_key_of_the_book_has_one_label(project) -> None:
    found = bibstyle.labels(project.bibliography)
    assert len(set(found.values())) == len(found)
    assert found["sipri_atdb"].startswith("SIPRI ")
