"""Pages of a long list: the page a query string asks for, and how many pages there are."""

from __future__ import annotations


def page_number(value: str | None) -> int:
    """The 1-based page in `?page=`; 1 for anything else (empty, negative, text, absurdly long)."""
    value = value or ""
    return int(value) if value.isascii() and value.isdigit() and len(value) < 7 and int(value) > 0 else 1


def page_count(total: int, size: int) -> int:
    """How many pages of `size` hold `total` rows (one page when there are none)."""
    return max((total + size - 1) // size, 1)
