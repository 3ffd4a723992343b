"""The security suite sends thousands of commands per socket: the command budgets (tests/faults/ test those) are
lifted so that every answer is about authorisation and input, not about pace."""

from __future__ import annotations

import pytest

from hackathon.realtime.budget import Limits
from hackathon.realtime.dispatch import budgets


@pytest.fixture(autouse=True)
def _unlimited_commands(app):
    budgets(app).limits = Limits(socket_rate=1e9, socket_burst=1e9, user_rate=1e9, user_burst=1e9, in_flight=10**9)
