"""DOCX → PDF with one long-lived LibreOffice (or two), not one LibreOffice per file.

:class:`LibreOfficeConverter` keeps a small pool of UNO workers
(:mod:`~sendocs.render.libreoffice.uno_client`), started once — all at once,
from a ready-made profile (:mod:`~sendocs.render.libreoffice.profile`) — and
fed documents by one thread per worker from a shared queue, so two workers on
two cores convert in parallel. Without a UNO Python it falls back to
``soffice --convert-to`` calls (:mod:`~sendocs.render.libreoffice.fallback`).

Both modes: a timeout per document, one retry, a check that each PDF exists, is
non-empty and starts ``%PDF-``, outputs written in a private staging folder
(:mod:`sendocs.staging`) and moved into place whole, and every LibreOffice
process stopped (whole process group) on :meth:`LibreOfficeConverter.close`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from sendocs.closing import ClosedOnExit
from sendocs.errors import ConversionError
from sendocs.render.convert_paths import partial_path, plan_outputs, publish, verify_pdf
from sendocs.render.libreoffice.fallback import convert_in_calls
from sendocs.render.libreoffice.locate import INSTALL_ADVICE, find_soffice, find_uno_python
from sendocs.render.libreoffice.profile import cached_profile
from sendocs.render.libreoffice.uno_client import UnoWorker, WorkerFailure, release
from sendocs.staging import private_dir

__all__ = ["LibreOfficeConverter", "Mode"]

log = logging.getLogger(__name__)

Mode = Literal["auto", "uno", "batch"]


class LibreOfficeConverter(ClosedOnExit):
    """Convert Word documents to tagged PDF (or PDF/A-2b) with a reusable LibreOffice.

    Use it as a context manager so LibreOffice starts once for a whole batch and
    is stopped afterwards::

        with LibreOfficeConverter() as converter:
            pdfs = converter.convert(docx_files, out_dir)

    ``workers``: how many LibreOffice instances convert in parallel (default:
    up to 2, never more than the CPU count). ``timeout``: seconds allowed per
    document before LibreOffice is restarted and the document retried once.
    ``mode``: ``"uno"`` (long-lived workers), ``"batch"`` (one ``soffice
    --convert-to`` call per :meth:`convert`) or ``"auto"`` (UNO if a Python with
    LibreOffice's bridge is found, else batch). Existing PDFs of the same name
    in ``out_dir`` are replaced; refusing to overwrite is the caller's decision.
    """

    def __init__(
        self,
        *,
        workers: int | None = None,
        timeout: float = 120.0,
        startup_timeout: float = 60.0,
        soffice: Path | str | None = None,
        mode: Mode = "auto",
    ) -> None:
        if mode not in ("auto", "uno", "batch"):
            raise ValueError(f"mode must be 'auto', 'uno' or 'batch', not {mode!r}")
        self.max_workers = max(1, workers if workers is not None else min(2, os.cpu_count() or 1))
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self._soffice_arg = Path(soffice) if soffice is not None else None
        self._mode: Mode = mode
        self._workers: list[UnoWorker] = []
        self._lock = threading.Lock()
        self._closed = False
        self._staging: list[Path] = []  # one private folder for partial PDFs, made on first use
        self._template: list[Path | None] | None = None  # the profile to copy, once looked up
        self._finalizer = weakref.finalize(self, release, self._workers, self._staging)

    # ---- lifecycle (``with``: sendocs.closing.ClosedOnExit)

    def close(self) -> None:
        """Stop every LibreOffice this converter started. Safe to call twice.

        Does not wait for a conversion running in another thread: its workers are
        stopped at once, and that conversion fails instead of starting them again.
        """
        self._closed = True
        release(list(self._workers), [])
        with self._lock:
            release(self._workers, self._staging)

    def launch(self) -> None:
        """Start every worker's process now, without waiting for LibreOffice, and no thread.

        A batch calls this first, in its main thread, before it forks its render
        workers: LibreOffice then starts while the first documents render, and
        no thread of ours exists at the fork (a thread holding a lock when a
        process forks leaves that lock held forever in the child). :meth:`start`,
        called once the fork is done, waits for the workers. Does nothing in
        batch mode or when LibreOffice is missing (:meth:`convert` says so).
        """
        with self._lock:
            try:
                if self._closed or self.resolved_mode() != "uno":
                    return
                self._add_workers(self.max_workers)
            except ConversionError:
                return
            for worker in self._workers:
                if not (worker.running or worker.launching):
                    try:
                        worker.launch()
                    except WorkerFailure as failure:
                        log.debug("LibreOffice worker did not start: %s", failure.message)

    def start(self) -> None:
        """Start every worker now, all at once, instead of on the first :meth:`convert`.

        A batch calls this in a thread of its own as it begins, so LibreOffice
        starts while the first documents are still being rendered. Does nothing in
        batch mode; a worker that fails to start is started again by :meth:`convert`.
        """
        with self._lock:
            if self._closed or self.resolved_mode() != "uno":
                return
            self._add_workers(self.max_workers)
            threads = [
                threading.Thread(target=self._start_quietly, args=(worker,), daemon=True)
                for worker in self._workers
                if not worker.running
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    @staticmethod
    def _start_quietly(worker: UnoWorker) -> None:
        try:
            worker.start()
        except WorkerFailure as failure:
            log.debug("LibreOffice worker did not start: %s", failure.message)

    def _add_workers(self, wanted: int) -> None:
        soffice = self._soffice()
        python = find_uno_python(soffice)
        assert python is not None
        if self._template is None:
            self._template = [cached_profile(soffice, self.startup_timeout)]
        while len(self._workers) < wanted:
            self._workers.append(
                UnoWorker(python, soffice, self.startup_timeout, self._template[0])
            )

    @property
    def profile_dirs(self) -> list[Path]:
        """Private profile directories of the running workers (empty in batch mode)."""
        return [p for w in self._workers if (p := w.profile_dir) is not None]

    def resolved_mode(self) -> Literal["uno", "batch"]:
        """Which mode :meth:`convert` will use; raises ConversionError if LibreOffice is missing."""
        soffice = self._soffice()
        if self._mode == "batch":
            return "batch"
        if find_uno_python(soffice) is not None:
            return "uno"
        if self._mode == "uno":
            raise ConversionError(
                "No Python with LibreOffice's UNO bridge was found. On Debian/Ubuntu run "
                "`sudo apt-get install python3-uno`, or set SENDOCS_UNO_PYTHON."
            )
        log.info("no UNO Python found; converting with one soffice call per batch")
        return "batch"

    def _soffice(self) -> Path:
        if self._soffice_arg is not None:
            if not self._soffice_arg.is_file():
                raise ConversionError(
                    f"LibreOffice is not at {self._soffice_arg}. {INSTALL_ADVICE}"
                )
            return self._soffice_arg
        return find_soffice()

    # ---- converting

    def convert(self, sources: Sequence[Path], out_dir: Path, *, pdfa: bool = False) -> list[Path]:
        """Convert each document to ``out_dir/<stem>.pdf``; return the PDFs in input order.

        Raises :class:`ConversionError` naming every document that could not be
        converted (after one retry each); PDFs of the other documents are kept.
        """
        sources = [Path(s) for s in sources]
        with self._lock:
            if self._closed:
                raise ConversionError("this converter has been closed; create a new one")
            targets = plan_outputs(sources, Path(out_dir))
            if not sources:
                return []
            if self.resolved_mode() == "uno":
                self._convert_uno(sources, targets, pdfa)
            else:
                errors = convert_in_calls(
                    self._soffice(),
                    sources,
                    targets,
                    pdfa=pdfa,
                    startup_timeout=self.startup_timeout,
                    timeout=self.timeout,
                )
                self._raise_for(errors, sources)
        return targets

    def _convert_uno(self, sources: list[Path], targets: list[Path], pdfa: bool) -> None:
        soffice = self._soffice()
        wanted = min(self.max_workers, len(sources))
        self._add_workers(wanted)
        jobs: queue.Queue[int] = queue.Queue()
        for index in range(len(sources)):
            jobs.put(index)
        errors: dict[int, str] = {}
        startup_errors: list[str] = []

        def drain(worker: UnoWorker) -> None:
            while True:
                try:
                    index = jobs.get_nowait()
                except queue.Empty:
                    return
                try:
                    self._convert_one_uno(worker, sources[index], targets[index], pdfa)
                except WorkerFailure as failure:
                    if failure.startup:  # this worker is unusable: leave the rest to others
                        jobs.put(index)
                        startup_errors.append(failure.message)
                        return
                    errors[index] = failure.message
                except Exception as exc:  # never lose a document's error in a thread
                    errors[index] = f"{type(exc).__name__}: {exc}"

        threads = [
            threading.Thread(target=drain, args=(worker,), daemon=True)
            for worker in self._workers[:wanted]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not jobs.empty():  # every worker failed to start
            raise ConversionError(
                f"LibreOffice ({soffice}) could not be started, so {jobs.qsize()} of "
                f"{len(sources)} documents were not converted: {startup_errors[-1]}. "
                + INSTALL_ADVICE
            )
        self._raise_for(errors, sources)

    def _staging_dir(self) -> Path:
        if not self._staging:
            self._staging.append(private_dir("pdf"))
        return self._staging[0]

    def _convert_one_uno(self, worker: UnoWorker, source: Path, target: Path, pdfa: bool) -> None:
        last: WorkerFailure | None = None
        staging = self._staging_dir()
        for attempt in (1, 2):
            partial = partial_path(target, staging)
            try:
                if not worker.running:
                    if not worker.launching:
                        worker.stop()
                    if self._closed:
                        raise WorkerFailure("the converter was closed", fatal=True, startup=True)
                    worker.start()
                worker.convert(source, partial, pdfa=pdfa, timeout=self.timeout)
                problem = verify_pdf(partial)
                if problem is not None:
                    raise WorkerFailure(problem, fatal=False)
                publish(partial, target)
                return
            except WorkerFailure as failure:
                last = failure
                log.debug("attempt %d for %s failed: %s", attempt, source.name, failure.message)
                if failure.fatal:
                    worker.stop()  # restarted on the next attempt or the next document
            finally:
                with contextlib.suppress(FileNotFoundError):
                    partial.unlink()
        assert last is not None
        raise last

    @staticmethod
    def _raise_for(errors: dict[int, str], sources: list[Path]) -> None:
        if not errors:
            return
        lines = [f"{sources[i]}: {errors[i]}" for i in sorted(errors)]
        if len(lines) == 1:
            raise ConversionError(f"Could not convert {lines[0]}")
        raise ConversionError(
            f"Could not convert {len(lines)} documents to PDF:\n  " + "\n  ".join(lines)
        )
