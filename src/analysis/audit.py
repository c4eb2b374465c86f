"""The source audit: every cited claim of the chapters checked against the source it cites.

``data/audit/source-audit.csv`` holds one row per claim (a short quotation of the chapter's
sentence), the citation keys the chapter gives for it, the verdict, what was read to reach it
and, where the sentence is wrong or blurred, the fix. It is a record of the checking, kept
beside the data so that a reader can see which sentences rest on what, and so that a later
edition can repeat the pass. The schema keeps it honest: keys must be in the bibliography,
verdicts in the vocabulary, chapters real, and a verdict other than "supported" needs a fix.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analysis import bibliography
from analysis.errors import DataError

PathLike = str | os.PathLike[str]

VERDICTS: dict[str, str] = {
    "supported": "the cited source, as read, says what the sentence says",
    "partly": "the source supports part of the sentence, or says it less precisely or "
    "differently; the fix says how to bring the two together",
    "not supported": "the cited source does not say it, or says otherwise",
    "not checkable": "no copy of the cited source could be read for this pass",
}

COLUMNS = ("chapter", "claim", "sources", "verdict", "evidence", "fix")
_KEYS = re.compile(r"[A-Za-z0-9_:.-]+(?:; [A-Za-z0-9_:.-]+)*")


def schema(bibliography_path: PathLike, chapters: PathLike) -> pa.DataFrameSchema:
    """The audit table's rules, checking keys and chapter names against the project."""
    known = bibliography.keys(bibliography_path)
    names = {path.stem for path in Path(chapters).glob("*.md")}

    def keys_known(cell: str) -> bool:
        return _KEYS.fullmatch(cell) is not None and set(cell.split("; ")) <= known

    text = pa.Column(str, pa.Check(lambda v: v == v.strip(), element_wise=True, name="stripped"))
    return pa.DataFrameSchema(
        {
            "chapter": pa.Column(str, pa.Check.isin(sorted(names))),
            "claim": text,
            "sources": pa.Column(str, pa.Check(keys_known, element_wise=True, name="known_keys")),
            "verdict": pa.Column(str, pa.Check.isin(list(VERDICTS))),
            "evidence": text,
            "fix": pa.Column(str, nullable=True),
        },
        checks=[
            pa.Check(
                lambda df: (df["verdict"] == "supported") | df["fix"].notna(),
                name="fix_unless_supported",
            )
        ],
        strict=True,
        ordered=True,
        name="source-audit",
    )


def load(file: PathLike, *, bibliography_path: PathLike, chapters: PathLike) -> pd.DataFrame:
    """Read and validate the audit table; a failure names the file and the first bad row."""
    frame = pd.read_csv(file, dtype=str, keep_default_na=False).replace("", None)
    try:
        return schema(bibliography_path, chapters).validate(frame, lazy=True)
    except SchemaErrors as exc:
        first = exc.failure_cases.iloc[0]
        index = first["index"]
        row = None if pd.isna(index) else int(index) + 2  # header is line 1
        raise DataError(
            Path(file),
            f"{first['check']}: {first['failure_case']!r}",
            row=row,
            column=first["column"] if isinstance(first["column"], str) else None,
        ) from exc
