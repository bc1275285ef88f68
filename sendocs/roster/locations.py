"""Pointing a problem found on a built case back at the roster cell it came from.

Validation sees the nested case (``cycles[1].outcomes[2].target``); the SENCO
sees a spreadsheet. Each field's origin (file, sheet, row, column) was kept
while the case was built, so a problem moves to the cell of its field, or of
the nearest enclosing field, or at least to the pupil's row.
"""

from __future__ import annotations

from sendocs.errors import FieldPath, Location, Problem

__all__ = ["problem_path", "relocate"]


def problem_path(problem: Problem) -> FieldPath | None:
    """Where in the case ``problem`` is (``()``: the whole case)."""
    return problem.location.field or ()


def relocate(
    problem: Problem,
    path: FieldPath | None,
    origins: dict[FieldPath, Location],
    row: Location,
) -> Problem:
    """Point a problem found on the case at the cell it came from (or at least the row)."""
    if path is not None:
        for end in range(len(path), 0, -1):
            origin = origins.get(path[:end])
            if origin is not None:
                return Problem(origin, problem.message, problem.severity)
    if path:  # a group of fields (an outcome, a parent): point at the row its cells are on
        inside = next((loc for p, loc in origins.items() if p[: len(path)] == path), None)
        if inside is not None:
            row = inside
    return Problem(
        Location(file=row.file, sheet=row.sheet, row=row.row, field=path or None),
        problem.message,
        problem.severity,
    )
