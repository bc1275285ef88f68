"""Templates that try to exhaust the machine stop quickly with a message naming the template.

Each hostile template is a tiny .docx built here and rendered through both
renderers (the fast one batches use and the plain docxtpl one), plus the same
expressions as form-map entries. Every case must end within a few seconds.
"""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from sendocs.errors import FormError, TemplateError
from sendocs.forms.expressions import evaluate
from sendocs.render.docx import DocxRenderer
from sendocs.render.environment import SendocsEnvironment, get_environment
from sendocs.render.fast_docx import FastDocxRenderer
from sendocs.render.limits import RenderLimits, TemplateLimitError, bounded

# (template text, words the message must contain)
HOSTILE = [
    ("{% set x = range(10**9) %}x", "range() would make 1,000,000,000 items"),
    ('{{ "a" * 10**9 }}', "`*` would make text of 1,000,000,000 characters"),
    ('{{ "a" * 1000000000 }}', "`*` would make text"),
    ("{{ 10**(10**8) }}", "`**` would make a number"),
    ("{{ 2.0 ** 100000 }}", "a number or range grew too large"),
    ('{{ "a"|center(1000000000) }}', "the `center` filter"),
    ('{{ "a".ljust(1000000000) }}', "`ljust()`"),
    ('{{ "{:>1000000000}".format(1) }}', "format width"),
    ('{{ "%1000000000s" % 1 }}', "`%` format"),
    ("{{ [0] * 1000000000 }}", "items"),
    ('{{ "ab"|replace("", "x" * 10000000) }}', "the `replace` filter"),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(60) %}'
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "`~` would make text",
    ),
    ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", "calls itself too deeply"),
    (
        "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}",
        "rendering took longer than 1 seconds",
    ),
    (
        '{% set s = "x" * 100000 %}{% macro m() %}{% for a in s %}{% for b in s %}x'
        "{% endfor %}{% endfor %}{% endmacro %}{{ m() }}",
        "",  # a time or size limit, whichever comes first
    ),
]
IDS = [f"hostile{i}" for i in range(len(HOSTILE))]


@pytest.fixture(autouse=True)
def one_second(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDOCS_TEMPLATE_TIMEOUT", "1")


def make_template(path: Path, text: str, greeting: bool = True) -> Path:
    document = docx.Document()
    if greeting:
        document.add_paragraph("Dear {{ name }},")
    document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture(params=[FastDocxRenderer, DocxRenderer], ids=["fast", "plain"])
def renderer(request: pytest.FixtureRequest) -> DocxRenderer:
    made: DocxRenderer = request.param()
    return made


@pytest.mark.parametrize(("text", "expected"), HOSTILE, ids=IDS)
def test_hostile_word_template_stops_with_template_error(
    tmp_path: Path, renderer: DocxRenderer, text: str, expected: str
) -> None:
    template = make_template(tmp_path / "mine.docx", text)
    start = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        renderer.render_bytes(template, {"name": "Amara"})
    assert time.monotonic() - start < 5
    message = str(caught.value)
    assert message.startswith(f"{template.resolve()}: the template was stopped: "), message
    assert expected in message
    assert "Traceback" not in message


def test_message_shows_the_document_text_near_the_problem(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Introduction for {{ name }}")
    document.add_paragraph("Provision table heading")
    document.add_paragraph('{{ "a" * 10**9 }}')
    document.save(str(tmp_path / "mine.docx"))
    with pytest.raises(TemplateError) as caught:
        FastDocxRenderer().render_bytes(tmp_path / "mine.docx", {"name": "Amara"})
    assert "Provision table heading" in (caught.value.context or "")


def test_python_errors_in_a_template_are_template_errors(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mine.docx", "{{ 1 / 0 }}")
    with pytest.raises(TemplateError, match="ZeroDivisionError: division by zero"):
        FastDocxRenderer().render_bytes(template, {"name": "Amara"})


def test_render_command_reports_a_hostile_template(tmp_path: Path, amara_path: Path) -> None:
    from sendocs.cli import main

    template = make_template(tmp_path / "mine.docx", '{{ "a" * 10**9 }}', greeting=False)
    start = time.monotonic()
    result = CliRunner().invoke(
        main, ["render", "iep", str(amara_path), "-o", str(tmp_path), "--template", str(template)]
    )
    assert time.monotonic() - start < 10
    assert result.exit_code == 1, result.output
    assert "mine.docx" in result.output
    assert "the template was stopped" in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.glob("*_*.docx"))  # nothing half-written


# --- compile-time constant folding ------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        '{{ "a" * 10**9 }}',
        '{{ "a" * 1000000000 }}',
        "{{ 10**(10**8) }}",
        '{{ "a"|center(1000000000) }}',
        '{{ "a"|indent(1000000000) }}',
        '{{ "%1000000000s"|format(1) }}',
    ],
)
def test_compiling_does_not_evaluate_huge_constants(source: str) -> None:
    env = SendocsEnvironment()
    start = time.monotonic()
    template = env.from_string(source)  # must not fold the constant
    assert time.monotonic() - start < 2
    with pytest.raises(TemplateLimitError):
        template.render()


