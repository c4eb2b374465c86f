"""Quoted official trade figures: periods, units and qualifiers, and every malformed input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.sources import quoted
from helpers import BOM, CRLF, Edit, bad_copy, raises_at, set_cell

QUOTED = "quoted/official-trade-figures-quoted-in-news.csv"


@pytest.fixture(scope="module")
def figures(sources: Path) -> pd.DataFrame:
    return quoted.parse(sources / QUOTED).table


def only(table: pd.DataFrame, **where: object) -> pd.Series:
    rows = table
    for column, wanted in where.items():
        rows = rows[rows[column] == wanted]
    assert len(rows) == 1, where
    return rows.iloc[0]


# --- the real file --------------------------------------------------------------------------


def test_columns_and_dtypes(figures: pd.DataFrame) -> None:
    assert list(figures.columns) == [
        "period_start",
        "period_end",
        "year",
        "partial_year",
        "current_at_article",
        "measure",
        "value_musd",
        "qualifier",
        "value_as_stated",
        "speaker",
        "url",
        "quote",
    ]
    assert figures.period_start.dtype == "datetime64[ns]"
    assert figures.year.dtype == "int64" and figures.value_musd.dtype == "float64"
    assert figures.partial_year.dtype == bool and figures.current_at_article.dtype == bool
    assert len(figures) == 12


def test_known_figures(figures: pd.DataFrame) -> None:
    exports_2011 = only(figures, year=2011, measure="russian_exports_to_syria")
    assert exports_2011.value_musd == 1920  # "USD billion" 1.92, converted exactly
    assert exports_2011.qualifier == "approximate"  # "were estimated at" (an estimate)
    assert only(figures, year=2010, measure="total_trade_turnover").value_musd == 1150
    assert only(figures, year=2011, measure="syrian_exports_to_russia").value_musd == 48.9


def test_the_2024_figure_is_an_upper_bound_current_at_the_article(figures: pd.DataFrame) -> None:
    row = only(figures, year=2024)
    assert row.qualifier == "upper_bound" and row.value_musd == 650
    assert row.current_at_article and not row.partial_year
    assert row.value_as_stated == "less than 650"
    assert "Товарооборот между двумя государствами" in row.quote


def test_partial_years(figures: pd.DataFrame) -> None:
    partial = figures[figures.partial_year]
    jan_jul = partial[partial.year == 2017]
    assert len(jan_jul) == 3
    assert (jan_jul.period_start == pd.Timestamp("2017-01-01")).all()
    assert (jan_jul.period_end == pd.Timestamp("2017-07-31")).all()
    assert only(partial, year=2018).period_end == pd.Timestamp("2018-08-31")
    assert len(partial) == 4
    full = figures[~figures.partial_year]
    assert (full.period_start.dt.strftime("%m-%d") == "01-01").all()
    assert (full.period_end.dt.strftime("%m-%d") == "12-31").all()


def test_qualifiers(figures: pd.DataFrame) -> None:
    assert figures.qualifier.value_counts().to_dict() == {
        "exact": 8,
        "approximate": 3,
        "upper_bound": 1,
    }
    about = only(figures, year=2017, partial_year=False)
    assert (about.value_as_stated, about.qualifier, about.value_musd) == (
        "about 380",
        "approximate",
        380,
    )


def test_text_is_verbatim(sources: Path, figures: pd.DataFrame) -> None:
    raw = pd.read_csv(sources / QUOTED, dtype=str, keep_default_na=False, encoding="utf-8")
    assert figures.quote.tolist() == raw.note.tolist()
    assert figures.url.tolist() == raw.outlet_url.tolist()
    assert figures.speaker.tolist() == raw.speaker_or_original_source.tolist()
    assert figures.value_as_stated.tolist() == raw.value_as_stated.tolist()


def test_formats_and_sniff(sources: Path) -> None:
    assert {"quoted-official-figures": quoted.parse} == quoted.FORMATS
    assert quoted.sniff(sources / QUOTED) == "quoted-official-figures"
    assert quoted.sniff(sources / "cow/cow-trade-v3.0-russia-syria.csv") is None


def test_crlf_and_bom_are_fine(sources: Path, tmp_path: Path, figures: pd.DataFrame) -> None:
    path = bad_copy(tmp_path, sources / QUOTED, CRLF, prefix=BOM)
    pd.testing.assert_frame_equal(quoted.parse(path).table, figures)


# --- malformed inputs ---------------------------------------------------------------------------

MALFORMED: list[tuple[str, Edit, int | None, str | None]] = [
    ("header only", lambda ls: ls[:1], 1, None),
    ("short row", lambda ls: [*ls[:5], "2010,syrian_exports_to_russia,42.5", *ls[6:]], 6, "unit"),
    ("missing column", lambda ls: [ls[0].replace(",unit,", ",units,"), *ls[1:]], 1, "unit"),
    ("unknown unit", set_cell(3, "unit", "EUR million"), 3, "unit"),
    ("unknown measure", set_cell(5, "measure", "bilateral_trade"), 5, "measure"),
    ("unreadable period", set_cell(6, "period", "H1 2010"), 6, "period"),
    ("impossible month", set_cell(8, "period", "2017-01..2017-13"), 8, "period"),
    ("period across two years", set_cell(12, "period", "2017-11..2018-02"), 12, "period"),
    ("year out of range", set_cell(2, "period", "1850"), 2, "period"),
    ("unreadable value", set_cell(7, "value_as_stated", "roughly 1.1"), 7, "value_as_stated"),
    ("non-numeric value", set_cell(7, "value_as_stated", "1,1"), 7, "value_as_stated"),
    ("empty value", set_cell(9, "value_as_stated", ""), 9, "value_as_stated"),
    ("duplicate figure", set_cell(3, "period", "2010"), 3, "period"),
    ("no URL", set_cell(4, "outlet_url", ""), 4, "outlet_url"),
    ("no speaker", set_cell(4, "speaker_or_original_source", " "), 4, "speaker_or_original_source"),
    ("bound in the note, not in the value", set_cell(13, "value_as_stated", "650"), 13, "note"),
]


@pytest.mark.parametrize(
    ("edit", "row", "column"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed(
    sources: Path, tmp_path: Path, edit: Edit, row: int | None, column: str | None
) -> None:
    path = bad_copy(tmp_path, sources / QUOTED, edit)
    raises_at(quoted.parse, path, row, column)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\n")
    raises_at(quoted.parse, path, None, None)


def test_undecodable_bytes(sources: Path, tmp_path: Path) -> None:
    # A cp1252 currency sign in the UTF-8 file: reported, never read as another character.
    data = (sources / QUOTED).read_bytes().replace(b"$650", b"\xa4650")
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    raises_at(quoted.parse, path, 13, "note")
