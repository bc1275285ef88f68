"""A context manager whose exit is its ``close()``: one copy of ``__enter__``/``__exit__``.

Converters (LibreOffice's, the test double) hold processes or files that must
not outlive a ``with`` block, and each used to spell out the same two methods.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

__all__ = ["ClosedOnExit"]


class ClosedOnExit:
    """Mixin: ``with thing:`` returns ``thing`` and calls ``thing.close()`` on the way out."""

    def close(self) -> None:
        """Release what the object holds. Subclasses override; must be safe to call twice."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
