"""Template lint: fields, loops, syntax errors and Word-authored templates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from sendocs.cli.templates import templates
from sendocs.lint import check_template, list_fields, test_render, used_fields
from sendocs.resources import template_path


def make_template(
    path: Path, paragraphs: Sequence[str | list[str]], table: list[list[str]] | None = None
) -> Path:
    """A .docx with one paragraph per item; a list item is written run by run, as Word does."""
    document = docx.Document()
    for item in paragraphs:
        p = document.add_paragraph()
        for piece in [item] if isinstance(item, str) else item:
            p.add_run(piece)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for row, texts in zip(t.rows, table, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.paragraphs[0].add_run(text)
    document.save(str(path))
    return path


def errors(problems: list) -> list:  # type: ignore[type-arg]
    return [p for p in problems if p.severity == "error"]


def test_shipped_sen_support_plan_is_clean() -> None:
    assert check_template(template_path("sen_support_plan.docx"), "iep") == []


def test_shipped_template_uses_loop_fields() -> None:
    used = used_fields(template_path("sen_support_plan.docx"), "iep")
    assert "plan.outcomes[].baseline" in used
    assert "child.full_name" in used


def test_misspelt_attribute_gets_suggestion(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        [
            "Name: {{ child.legal_surnme }}",
            "School: {{ shcool.name }}",
            "{{ child.legal_forename }}",
        ],
    )
    problems = check_template(path, "iep")
    messages = [p.message for p in errors(problems)]
    assert len(messages) == 2
    assert "did you mean child.legal_surname?" in messages[0]
    assert problems[0].near == "Name: {{ child.legal_surnme }}"
    assert problems[0].suggestion == "child.legal_surname"
    assert "did you mean school?" in messages[1]


def test_deep_path_on_pydantic_model(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        [
            "{{ school.senco.emial }}",
            "{{ case.child.date_of_birth.year }}",
            "{{ la.sendiass.website }}",
        ],
    )
    problems = errors(check_template(path, "iep"))
    assert len(problems) == 1
    assert "school.senco.email" in problems[0].message


def test_loop_variables_are_bound_to_list_elements(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        [
            "{% for row in plan.outcomes %}{{ row.outcome }} by {{ row.target_dte }}"
            "{{ loop.index }}{% endfor %}",
            "{% for n in needs if n.rank %}{{ n.area }}{% endfor %}",
            "{% set first = plan.provision|first %}{{ first.intervention }} {{ first.whoo }}",
            "{% for p in plan.provision|selectattr('area') %}{{ p.frequncy }}{% endfor %}",
        ],
    )
    messages = [p.message for p in errors(check_template(path, "iep"))]
    assert messages == [
        "unknown field 'row.target_dte'; did you mean row.target_date?",
        "unknown field 'first.whoo'; did you mean first.who?",
        "unknown field 'p.frequncy'; did you mean p.frequency?",
    ]


def test_is_defined_and_default_are_optional(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        [
            "{% if child.nickname is defined %}{{ child.nickname.upper() }}{% endif %}",
            "{{ plan.headline|default('') }}",
        ],
    )
    problems = check_template(path, "iep")
    assert errors(problems) == []
    assert len(problems) == 2
    assert all(p.severity == "warning" for p in problems)


def test_unknown_filter(tmp_path: Path) -> None:
    path = make_template(tmp_path / "t.docx", ["{{ document_date|dtae }}"])
    (problem,) = check_template(path, "iep")
    assert "unknown filter 'dtae'; did you mean date?" in problem.message


def test_syntax_error_reports_document_text(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        ["Introduction paragraph.", "Review date: {{ plan.review_date }", "After."],
    )
    (problem,) = check_template(path, "iep")
    assert problem.message.startswith("template syntax error")
    assert "Review date:" in problem.near
    assert "<w:" not in problem.near


def test_unclosed_block_points_at_its_opening(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        ["Strengths:", "{%p for s in strengths %}", "{{ s }}", "Closing words."],
    )
    (problem,) = check_template(path, "iep")
    assert "endfor" in problem.message
    assert "for s in strengths" in problem.near  # where the block opens, not the end
    assert "Closing words" not in problem.near


def test_plain_for_across_table_rows_is_an_error(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        ["Outcomes"],
        table=[
            ["{% for row in plan.outcomes %}", ""],
            ["{{ row.outcome }}", "{{ row.baseline }}"],
            ["{% endfor %}", ""],
        ],
    )
    problems = errors(check_template(path, "iep"))
    assert len(problems) == 1
    assert "{%tr for" in problems[0].message
    assert problems[0].near == "{% for row in plan.outcomes %}"


def test_tr_loop_in_table_is_clean(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "t.docx",
        ["Outcomes"],
        table=[
            ["Outcome", "Baseline"],
            ["{%tr for row in plan.outcomes %}", ""],
            ["{{ row.outcome }}", "{{ row.baseline }}"],
            ["{%tr endfor %}", ""],
        ],
    )
    assert check_template(path, "iep") == []
    assert test_render(path, "iep") == []


def test_word_authored_template_split_runs_and_curly_quotes(tmp_path: Path) -> None:
    """Word splits tags over runs and curls quotes; rendering copes, so lint must too."""
    path = make_template(
        tmp_path / "word.docx",
        [
            ["Dear ", "{", "{ ", "child.", "known", "_as }", "}", ","],
            ["{%", " if child.preferred_name == \u201cKJ\u201d %", "}Hi KJ{% endif %}"],
            ["{{ ", "strengths|join(\u2018, \u2019)", " }}"],
            ["{{ child.legal", "_surnme }}"],
        ],
    )
    problems = check_template(path, "iep")
    assert [p.message for p in problems] == [
        "unknown field 'child.legal_surnme'; did you mean child.legal_surname?"
    ]
    # the same file without the typo is clean and renders
    fixed = make_template(
        tmp_path / "fixed.docx",
        [
            ["Dear ", "{", "{ ", "child.", "known", "_as }", "}", ","],
            ["{%", " if child.preferred_name == \u201cKJ\u201d %", "}Hi KJ{% endif %}"],
            ["{{ ", "strengths|join(\u2018, \u2019)", " }}"],
        ],
    )
    assert check_template(fixed, "iep") == []
    assert test_render(fixed, "iep") == []


def test_hidden_text_tag_is_a_warning(tmp_path: Path) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("{{ child.upn }}")
    run.font.hidden = True
    path = tmp_path / "hidden.docx"
    document.save(str(path))
    (problem,) = check_template(path, "iep")
    assert problem.severity == "warning"
    assert "hidden text" in problem.message


def test_not_a_docx(tmp_path: Path) -> None:
    from sendocs.errors import TemplateError

    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(TemplateError, match="not a Word"):
        check_template(bad, "iep")


def test_list_fields_for_iep() -> None:
    fields = list_fields("iep")
    for expected in (
        "child.legal_surname",
        "plan.outcomes[].baseline",
        "plan.provision[].annual_cost",
        "school.senco.email",
        "previous.outcomes[].status",
    ):
        assert expected in fields


# -- CLI -----------------------------------------------------------------------------------


def test_cli_list_shows_iep_and_fields() -> None:
    result = CliRunner().invoke(templates, ["list"])
    assert result.exit_code == 0, result.output
    assert "iep" in result.output
    assert "sen_support_plan.docx" in result.output
    assert "plan" in result.output
    full = CliRunner().invoke(templates, ["list", "--kind", "iep"])
    assert "    plan.outcomes[].success_criteria" in full.output.splitlines()


def test_cli_check_exit_codes(tmp_path: Path) -> None:
    bad = make_template(tmp_path / "bad.docx", ["{{ child.legal_surnme }}"])
    result = CliRunner().invoke(templates, ["check", str(bad), "--kind", "iep"])
    assert result.exit_code == 1
    assert "did you mean child.legal_surname?" in result.output
    assert 'near: "{{ child.legal_surnme }}"' in result.output
    good = template_path("sen_support_plan.docx")
    result = CliRunner().invoke(templates, ["check", str(good), "--kind", "iep"])
    assert result.exit_code == 0, result.output
    assert "OK for kind iep" in result.output


def test_cli_check_reports_render_errors(tmp_path: Path) -> None:
    # valid fields, but an operation that fails at render time
    path = make_template(tmp_path / "t.docx", ["{{ child.legal_surname / 2 }}"])
    result = CliRunner().invoke(templates, ["check", str(path), "--kind", "iep"])
    assert result.exit_code == 1
    assert "test render failed" in result.output


def test_cli_help_has_examples() -> None:
    for args in (["--help"], ["list", "--help"], ["check", "--help"]):
        result = CliRunner().invoke(templates, args)
        assert result.exit_code == 0
        assert "sendocs templates" in result.output


def test_sample_pupils_are_code_and_suit_every_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker never reads the shipped example files (the wheel need not ship them)."""
    import sendocs.resources
    from sendocs.documents import RenderOptions, all_kinds
    from sendocs.lint import SAMPLE_DATE, sample_contexts
    from sendocs.lint.sample_cases import sample_cases
    from sendocs.lint.samples import _sample_contexts_for

    def no_fixtures() -> Path:
        raise AssertionError("the template checker read fixtures/")

    monkeypatch.setattr(sendocs.resources, "fixtures_dir", no_fixtures)
    _sample_contexts_for.cache_clear()
    options = RenderOptions(date=SAMPLE_DATE)
    cases = sample_cases()
    for kind in all_kinds():
        suited = [case for case in cases if not kind.check(case, options)]
        # the follow-up letters are refused while the authority still has time
        assert suited or kind.name in ("assessment-follow-up", "letter-before-claim"), kind.name
        assert sample_contexts(kind.name), kind.name
    _sample_contexts_for.cache_clear()
