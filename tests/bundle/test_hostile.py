"""The hostile-input set through the whole bundle: every file a viewer opens goes in
(pages counted, stamped, linked from the index), the rest is refused with its reason,
and nothing prints a traceback or library chatter.

The faults are written by :mod:`tests.pdfio.hostile` (pypdf, pikepdf, byte surgery).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PageObject, PdfReader
from pypdf.generic import NameObject

from sendocs.bundle import build_bundle
from sendocs.cli import main
from tests.bundle.conftest import doc, write_spec
from tests.bundle.test_build import index_links
from tests.pdfio import hostile

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "letmein"  # the user password of the *_user files in the hostile set

# pages each included file contributes
EXPECTED_PAGES = {
    "null_annots": 2,
    "cyclic_page_tree": 2,
    "dict_kids": 1,
    "wrong_xref": 2,
    "truncated": 3,
    "null_mediabox": 2,
    "brotli_stream": 1,
    "rc4_40_user": 2,
    "rc4_40_owner_only": 2,
    "aes256_user": 2,
    "aes256_owner_only": 2,
    "encrypted_attachment_only": 2,
    "many_annots": 1,
    "huge_number": 1,
    "deep_nesting": 1,
    "signed": 1,
    "pypdf_clean": 2,
}
EXPECTED_REASONS = {
    "truncated_header_only": "damaged beyond repair: the file ends early",
    "rc4_40_user_nopw": "needs a password: add `password:`",
    "aes256_user_nopw": "needs a password: add `password:`",
    "jbig2_bomb": "refused for safety: an image in it claims to be 200,000 × 200,000 pixels",
    "flate_bomb": "refused for safety: part of it expands to more than 256 MB",
    "not_a_pdf": "not a PDF file",
}


def test_the_set_is_complete() -> None:
    assert set(EXPECTED_PAGES) | set(EXPECTED_REASONS) == set(hostile.HOSTILE)
    for name, (_, _, fate) in hostile.HOSTILE.items():
        assert (fate == "included") == (name in EXPECTED_PAGES), name


@pytest.fixture(scope="module")
def evidence(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-bundle")
    hostile.build_all(folder)
    documents: list[dict[str, Any]] = []
    for number, name in enumerate(hostile.HOSTILE):
        entry = doc(f"{name}.pdf", f"Exhibit {name}", f"2026-01-{number + 1:02d}")
        if name == "rc4_40_user":
            entry["password"] = PASSWORD
        elif name == "aes256_user":
            entry["password_env"] = "SENDOCS_TEST_AES_PASSWORD"
        documents.append(entry)
    spec = {
        "title": "Hostile evidence bundle",
        "sections": [{"title": "Evidence", "label": "E", "documents": documents}],
    }
    write_spec(folder, spec)
    return folder


@pytest.fixture(scope="module")
def built(evidence: Path) -> tuple[Path, Any, str, str]:
    """The bundle built through the CLI (CliRunner), with --skip-bad."""
    out = evidence / "out" / "bundle.pdf"
    os.environ["SENDOCS_TEST_AES_PASSWORD"] = PASSWORD
    try:
        result = CliRunner().invoke(
            main, ["bundle", str(evidence / "bundle.yaml"), "-o", str(out), "--skip-bad"]
        )
    finally:
        del os.environ["SENDOCS_TEST_AES_PASSWORD"]
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return out, result, result.stdout, result.stderr


def test_no_traceback_no_library_chatter_no_password(built: tuple[Path, Any, str, str]) -> None:
    _, _, stdout, stderr = built
    text = stdout + stderr
    assert "Traceback" not in text
    assert "WARNING" not in text and "pypdf" not in text and "qpdf" not in text
    assert PASSWORD not in text


def test_each_refused_file_is_listed_once_with_its_reason(
    built: tuple[Path, Any, str, str], evidence: Path
) -> None:
    _, _, _, stderr = built
    for name, reason in EXPECTED_REASONS.items():
        lines = [line for line in stderr.splitlines() if f"'Exhibit {name}'" in line]
        assert len(lines) == 1, (name, lines)
        assert lines[0].startswith("Not included"), lines
        assert reason in lines[0], lines[0]


def test_repairs_are_summarised_in_one_line(built: tuple[Path, Any, str, str]) -> None:
    _, _, _, stderr = built
    summary = [line for line in stderr.splitlines() if "repaired; details with --verbose" in line]
    assert len(summary) == 1
    count = int(summary[0].split()[0])
    assert count >= 7  # cyclic, dict kids, truncated, null box, huge number, deep nesting, ...
    signed = [line for line in stderr.splitlines() if "'Exhibit signed'" in line]
    assert len(signed) == 1 and "signature will no longer validate" in signed[0]
    raster = [line for line in stderr.splitlines() if "'Exhibit deep_nesting'" in line]
    assert len(raster) == 1 and "can no longer be searched" in raster[0]


def test_every_included_file_is_counted_stamped_and_linked(
    built: tuple[Path, Any, str, str],
) -> None:
    out = built[0]
    reader = PdfReader(out)
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted
    index_pages = len(reader.pages) - sum(EXPECTED_PAGES.values())
    assert 1 <= index_pages <= 2
    links = {target for _, _, target in index_links(reader, index_pages)}
    page = index_pages
    index_text = "".join(reader.pages[i].extract_text() for i in range(index_pages))
    for name in hostile.HOSTILE:  # in date order = HOSTILE order
        if name not in EXPECTED_PAGES:
            assert f"Exhibit {name}" in index_text
            continue
        assert page in links, name
        for offset in range(EXPECTED_PAGES[name]):
            label = str(page + offset + 1)
            assert reader.page_labels[page + offset] == label
            assert label in _stamp_text(reader, page + offset), (name, label)
        page += EXPECTED_PAGES[name]
    assert page == len(reader.pages)
    assert "Not included" in index_text


def _stamp_text(reader: PdfReader, index: int) -> str:
    """The page's text; for a page whose own content no reader can decode (Brotli), the
    text of the stamp's content stream alone."""
    page = reader.pages[index]
    try:
        return page.extract_text()
    except Exception:
        contents = page["/Contents"]
        stamp = contents[-1].get_object()  # the stamp is appended last
        probe = PageObject.create_blank_page(width=100, height=100)
        probe[NameObject("/Resources")] = page["/Resources"]
        probe.replace_contents(stamp)
        return probe.extract_text()


