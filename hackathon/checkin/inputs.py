"""What the door's clients send (the JSON API and the sockets parse these, then call `checkin.commands`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr


class ScanIn(BaseModel):
    """A scan: the badge's code; optionally the day, a client nonce, the door's label, a point, the event."""

    model_config = ConfigDict(extra="forbid")
    code: StrictStr = Field(min_length=1, max_length=200)
    day: StrictStr | None = Field(default=None, max_length=10)
    nonce: StrictStr | None = Field(default=None, min_length=8, max_length=64)
    door: StrictStr | None = Field(default=None, max_length=60)
    point_id: StrictInt | None = None
    event: StrictStr | None = Field(default=None, max_length=80)
    scanned_at: StrictStr | None = Field(default=None, max_length=40)


class ManualIn(BaseModel):
    """A check-in by name search (a lost badge): the registration instead of a code."""

    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    registration_id: StrictInt
    nonce: StrictStr | None = Field(default=None, min_length=8, max_length=64)
    door: StrictStr | None = Field(default=None, max_length=60)
    point_id: StrictInt | None = None
    day: StrictStr | None = Field(default=None, max_length=10)
    scanned_at: StrictStr | None = Field(default=None, max_length=40)


class UndoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    checkin_id: StrictInt


class SearchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    q: StrictStr = Field(max_length=80)


class StatsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(max_length=80)
    day: StrictStr | None = Field(default=None, max_length=10)
