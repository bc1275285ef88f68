"""Driving a page with the keyboard alone: Tab to a control, then type, Space or Enter."""

from __future__ import annotations

from typing import Any

_MATCHES = "s => !!document.activeElement && document.activeElement.matches(s)"


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector`` (fails if never)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(_MATCHES, selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def fill(page: Any, field_id: str, text: str) -> None:
    tab_to(page, f"#{field_id}")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def fill_date(page: Any, field_id: str, day: int, month: int, year: int) -> None:
    for part, value in (("day", day), ("month", month), ("year", year)):
        fill(page, f"{field_id}-{part}", str(value))


def choose(page: Any, name: str, value: str) -> None:
    """Select a radio button with the arrow keys."""
    tab_to(page, f'input[name="{name}"]')
    page.keyboard.press("Space")
    for _ in range(30):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} for {name}")


def select(page: Any, field_id: str, value: str) -> None:
    tab_to(page, f"#{field_id}")
    for _ in range(30):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no option {value} in {field_id}")


def press(page: Any, selector: str) -> None:
    """Tab to a button or link and press Enter, waiting for the page it leads to."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def download(page: Any, selector: str) -> Any:
    tab_to(page, selector)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    return info.value
