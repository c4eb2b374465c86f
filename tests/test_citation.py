"""The edition's date: its release, from one function, whatever the day of the build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from analysis import citation

CFF = "cff-version: 1.2.0\ntitle: T\nversion: 1.0\ndate-released: {date}\nauthors:\n  - name: A\n"


@pytest.mark.parametrize("written", ["2026-11-22", "'2026-11-22'"])
def test_the_release_epoch_is_midnight_utc_of_the_release_date(
    tmp_path: Path, written: str
) -> None:
    cff = tmp_path / "CITATION.cff"
    cff.write_text(CFF.format(date=written), encoding="utf-8")
    epoch = citation.release_epoch(cff)
    assert dt.datetime.fromtimestamp(epoch, dt.UTC) == dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


def test_a_build_dated_by_the_release_gives_the_release_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(citation.release_epoch()))
    released = yaml.safe_load(citation.CFF.read_text(encoding="utf-8"))["date-released"]
    assert citation.edition().date == released
