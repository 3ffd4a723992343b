"""DomainError and its kinds, and their translations to HTTP, JSON and socket acknowledgements."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError


class DomainError(Exception):
    """A refusal by a service: a stable machine code, a human message, the HTTP status that fits."""

    code = "invalid"
    status = 400

    def __init__(self, message: str | Any | None = None, *, code: str | None = None, status: int | None = None,
                 details: dict | None = None) -> None:
        self.message = str(message) if message is not None else str(self.default_message)
        if code:
            self.code = code
        if status:
            self.status = status
        self.details = details or {}
        super().__init__(self.message)

    default_message = _l("That request is not valid.")

    def to_dict(self) -> dict:
        """The contract's error object: {"code", "message"} (plus details when there are any)."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class Invalid(DomainError):
    code, status, default_message = "invalid", 422, _l("That request is not valid.")


class Unauthorized(DomainError):
    code, status, default_message = "unauthorized", 401, _l("Please log in first.")


class Forbidden(DomainError):
    code, status, default_message = "forbidden", 403, _l("You are not allowed to do that.")


class NotFound(DomainError):
    code, status, default_message = "not_found", 404, _l("That does not exist.")


class Conflict(DomainError):
    code, status, default_message = "conflict", 409, _l("Someone else changed this first.")


class Closed(DomainError):
    code, status, default_message = "closed", 403, _l("This is closed now.")


class Gone(DomainError):
    code, status, default_message = "gone", 410, _l("This is no longer valid.")


class RateLimited(DomainError):
    code, status, default_message = "rate_limited", 429, _l("Too many attempts. Please wait a minute.")

    def __init__(self, message: str | Any | None = None, *, retry_after: float | None = None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after

    def to_dict(self) -> dict:
        body = super().to_dict()
        if self.retry_after is not None:
            body["retry_after"] = max(1, round(self.retry_after))
        return body


class Unavailable(DomainError):
    """The platform cannot serve this now (its database or message queue is down): retry later, nothing changed."""

    code, status = "unavailable", 503
    default_message = _l("The connection to the server is unreliable. Please try again in a moment.")

    def __init__(self, message: str | Any | None = None, *, retry_after: float = 2, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after

    def to_dict(self) -> dict:
        body = super().to_dict()
        body["retry_after"] = max(1, round(self.retry_after))
        return body


def error_body(code: str, message: str) -> dict:
    """The JSON error shape of the contract."""
    return {"error": {"code": code, "message": message}}


def wants_json() -> bool:
    """API calls and clients that ask for JSON get JSON errors; browsers get pages."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes["text/html"]


_HTTP_CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "too_large",
    415: "invalid",
    422: "invalid",
    429: "rate_limited",
}


def register_error_handlers(app: Flask) -> None:
    """Translate DomainError, CSRF failures and HTTP errors into pages or the JSON error shape."""

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        if isinstance(error, Unauthorized) and not wants_json():
            from .extensions import login_manager

            return login_manager.unauthorized()
        if wants_json():
            response = jsonify({"error": error.to_dict()})
        else:
            response = app.make_response(
                render_template("errors/error.html", status=error.status, message=error.message))
        response.status_code = error.status
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(max(1, round(retry_after)))
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = str(_l("This form has expired or was sent from elsewhere. Please reload the page and try again."))
        if wants_json():
            return jsonify(error_body("csrf", message)), 400
        return render_template("errors/error.html", status=400, message=message), 400

    @app.errorhandler(SecurityError)
    def untrusted_host(_error: SecurityError):
        # A Host the platform does not serve (TRUSTED_HOSTS): no URL can be built for it, so no page either.
        return app.response_class(
            '{"error": {"code": "invalid", "message": "Unknown host."}}\n', status=400, mimetype="application/json")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        code = _HTTP_CODES.get(status, "error")
        if status == 429:
            message = str(RateLimited.default_message)
        elif status == 404:
            message = str(NotFound.default_message)
        elif status == 403:
            message = str(Forbidden.default_message)
        elif status == 401:
            message = str(Unauthorized.default_message)
        else:
            message = error.description or error.name
        if wants_json():
            response = jsonify(error_body(code, message))
        else:
            response = app.make_response(
                (render_template("errors/error.html", status=status, message=message), status)
            )
        response.status_code = status
        if getattr(error, "response", None) is not None and status == 429:
            retry = error.response.headers.get("Retry-After") if error.response else None
            if retry:
                response.headers["Retry-After"] = retry
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        from .faults import as_unavailable

        fault = as_unavailable(error)
        if fault is not None:  # the database or the queue is down: not a bug, and the client may retry
            app.logger.warning("%s %s unavailable: %s", request.method, request.path, fault.cause)
            return domain_error(fault)
        # A bug, not a client's fault: log it once, answer in the contract's shape.
        app.logger.error("Unhandled error on %s %s", request.method, request.path, exc_info=error)
        message = str(_l("Something went wrong on our side. It has been logged."))
        if wants_json():
            return jsonify(error_body("internal", message)), 500
        return render_template("errors/error.html", status=500, message=message), 500
