"""Badge rules: one active badge per confirmed registration, issued on demand, revoked and reissued."""

from __future__ import annotations

import base64
import io
import secrets
from functools import lru_cache

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..clock import utcnow
from ..errors import Conflict
from ..events.models import Event
from ..events.people import registrations
from ..extensions import db
from ..offload import run_off_loop
from .holders import Registrant
from .models import Badge

CODE_PREFIX = "SIH1-"  # tells a person at the door that this is a badge; carries no personal data


def new_code() -> str:
    """An opaque badge code: a short prefix and 144 random bits."""
    return CODE_PREFIX + secrets.token_urlsafe(18)


def active_badge(registration: Registrant) -> Badge | None:
    """The registration's active badge, or None."""
    return db.session.scalar(
        select(Badge).where(Badge.registration_id == registration.id, Badge.status == "active")
    )


def ensure_badge(registration: Registrant) -> Badge:
    """The registration's active badge, created when missing; `not_registered` unless confirmed. Idempotent."""
    if registration.status != "confirmed":
        raise Conflict(_("Only confirmed participants have a badge."), code="not_registered")
    badge = active_badge(registration)
    if badge is not None:
        return badge
    badge = Badge(event_id=registration.event_id, registration_id=registration.id, code=new_code(),
                  status="active", issued_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(badge)
    except IntegrityError:  # issued by another request at the same moment
        return active_badge(registration)
    return badge


def ensure_badges(event: Event) -> int:
    """Give every confirmed registration of the event a badge (badge sheets, the demo); returns how many new."""
    registration = registrations()
    missing = db.session.scalars(
        select(registration.c.id).where(
            registration.c.event_id == event.id, registration.c.status == "confirmed",
            ~select(Badge.id).where(Badge.registration_id == registration.c.id, Badge.status == "active").exists(),
        )
    ).all()
    now = utcnow()
    for registration_id in missing:
        db.session.add(Badge(event_id=event.id, registration_id=registration_id, code=new_code(), status="active",
                             issued_at=now))
    db.session.flush()
    return len(missing)


def reissue(registration: Registrant) -> Badge:
    """Revoke the active badge (its code then reads as revoked) and issue a new one."""
    old = active_badge(registration)
    if old is not None:
        result = db.session.execute(
            update(Badge).where(Badge.id == old.id, Badge.status == "active")
            .values(status="revoked", revoked_at=utcnow()).execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise Conflict(_("This badge was changed in the meantime. Please reload."))
        db.session.refresh(old)
    return ensure_badge(registration)


# --- images -------------------------------------------------------------------------------

def _png(code: str, box_size: int) -> bytes:
    import qrcode

    image = qrcode.make(code, box_size=box_size, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _svg(code: str) -> str:
    """The QR code as SVG, a millimetre per module: one path of the rows' runs of dark modules (a quarter of the
    size of qrcode's SVG, which draws each module on its own, and many times faster to make)."""
    import qrcode

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(code)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}mm" height="{size}mm" '
            f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><path d="{"".join(runs)}" fill="#000"/></svg>')


@lru_cache(maxsize=4096)
def _svg_data_uri(code: str) -> str:
    # A code never changes, so a reprinted sheet reuses its images (a sheet is up to an event's whole crowd).
    return "data:image/svg+xml;base64," + base64.b64encode(_svg(code).encode("ascii")).decode("ascii")


def _svg_data_uris(codes: list[str]) -> list[str]:
    return [_svg_data_uri(code) for code in codes]


def badge_png(code: str, box_size: int = 10) -> bytes:
    """The badge's QR code as a PNG, drawn off the event loop."""
    return run_off_loop(_png, code, box_size)


def png_data_uri(code: str) -> str:
    """The PNG as a data: URI, so that a phone keeps showing it without a connection."""
    return "data:image/png;base64," + base64.b64encode(badge_png(code)).decode("ascii")


def svg_data_uris(codes: list[str]) -> list[str]:
    """Many badges' QR codes as SVG data: URIs (badge sheets), drawn in one call off the event loop."""
    return run_off_loop(_svg_data_uris, codes)
