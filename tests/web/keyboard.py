"""Driving a page with the keyboard alone: Tab to a control, then type, Space or Enter."""

from __future__ import annotations

from typing import Any

_MATCHES = "s => !!document.activeElement && document.activeElement.matches(s)"

# How many Tab presses from the focused element to the first one matching the
# selector, counting the tab stops in document order (one per radio group),
# and never past an iframe (focus goes into it). Only a shortcut: the last
# presses are still checked one by one, so a wrong count only costs time.
_TABS_TO = """sel => {
  const stops = [];
  const groups = new Set();
  for (const el of document.querySelectorAll(
      'a[href], button, input, select, textarea, iframe, [tabindex]')) {
    if (el.disabled || el.tabIndex < 0 || el.type === 'hidden') continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.type === 'radio') { if (groups.has(el.name)) continue; groups.add(el.name); }
    stops.push(el);
  }
  const target = stops.findIndex(e => e.matches(sel));
  if (target < 0) return 0;
  const active = document.activeElement;
  let next = stops.indexOf(active) + 1;
  if (next === 0 && active && active !== document.body) {
    next = stops.filter(
      e => active.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING).length;
  }
  for (let i = next; i < target; i++) if (stops[i].tagName === 'IFRAME') return 0;
  return Math.max(0, target - next);
}"""


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector`` (fails if never)."""
    ahead = page.evaluate(_TABS_TO, selector)
    if ahead > 0:  # pressed without asking the page each time
        for _ in range(ahead):
            page.keyboard.press("Tab")
    settle = page.evaluate("() => !!document.querySelector('iframe')")
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(_MATCHES, selector):
            if not settle:
                return
            # Tabbing through a PDF preview (an out-of-process frame) moves focus
            # asynchronously: a focus change queued earlier can land after the
            # match. Confirm it held; if not, the next Tab goes on from there.
            page.wait_for_timeout(150)
            if page.evaluate(_MATCHES, selector):
                return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def fill(page: Any, field_id: str, text: str) -> None:
    tab_to(page, f"#{field_id}")
    page.keyboard.press("Control+A")
    # The text arrives as typed text does (an input event into the focused field),
    # in one step rather than three key events a character.
    page.keyboard.insert_text(text)


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
    """Tab to a link and press Enter; return the download that link started.

    Only a download of the focused link's own address is taken: Chromium may
    report a download started earlier (say, of the case file) after the next
    wait begins, and taking that one would test the wrong file.
    """
    href = page.eval_on_selector(selector, "a => a.href")
    focused = None
    for attempt in range(4):
        if attempt:
            # As a person would: reload the page and Tab again. (A pressed F5 is
            # a browser shortcut that headless Chromium ignores, so reload here.)
            page.reload(wait_until="load")
            page.wait_for_timeout(500 * attempt)  # let a late-loading preview settle
        tab_to(page, selector)
        page.wait_for_timeout(150)  # let any late focus change land before checking
        focused = page.evaluate(
            "() => document.activeElement && (document.activeElement.href"
            " || document.activeElement.tagName)"
        )
        if focused == href:
            break
    assert focused == href, f"focus is on {focused}, not on {selector} ({href})"
    with page.expect_download(predicate=lambda d: d.url == href) as info:
        page.keyboard.press("Enter")
    return info.value
