"""Serving the app on the loopback interface only.

The server binds ``127.0.0.1``, never all interfaces, so nothing on the
network can reach it. Request lines are not logged above DEBUG: their paths
and query strings could carry a child's name.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import BaseWSGIServer, ThreadedWSGIServer, WSGIRequestHandler

from sendocs.web.app import close_app, create_app

__all__ = ["HOST", "make_local_server"]

HOST = "127.0.0.1"
log = logging.getLogger(__name__)


class _QuietHandler(WSGIRequestHandler):
    """Logs only the method and status, and only at DEBUG."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug("%s %s", self.command, code)

    def log(self, type: str, message: str, *args: Any) -> None:
        log.debug("server %s", type)


class _LocalServer(ThreadedWSGIServer):
    """Closing the server also stops the app's worker and its LibreOffice."""

    def __init__(self, port: int, app: Flask) -> None:
        super().__init__(HOST, port, app, handler=_QuietHandler)
        self.flask_app = app

    def server_close(self) -> None:
        try:
            close_app(self.flask_app)
        finally:
            super().server_close()


def make_local_server(data_dir: str | Path, port: int = 0) -> BaseWSGIServer:
    """A threaded server for the app on 127.0.0.1 (``port`` 0: any free port).

    Call ``server_close()`` when done: it waits for a running job and stops
    the LibreOffice the app kept for its PDFs.
    """
    return _LocalServer(port, create_app(data_dir))
