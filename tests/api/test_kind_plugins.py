"""Third-party document kinds arrive through the ``sendocs.kinds`` entry-point group.

No pip install: a ``.dist-info`` folder with an ``entry_points.txt`` on
``sys.path`` is what an installed distribution looks like to
``importlib.metadata``, so the test package is written into ``tmp_path``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from sendocs.cli import main
from sendocs.documents import all_kinds, get_kind, register, reload_kinds
from sendocs.documents.registry import _registered
from sendocs.errors import SendocsError
from tests.conftest import CASES

PLUGIN = '''
"""A school's own document kind, shipped as a package of its own."""
import datetime as dt
from pathlib import Path

from sendocs.documents import DocumentKind

HERE = Path(__file__).parent


def build_context(case, options):
    return {"child": case.child, "document_date": options.document_date}


def file_date(case, options):
    return options.document_date


TRANSITION_NOTE = DocumentKind(
    name="transition-note",
    title="Transition note",
    description="A note for the receiving school when a pupil moves on.",
    template=str(HERE / "transition_note.docx"),
    build_context=build_context,
    file_label="Transition_note",
    file_date=file_date,
)

CLASH = DocumentKind(
    name="iep",
    title="Another plan",
    description="A second kind called iep.",
    template=str(HERE / "transition_note.docx"),
    build_context=build_context,
    file_label="Other",
    file_date=file_date,
)
'''


def install_plugin(site: Path, entry_points: str) -> None:
    """Write the package ``myschool_kinds`` 1.0 and its metadata, as pip would."""
    package = site / "myschool_kinds"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    template = docx.Document()
    template.add_paragraph("Transition note for {{ child.full_name }}")
    template.save(str(package / "transition_note.docx"))
    info = site / "myschool_kinds-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: myschool-kinds\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[sendocs.kinds]\n" + textwrap.dedent(entry_points), encoding="utf-8"
    )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder on ``sys.path``; the registry looks again before and after the test."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(__import__("sys").modules, "myschool_kinds", raising=False)
    reload_kinds()
    yield folder
    reload_kinds()


def test_an_installed_kind_is_listed_and_renders(site: Path, tmp_path: Path) -> None:
    install_plugin(site, "transition-note = myschool_kinds:TRANSITION_NOTE\n")
    reload_kinds()
    runner = CliRunner()

    listed = runner.invoke(main, ["kinds"])
    assert listed.exit_code == 0, listed.output
    assert "transition-note" in listed.output
    assert "A note for the receiving school when a pupil moves on." in listed.output
    assert "iep" in listed.output  # built-in kinds are still there, first
    assert [k.name for k in all_kinds()][-1] == "transition-note"

    out = tmp_path / "out"
    made = runner.invoke(
        main,
        [
            "render",
            "transition-note",
            str(CASES / "amara-okafor.yaml"),
            "-o",
            str(out),
            "--date",
            "2026-11-23",
        ],
    )
    assert made.exit_code == 0, made.output
    written = out / "Okafor_Amara_Transition_note_2026-11-23.docx"
    text = "\n".join(p.text for p in docx.Document(str(written)).paragraphs)
    assert "Transition note for Amara" in text
    assert "Okafor" in text


def test_a_second_kind_with_a_builtin_name_is_an_error_naming_both(site: Path) -> None:
    install_plugin(site, "iep = myschool_kinds:CLASH\n")
    reload_kinds()
    with pytest.raises(SendocsError) as caught:
        get_kind("iep")
    message = str(caught.value)
    assert "two document kinds are called 'iep'" in message
    assert "sendocs (built in, sendocs.documents.iep)" in message
    assert "entry point 'iep' = myschool_kinds:CLASH in myschool-kinds 1.0" in message

    result = CliRunner().invoke(main, ["kinds"])
    assert result.exit_code == 1
    assert "myschool-kinds 1.0" in result.output
    assert "Traceback" not in result.output


def test_an_entry_point_that_is_not_a_kind_is_named(site: Path) -> None:
    install_plugin(site, "broken = myschool_kinds:HERE\n")
    reload_kinds()
    with pytest.raises(SendocsError, match=r"myschool_kinds:HERE in myschool-kinds 1\.0 must name"):
        all_kinds()


def test_register_refuses_a_taken_name_naming_both() -> None:
    iep = get_kind("iep")
    with pytest.raises(SendocsError) as caught:
        register(iep)
    assert "sendocs (built in, sendocs.documents.iep)" in str(caught.value)
    assert "register() from sendocs.documents.iep" in str(caught.value)
    assert iep not in [entry.kind for entry in _registered]


def test_importing_the_kind_modules_registers_nothing() -> None:
    """The registry is built from the tuple, not by side effects of imports."""
    import subprocess
    import sys

    code = (
        "import sendocs.documents.iep, sendocs.documents.registry as r\n"
        "assert r._cache is None, 'importing a kind module filled the registry'\n"
        "print(len(r.all_kinds()))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "9"  # BUILTIN_KINDS, appeal-as-lodged included
