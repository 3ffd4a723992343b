"""Check-in JSON API: POST /api/v1/checkins (organisers) and GET /api/v1/me/badge (participants)."""

from __future__ import annotations

from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..commands import request_actor
from ..errors import NotFound
from ..events.models import Event
from ..events.people import events_registered
from ..extensions import db
from ..jsonapi import api_blueprint, api_login_required, json_body
from . import commands
from .inputs import ScanIn

bp = api_blueprint("checkin_api", __name__)


@bp.post("/checkins")
@api_login_required
def create_checkin():
    body = json_body(ScanIn)
    answer = commands.scan_badge(request_actor(), code=body.code, day=body.day, nonce=body.nonce,
                                 door=body.door or "", point_id=body.point_id, event_slug=body.event,
                                 scanned_at=body.scanned_at)
    return jsonify(answer["body"]), answer["status"]


@bp.get("/me/badge")
@api_login_required
def my_badge():
    """The exact string the caller's QR badge encodes (at ?event=<slug>, or their soonest confirmed event)."""
    query = (select(Event).where(Event.id.in_(events_registered(current_user.id, "confirmed")))
             .order_by(Event.id.desc()))
    slug = request.args.get("event")
    if slug:
        query = query.where(Event.slug == slug)
    event = db.session.scalars(query).first()
    if event is None:
        raise NotFound(_("You have no confirmed registration, so no badge."), code="not_registered")
    return jsonify({"code": commands.own_badge(request_actor(), event=event).value["code"], "event": event.slug})
