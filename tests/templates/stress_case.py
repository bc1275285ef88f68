"""A deliberately awkward variant of the Amara fixture for template tests.

Everything a real case can throw at a template at once: XML-special and
Jinja-looking characters in names and views, a 5,000-character parent view
in paragraphs, missing optional fields (UPN, about me, pupil views, SENCO
phone, census type), no previous plan, no diagnoses or professionals, many
outcomes (so tables cross pages) and exam access arrangements.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from sendocs.models import Case

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "cases" / "amara-okafor.yaml"

LONG_PARAGRAPH = (
    "We have noticed that Tom & Jerry finds mornings hard when plans change <suddenly>, "
    "and we would like school to tell us about changes the day before where it can. "
)


def long_parent_view() -> str:
    """About 5,000 characters in five paragraphs, with a template-looking string."""
    paragraph = LONG_PARAGRAPH * 8
    parts = [paragraph.strip() for _ in range(5)]
    parts[2] = "He wrote {{ 7*7 }} and {% if %} on his homework. " + parts[2]
    return "\n\n".join(parts)


def stress_case_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    child = data["child"]
    child.update(legal_forename="Tom & Jerry", legal_surname="O'Brien <Jr>")
    for key in ("preferred_name", "upn", "about_me"):
        child.pop(key, None)
    data["parents"] = [{"name": "Siobhán O'Neill", "relationship": "Foster carer"}]
    data["school"]["senco"].pop("phone")
    data["needs"][0].pop("sen_type")
    data["diagnoses"] = []
    data["professionals"] = []
    data["exam_access_arrangements"] = ["25% extra time", "A reader for written papers"]
    cycle = data["cycles"][-1]
    cycle.pop("pupil_views")
    cycle["parent_views"] = long_parent_view()
    outcome = cycle["outcomes"][1]
    cycle["outcomes"] = [
        {**outcome, "outcome": f"Outcome {i}: " + outcome["outcome"] * 2} for i in range(1, 11)
    ]
    cycle["provision"] = cycle["provision"] * 2
    data["cycles"] = [cycle]
    return data


def stress_case() -> Case:
    return Case.model_validate(stress_case_data())
