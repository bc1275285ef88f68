"""One pipeline: the API, the demo and batch workers make documents through the same function.

``sendocs.pipeline.render_documents`` is the only code that turns a case into
Word bytes; a batch must produce exactly what ``render_document`` produces
(same files, same names, same contents), and no other module may call a DOCX
renderer on a document kind's context.
"""

from __future__ import annotations

import ast
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import sendocs
import sendocs.pipeline
from sendocs.api import DEMO_DATE, render_document
from sendocs.batch import render_batch
from sendocs.documents import RenderOptions
from sendocs.loading import load_case
from sendocs.resources import fixtures_dir
from sendocs.testing import FakeConverter

SOURCE = Path(sendocs.__file__).resolve().parent
CASES = fixtures_dir() / "cases"


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in sorted(archive.namelist())}


@pytest.mark.parametrize("kind", ["parent-notification", "iep"])
def test_batch_makes_what_render_document_makes(tmp_path: Path, kind: str) -> None:
    """Same names (a letter's copy per recipient included) and the same parts, byte for byte."""
    options = RenderOptions(date=DEMO_DATE)
    cases = [CASES / "elena-ap-gwilym.yaml", CASES / "amara-okafor.yaml"]
    single: dict[str, dict[str, bytes]] = {}
    for case in cases:
        loaded = load_case(case, today=DEMO_DATE)
        result = render_document(kind, loaded, tmp_path / "one", options=options)
        single.update({p.name: _parts(p) for p in result.paths})
    report = render_batch(kind, cases, tmp_path / "batch", options=options, jobs=1)
    assert report.exit_code == 0
    batch = {p.name: _parts(p) for p in report.outputs}
    assert batch == single
    if kind == "parent-notification":  # two parents at two addresses: one letter each
        assert sum("ap_Gwilym" in name for name in batch) == 2


def test_batch_workers_and_render_document_call_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = sendocs.pipeline.render_documents

    def spy(kind: Any, loaded: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(kind.name)
        return real(kind, loaded, *args, **kwargs)

    monkeypatch.setattr("sendocs.pipeline.render_documents", spy)
    monkeypatch.setattr("sendocs.api.render_documents", spy)
    monkeypatch.setattr("sendocs.batch_pool.render_documents", spy)
    case = CASES / "amara-okafor.yaml"
    render_document("iep", case, tmp_path / "one", options=RenderOptions(date=DEMO_DATE))
    render_batch("iep", [case], tmp_path / "batch", options=RenderOptions(date=DEMO_DATE), jobs=1)
    assert calls == ["iep", "iep"]


def _calls_render_bytes(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("render_bytes", "build_context")
    ]


def test_nothing_else_renders_a_kind_for_a_case() -> None:
    """Only the pipeline builds a kind's context and renders it; the renderer itself, the
    template checker (sample contexts, no case) and the school map (not a kind) are the rest."""
    allowed = {
        "pipeline.py",
        "render/docx.py",  # render_to: the renderer's own convenience
        "render/fast_docx.py",  # render_stamped: the batch renderer's own stamped variant
        "lint/checks.py",  # renders templates against sample contexts
        "lint/samples.py",  # builds sample contexts from sample pupils
        "school_map/docx_writer.py",  # a whole-school map, not a document kind
    }
    offenders = [
        f"{path.relative_to(SOURCE)}:{line}"
        for path in sorted(SOURCE.rglob("*.py"))
        if str(path.relative_to(SOURCE)) not in allowed
        for line in _calls_render_bytes(path)
    ]
    assert not offenders, "render documents through sendocs.pipeline: " + ", ".join(offenders)


class _SlowConverter(FakeConverter):
    """Records how far rendering had got when each conversion began, and start()."""

    def __init__(self, rendered: list[int]) -> None:
        super().__init__()
        self.rendered = rendered
        self.seen: list[int] = []
        self.started = threading.Event()

    def start(self) -> None:
        self.started.set()

    def convert(self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False) -> list[Path]:
        self.seen.append(self.rendered[-1] if self.rendered else 0)
        return super().convert(sources, out_dir, pdfa=pdfa)


def test_pdf_batch_converts_while_it_renders(tmp_path: Path) -> None:
    """LibreOffice is started as the run begins and fed while later rows still render."""
    rendered: list[int] = []

    def progress(phase: str, done: int, total: int) -> None:
        if phase == "render":
            rendered.append(done)
            time.sleep(0.3)  # slow rendering down so the overlap cannot be missed

    converter = _SlowConverter(rendered)
    cases = sorted(CASES.glob("*.yaml"))
    report = render_batch(
        "provision-map",
        cases,
        tmp_path,
        options=RenderOptions(date=DEMO_DATE),
        fmt="pdf",
        converter=converter,
        jobs=1,
        progress=progress,
    )
    assert report.exit_code == 0
    assert converter.started.is_set()
    assert converter.seen and converter.seen[0] < len(cases)  # began before the last row
    assert len([p for p in report.outputs if p.suffix == ".pdf"]) == len(cases)
