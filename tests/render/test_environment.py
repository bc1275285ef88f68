from __future__ import annotations

import datetime as dt
from decimal import Decimal

import jinja2
import pytest

from sendocs.formatting import clean_text
from sendocs.models import SenType
from sendocs.render.environment import get_environment


def render(source: str, **context: object) -> str:
    return get_environment().from_string(source).render(**context)


def test_values_are_escaped_for_xml() -> None:
    assert render("{{ n }}", n="Tom & Jerry <O'Brien>") == "Tom &amp; Jerry &lt;O&#39;Brien&gt;"


def test_jinja_in_data_is_never_evaluated() -> None:
    assert render("{{ n }}", n="{{ 7*7 }} {% if 1 %}x{% endif %}") == (
        "{{ 7*7 }} {% if 1 %}x{% endif %}"
    )


def test_control_characters_are_removed_but_tabs_and_newlines_kept() -> None:
    assert render("{{ n }}", n="a\x0bb\x00c\td\r\ne\x07") == "abc\td\ne"
    assert clean_text("x\ufffey") == "xy"


def test_dates_enums_and_none_print_for_people() -> None:
    out = render(
        "{{ d }}|{{ t }}|{{ x }}|{{ d|date('full') }}",
        d=dt.date(2026, 11, 23),
        t=SenType.SLCN,
        x=None,
    )
    assert (
        out == "23 November 2026|Speech, language and communication needs||Monday 23 November 2026"
    )


def test_money_list_and_plural_filters() -> None:
    assert render("{{ v|money }}", v=Decimal(6000)) == "£6,000.00"
    assert render("{{ v|join_list }}", v=["reading", "writing", "spelling"]) == (
        "reading, writing and spelling"
    )
    assert render("{{ 1|plural('session') }}, {{ 3|plural('session') }}") == "1 session, 3 sessions"


def test_misspelt_field_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render("{{ child.nmae }}", child={"name": "x"})


def test_sandbox_blocks_python_internals() -> None:
    with pytest.raises(jinja2.exceptions.SecurityError):
        render("{{ ''.__class__.__mro__ }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        render("{{ items.append(1) }}", items=[])


def test_compiled_templates_are_cached() -> None:
    env = get_environment()
    assert env.from_string("{{ a }}-cache") is env.from_string("{{ a }}-cache")
