"""The document kinds sendocs ships, as a plain tuple: importing this registers nothing.

The order is the order ``sendocs kinds`` lists them and ``sendocs demo``
makes them. Third-party kinds are not added here: they come from the
``sendocs.kinds`` entry-point group (see :mod:`sendocs.documents.registry`).
"""

from __future__ import annotations

from sendocs.documents.appeal import APPEAL, APPEAL_AS_LODGED
from sendocs.documents.assessment_request import ASSESSMENT_FOLLOW_UP, ASSESSMENT_REQUEST
from sendocs.documents.base import DocumentKind
from sendocs.documents.iep import IEP
from sendocs.documents.letter_before_claim import LETTER_BEFORE_CLAIM
from sendocs.documents.parent_notification import PARENT_NOTIFICATION
from sendocs.documents.provision_map import PROVISION_MAP
from sendocs.documents.working_document import WORKING_DOCUMENT

__all__ = ["BUILTIN_KINDS"]

BUILTIN_KINDS: tuple[DocumentKind, ...] = (
    ASSESSMENT_REQUEST,
    ASSESSMENT_FOLLOW_UP,
    LETTER_BEFORE_CLAIM,
    APPEAL,
    APPEAL_AS_LODGED,
    IEP,
    PARENT_NOTIFICATION,
    PROVISION_MAP,
    WORKING_DOCUMENT,
)
