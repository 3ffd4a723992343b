"""The event's schedule: each phase's window, whether it is open now, and the rules that keep windows consistent.

A phase window is an opening and a closing moment (UTC; either may be empty: no limit on that side). The
events capability keeps five (`PHASES`, columns of the event); another capability may add its own window, kept
in its own tables (the projects' submission deadline), with the `event_phase_windows` hook:

    registry(app).add_hook("event_phase_windows", fn)   # fn(event) -> list[PhaseWindow]

Those windows are shown on the settings page (with a link to where they are changed) and take part in the
rules below, so that a submission deadline after judging opens is refused wherever either is changed
(`check_windows(event, {...})` is the one check both sides call).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..clock import utcnow
from ..errors import Closed, Invalid
from ..registry import registry
from .models import Event


@dataclass(frozen=True)
class Phase:
    """A phase the event's own settings schedule."""

    key: str
    label: object  # a lazy string
    help: object


PHASES = (
    Phase("registration", _l("Registration"), _l("When people may register (the switch “registration is open” "
                                                 "can close it at any time).")),
    Phase("team_formation", _l("Team formation"), _l("When participants form, join and leave teams.")),
    Phase("mentoring", _l("Mentoring"), _l("When teams may book mentors and ask for help.")),
    Phase("judging", _l("Judging"), _l("When the jury may score: scoring can be opened only within it.")),
    Phase("checkin", _l("Check-in"), _l("When the doors are open; shown to door staff.")),
)
PHASE_KEYS = tuple(p.key for p in PHASES)


@dataclass(frozen=True)
class PhaseWindow:
    """A phase's window as the settings page and the rules see it."""

    key: str
    label: str
    opens_at: dt.datetime | None
    closes_at: dt.datetime | None
    edit_url: str | None = None  # where a window of another capability is changed


Windows = dict[str, tuple[dt.datetime | None, dt.datetime | None]]


def own_windows(event: Event) -> Windows:
    """The event's five windows, {phase: (opens, closes)}."""
    return {key: (getattr(event, f"{key}_opens_at"), getattr(event, f"{key}_closes_at")) for key in PHASE_KEYS}


def other_windows(event: Event) -> list[PhaseWindow]:
    """Windows other capabilities keep for this event (the `event_phase_windows` hook)."""
    found: list[PhaseWindow] = []
    for hook in registry().hooks_for("event_phase_windows"):
        found.extend(hook(event))
    return found


def all_windows(event: Event) -> list[PhaseWindow]:
    """Every window of the event, its own first, in the order of the event's life."""
    labels = {p.key: str(p.label) for p in PHASES}
    own = [PhaseWindow(key, labels[key], opens, closes) for key, (opens, closes) in own_windows(event).items()]
    return own + other_windows(event)