# --- form maps --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('"a" * 10**9', "`*` would make text"),
        ("10**(10**8)", "`**` would make a number"),
        ("range(10**9) | list", "range()"),
        ("2.0 ** 100000", "too large"),
        ('{{ "a" * 10**9 }}', "`*` would make text"),
        (
            "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}",
            "1 seconds",
        ),
        ("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}", "too deeply"),
    ],
)
def test_hostile_form_map_expression_is_a_form_error(expression: str, expected: str) -> None:
    start = time.monotonic()
    with pytest.raises(FormError) as caught:
        evaluate(expression, {"name": "Amara"}, "map.yaml: ChildName")
    assert time.monotonic() - start < 5
    assert str(caught.value).startswith("map.yaml: ChildName: ")
    assert expected in str(caught.value)


# --- the limits are configurable and ordinary templates keep working ----------------------


def test_limits_come_from_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDOCS_TEMPLATE_MAX_CHARS", "100")
    monkeypatch.setenv("SENDOCS_TEMPLATE_MAX_ITEMS", "10")
    env = SendocsEnvironment()
    assert env.from_string('{{ "a" * 100 }}').render() == "a" * 100
    with pytest.raises(TemplateLimitError, match="more than the limit of 100 "):
        env.from_string('{{ "a" * 101 }}').render()
    with pytest.raises(TemplateLimitError, match="SENDOCS_TEMPLATE_MAX_ITEMS"):
        env.from_string("{{ range(11) | list }}").render()
    with pytest.raises(TemplateLimitError, match="the rendered text"):
        env.from_string("{% for i in range(10) %}{{ 'x' * 20 }}{% endfor %}").render()


def test_invalid_limit_values_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDOCS_TEMPLATE_MAX_CHARS", "lots")
    monkeypatch.setenv("SENDOCS_TEMPLATE_TIMEOUT", "-3")
    assert RenderLimits.from_env() == RenderLimits()


def test_renderer_limits_override_the_environment(tmp_path: Path) -> None:
    template = make_template(tmp_path / "mine.docx", "{{ 'a' * 50 }}")
    with pytest.raises(TemplateError, match="limit of 10 "):
        DocxRenderer(limits=RenderLimits(max_chars=10)).render_bytes(template, {"name": "A"})


ORDINARY = [
    ("{{ range(3) | list }}", "[0, 1, 2]"),
    ("{% for i in range(3) %}{{ loop.index }}/{{ loop.length }} {% endfor %}", "1/3 2/3 3/3 "),
    ("{% for i in range(5, 0, -2) %}{{ i }}{% endfor %}", "531"),
    (
        "{% set ns = namespace(n=0) %}{% for i in range(4) %}{% set ns.n = ns.n + i %}"
        "{% endfor %}{{ ns.n }}",
        "6",
    ),
    ("{{ 'a' ~ 'b' ~ 3 }}", "ab3"),
    ("{{ 2 ** 10 }} {{ 7 * 6 }} {{ 'ab' * 2 }} {{ '%05.1f' % 3.14159 }}", "1024 42 abab 003.1"),
    ("{{ ['x', 'y'] | join(', ') }} {{ 'a-b' | replace('-', '+') }}", "x, y a+b"),
    ("{{ [1, 2, 3] | map('string') | join }}", "123"),
    ("{{ 'x' | center(5) }}|", "  x  |"),
    ("{% for k, v in {'b': 1, 'a': 2} | dictsort %}{{ k }}{{ v }}{% endfor %}", "a2b1"),
    ("{% for row in rows %}{{ row }}{% else %}none{% endfor %}", "none"),
    ("{{ '{:>4}'.format(7) }}", "   7"),
    ("{{ [1, 2] + [3] }} {{ 'a' + 'b' }}", "[1, 2, 3] ab"),
    ("{% for x in 'abc' | reverse %}{{ x }}{% endfor %}", "cba"),
    ("{{ rows | sum(start=[]) }}", "[]"),
]


@pytest.mark.parametrize(("source", "expected"), ORDINARY)
def test_ordinary_templates_render_as_before(source: str, expected: str) -> None:
    env = SendocsEnvironment(literal_marks=False)
    assert env.from_string(source).render(rows=[]) == expected


# --- the time budget off the main thread (no alarm there) ---------------------------------


def test_time_budget_holds_on_a_worker_thread() -> None:
    source = '{% set s = "x" * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}'
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            get_environment().from_string(source).render()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    start = time.monotonic()
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert time.monotonic() - start < 5
    assert isinstance(outcome[0], TemplateLimitError)
    assert "took longer than 1 seconds" in str(outcome[0])


def test_alarm_is_restored_after_a_render() -> None:
    import signal

    if not hasattr(signal, "setitimer"):
        pytest.skip("no interval timers on this platform")
    before = signal.getsignal(signal.SIGALRM)
    get_environment().from_string("{{ 1 + 1 }}").render()
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_nested_budgets_share_the_outer_deadline() -> None:
    with bounded(RenderLimits(seconds=1)) as outer, bounded(RenderLimits(seconds=100)) as inner:
        assert inner is outer


def test_literal_marks_never_reach_a_form_value() -> None:
    assert evaluate("name", {"name": "snake_case {_{ x }_}"}, "map") == "snake_case {_{ x }_}"


def test_text_of_a_docx_is_readable_after_limits(tmp_path: Path) -> None:
    template = make_template(tmp_path / "ok.docx", "{{ 'ab' * 3 }}")
    data = FastDocxRenderer().render_bytes(template, {"name": "Zoë"})
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert texts == ["Dear Zoë,", "ababab"]
