"""Importing this module registers every built-in document kind.

Third-party kinds register the same way: call
:func:`sendocs.documents.register` with a :class:`DocumentKind`.
"""

from sendocs.documents import (  # noqa: F401
    appeal,
    assessment_request,
    iep,
    parent_notification,
    provision_map,
    working_document,
)
