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
from pathlib import Path
from typing import Any

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from sendocs.web import security
from sendocs.web.jobs import JobRunner
from sendocs.web.store import Store
from sendocs.web.uploads import MAX_UPLOAD_MB

__all__ = ["create_app"]

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


def create_app(data_dir: str | Path, *, max_upload_mb: int = MAX_UPLOAD_MB) -> Flask:
    """Make the app, keeping its cases in ``data_dir``."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),
        MAX_CONTENT_LENGTH=max_upload_mb * 1024 * 1024,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_HTTPONLY=True,
        SENDOCS_STORE=Store(Path(data_dir)),
        SENDOCS_JOBS=JobRunner(),
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    security.install(app)

    from sendocs.web import home, parent, senco, solicitor

    for blueprint in (home.bp, parent.bp, senco.bp, solicitor.bp):
        app.register_blueprint(blueprint)

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
