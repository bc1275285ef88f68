"""The Flask application: three journeys over the public sendocs API.

Flask was chosen because these are server-rendered pages with forms (no
JavaScript needed), Jinja is already sendocs' template language, and Flask's
test client and plain WSGI server keep the app small and easy to test; an
async framework would buy nothing here, since the slow work (LibreOffice,
batches) runs in a worker thread anyway.
"""

from __future__ import annotations

import logging
import secrets
import threading
from pathlib import Path
from typing import Any

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from sendocs import Converter, open_converter
from sendocs import __version__ as sendocs_version
from sendocs.web import security
from sendocs.web.jobs import JobRunner
from sendocs.web.passwords import Passwords
from sendocs.web.store import Store
from sendocs.web.uploads import MAX_UPLOAD_MB

__all__ = [
    "close_app",
    "converter_of",
    "create_app",
    "jobs_of",
    "passwords_of",
    "store_of",
    "warm_up",
]

log = logging.getLogger(__name__)

_MESSAGES = {
    400: (
        "Your form could not be sent",
        "This page was open for too long, or was opened from another site. "
        "Go back, reload the page and try again.",
    ),
    404: ("Page not found", "Check the address, or go back to the start page."),
    405: ("Page not found", "Go back to the start page."),
    413: (
        "The file is too large",
        f"Files must be smaller than {MAX_UPLOAD_MB} MB in all. Go back and choose a smaller file.",
    ),
    421: ("Wrong address", "Open sendocs at http://127.0.0.1 with the port it printed."),
}


def create_app(
    data_dir: str | Path,
    *,
    max_upload_mb: int = MAX_UPLOAD_MB,
    converter: Converter | None = None,
) -> Flask:
    """Make the app, keeping its cases in ``data_dir``.

    The app keeps ONE converter for its lifetime (LibreOffice starts on the
    first PDF and stays up, so later letters, batches and bundles do not wait
    for it again); :func:`close_app` stops it. Jobs run one at a time, so
    the converter is never used by two threads at once.
    """
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        MAX_CONTENT_LENGTH=max_upload_mb * 1024 * 1024,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        SENDOCS_STORE=Store(Path(data_dir)),
        SENDOCS_JOBS=JobRunner(),
        SENDOCS_PASSWORDS=Passwords(),
        SENDOCS_CONVERTER=converter if converter is not None else open_converter(),
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    security.install(app)

    from sendocs.web import home, parent, senco, solicitor

    for blueprint in (home.bp, parent.bp, senco.bp, solicitor.bp):
        app.register_blueprint(blueprint)

    @app.after_request
    def _cache_assets(response: Any) -> Any:
        # The styles and scripts change only with sendocs itself (their links carry
        # its version), so a browser keeps them for an hour instead of asking again
        # on every page; pages and documents stay "no-store" (security.py).
        if request.endpoint == "static" and response.status_code == 200:
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = 3600
        return response

    app.jinja_env.globals["sendocs_version"] = sendocs_version

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> tuple[str, int]:
        code = exc.code or 500
        title, text = _MESSAGES.get(code, ("Sorry, there is a problem", "Go back and try again."))
        return render_template("error.html", title=title, text=text), code

    @app.errorhandler(Exception)
    def _bug(exc: Exception) -> tuple[str, int]:
        # Never a traceback on the page; the details only in the debug log.
        log.debug("error on %s %s", request.method, request.url_rule, exc_info=exc)
        title = "Sorry, there is a problem with sendocs"
        text = "Something went wrong inside sendocs. Nothing you entered has been lost."
        return render_template("error.html", title=title, text=text), 500

    return app


def store_of(app: Any) -> Store:
    store: Store = app.config["SENDOCS_STORE"]
    return store


def jobs_of(app: Any) -> JobRunner:
    jobs: JobRunner = app.config["SENDOCS_JOBS"]
    return jobs


def converter_of(app: Any) -> Converter:
    converter: Converter = app.config["SENDOCS_CONVERTER"]
    return converter


def passwords_of(app: Any) -> Passwords:
    passwords: Passwords = app.config["SENDOCS_PASSWORDS"]
    return passwords


def warm_up(app: Any) -> None:
    """Start LibreOffice in the background now, so the first PDF does not wait for it.

    Called when a journey begins that will end in a PDF (a parent's letter):
    LibreOffice starts while the questions are answered. Converters without a
    ``start`` (a test's fake) are left alone.
    """
    start = getattr(converter_of(app), "start", None)
    if callable(start):
        threading.Thread(target=start, name="sendocs-warm-up", daemon=True).start()


def close_app(app: Any) -> None:
    """Wait for the running job, then stop LibreOffice (when the server stops)."""
    jobs_of(app).shutdown()
    converter_of(app).close()
