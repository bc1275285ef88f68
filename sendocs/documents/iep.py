"""Kind ``iep``: the SEN support plan, one assess-plan-do-review cycle on paper.

The plan shows the current cycle (the last in the case) and, for context,
what happened to the outcomes of the previous cycle. Code of Practice
6.44-6.56 (graduated approach), 6.48 (a clear review date), 6.65 (meeting
parents at least three times a year).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sendocs.documents.base import DocumentKind, RenderOptions
from sendocs.documents.views import need_rows, needs_by_area, outcome_rows, provision_rows
from sendocs.formatting import format_date
from sendocs.models import Case


def build_context(case: Case, options: RenderOptions) -> dict[str, Any]:
    """Everything the SEN support plan template may use (see docs/templates.md)."""
    cycle = case.current_cycle
    locale = options.locale
    previous = case.previous_cycles[-1] if case.previous_cycles else None
    return {
        "case": case,
        "child": case.child,
        "parents": case.parents,
        "school": case.school,
        "la": case.local_authority,
        "document_date": options.document_date,
        "plan": {
            "number": len(case.cycles),
            "start": cycle.start,
            "review_date": cycle.review_date,
            "review_date_full": format_date(cycle.review_date, "full", locale),
            "assess": cycle.assess,
            "pupil_views": cycle.pupil_views or "",
            "parent_views": cycle.parent_views or "",
            "outcomes": outcome_rows(cycle, locale),
            "provision": provision_rows(cycle, locale, options.weeks_per_year),
        },
        "previous": (
            {
                "start": previous.start,
                "review_date": previous.review.held_on if previous.review else previous.review_date,
                "outcomes": outcome_rows(previous, locale),
                "effectiveness": (previous.review.effectiveness or "") if previous.review else "",
                "next_steps": (previous.review.next_steps or "") if previous.review else "",
            }
            if previous
            else None
        ),
        "needs": need_rows(case),
        "needs_by_area": needs_by_area(case),
        "strengths": case.strengths,
        "diagnoses": case.diagnoses,
        "professionals": case.professionals,
        "exam_access_arrangements": case.exam_access_arrangements,
        "sen_status": case.sen_status.label,
        "class_teacher": case.class_teacher or "",
    }


def _plan_date(case: Case, options: RenderOptions) -> dt.date:
    return case.current_cycle.start


IEP = (
    DocumentKind(
        name="iep",
        title="SEN support plan",
        description="SEN support plan (IEP) for the current assess-plan-do-review cycle.",
        template="sen_support_plan.docx",
        build_context=build_context,
        file_label="SEN_support_plan",
        file_date=_plan_date,
    )
)
