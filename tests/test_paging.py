"""The page a list is asked for: anything but a plain positive number reads as the first page."""

from __future__ import annotations

import pytest

from hackathon.paging import page_count, page_number


@pytest.mark.parametrize(("value", "page"), [
    (None, 1), ("", 1), ("3", 3), ("0", 1), ("-2", 1), ("two", 1), ("2.5", 1), ("٣", 1), ("9" * 5000, 1),
])
def test_page_number(value, page):
    assert page_number(value) == page


def test_page_count():
    assert [page_count(total, 50) for total in (0, 1, 50, 51, 100)] == [1, 1, 1, 2, 2]


def test_an_absurd_page_of_the_registrations_console_is_the_first(client, make, event):
    make.login(client, make.organiser_of(event))
    assert client.get(f"/events/{event.slug}/console/?page={'9' * 5000}").status_code == 200
