"""Safe by default: the checks every request passes before any page runs.

- **Host header**: only ``127.0.0.1`` and ``localhost`` (with the server's
  port) are answered, so a web page elsewhere cannot reach this server through
  DNS rebinding.
- **CSRF**: every form carries a token kept in the signed session cookie; a
  POST without the right token is refused. The cookie's key is random for each
  run of the server.
- **Headers**: a content security policy that allows nothing from other
  hosts, no framing by other sites, no MIME sniffing, no referrer.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, request, session

__all__ = ["ALLOWED_HOSTS", "csrf_token", "install"]

ALLOWED_HOSTS = ("127.0.0.1", "localhost")
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; "
    "base-uri 'none'"
)


def csrf_token() -> str:
    """The session's CSRF token, made on first use."""
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _host_allowed(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name.lower() in ALLOWED_HOSTS


def install(app: Flask) -> None:
    """Add the checks and headers to ``app``."""

    @app.before_request
    def _check_request() -> None:
        if not _host_allowed(request.host):
            abort(421)  # "misdirected request": not a name this server answers to
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            if not hmac.compare_digest(sent, csrf_token()):
                abort(400, "csrf")

    @app.after_request
    def _headers(response):  # type: ignore[no-untyped-def]
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