def state(opens: dt.datetime | None, closes: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """upcoming (before it opens), open, or closed (after it closes)."""
    now = now or utcnow()
    if opens is not None and now < opens:
        return "upcoming"
    if closes is not None and now >= closes:
        return "closed"
    return "open"


def phase_state(event: Event, key: str, now: dt.datetime | None = None) -> str:
    """The state of one of the event's own phases now: upcoming, open or closed."""
    return state(getattr(event, f"{key}_opens_at"), getattr(event, f"{key}_closes_at"), now)


def require_open(event: Event, key: str, roles: set[str] | frozenset[str] = frozenset(),
                 exempt: tuple[str, ...] = ("organiser",)) -> None:
    """Refuse with `closed` (saying when the window is) outside the phase's window, unless the roles are exempt."""
    if roles and set(roles).intersection(exempt):
        return
    current = phase_state(event, key)
    if current == "open":
        return
    label = str(next(p.label for p in PHASES if p.key == key))
    if current == "upcoming":
        raise Closed(_("%(phase)s opens on %(when)s.", phase=label,
                       when=local_text(getattr(event, f"{key}_opens_at"), event.timezone)))
    raise Closed(_("%(phase)s closed on %(when)s.", phase=label,
                   when=local_text(getattr(event, f"{key}_closes_at"), event.timezone)))


def local_text(moment: dt.datetime | None, timezone: str) -> str:
    """A moment as 'YYYY-MM-DD HH:MM' in the event's zone (for messages)."""
    return f"{moment.astimezone(ZoneInfo(timezone)):%Y-%m-%d %H:%M}" if moment else ""


def event_bounds(days: list[dt.date], timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """The event's start (midnight of its first day) and end (midnight after its last day), in UTC."""
    zone = ZoneInfo(timezone)
    start = dt.datetime.combine(min(days), dt.time(0), zone)
    end = dt.datetime.combine(max(days) + dt.timedelta(days=1), dt.time(0), zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def contradictions(days: list[dt.date], timezone: str, windows: Windows) -> list[str]:
    """Why these windows cannot be, each reason a sentence naming the phases and moments; empty when they can.

    `windows` holds the event's own phases and any other capability's (e.g. "submission"), {key: (opens, closes)}.
    """
    labels = {p.key: str(p.label) for p in PHASES} | {"submission": _("Submission")}
    start, end = event_bounds(days, timezone)

    def when(moment: dt.datetime) -> str:
        return local_text(moment, timezone)

    reasons: list[str] = []
    for key, (opens, closes) in windows.items():
        if opens is not None and closes is not None and closes <= opens:
            reasons.append(_("%(phase)s would close (%(closes)s) before it opens (%(opens)s).",
                             phase=labels.get(key, key), closes=when(closes), opens=when(opens)))
    opens_of = {key: value[0] for key, value in windows.items()}
    closes_of = {key: value[1] for key, value in windows.items()}
    for key in ("registration", "team_formation", "mentoring", "checkin"):
        if closes_of.get(key) is not None and closes_of[key] > end:
            reasons.append(_("%(phase)s would close (%(closes)s) after the event is over (%(end)s).",
                             phase=labels[key], closes=when(closes_of[key]), end=when(end)))
    for key in ("registration", "team_formation", "mentoring"):
        if opens_of.get(key) is not None and opens_of[key] >= end:
            reasons.append(_("%(phase)s would open (%(opens)s) after the event is over (%(end)s).",
                             phase=labels[key], opens=when(opens_of[key]), end=when(end)))
    for key in ("checkin", "judging"):
        if opens_of.get(key) is not None and opens_of[key] < start:
            reasons.append(_("%(phase)s would open (%(opens)s) before the event's first day (%(start)s).",
                             phase=labels[key], opens=when(opens_of[key]), start=when(start)))
    if opens_of.get("checkin") is not None and opens_of["checkin"] >= end:
        reasons.append(_("%(phase)s would open (%(opens)s) after the event is over (%(end)s).",
                         phase=labels["checkin"], opens=when(opens_of["checkin"]), end=when(end)))
    order = (("registration", "opens", "team_formation", "opens"),
             ("team_formation", "closes", "judging", "opens"),
             ("submission", "closes", "judging", "opens"))
    for first, first_side, then, then_side in order:
        earlier = (opens_of if first_side == "opens" else closes_of).get(first)
        later = (opens_of if then_side == "opens" else closes_of).get(then)
        if earlier is not None and later is not None and later < earlier:
            reasons.append(_order_reason(labels[first], first_side, earlier, labels[then], then_side, later, when))
    return reasons


def _order_reason(first: str, first_side: str, earlier: dt.datetime, then: str, then_side: str,
                  later: dt.datetime, when) -> str:
    if first_side == "opens":
        return _("%(then)s would open (%(later)s) before %(first)s opens (%(earlier)s).",
                 then=then, later=when(later), first=first, earlier=when(earlier))
    return _("%(first)s would close (%(earlier)s) after %(then)s opens (%(later)s).",
             first=first, earlier=when(earlier), then=then, later=when(later))


def check_windows(event: Event, changes: Windows | None = None, *, days: list[dt.date] | None = None,
                  timezone: str | None = None) -> None:
    """Refuse with `invalid` (every reason, one per sentence) unless the event's windows, with these changes, hold.

    Any capability that changes a window calls this with its new window, e.g. {"submission": (None, closes)}.
    """
    windows: Windows = dict(own_windows(event))
    windows.update({w.key: (w.opens_at, w.closes_at) for w in other_windows(event)})
    windows.update(changes or {})
    reasons = contradictions(days or [d.date for d in event.days], timezone or event.timezone, windows)
    if reasons:
        raise Invalid(" ".join(reasons), code="schedule_contradiction")
