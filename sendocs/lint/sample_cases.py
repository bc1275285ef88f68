"""Two fictional pupils built in code: what the template checker renders sample contexts from.

The checker learns what fields a kind provides from the kind's own context
builder applied to real cases, so lists are non-empty and loop variables
resolve. These two cover every kind: Kai (SEN support, an EHC needs
assessment request, a parent notification) and Sami (an EHC plan with Section
E outcomes, a contents appeal with a working document). They are code, not
the shipped example files, so the checker gives the same answers whatever
happens to ``fixtures/`` (which only ``sendocs demo`` and the tests use), and
an optional section the examples leave out (an EHC plan's review date) is
still known. Free text is cut short: only its shape matters here.

When the case model changes, update these with it: ``tests/lint`` fails if
either stops validating or stops suiting its kinds.
"""

from __future__ import annotations

import datetime
from typing import Any

from sendocs.models import Case

__all__ = ["sample_cases"]


def sample_cases() -> list[Case]:
    """The two sample pupils, validated (a new list each call: callers may not share)."""
    return [Case.model_validate(data) for data in (KAI, SAMI)]


def _quiet_base(when: str, start: datetime.date) -> dict[str, Any]:
    """Kai's quiet base at one break time: 5 x 30 min a week with five pupils, as the fixture."""
    return {
        "intervention": f"Quiet base at {when}",
        "area": "communication_and_interaction",
        "delivered_by": "Learning support assistant",
        "group_size": 5,
        "sessions_per_week": 5,
        "minutes_per_session": 30,
        "start": start,
        "hourly_cost": 19.2,
    }


