"""School census rules a roster relies on: from a SEN type code to its broad area of need.

An MIS export gives each need as a census SEN type code (``SLD``, ``SEMH``…);
the Code of Practice's four broad areas follow from the code, and the census
ranks the primary and secondary need 1 and 2.
"""

from __future__ import annotations

from sendocs.errors import FieldPath, Problem
from sendocs.models import SenType
from sendocs.roster.column_map import ColumnMap
from sendocs.roster.sheets import Leaf

__all__ = ["derive_need_areas", "entry_value"]


def entry_value(entries: dict[FieldPath, Leaf], path: FieldPath) -> object:
    """The converted value of the cell at ``path``, or None (no cell, or blank)."""
    leaf = entries.get(path)
    return None if leaf is None else leaf.value


def derive_need_areas(
    entries: dict[FieldPath, Leaf], claimed: dict[FieldPath, Problem], column_map: ColumnMap
) -> None:
    """An MIS gives census type codes; the broad area of need follows from the code.

    A blank description is filled with the type's name, since a plan needs one;
    ``needs[1]`` and ``needs[2]`` of the map are the census primary and
    secondary need (rank 1 and 2) unless a rank column says otherwise.
    """
    for path, leaf in list(entries.items()):
        if len(path) != 3 or path[0] != "needs" or path[2] != "sen_type" or leaf.value is None:
            continue
        index = path[1]
        try:
            sen_type = SenType(leaf.value)
        except ValueError:
            continue  # the model reports the bad code against this column
        area_path: FieldPath = ("needs", index, "area")
        if entry_value(entries, area_path) is None and area_path not in claimed:
            if sen_type.area is None:
                entry = column_map.entry_name(area_path)
                claimed[area_path] = Problem(
                    leaf.origin,
                    f"{sen_type.value} does not say which broad area of need it is in: give "
                    f"the area in the column mapped to {entry}",
                )
            else:
                entries[area_path] = Leaf(sen_type.area.value, leaf.origin)
        description: FieldPath = ("needs", index, "description")
        if entry_value(entries, description) is None:
            entries[description] = Leaf(sen_type.label, leaf.origin)
        rank: FieldPath = ("needs", index, "rank")
        if entry_value(entries, rank) is None and rank not in claimed and index in (0, 1):
            entries[rank] = Leaf(index + 1, leaf.origin)  # census rank: 1 primary, 2 secondary
