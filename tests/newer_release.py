"""A synthetic newer release of every upstream format, made from the real files: what the
producers will publish next, so that the whole update recipe can be tested today.

Each function reads one upstream file and writes its successor: more year columns in the TIV
tables (with a Russian delivery in the new year), a trade register and a deals export dated a
year later with one new delivery and one revised row, one more year of COW trade, and a later
session of the General Assembly. Values are invented for the test and never leave it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

NEW_YEAR = 2022  # the TIV tables' new year column
NEW_TIV = 7  # Russia -> Syria in that year
NEW_DELIVERY_YEAR = 2025  # the register's new delivery, from a supplier other than Russia
COW_YEAR = 2015
# The session the old data end in, now complete, and the first roll call of the next one.
UN_SESSION, UN_YEAR = 75, 2020
RCID_OFFSET = 10000  # new roll calls' ids: above every id the data hold


def _rows(file: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(file.read_text(encoding="utf-8"), newline="")))


def _write(rows: list[list[str]], file: Path) -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(out.getvalue(), encoding="utf-8")
    return file


def tiv_table(old: Path, new: Path, delivered: int | None) -> Path:
    """The export table one year longer; ``delivered`` is Syria's value in the new year."""
    rows = _rows(old)
    header = next(i for i, row in enumerate(rows) if len(row) > 1 and row[1] == "1950")
    rows[0][0] = rows[0][0].replace("1950-2021", f"1950-{NEW_YEAR}")
    for i, row in enumerate(rows):
        if row and row[0].startswith("Generated:"):
            rows[i][0] = "Generated: 14 March 2023"
    total_added = 0
    for i, row in enumerate(rows):
        if i < header:
            row.append("")
            continue
        if i == header:
            row.insert(len(row) - 1, str(NEW_YEAR))
            continue
        value = delivered if row[0] == "Syria" and delivered else None
        if row[0] == "Total":
            value = total_added or None
        elif value:
            total_added += value
        row.insert(len(row) - 1, "" if value is None else str(value))
        if value and row[-1]:
            row[-1] = str(int(float(row[-1])) + value)
    return _write(rows, new)


def imports_long(old: Path, new: Path) -> Path:
    """Syria's imports by supplier one year longer (Russia's new delivery, and the total)."""
    rows = _rows(old)
    for row in rows[1:]:
        if row[1] in ("Russia", "Total") and row[2] == "Total":
            row[3] = str(int(row[3]) + NEW_TIV)
    rows += [["Syria", supplier, str(NEW_YEAR), str(NEW_TIV)] for supplier in ("Russia", "Total")]
    return _write(rows, new)


def register(old: Path, new: Path) -> Path:
    """The register a year later: one new delivery (from Iran: the register of the year
    after Assad's fall records none from Russia), one revised deal."""
    rows = _rows(old)
    for row in rows:
        if row and row[0].startswith("Data generated:"):
            row[0] = "Data generated: 12 Mar 2026 10:00:00 AM"
        if len(row) > 6 and row[1] == "Russia" and row[6] == "Il-76M":
            row[-3:] = ["35", "70", "70"]  # revised: TIV per unit 34 -> 35
    template = next(row for row in rows if len(row) > 6 and row[1] == "Iran")
    added = list(template)
    added[2:] = [str(NEW_DELIVERY_YEAR - 1), "", "4", "", "Ababil-3", "(armed) UAV", "4", ""]
    added[10:] = [str(NEW_DELIVERY_YEAR), "New", "", "0.2", "0.8", "0.8"]
    rows.append(added)
    return _write(rows, new)


def deals(old: Path, new: Path) -> Path:
    """The deals export a year later: one new delivery year, one revised value."""
    rows = _rows(old)
    header = next(i for i, row in enumerate(rows) if row and row[0] == "SIPRI AT Database ID")
    for row in rows:
        if row and row[0].startswith("Data generated:"):
            row[0] = "Data generated: 5 Jan 2026 9:00:00 PM"
    first = rows[header + 1]
    first[15] = f"{float(first[15]) + 1:.2f}"  # revised
    added = list(first)
    added[0], added[10] = "99999", str(NEW_DELIVERY_YEAR - 3)
    added[3], added[4], added[5] = "Mi-17", "transport helicopter", "Aircraft"
    rows.append(added)
    return _write(rows, new)


def cow_rounded(old: Path, new: Path) -> Path:
    rows = _rows(old)
    rows.append(["365", "652", str(COW_YEAR), "9", "300", "9", "300"])
    return _write(rows, new)


def unga(votes: Path, calls: Path, new_votes: Path, new_calls: Path) -> tuple[Path, Path]:
    """A later session: the roll calls of the data's last full year held again a year later
    with the same votes (a year as divided as the last one), and, as in the real data, a
    single roll call of the year after at the end."""
    vote_rows, call_rows = _rows(votes), _rows(calls)
    last = [row for row in call_rows[1:] if row[2].startswith(f"{UN_YEAR - 1}-")]
    again = {row[0]: (str(RCID_OFFSET + int(row[0])), f"{UN_YEAR}{row[2][4:]}") for row in last}
    closing = last[0][0]
    again[f"{closing}-next"] = (str(2 * RCID_OFFSET + int(closing)), f"{UN_YEAR + 1}-01-12")
    for old, (rcid, date) in again.items():
        source = old.removesuffix("-next")
        call = next(row for row in call_rows if row[0] == source)
        call_rows.append([rcid, str(UN_SESSION), date, *call[3:]])
        for vote in [row for row in vote_rows if row[0] == source]:
            vote_rows.append([rcid, date, str(UN_SESSION), *vote[3:]])
    return _write(vote_rows, new_votes), _write(call_rows, new_calls)


def write_all(sources: Path, out: Path) -> list[tuple[Path, str | None]]:
    """Every newer file in ``out`` (a copy of ``sources`` beside the old files), with the
    ``--release`` to pass where the file does not state its release."""
    sipri, cow, un = out / "sipri", out / "cow", out / "unga"
    return [
        (
            tiv_table(
                sources / "sipri/TIV-Export-USR-1950-2021.csv",
                sipri / "TIV-Export-USR-1950-2022.csv",
                None,
            ),
            None,
        ),
        (
            tiv_table(
                sources / "sipri/TIV-Export-RUS-1950-2021.csv",
                sipri / "TIV-Export-RUS-1950-2022.csv",
                NEW_TIV,
            ),
            None,
        ),
        (
            imports_long(
                sources / "sipri/tiv-imports-syria-by-supplier-1950-2021.csv",
                sipri / "tiv-imports-syria-by-supplier-1950-2022.csv",
            ),
            "2023",
        ),
        (
            register(
                sources / "sipri/trade-register-2025-03-13-syria.csv",
                sipri / "trade-register-2026-03-12-syria.csv",
            ),
            None,
        ),
        (
            deals(
                sources / "sipri/deals-by-delivery-year-2025-01-03-syria.csv",
                sipri / "deals-by-delivery-year-2026-01-05-syria.csv",
            ),
            "2025",
        ),
        (
            cow_rounded(
                sources / "cow/cow-trade-v4.0-rounded-russia-syria.csv",
                cow / "cow-trade-v4.1-rounded-russia-syria.csv",
            ),
            "4.1",
        ),
        *(
            (file, "2022-06-01")
            for file in unga(
                sources / "unga/unga_votes_russia_syria.csv",
                sources / "unga/unga_roll_calls.csv",
                un / "unga_votes_russia_syria-2022.csv",
                un / "unga_roll_calls-2022.csv",
            )
        ),
    ]