KAI: dict[str, Any] = {
    "schema_version": 1,
    "child": {
        "legal_forename": "Kai",
        "legal_surname": "Thompson",
        "middle_names": "Alexander",
        "preferred_name": "KJ",
        "date_of_birth": datetime.date(2014, 2, 9),
        "upn": "P207000016049",
        "year_group": 8,
        "first_language": "English",
        "pronouns": "he/him",
        "about_me": "I'm KJ. I know a lot about trains and the London Underground. I like.",
    },
    "parents": [
        {
            "title": "Ms",
            "forenames": "Sarah",
            "surname": "Thompson",
            "relationship": "Mother",
            "parental_responsibility": True,
            "address": "Flat 3, 27 Station Road, Westbury, WB2 7SR",
            "phone": "07700 900456",
            "email": "sarah.thompson@example.org",
        }
    ],
    "school": {
        "name": "Westbury Academy",
        "urn": "140123",
        "laestab": "2074123",
        "address": "Castle Street, Westbury, WB1 3CS",
        "phone": "01632 960200",
        "email": "admin@westbury-academy.example.sch.uk",
        "headteacher": "Mr Andrew Mensah",
        "senco": {
            "name": "Ms Rachel Adeyemi",
            "role": "SENCO",
            "email": "senco@westbury-academy.example.sch.uk",
            "phone": "01632 960214",
        },
        "appropriate_authority": "The proprietor of Westbury Academy (Westbury Learning Trust)",
        "sen_information_report_url": "https://westbury-academy.example.sch.uk/sen-information-report",
    },
    "local_authority": {
        "name": "Westshire Council",
        "sen_team": "SEND Assessment and Review Team",
        "address": "Civic Centre, Westbury, WB1 1CC",
        "email": "sendteam@westshire.example.gov.uk",
        "phone": "01632 960600",
        "sendiass": {
            "name": "Westshire SENDIASS",
            "phone": "01632 960950",
            "email": "sendiass@westshire.example.org",
            "website": "https://westshire-sendiass.example.org",
        },
    },
    "sen_status": "K",
    "needs": [
        {
            "area": "communication_and_interaction",
            "sen_type": "ASD",
            "rank": 1,
            "description": "KJ is autistic. He finds unstructured times, changes to routine and.",
            "identified": datetime.date(2022, 6, 30),
        },
        {
            "area": "social_emotional_mental_health",
            "sen_type": "SEMH",
            "rank": 2,
            "description": "High anxiety since starting secondary school, with school refusal on.",
            "identified": datetime.date(2025, 11, 10),
        },
    ],
    "strengths": [
        "Excellent memory for facts and timetables",
        "Working at greater depth in mathematics",
    ],
    "diagnoses": [
        {
            "condition": "Autism spectrum condition",
            "diagnosed_by": "Dr Maria Lopez, consultant community paediatrician",
            "date": datetime.date(2022, 6, 30),
        },
        {
            "condition": "Generalised anxiety",
            "diagnosed_by": "Mr Ben Hart, CAMHS clinical psychologist",
            "date": datetime.date(2026, 2, 16),
        },
    ],
    "professionals": [
        {
            "name": "Dr Fiona Walsh",
            "role": "Educational psychologist",
            "organisation": "Westshire Educational Psychology Service",
            "involved_since": datetime.date(2026, 1, 5),
            "report_dates": [datetime.date(2026, 3, 2)],
            "recommendations": [
                {"text": "A key adult for a daily check-in and check-out", "delivered": True},
                {"text": "A quiet base available at unstructured times", "delivered": True},
            ],
        },
        {
            "name": "Mr Ben Hart",
            "role": "Clinical psychologist",
            "organisation": "Westshire CAMHS",
            "involved_since": datetime.date(2025, 12, 1),
            "report_dates": [datetime.date(2026, 2, 16)],
            "recommendations": [
                {
                    "text": "A reduced, predictable timetable with a planned return to full days",
                    "delivered": False,
                }
            ],
        },
    ],
    "class_teacher": "Mrs Joy Palmer (form tutor)",
    "cycles": [
        {
            "start": datetime.date(2025, 11, 17),
            "review_date": datetime.date(2026, 2, 9),
            "assess": {
                "summary": "Attendance has fallen to 81%; KJ leaves lessons when anxious.",
                "attainment": "Maths: above expected. English: expected. Attendance "
                "autumn term 81%.",
            },
            "pupil_views": "I hate the corridors. I want somewhere quiet to go.",
            "parent_views": "KJ is very anxious every morning and says school is too loud.",
            "outcomes": [
                {
                    "outcome": "KJ will attend all lessons on his timetable on at least "
                    "4 days a week.",
                    "area": "social_emotional_mental_health",
                    "baseline": "Attendance 81%; leaves 3 to 4 lessons a week.",
                    "success_criteria": "Attendance of at least 90% over the half-term, "
                    "from the register.",
                    "target_date": datetime.date(2026, 2, 6),
                    "responsible": "Head of Year 7",
                    "status": "not_met",
                    "evidence": "Attendance 78% in the half-term.",
                },
                {
                    "outcome": "KJ will use his exit card and the quiet base instead of "
                    "leaving the.",
                    "area": "social_emotional_mental_health",
                    "baseline": "Has left the school site twice this term.",
                    "success_criteria": "No incidents of leaving the site over the half-term.",
                    "target_date": datetime.date(2026, 2, 6),
                    "responsible": "SENCO",
                    "status": "met",
                    "evidence": "No incidents recorded.",
                },
            ],
            "provision": [
                {
                    "intervention": "Key adult check-in and check-out",
                    "area": "social_emotional_mental_health",
                    "delivered_by": "Teaching assistant",
                    "group_size": 1,
                    "sessions_per_week": 10,
                    "minutes_per_session": 10,
                    "start": datetime.date(2025, 11, 17),
                    "hourly_cost": 19.2,
                },
                _quiet_base("morning break", datetime.date(2025, 11, 17)),
                _quiet_base("lunchtime", datetime.date(2025, 11, 17)),
            ],
            "review": {
                "held_on": datetime.date(2026, 2, 9),
                "attendees": ["Ms Sarah Thompson", "Ms Rachel Adeyemi (SENCO)"],
                "effectiveness": "The quiet base has stopped KJ leaving the site; "
                "attendance has not.",
                "pupil_views": "The quiet room is good. Mornings are still bad.",
                "parent_views": "Mornings are very hard; KJ often cannot get out of the car.",
                "next_steps": "Ask the educational psychologist to assess; start ELSA sessions.",
            },
        },
        {
            "start": datetime.date(2026, 2, 23),
            "review_date": datetime.date(2026, 5, 18),
            "assess": {
                "summary": "EP assessment completed in March 2026.",
                "attainment": "Maths: above expected. English: expected. Attendance "
                "spring term 74%.",
                "external_advice": "Educational psychologist report, 2 March 2026; "
                "CAMHS letter, 16.",
            },
            "pupil_views": "I like ELSA with Mr Okoro. Science practicals are the worst.",
            "parent_views": "KJ is now refusing school on Mondays. We need more help.",
            "outcomes": [
                {
                    "outcome": "KJ will attend at least 90% of sessions.",
                    "area": "social_emotional_mental_health",
                    "baseline": "Attendance 74%.",
                    "success_criteria": "At least 90% attendance over the half-term, "
                    "from the register.",
                    "target_date": datetime.date(2026, 5, 15),
                    "responsible": "Head of Year 7",
                    "status": "not_met",
                    "evidence": "Attendance 71%.",
                },
                {
                    "outcome": "KJ will name three strategies that help him when he feels anxious.",
                    "area": "social_emotional_mental_health",
                    "baseline": "Cannot say what helps.",
                    "success_criteria": "Names and uses three strategies, by ELSA record.",
                    "target_date": datetime.date(2026, 5, 15),
                    "responsible": "ELSA",
                    "status": "met",
                    "evidence": "ELSA record, 14 May 2026.",
                },
            ],
            "provision": [
                {
                    "intervention": "Key adult check-in and check-out",
                    "area": "social_emotional_mental_health",
                    "delivered_by": "Teaching assistant",
                    "group_size": 1,
                    "sessions_per_week": 10,
                    "minutes_per_session": 10,
                    "start": datetime.date(2026, 2, 23),
                    "hourly_cost": 19.2,
                },
                _quiet_base("morning break", datetime.date(2026, 2, 23)),
                _quiet_base("lunchtime", datetime.date(2026, 2, 23)),
            ],
            "review": {
                "held_on": datetime.date(2026, 5, 18),
                "attendees": ["Ms Sarah Thompson", "Ms Rachel Adeyemi (SENCO)"],
                "effectiveness": "ELSA is helping KJ name his feelings, but attendance "
                "keeps falling.",
                "parent_views": "We will ask the council for an EHC needs assessment.",
                "next_steps": "Increase in-class support in practical lessons; SENCO to support a.",
            },
        },
        {
            "start": datetime.date(2026, 9, 7),
            "review_date": datetime.date(2026, 12, 14),
            "assess": {
                "summary": "KJ started Year 8 on a reduced timetable. He manages mornings better.",
                "attainment": "Maths: above expected. English: expected. Attendance "
                "autumn term to.",
                "external_advice": "Educational psychologist report, 2 March 2026.",
            },
            "pupil_views": "I want to go to all my lessons but I can't when it's loud.",
            "parent_views": "KJ is trying so hard. We are worried that he is falling behind, and.",
            "outcomes": [
                {
                    "outcome": "KJ will attend at least 90% of sessions on his agreed timetable.",
                    "area": "social_emotional_mental_health",
                    "baseline": "Attendance 76%.",
                    "success_criteria": "At least 90% attendance over the half-term, "
                    "from the register.",
                    "target_date": datetime.date(2026, 12, 11),
                    "responsible": "Head of Year 8",
                },
                {
                    "outcome": "KJ will take part in practical science lessons with adult support.",
                    "area": "communication_and_interaction",
                    "baseline": "Completes 1 in 5 practical lessons.",
                    "success_criteria": "Completes 4 of 5 practical lessons in the half-term.",
                    "target_date": datetime.date(2026, 12, 11),
                    "responsible": "Science teacher",
                },
            ],
            "provision": [
                {
                    "intervention": "Key adult check-in and check-out",
                    "area": "social_emotional_mental_health",
                    "delivered_by": "Teaching assistant",
                    "group_size": 1,
                    "sessions_per_week": 10,
                    "minutes_per_session": 10,
                    "start": datetime.date(2026, 9, 7),
                    "hourly_cost": 19.2,
                },
                {
                    "intervention": "ELSA sessions",
                    "area": "social_emotional_mental_health",
                    "delivered_by": "Emotional literacy support assistant",
                    "group_size": 1,
                    "sessions_per_week": 1,
                    "minutes_per_session": 45,
                    "start": datetime.date(2026, 9, 7),
                    "hourly_cost": 21.4,
                },
                _quiet_base("morning break", datetime.date(2026, 9, 7)),
                _quiet_base("lunchtime", datetime.date(2027, 2, 12)),
            ],
        },
    ],
    "assessment_request": {
        "requester": "parent",
        "sent_on": datetime.date(2026, 11, 23),
        "delivery": "email",
        "consult": [
            {
                "name": "Dr Fiona Walsh",
                "role": "Educational psychologist",
                "organisation": "Westshire Educational Psychology Service",
            },
            {
                "name": "Mr Ben Hart",
                "role": "Clinical psychologist",
                "organisation": "Westshire CAMHS",
            },
        ],
    },
    "evidence": [
        {
            "title": "Autism diagnosis letter",
            "author": "Dr Maria Lopez",
            "role": "Consultant community paediatrician",
            "date": datetime.date(2022, 6, 30),
            "kind": "diagnosis",
            "summary": "Confirms a diagnosis of autism spectrum condition.",
        },
        {
            "title": "CAMHS assessment letter",
            "author": "Mr Ben Hart",
            "role": "Clinical psychologist",
            "date": datetime.date(2026, 2, 16),
            "kind": "report",
            "summary": "Generalised anxiety; recommends a reduced, predictable timetable.",
        },
        {
            "title": "Educational psychology report",
            "author": "Dr Fiona Walsh",
            "role": "Educational psychologist",
            "date": datetime.date(2026, 3, 2),
            "kind": "expert_report",
            "summary": "Recommends one-to-one support in practical lessons and an OT sensory.",
        },
        {
            "title": "Attendance record, September 2025 to November 2026",
            "author": "Westbury Academy",
            "date": datetime.date(2026, 11, 20),
            "kind": "attendance",
            "summary": "Attendance between 71% and 81% each half-term.",
        },
        {
            "title": "SEN support plans and reviews, 2025-26",
            "author": "Ms Rachel Adeyemi",
            "role": "SENCO",
            "date": datetime.date(2026, 5, 18),
            "kind": "review",
        },
    ],
}

