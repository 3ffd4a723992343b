"""Failpoints: named places where the fault suite makes a worker die as `kill -9` would, at the worst moment.

`HACKATHON_FAILPOINTS=after_commit:mentoring.book` makes the worker exit (status 137, no cleanup) right after
the commit of a `mentoring.book` command and before its facts are published: the moment that the outbox
exists for. Unset (always, outside tests/faults/), each check is one set look-up.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)
_ARMED = frozenset(filter(None, (p.strip() for p in os.environ.get("HACKATHON_FAILPOINTS", "").split(","))))


def hit(name: str) -> None:
    """Die here if the failpoint `name` is armed."""
    if _ARMED and name in _ARMED:
        log.warning("failpoint %s: the worker dies now", name)
        os._exit(137)
