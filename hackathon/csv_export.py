"""CSV exports: rows streamed as they are written, free text kept from running as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

# A spreadsheet runs a cell that starts like this as a formula (CSV injection); a leading apostrophe keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as CSV text that no spreadsheet will execute."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def stream_csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The header and every row as CSV text, one chunk per row (for a streamed response)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(row: Iterable[object]) -> str:
        writer.writerow([cell(v) for v in row])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    yield line(header)
    for row in rows:
        yield line(row)
