"""Campaign part 4: user templates and form maps that try to escape or exhaust the machine.

Each hostile text is put into a one-page Word template (python-docx) and run
as a user would: ``sendocs render iep <case> --template hostile.docx``, and
into a one-entry form map: ``sendocs form fill consent.pdf <case> -m map.yaml``
(a map entry is an expression; ``{{ }}`` / ``{% %}`` entries are templates).
Escape attempts try to reach Python (``__class__``, ``__globals__`` through
``cycler``/``joiner``/``lipsum``/``namespace``, ``config``, ``self``'s
context, ``attr()`` and ``format`` tricks, includes of system files); if one
worked it would touch a sentinel file or print ``uid=`` / ``root:`` /
``<class``. Exhaustion attempts: ``range(10**9)``, ``"a"*10**9``,
``10**(10**8)``, nested loops, recursion through macros, doubling strings,
huge ``{% for %}`` output.

Required for each: no traceback; exit 1 with a message naming the template
or map (or exit 0 with a document showing no sign of escape); finished within
the documented time limit (20 s by default, ``SENDOCS_TEMPLATE_TIMEOUT``) plus
start-up; peak RSS recorded.

Run: ``.venv/bin/python scripts/campaign/templates.py``.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pypdf
from common import ROOT, campaign_env, leftovers, private_tmp, sendocs, table

CASE = ROOT / "fixtures" / "cases" / "amara-okafor.yaml"
FORM = ROOT / "templates" / "forms" / "consent_to_share_information.pdf"
SENTINEL = "PWNED-SENTINEL"
ESCAPED = re.compile(r"uid=\d|root:x?:0|<class |<module |<function |__globals__|Environment")

ESCAPES = {
    "__class__ mro subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler globals os.popen": (
        "{{ cycler.__init__.__globals__.os.popen('touch SENTINEL; id').read() }}"
    ),
    "joiner globals": "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].popen('touch SENTINEL').read() }}",
    "namespace globals": "{{ namespace.__init__.__globals__['sys'].modules['os'].system('id') }}",
    "config": "{{ config.items() }}{{ config.__class__.__init__.__globals__['os'] }}",
    "self context": "{{ self._TemplateReference__context }}",
    "self globals": "{{ self.__init__.__globals__.__builtins__ }}",
    "attr filter": "{{ child|attr('__class__')|attr('__mro__') }}",
    "attr with escapes": "{{ child|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "subscript with concatenation": "{{ child['__cla' ~ 'ss__'] }}",
    "getattribute": "{{ 'x'.__getattribute__('__class__') }}",
    "format attribute": "{{ '{0.__class__.__mro__}'.format(child) }}",
    "format_map": "{{ '{x.__class__}'.format_map({'x': child}) }}",
    "string % dict": "{{ '%(a)s' % {'a': child.__class__} }}",
    "import os": "{% import 'os' as os %}{{ os.system('id') }}",
    "include passwd": "{% include '/etc/passwd' %}",
    "extends passwd": "{% extends '/etc/passwd' %}",
    "from import": "{% from '/etc/passwd' import x %}",
    "range class": "{{ range.__class__.__base__.__subclasses__() }}",
    "dict mro via items": "{{ {}.__class__.__base__.__subclasses__()[0] }}",
    "case model internals": "{{ case.__class__.model_config }}{{ case.__dict__ }}",
    "builtins via globals": "{{ self.__dict__ }}{{ __builtins__ }}",
}

EXHAUSTION = {
    "range(10**9)": "{% set x = range(10**9) %}{{ x|length }}",
    '"a"*10**9': '{{ "a" * 10**9 }}',
    "10**(10**8)": "{{ 10**(10**8) }}",
    "list * 10**9": "{{ [0] * 1000000000 }}",
    "center filter": '{{ "a"|center(1000000000) }}',
    "format width": '{{ "{:>1000000000}".format(1) }}',
    "doubling string": (
        '{% set ns = namespace(s="x") %}{% for i in range(60) %}'
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    ),
    "nested loops": (
        "{% set r = range(100000) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}"
    ),
    "recursive macro": "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}",
    "mutual recursion": (
        "{% macro a(n) %}{{ b(n) }}{% endmacro %}{% macro b(n) %}{{ a(n) }}{% endmacro %}{{ a(1) }}"
    ),
    "huge for output": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "nested for output": (
        "{% for i in range(100000) %}{% for j in range(100000) %}ab{% endfor %}{% endfor %}"
    ),
    "sort of huge": "{{ range(100000)|list|sort|join(',')|length }}",
    "replace bomb": '{{ "ab"|replace("", "x" * 10000000) }}',
}

#: Seconds a hostile input may take: the default time limit plus start-up and a
#: loaded shared machine.
ALLOWED = 20 + 25


def write_template(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph("Plan for {{ child.full_name }}")
    document.add_paragraph(text)
    document.save(str(path))
    return path


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(
            package.read(name).decode("utf-8", "replace")
            for name in package.namelist()
            if name.endswith(".xml")
        )


def main() -> int:
    work = private_tmp("templates-work")
    tmp = private_tmp("templates")
    env = campaign_env(tmp)
    rows: list[tuple[str, object]] = []
    problems: list[str] = []
    counts = {"runs": 0, "stopped with a message": 0, "rendered harmlessly": 0, "tracebacks": 0}
    slowest = 0.0
    peak = 0.0
    for group, items in (("escape", ESCAPES), ("exhaust", EXHAUSTION)):
        for number, (name, text) in enumerate(items.items()):
            text = text.replace("SENTINEL", str(work / SENTINEL))
            label = f"{group} {name}"
            template = write_template(work / f"{group}{number}.docx", text)
            out = work / f"out-{group}{number}"
            rendered = sendocs(
                "render", "iep", str(CASE), "--template", str(template), "-o", str(out),
                "--date", "2026-11-30", env=env, timeout=300,
            )  # fmt: skip
            mapping = work / f"{group}{number}.map.yaml"
            mapping.write_text(f'"child_full_name": {quote(map_entry(text))}\n', encoding="utf-8")
            filled_path = work / f"filled-{group}{number}.pdf"
            filled = sendocs(
                "form", "fill", str(FORM), str(CASE), "-m", str(mapping), "-o", str(filled_path),
                "--date", "2026-11-30", env=env, timeout=300,
            )  # fmt: skip
            cells = []
            for how, result, where, made in (
                ("word", rendered, template.name, sorted(out.glob("*.docx"))),
                ("map", filled, mapping.name, [filled_path] if filled_path.exists() else []),
            ):
                counts["runs"] += 1
                counts["tracebacks"] += result.tracebacks
                slowest = max(slowest, result.seconds)
                peak = max(peak, result.peak_rss_mb)
                message = (result.output.strip().splitlines() or [""])[-1]
                if result.tracebacks:
                    problems.append(f"{label} ({how}): traceback")
                if result.seconds > ALLOWED:
                    problems.append(f"{label} ({how}): took {result.seconds:.0f} s")
                if result.code == 1:
                    counts["stopped with a message"] += 1
                    if where not in result.output:
                        problems.append(f"{label} ({how}): message does not name {where}")
                    if made:
                        problems.append(f"{label} ({how}): failed but wrote {made[0].name}")
                elif result.code == 0:
                    counts["rendered harmlessly"] += 1
                    shown = (docx_text if how == "word" else form_text)(made[0]) if made else ""
                    if ESCAPED.search(shown):
                        problems.append(f"{label} ({how}): output shows {ESCAPED.search(shown)}")
                    message = "rendered: " + message
                else:
                    problems.append(f"{label} ({how}): exit {result.code}")
                cells.append(
                    f"{how} exit {result.code} {result.seconds:4.1f} s {result.peak_rss_mb:4.0f} MB"
                )
            if (work / SENTINEL).exists():
                problems.append(f"{label}: the sentinel file was created: the sandbox was escaped")
            rows.append((label, " | ".join(cells) + f" | {message[:110]}"))
    left = leftovers(tmp)
    table("hostile templates (word: render --template; map: form fill -m)", rows)
    table(
        "totals",
        [
            *((k, v) for k, v in counts.items()),
            ("slowest run", f"{slowest:.1f} s"),
            ("largest peak RSS of one run", f"{peak:.0f} MB"),
            ("sandbox escapes", int((work / SENTINEL).exists())),
            ("staged files left", len(left)),
            ("problems", len(problems)),
        ],
    )
    for problem in problems:
        print(f"  {problem}")
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems or left else 0


def map_entry(text: str) -> str:
    """A map entry is an expression; text with tags is a template (as the map allows)."""
    inner = text[2:-2].strip()
    if text.startswith("{{") and text.endswith("}}") and "{{" not in inner and "{%" not in inner:
        return inner
    return text


def form_text(path: Path) -> str:
    fields = pypdf.PdfReader(path).get_fields() or {}
    return " ".join(str(field.get("/V", "")) for field in fields.values())


def quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    raise SystemExit(main())
