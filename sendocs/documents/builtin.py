"""Importing this module registers every built-in document kind."""

from sendocs.documents import iep  # noqa: F401
