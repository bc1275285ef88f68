"""The version of sendocs: its one source, read by the build (pyproject.toml) and by code.

A module of its own, at the bottom of the layers, so that any module (a
provenance note in a document, a manifest) can say which sendocs made it
without importing the whole public API from ``sendocs``.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
