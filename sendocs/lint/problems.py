"""The one thing every check returns: a :class:`LintProblem`.

Kept apart so the walker, the structural checks and the public entry points
can all report problems without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LintProblem:
    """One thing wrong (``error``) or worth a look (``warning``) in a template."""

    message: str
    severity: str = "error"
    part: str = "document"
    near: str = ""
    field: str | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = "" if self.part == "document" else f"[{self.part}] "
        text = f"{self.severity}: {where}{self.message}"
        if self.near:
            text += f'\n    near: "{self.near}"'
        return text