SAMI: dict[str, Any] = {
    "schema_version": 1,
    "child": {
        "legal_forename": "Sami",
        "legal_surname": "Ahmed",
        "middle_names": "Yusuf",
        "date_of_birth": datetime.date(2018, 3, 14),
        "upn": "D937202612345",
        "year_group": 4,
        "first_language": "English",
        "pronouns": "he/him",
        "about_me": "I'm Sami. I love football, drawing dinosaurs and playing with my.",
    },
    "parents": [
        {
            "title": "Mrs",
            "forenames": "Farida",
            "surname": "Ahmed",
            "relationship": "Mother",
            "parental_responsibility": True,
            "address": "14 Orchard Close, Anytown, AN2 5OC",
            "phone": "07700 900321",
            "email": "farida.ahmed@example.org",
        },
        {
            "title": "Mr",
            "forenames": "Imran",
            "surname": "Ahmed",
            "relationship": "Father",
            "parental_responsibility": True,
            "address": "14 Orchard Close, Anytown, AN2 5OC",
            "phone": "07700 900322",
        },
    ],
    "school": {
        "name": "Greenfield Primary School",
        "urn": "123987",
        "laestab": "9372145",
        "address": "Meadow Road, Anytown, AN2 3MR",
        "phone": "01632 960400",
        "email": "office@greenfield.example.sch.uk",
        "headteacher": "Mrs Helen Carter",
        "senco": {
            "name": "Mr David Osei",
            "role": "SENCO",
            "email": "senco@greenfield.example.sch.uk",
            "phone": "01632 960412",
        },
    },
    "local_authority": {
        "name": "Anyshire County Council",
        "sen_team": "SEND Statutory Assessment and Review Service",
        "address": "County Hall, Market Square, Anytown, AN1 1CH",
        "email": "sendstatutory@anyshire.example.gov.uk",
        "phone": "01632 960800",
        "sendiass": {
            "name": "Anyshire SENDIASS",
            "phone": "01632 960980",
            "email": "sendiass@anyshire.example.org",
            "website": "https://sendiass.anyshire.example.org",
        },
    },
    "sen_status": "E",
    "needs": [
        {
            "area": "communication_and_interaction",
            "sen_type": "SLCN",
            "rank": 1,
            "description": "Sami has a developmental language disorder. He understands far less.",
            "identified": datetime.date(2023, 2, 8),
        },
        {
            "area": "social_emotional_mental_health",
            "sen_type": "SEMH",
            "rank": 2,
            "description": "Sami becomes anxious and withdrawn when he cannot follow what is.",
            "identified": datetime.date(2026, 5, 12),
        },
    ],
    "strengths": [
        "Kind and caring with younger children",
        "Strong visual memory and a talent for drawing",
    ],
    "diagnoses": [
        {
            "condition": "Developmental language disorder",
            "diagnosed_by": "Ms Hannah Lewis, speech and language therapist",
            "date": datetime.date(2023, 2, 8),
        }
    ],
    "professionals": [
        {
            "name": "Dr Priya Nair",
            "role": "Educational psychologist",
            "organisation": "Anyshire Educational Psychology Service",
            "involved_since": datetime.date(2026, 3, 2),
            "report_dates": [datetime.date(2026, 5, 12)],
            "recommendations": [
                {
                    "text": "Daily adult support from a teaching assistant trained in language.",
                    "delivered": False,
                    "note": "The school provides 10 hours a week from its own budget.",
                },
                {"text": "Visual timetable and visual supports in every lesson", "delivered": True},
            ],
        },
        {
            "name": "Ms Hannah Lewis",
            "role": "Speech and language therapist",
            "organisation": "Independent practice",
            "involved_since": datetime.date(2023, 1, 10),
            "report_dates": [datetime.date(2023, 2, 8), datetime.date(2026, 9, 15)],
            "recommendations": [
                {
                    "text": "Two 45-minute sessions of direct speech and language therapy a week",
                    "delivered": False,
                },
                {
                    "text": "A daily 20-minute language programme delivered by a trained teaching.",
                    "delivered": False,
                },
            ],
        },
    ],
    "class_teacher": "Miss Laura Bennett",
    "cycles": [
        {
            "start": datetime.date(2026, 1, 5),
            "review_date": datetime.date(2026, 3, 27),
            "assess": {
                "summary": "Sami's understanding of spoken instructions is well below that of his.",
                "attainment": "Reading: working towards. Writing: working towards. "
                "Maths: expected.",
            },
            "pupil_views": "I like the pictures on my table. Big words are hard.",
            "parent_views": "Sami comes home tired and says he doesn't understand the teacher.",
            "outcomes": [
                {
                    "outcome": "Sami will follow two-step classroom instructions with a "
                    "visual prompt.",
                    "area": "communication_and_interaction",
                    "baseline": "Follows one-step instructions with a visual prompt.",
                    "success_criteria": "Follows 8 of 10 observed two-step instructions.",
                    "target_date": datetime.date(2026, 3, 27),
                    "responsible": "Class teacher",
                    "status": "partly_met",
                    "evidence": "Followed 5 of 10 observed instructions.",
                }
            ],
            "provision": [
                {
                    "intervention": "Language group (Talk Boost)",
                    "area": "communication_and_interaction",
                    "delivered_by": "Teaching assistant",
                    "group_size": 4,
                    "sessions_per_week": 3,
                    "minutes_per_session": 30,
                    "start": datetime.date(2026, 1, 5),
                    "hourly_cost": 18.5,
                }
            ],
            "review": {
                "held_on": datetime.date(2026, 3, 27),
                "attendees": ["Mrs Farida Ahmed", "Mr David Osei (SENCO)"],
                "effectiveness": "Some progress in the group; little carry-over into lessons.",
                "parent_views": "We will ask the council for an EHC needs assessment.",
                "next_steps": "Ask the educational psychologist to assess; parents to "
                "request an EHC.",
            },
        },
        {
            "start": datetime.date(2026, 9, 7),
            "review_date": datetime.date(2026, 12, 11),
            "assess": {
                "summary": "Sami has an EHC plan from 2 October 2026. The school is putting its.",
                "attainment": "Reading: working towards. Writing: working towards. "
                "Maths: expected.",
                "external_advice": "Educational psychology report, 12 May 2026; speech "
                "and language.",
            },
            "pupil_views": "I want to understand the stories in class. Mrs Khan helps me.",
            "parent_views": "Sami needs specialist speech and language therapy every week, "
            'not "as.',
            "outcomes": [
                {
                    "outcome": "Sami will retell a short story in the right order using "
                    "a story map.",
                    "area": "communication_and_interaction",
                    "baseline": "Retells 2 of 5 events in order with a story map.",
                    "success_criteria": "Retells 4 of 5 events in order on 3 occasions.",
                    "target_date": datetime.date(2026, 12, 11),
                    "responsible": "Teaching assistant",
                },
                {
                    "outcome": "Sami will join a small-group task for 10 minutes with a "
                    "defined role.",
                    "area": "social_emotional_mental_health",
                    "baseline": "Leaves group work after 2 to 3 minutes.",
                    "success_criteria": "Stays for 10 minutes in 4 of 5 observed sessions.",
                    "target_date": datetime.date(2026, 12, 11),
                    "responsible": "Class teacher",
                },
            ],
            "provision": [
                {
                    "intervention": "Teaching assistant support in literacy lessons",
                    "area": "communication_and_interaction",
                    "delivered_by": "Teaching assistant",
                    "staff_name": "Mrs Khan",
                    "setting": "in_class",
                    "group_size": 1,
                    "sessions_per_week": 5,
                    "minutes_per_session": 60,
                    "start": datetime.date(2026, 9, 7),
                    "hourly_cost": 18.5,
                },
                {
                    "intervention": "Language group (Talk Boost)",
                    "area": "communication_and_interaction",
                    "delivered_by": "Teaching assistant",
                    "group_size": 4,
                    "sessions_per_week": 3,
                    "minutes_per_session": 30,
                    "start": datetime.date(2026, 9, 7),
                    "hourly_cost": 18.5,
                },
            ],
        },
    ],
    "evidence": [
        {
            "ref": "E1",
            "title": "Educational psychology report",
            "author": "Dr Priya Nair",
            "role": "Educational psychologist",
            "date": datetime.date(2026, 5, 12),
            "kind": "expert_report",
            "pages": 14,
            "summary": "Language difficulties underlie Sami's anxiety; recommends daily.",
        },
        {
            "ref": "E2",
            "title": "Speech and language therapy report",
            "author": "Ms Hannah Lewis",
            "role": "Speech and language therapist",
            "date": datetime.date(2026, 9, 15),
            "kind": "expert_report",
            "pages": 12,
            "summary": "Severe receptive and expressive language disorder; recommends weekly.",
        },
        {
            "ref": "E3",
            "title": "Final EHC plan with appendices",
            "author": "Anyshire County Council",
            "date": datetime.date(2026, 10, 2),
            "kind": "ehc_plan",
            "pages": 28,
        },
        {
            "ref": "E4",
            "title": "Decision letter issuing the final EHC plan",
            "author": "Ms Joanne Pike",
            "role": "SEND Team Manager, Anyshire County Council",
            "date": datetime.date(2026, 10, 2),
            "kind": "decision_letter",
            "pages": 3,
        },
        {
            "ref": "E5",
            "title": "Mediation certificate",
            "author": "Anyshire Mediation Service",
            "date": datetime.date(2026, 11, 20),
            "kind": "mediation_certificate",
            "pages": 1,
        },
        {
            "ref": "E6",
            "title": "Letter from Brookfield Primary School about a place in the Language.",
            "author": "Mr Thomas Reed",
            "role": "Headteacher, Brookfield Primary School",
            "date": datetime.date(2026, 11, 6),
            "kind": "letter",
            "pages": 2,
            "summary": "The resource base can meet Sami's needs and would have a place from.",
        },
    ],
    "appeal": {
        "appeal_type": "contents",
        "sections": ["B", "F"],
        "ehc_plan_date": datetime.date(2026, 10, 2),
        # lodged and signed, as the fixture: the notice "as lodged" needs both
        "lodged_on": datetime.date(2026, 11, 23),
        "signed_on": datetime.date(2026, 11, 23),
        "decision": {
            "date_sent": datetime.date(2026, 10, 2),
            "made_by": "Ms Joanne Pike, SEND Team Manager",
            "reference": "ANY/EHC/2026/0417",
            "summary": "Final EHC plan issued naming Greenfield Primary School.",
            "states_appeal_rights": True,
            "states_time_limit": True,
            "states_mediation": True,
            "states_health_social_care": True,
            "document": "E4",
        },
        "mediation_certificate": {
            "issued_on": datetime.date(2026, 11, 20),
            "issued_by": "Anyshire Mediation Service",
            "mediation_took_place": False,
            "document": "E5",
        },
        "grounds": [
            {
                "section": "B",
                "title": "Sami's language disorder is not described",
                "text": 'Section B says only that Sami "has some difficulties with.',
                "evidence": [
                    {"document": "E2", "page": 4, "paragraph": "3.2"},
                    {"document": "E1", "page": 6, "paragraph": "4.3"},
                ],
            },
            {
                "section": "B",
                "title": "Sami's anxiety is left out",
                "text": "Section B does not mention the anxiety and withdrawal that follow.",
                "evidence": [{"document": "E1", "page": 8, "paragraph": "5.1"}],
            },
        ],
        "result_sought": "That the Tribunal orders Anyshire County Council to amend Sections B.",
        "preferred_school": {
            "name": "Brookfield Primary School (Language Resource Base)",
            "address": "Mill Lane, Anytown, AN3 4BR",
            "school_type": "Maintained mainstream primary school with a resource base for.",
            "independent": False,
            "consulted_on": datetime.date(2026, 10, 20),
            "response": "The headteacher replied on 6 November 2026 that the resource base can.",
        },
        "health_social_care_recommendations": [
            {
                "area": "health",
                "text": "That the Tribunal recommends that Anyshire NHS Children's Therapy.",
                "evidence": [{"document": "E1", "page": 12, "paragraph": "7.6"}],
            }
        ],
        "amendments": [
            {
                "section": "B",
                "paragraph": "B1",
                "heading": "Communication and interaction",
                "original": "Sami has speech, language and communication needs.",
            },
            {
                "section": "B",
                "paragraph": "B2",
                "original": "Sami has some difficulties with understanding language.",
                "proposed": "Sami has a developmental language disorder. His "
                "receptive language is.",
                "proposed_by": "parent",
                "evidence": [{"document": "E2", "page": 4, "paragraph": "3.2"}],
            },
        ],
    },
    "ehc_plan": {
        "issued": datetime.date(2026, 10, 2),
        "last_review": None,
        "reference": "EHC/00042",
        "section_e": [
            "Sami will read a short text aloud with expression.",
            "Sami will ask for help when stuck.",
        ],
    },
}
