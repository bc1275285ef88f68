"""Statutory SEND deadlines, tribunal working days and school term calendars.

Every deadline is computed, never typed by hand, and comes back as a
:class:`Deadline` naming its rule and explaining its arithmetic. See
``docs/deadlines.md`` for each rule, its source and what is an assumption.
"""

from __future__ import annotations

from sendocs.dates.bank_holidays import (
    add_business_days,
    bank_holiday_name,
    is_bank_holiday,
    is_business_day,
)
from sendocs.dates.calendar import add_months, add_weeks, format_clock_time, format_long_date
from sendocs.dates.deadline import Deadline
from sendocs.dates.deadlines import (
    APPEAL_TIME,
    appeal_deadline,
    assessment_decision_deadline,
    draft_representations_deadline,
    final_plan_deadline,
    mediation_contact_deadline,
    no_plan_decision_deadline,
)
from sendocs.dates.receipt import (
    DEFAULT_RECEIPT_ASSUMPTIONS,
    DeemedReceipt,
    DeliveryMethod,
    ReceiptAssumptions,
    deemed_receipt,
    parse_delivery,
)
from sendocs.dates.terms import (
    Term,
    TermCalendar,
    census_day,
    default_term_calendar,
    load_term_calendar,
)
from sendocs.dates.tribunal import (
    add_tribunal_working_days,
    is_tribunal_working_day,
    next_working_day,
    non_working_reason,
)

__all__ = [
    "APPEAL_TIME",
    "DEFAULT_RECEIPT_ASSUMPTIONS",
    "Deadline",
    "DeemedReceipt",
    "DeliveryMethod",
    "ReceiptAssumptions",
    "Term",
    "TermCalendar",
    "add_business_days",
    "add_months",
    "add_tribunal_working_days",
    "add_weeks",
    "appeal_deadline",
    "assessment_decision_deadline",
    "bank_holiday_name",
    "census_day",
    "deemed_receipt",
    "default_term_calendar",
    "draft_representations_deadline",
    "final_plan_deadline",
    "format_clock_time",
    "format_long_date",
    "is_bank_holiday",
    "is_business_day",
    "is_tribunal_working_day",
    "load_term_calendar",
    "mediation_contact_deadline",
    "next_working_day",
    "no_plan_decision_deadline",
    "non_working_reason",
    "parse_delivery",
]
