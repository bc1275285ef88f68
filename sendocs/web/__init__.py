"""``sendocs serve``: a local web app for parents, SENCOs and solicitors.

The same documents as the command line, through the same public API
(:mod:`sendocs`), with pages instead of YAML. Nothing leaves the computer:
the server answers only on 127.0.0.1, every asset ships in the package, and
case data is kept in a folder the user chooses.
"""

from sendocs.web.app import create_app
from sendocs.web.server import HOST, make_local_server
from sendocs.web.store import default_data_dir

__all__ = ["HOST", "create_app", "default_data_dir", "make_local_server"]
