"""The fallback when no Python with LibreOffice's UNO bridge is found: ``soffice --convert-to``.

One call converts every document of a :meth:`LibreOfficeConverter.convert`
call (per import filter), with a private profile, a timeout that grows with
the number of documents, and one retry of the documents that failed. Slower
than the UNO workers (LibreOffice starts for every call) but needs nothing
beyond LibreOffice itself.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
from pathlib import Path

from sendocs.render.convert_paths import import_filter_for, publish, verify_pdf
from sendocs.render.libreoffice.process import (
    RESTART_STATUS,
    die_with_parent_kwargs,
    kill_group,
    office_program,
    popen_group_kwargs,
)
from sendocs.staging import private_dir, remove_dir

__all__ = ["convert_in_calls"]

log = logging.getLogger(__name__)


def convert_in_calls(
    soffice: Path,
    sources: list[Path],
    targets: list[Path],
    *,
    pdfa: bool,
    startup_timeout: float,
    timeout: float,
) -> dict[int, str]:
    """Convert ``sources`` to ``targets`` with ``soffice --convert-to`` calls, retrying the
    failed ones once; returns why each document that still failed did (by position)."""
    pending = list(range(len(sources)))
    errors: dict[int, str] = {}
    for _attempt in (1, 2):
        if not pending:
            break
        failed = _one_call(
            soffice,
            [sources[i] for i in pending],
            [targets[i] for i in pending],
            pdfa=pdfa,
            startup_timeout=startup_timeout,
            timeout=timeout,
        )
        errors = {pending[position]: message for position, message in failed.items()}
        pending = sorted(errors)
    return errors


def _one_call(
    soffice: Path,
    sources: list[Path],
    targets: list[Path],
    *,
    pdfa: bool,
    startup_timeout: float,
    timeout: float,
) -> dict[int, str]:
    """One ``soffice --convert-to`` per import filter; returns errors by position."""
    errors: dict[int, str] = {}
    filter_data: dict[str, dict[str, str]] = {"UseTaggedPDF": {"type": "boolean", "value": "true"}}
    if pdfa:
        filter_data["SelectPdfVersion"] = {"type": "long", "value": "2"}
    export = "pdf:writer_pdf_Export:" + json.dumps(filter_data, separators=(",", ":"))
    groups: dict[str | None, list[int]] = {}
    for index, source in enumerate(sources):
        groups.setdefault(import_filter_for(source), []).append(index)
    for import_filter, indexes in groups.items():
        home = private_dir("lo")
        staging = private_dir("pdf")
        program, env = office_program(soffice, temp=home)
        try:
            args = [
                str(program),
                f"-env:UserInstallation={(home / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                export,
                "--outdir",
                str(staging),
            ]
            if import_filter:
                args.append(f"--infilter={import_filter}")
            args += [str(sources[i].resolve()) for i in indexes]
            failure = _run_soffice(args, env, startup_timeout + timeout * len(indexes))
            for index in indexes:
                produced = staging / targets[index].name
                problem = failure or verify_pdf(produced)
                if problem == "no PDF was written":
                    problem = "LibreOffice wrote no PDF (it could not open or convert it)"
                if problem is None:
                    publish(produced, targets[index])
                else:
                    errors[index] = problem
        finally:
            remove_dir(staging)
            remove_dir(home)
    return errors


def _run_soffice(args: list[str], env: dict[str, str], timeout: float) -> str | None:
    """Run one ``--convert-to`` call to the end (again if LibreOffice asks for a restart)."""
    deadline = time.monotonic() + timeout
    for _start in range(4):
        log.debug("running %s", args)
        try:
            process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                **popen_group_kwargs(),
                **die_with_parent_kwargs(),  # this thread waits for it below
            )
        except OSError as exc:
            return f"LibreOffice could not be run: {exc}"
        try:
            status = process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return f"LibreOffice did not finish within {timeout:.0f} s"
        finally:
            kill_group(process, grace=2.0)
        if status != RESTART_STATUS:
            return None
    return None
