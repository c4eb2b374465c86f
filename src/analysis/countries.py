"""Country names: the book's canonical names and every producer's spelling of them.

Each upstream source names states its own way (SIPRI "Soviet Union", COW code 365 "Russia",
the UN voting data "RU" for both the USSR and the Russian Federation), and producers rename
states between releases (SIPRI's "Turkey" became "Türkiye"). The producers' spellings live in
``data/producer-names.csv`` (``producer,name,book_name,note``), read by :func:`load_names`;
parsers map every name through that table so that the tidy tables speak one vocabulary, and
a name the table lacks is refused with the line to add.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.sources._checks import check_unique
from analysis.sources._text import read_table

USSR = "Soviet Union"
RUSSIA = "Russia"
SYRIA = "Syria"
# SIPRI's "Total" row and supplier: every recipient, or every supplier.
ALL = "All"

# COW country codes (the USSR and Russia share 365).
COW_CODES: dict[int, str] = {365: RUSSIA, 652: SYRIA}

NAME_COLUMNS = ("producer", "name", "book_name", "note")


@dataclass(frozen=True)
class ProducerNames:
    """The producers' spellings and the book's name for each, read from ``path``."""

    path: Path
    book_names: Mapping[tuple[str, str], str]

    def book_name(self, producer: str, name: str) -> str:
        """The book's name for ``producer``'s spelling ``name``; ValueError (with the exact
        line to add to the table) for a spelling the table does not list."""
        try:
            return self.book_names[producer, name]
        except KeyError:
            line = io.StringIO()
            csv.writer(line, lineterminator="").writerow([producer, name, name, ""])
            raise ValueError(
                f"unknown {producer} name {name!r}: review it (is it a state the book already"
                f" names otherwise?) and add this line to {self.path.parent.name}/"
                f"{self.path.name}: {line.getvalue()}"
            ) from None


def load_names(path: Path) -> ProducerNames:
    """The producer-names table: every (producer, name) once, no cell blank but ``note``."""
    table = read_table(path, NAME_COLUMNS)
    for column in NAME_COLUMNS[:-1]:
        for line, cell in table.column(column):
            if cell.strip() != cell or not cell:
                raise table.error("blank, or spaces around the name", line, column)
    pairs = list(zip(table.cells["producer"], table.cells["name"], strict=True))
    check_unique(table, {"producer": [p for p, _ in pairs], "name": [n for _, n in pairs]})
    return ProducerNames(Path(path), dict(zip(pairs, table.cells["book_name"], strict=True)))


# The book's names for the states and non-state actors of SIPRI's files ('*' marks non-state
# actors, '**' international organisations): the vocabulary the processed tables are checked
# against. Producers' spellings map onto it through data/producer-names.csv.
SIPRI_NAMES: frozenset[str] = frozenset(
    {
        "ANC (South Africa)*",
        "Afghanistan",
        "Albania",
        "Algeria",
        "Angola",
        "Argentina",
        "Armenia",
        "Austria",
        "Azerbaijan",
        "Bahrain",
        "Bangladesh",
        "Belarus",
        "Benin",
        "Bosnia-Herzegovina",
        "Botswana",
        "Brazil",
        "Bulgaria",
        "Burkina Faso",
        "Burundi",
        "Cabo Verde",
        "Cambodia",
        "Cameroon",
        "Canada",
        "Central African Republic",
        "Chad",
        "China",
        "Colombia",
        "Congo",
        "Cote d'Ivoire",
        "Croatia",
        "Cuba",
        "Cyprus",
        "Czechia",
        "Czechoslovakia",
        "DR Congo",
        "Djibouti",
        "East Germany (GDR)",
        "Ecuador",
        "Egypt",
        "Equatorial Guinea",
        "Eritrea",
        "Ethiopia",
        "Finland",
        "France",
        "Georgia",
        "Germany",
        "Ghana",
        "Greece",
        "Grenada",
        "Guinea",
        "Guinea-Bissau",
        "Guyana",
        "Hungary",
        "India",
        "Indonesia",
        "Iran",
        "Iraq",
        "Italy",
        "Jordan",
        "Kazakhstan",
        "Kenya",
        "Kuwait",
        "Kyrgyzstan",
        "Laos",
        "Latvia",
        "Lebanon",
        "Libya",
        "Lithuania",
        "Madagascar",
        "Malaysia",
        "Mali",
        "Mauritania",
        "Mexico",
        "Mongolia",
        "Morocco",
        "Mozambique",
        "Myanmar",
        "NATO**",
        "Nepal",
        "Nicaragua",
        "Niger",
        "Nigeria",
        "North Korea",
        "North Macedonia",
        "North Yemen",
        "Northern Alliance (Afghanistan)*",
        "PLO (Israel)*",
        "Pakistan",
        "Palestine",
        "Pathet Lao (Laos)*",
        "Peru",
        "Poland",
        "Qatar",
        "Romania",
        "Russia",
        "Rwanda",
        "Saudi Arabia",
        "Senegal",
        "Serbia",
        "Seychelles",
        "Sierra Leone",
        "Singapore",
        "Slovakia",
        "Slovenia",
        "Somalia",
        "South Africa",
        "South Korea",
        "South Sudan",
        "South Yemen",
        "Soviet Union",
        "Spain",
        "Sri Lanka",
        "Sudan",
        "Syria",
        "Tajikistan",
        "Tanzania",
        "Thailand",
        "Turkey",
        "Turkmenistan",
        "UAE",
        "Uganda",
        "Ukraine Rebels*",
        "United Kingdom",
        "United Nations**",
        "United States",
        "Unknown recipient(s)",
        "Uruguay",
        "Uzbekistan",
        "Venezuela",
        "Viet Cong (South Vietnam)*",
        "Viet Nam",
        "Western Sahara",
        "Yemen",
        "Yemen Arab Republic",
        "Yugoslavia",
        "ZAPU (Zimbabwe)*",
        "Zambia",
        "Zimbabwe",
    }
)
