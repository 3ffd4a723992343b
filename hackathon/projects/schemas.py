"""The shapes of project payloads, shared by the socket commands and the JSON API (extra fields refused)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from .editing import LIMITS, MAX_LINKS, MAX_URL


class LinkPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["repository", "demo", "video", "other"]
    url: StrictStr = Field(max_length=MAX_URL)


class ProjectFields(BaseModel):
    """The contract's `{"title", "summary", "links"?, "version"?}`, and the fields this platform adds."""

    model_config = ConfigDict(extra="forbid")
    # The shapes allow a little more than the limits, so that a text just too long gets the rules' answer naming
    # the field and its limit in the reader's language (editing.clean_changes); far beyond is refused here.
    title: StrictStr = Field(max_length=LIMITS["title"] + 50)
    summary: StrictStr = Field(max_length=LIMITS["summary"] + 50)
    problem: StrictStr | None = Field(default=None, max_length=LIMITS["problem"] + 200)
    built: StrictStr | None = Field(default=None, max_length=LIMITS["built"] + 200)
    approach: StrictStr | None = Field(default=None, max_length=LIMITS["approach"] + 200)
    links: list[LinkPayload] | None = Field(default=None, max_length=MAX_LINKS)
    version: StrictInt | None = Field(default=None, ge=0, lt=2**31)
    submit: StrictBool = False

    def values(self) -> dict:
        """The fields to save (those not sent keep their value)."""
        found = {name: getattr(self, name) for name in LIMITS if getattr(self, name) is not None}
        if self.links is not None:
            found["links"] = [link.model_dump() for link in self.links]
        return found


class SavePayload(ProjectFields):
    """`projects:save`: the project fields and the team."""

    team_id: StrictInt = Field(gt=0, lt=2**63)


class ConsentPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team_id: StrictInt = Field(gt=0, lt=2**63)
    show: StrictBool


class EventPayload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event: StrictStr = Field(min_length=1, max_length=80)
