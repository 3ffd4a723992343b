"""CSV exports: rows streamed as they are written, free text kept from running as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Response, stream_with_context

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


def csv_download(body: str | Iterable[str], filename: str) -> Response:
    """A CSV file to download: the text, or its chunks from a generator that reads the database only once iterated.

    The chunks are sent after the view has returned, when the request's database session has been closed: they
    run in the request context again (stream_with_context), so the generator must make its queries itself,
    not iterate a result made in the view (SQLAlchemy: "this identity map is no longer valid").
    """
    if not isinstance(body, str):
        body = stream_with_context(body)
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def stamped_filename(slug: str, timezone: str, name: str) -> str:
    """'<slug>-<name>-YYYYmmdd-HHMM.csv', the time in the event's zone: exports sort by when they were taken."""
    return f"{slug}-{name}-{datetime.now(ZoneInfo(timezone)).strftime('%Y%m%d-%H%M')}.csv"
