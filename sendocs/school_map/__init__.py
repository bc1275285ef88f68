"""The whole-school provision map: every intervention, every pupil, what it all costs.

A provision map (SEND Code of Practice 6.76-6.77) shows in one place the
provision a school makes that is additional to or different from the usual
curriculum; it is how a head teacher and governors see where the SEN budget
goes. It is one school's document: cases from several schools make one map
per school (:func:`~sendocs.school_map.output.build_school_maps`), never one
map listing two schools' pupils or adding up their budgets. This package
gathers the *current* plan of each pupil's case and aggregates it:

* per intervention (same name and broad area of need, across pupils): who
  gets it, who delivers it, group size, sessions and minutes, cost per pupil
  and total cost;
* per pupil: the yearly cost of their provision against the £6,000 notional
  SEN budget (element 2, Code 6.95-6.99). Pupils above it are *flagged* as
  possible candidates for local-authority top-up funding (element 3) or for
  a request for an EHC needs assessment. The wording is careful on purpose:
  £6,000 is a funding threshold, not a legal test for an assessment
  (domain brief §2; the test is CAFA 2014 s.36(8));
* per area of need, per year group, and for the whole school.

Costs come from :mod:`sendocs.costing` (per pupil per year: staff hourly cost
x hours x adults / group size + resources), with a configurable number of
school weeks (38 by default). Writers make a landscape Word document (from
``templates/school_provision_map.docx``) and an Excel workbook whose totals
are live ``SUM`` formulas.

The parts:

* :mod:`~sendocs.school_map.model`: the aggregated map and its rows;
* :mod:`~sendocs.school_map.aggregate`: building the map, and why pupils are flagged;
* :mod:`~sendocs.school_map.reading`: loading case files, folders and rosters;
* :mod:`~sendocs.school_map.output`: choosing the writer by the output's suffix;
* :mod:`~sendocs.school_map.docx_writer`: the Word document;
* :mod:`~sendocs.school_map.xlsx_writer`: the Excel workbook.
"""

from sendocs.school_map.aggregate import (
    build_school_map,
    flag_explanation,
    school_key,
    split_by_school,
)
from sendocs.school_map.docx_writer import TEMPLATE_NAME, docx_context, write_school_map_docx
from sendocs.school_map.model import (
    InterventionLine,
    PupilCost,
    PupilProvision,
    SchoolProvisionMap,
    Subtotal,
)
from sendocs.school_map.output import build_school_maps, school_map_path, write_school_map
from sendocs.school_map.reading import read_school_cases
from sendocs.school_map.xlsx_writer import (
    HOURS_FORMAT,
    MONEY_FORMAT,
    NAVY,
    write_school_map_xlsx,
)

__all__ = [
    "HOURS_FORMAT",
    "MONEY_FORMAT",
    "NAVY",
    "TEMPLATE_NAME",
    "InterventionLine",
    "PupilCost",
    "PupilProvision",
    "SchoolProvisionMap",
    "Subtotal",
    "build_school_map",
    "build_school_maps",
    "docx_context",
    "flag_explanation",
    "read_school_cases",
    "school_key",
    "school_map_path",
    "split_by_school",
    "write_school_map",
    "write_school_map_docx",
    "write_school_map_xlsx",
]