def test_verbose_shows_details_per_document(evidence: Path) -> None:
    out = evidence / "out" / "verbose.pdf"
    env = {"SENDOCS_TEST_AES_PASSWORD": PASSWORD}
    result = CliRunner(env=env).invoke(
        main,
        ["bundle", str(evidence / "bundle.yaml"), "-o", str(out), "--skip-bad", "--verbose"],
    )
    assert result.exit_code == 0, result.output
    assert "'Exhibit cyclic_page_tree' was repaired: its broken list of pages was rebuilt" in (
        result.stderr
    )
    assert "repaired; details with --verbose" not in result.stderr
    assert PASSWORD not in result.output


def test_without_skip_bad_the_first_refusal_stops_the_run(evidence: Path) -> None:
    result = CliRunner().invoke(
        main, ["bundle", str(evidence / "bundle.yaml"), "-o", str(evidence / "x.pdf")]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "--skip-bad" in result.output
    assert not (evidence / "x.pdf").exists()


def test_subprocess_run_is_quiet(evidence: Path) -> None:
    """The real command in a real process: exit 0, no traceback, no library log lines."""
    out = evidence / "out" / "subprocess.pdf"
    env = {**os.environ, "SENDOCS_TEST_AES_PASSWORD": PASSWORD}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sendocs",
            "bundle",
            str(evidence / "bundle.yaml"),
            "-o",
            str(out),
            "--skip-bad",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "WARNING" not in done.stderr
    problem_lines = [line for line in done.stderr.splitlines() if line.strip()]
    # one line per refused file, signed, rasterised, plus the repair summary
    assert len(problem_lines) <= len(EXPECTED_REASONS) + 3, problem_lines
    assert len(PdfReader(out).pages) == len(PdfReader(evidence / "out" / "bundle.pdf").pages)


def test_password_file(evidence: Path, tmp_path: Path) -> None:
    passwords = tmp_path / "passwords.yaml"
    passwords.write_text(
        f"aes256_user_nopw.pdf: {PASSWORD}\nrc4_40_user_nopw.pdf: '{PASSWORD}'\n"
        f"aes256_user.pdf: {PASSWORD}\n",
        encoding="utf-8",
    )
    out = tmp_path / "bundle.pdf"
    report = build_bundle_with_passwords(evidence, passwords, out)
    skipped = {s.title for s in report.skipped}
    assert "Exhibit aes256_user_nopw" not in skipped
    assert "Exhibit rc4_40_user_nopw" not in skipped
    with pikepdf.open(out) as pdf:
        assert not pdf.is_encrypted


def build_bundle_with_passwords(evidence: Path, passwords: Path, out: Path) -> Any:
    from sendocs.bundle import load_bundle_spec
    from sendocs.bundle.spec import apply_password_file, load_password_file

    spec = apply_password_file(
        load_bundle_spec(evidence / "bundle.yaml"), load_password_file(passwords), "pw"
    )
    return build_bundle(spec, out, skip_bad=True)


def test_password_file_with_unknown_name(evidence: Path, tmp_path: Path) -> None:
    passwords = tmp_path / "passwords.yaml"
    passwords.write_text("no-such.pdf: hunter2\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "bundle",
            str(evidence / "bundle.yaml"),
            "-o",
            str(tmp_path / "b.pdf"),
            "--password-file",
            str(passwords),
        ],
    )
    assert result.exit_code == 1
    assert "names no document of the bundle: 'no-such.pdf'" in result.output
    assert "hunter2" not in result.output


def test_missing_password_env_is_a_per_document_reason(evidence: Path, tmp_path: Path) -> None:
    os.environ.pop("SENDOCS_TEST_AES_PASSWORD", None)
    report = build_bundle(evidence / "bundle.yaml", tmp_path / "b.pdf", skip_bad=True)
    (aes,) = [s for s in report.skipped if s.title == "Exhibit aes256_user"]
    assert "SENDOCS_TEST_AES_PASSWORD" in aes.reason and "not set" in aes.reason
