"""How an event admits people (first come, first served, or open call), and the quotas organisers aim for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..clock import utcnow
from ..errors import Closed, Conflict, Invalid
from ..events.countries import COUNTRIES, country_name
from ..events.services import registration_phase
from ..extensions import db
from .models import MODES, ORGANISATION_TYPES, QUOTA_DIMENSIONS, OpenCallQuota, OpenCallSettings

if TYPE_CHECKING:
    from ..events.models import Event

MAX_QUOTAS = 60


def organisation_type_names() -> dict[str, str]:
    """Each organisation type, in the reader's language."""
    return {"social_enterprise": _("Social-economy enterprise"), "partner": _("Partner"), "maker": _("Maker"),
            "student": _("Student"), "other": _("Other")}


def settings_of(event: Event) -> OpenCallSettings | None:
    """The event's admission settings row (None: first come, first served, as every event starts)."""
    return db.session.get(OpenCallSettings, event.id)


def mode_of(event: Event) -> str:
    """"first_come" or "open_call"."""
    found = settings_of(event)
    return found.mode if found is not None else "first_come"


def is_open_call(event: Event) -> bool:
    """Whether people apply and organisers decide."""
    return mode_of(event) == "open_call"


def call_phase(event: Event) -> str:
    """upcoming, open, closed or over: the registration window, where a full event still takes applications."""
    phase = registration_phase(event)
    return "open" if phase == "full" else phase


def refuse_self_registration(event: Event) -> None:
    """The events' registration guard: in an open call nobody registers directly, they apply."""
    if is_open_call(event):
        raise Closed(_("This event admits people by open call: please apply instead."), code="open_call")


def set_mode(event: Event, mode: str, expected_version: int | None = None) -> tuple[str, str]:
    """Switch the admission mode; returns (before, after). `conflict` if someone switched it meanwhile."""
    if mode not in MODES:
        raise Invalid(_("Choose first come, first served or open call."))
    current = settings_of(event)
    before = current.mode if current is not None else "first_come"
    if current is None:
        if expected_version not in (None, 0, 1):
            raise Conflict(_("Someone changed how people are admitted in the meantime. Please review it again."))
        try:
            with db.session.begin_nested():
                db.session.execute(insert(OpenCallSettings).values(event_id=event.id, mode=mode, version=1,
                                                                   updated_at=utcnow()))
        except IntegrityError:
            raise Conflict(_("Someone changed how people are admitted in the meantime. Please review it again.")
                           ) from None
        return before, mode
    conditions = [OpenCallSettings.event_id == event.id]
    if expected_version is not None:
        conditions.append(OpenCallSettings.version == expected_version)
    result = db.session.execute(
        update(OpenCallSettings).where(*conditions)
        .values(mode=mode, version=OpenCallSettings.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Conflict(_("Someone changed how people are admitted in the meantime. Please review it again."))
    db.session.refresh(current)
    return before, mode


def quotas_of(event: Event) -> list[OpenCallQuota]:
    """The event's quotas, countries first, then organisation types."""
    return list(db.session.scalars(select(OpenCallQuota).where(OpenCallQuota.event_id == event.id)
                                   .order_by(OpenCallQuota.dimension, OpenCallQuota.value)))


def quota_label(dimension: str, value: str) -> str:
    """A quota's subject as people read it: a country's name or an organisation type."""
    if dimension == "country":
        return country_name(value)
    return organisation_type_names().get(value, value)


def set_quota(event: Event, dimension: str, value: str, maximum: int | None) -> OpenCallQuota | None:
    """Set (or, with no maximum, remove) the most people to accept from one country or organisation type."""
    value = (value or "").strip()
    if dimension not in QUOTA_DIMENSIONS:
        raise Invalid(_("A quota is per country or per organisation type."))
    if dimension == "country":
        value = value.upper()
        if value not in COUNTRIES:
            raise Invalid(_("Please choose a country from the list."))
    elif value not in ORGANISATION_TYPES:
        raise Invalid(_("Please choose an organisation type from the list."))
    db.session.execute(delete(OpenCallQuota).where(OpenCallQuota.event_id == event.id,
                                                   OpenCallQuota.dimension == dimension, OpenCallQuota.value == value))
    if maximum is None:
        return None
    if isinstance(maximum, bool) or not isinstance(maximum, int) or not 0 <= maximum <= 100_000:
        raise Invalid(_("A quota is a whole number from 0 to 100000."))
    if len(quotas_of(event)) >= MAX_QUOTAS:
        raise Invalid(_("An event may have at most %(n)d quotas.", n=MAX_QUOTAS))
    quota = OpenCallQuota(event_id=event.id, dimension=dimension, value=value, maximum=maximum)
    db.session.add(quota)
    db.session.flush()
    return quota
