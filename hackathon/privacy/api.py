"""Privacy JSON API: GET /api/v1/me/data, everything the platform holds about the caller."""

from __future__ import annotations

from flask_login import current_user

from ..jsonapi import api_blueprint, api_login_required
from .views import data_response

bp = api_blueprint("privacy_api", __name__)


@bp.get("/me/data")
@api_login_required
def my_data():
    return data_response(current_user)
