"""DOCX → PDF with one long-lived LibreOffice (or two), not one LibreOffice per file.

Starting ``soffice`` costs about a second and 200 MB per document. This module
starts a small pool of LibreOffice instances once and feeds them documents:

* **UNO mode** (preferred). Each pool member is :mod:`sendocs.render.uno_worker`
  run by the Python that carries LibreOffice's ``uno`` bridge (Debian's
  ``/usr/bin/python3`` with ``python3-uno``; the ``python`` LibreOffice bundles
  on Windows, macOS and in the official Linux builds). The worker starts its own
  ``soffice`` with a private profile and converts on request. Two workers on two
  cores convert letters about ten times faster than one ``soffice`` per file.
* **Batch mode** (fallback when no UNO Python is found). One
  ``soffice --convert-to pdf`` call converts every document of a ``convert()``
  call, still with a private profile.

Both modes: a timeout per document, one retry, a check that each PDF exists, is
non-empty and starts ``%PDF-``, outputs written in a private staging folder
(:mod:`sendocs.staging`) and moved into place whole, and every LibreOffice
process stopped (whole process group) on :meth:`LibreOfficeConverter.close`.

LibreOffice never outlives us, even after ``kill -9``: on Linux ``soffice.bin``
is started directly (not through ``oosplash``, which would leave it behind when
killed) with a parent-death signal, and the UNO worker watches its stdin and
its parent, killing its LibreOffice the moment we are gone.

We chose our own ~150-line worker over the ``unoserver`` package: same speed,
no extra dependency to install into the system Python, and no TCP ports (a
named pipe per worker).
"""

from __future__ import annotations

import contextlib
import functools
import glob
import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Literal, Self

from sendocs.errors import ConversionError
from sendocs.render.convert_paths import (
    import_filter_for,
    partial_path,
    plan_outputs,
    publish,
    verify_pdf,
)
from sendocs.staging import private_dir, remove_dir

__all__ = [
    "INSTALL_ADVICE",
    "LibreOfficeConverter",
    "find_soffice",
    "find_uno_python",
]

log = logging.getLogger(__name__)

INSTALL_ADVICE = (
    "Install LibreOffice: on Debian/Ubuntu run "
    "`sudo apt-get install libreoffice-writer-nogui fonts-crosextra-carlito fonts-liberation2`; "
    "on Windows or macOS download it from https://www.libreoffice.org/download/. "
    "If it is installed somewhere unusual, set SENDOCS_SOFFICE to the full path of soffice."
)

_WORKER_SCRIPT = Path(__file__).with_name("uno_worker.py")

Mode = Literal["auto", "uno", "batch"]


# --------------------------------------------------------------------------- finding LibreOffice


def _usual_soffice_locations() -> list[str]:
    if sys.platform == "win32":
        roots = [
            os.environ.get(v, "") for v in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")
        ]
        return [
            str(Path(root) / "LibreOffice" / "program" / "soffice.exe") for root in roots if root
        ]
    if sys.platform == "darwin":
        return [
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            str(Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"),
        ]
    return [
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/usr/local/bin/soffice",
        *sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True),
        "/snap/bin/libreoffice",
        "/var/lib/flatpak/exports/bin/org.libreoffice.LibreOffice",
    ]


def find_soffice() -> Path:
    """Where LibreOffice's ``soffice`` is: ``SENDOCS_SOFFICE``, then PATH, then usual places.

    Raises :class:`ConversionError` with install advice when it is nowhere.
    """
    configured = os.environ.get("SENDOCS_SOFFICE")
    if configured:
        path = Path(configured).expanduser()
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise ConversionError(
            f"SENDOCS_SOFFICE is set to {configured}, but no LibreOffice program is there, "
            f"so documents cannot be converted to PDF. Correct or unset it. {INSTALL_ADVICE}"
        )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for candidate in _usual_soffice_locations():
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise ConversionError(
        "LibreOffice was not found, so documents cannot be converted to PDF. " + INSTALL_ADVICE
    )


@functools.lru_cache(maxsize=8)
def find_uno_python(soffice: Path) -> Path | None:
    """A Python interpreter that can ``import uno`` for this LibreOffice, or None.

    ``SENDOCS_UNO_PYTHON`` wins; then the ``python`` LibreOffice bundles beside
    its program; then the system ``python3`` (Debian/Ubuntu with ``python3-uno``).
    """
    program = Path(os.path.realpath(soffice)).parent
    candidates: list[Path] = []
    configured = os.environ.get("SENDOCS_UNO_PYTHON")
    if configured:
        candidates.append(Path(configured))
    candidates += [
        program / "python.exe",
        program / "python",
        program.parent / "Resources" / "python",  # macOS app bundle
    ]
    if sys.platform not in ("win32", "darwin"):
        candidates += [Path("/usr/bin/python3"), Path("/usr/local/bin/python3")]
    for candidate in candidates:
        if candidate.is_file() and _imports_uno(candidate):
            return candidate
    return None


def _imports_uno(python: Path) -> bool:
    try:
        result = subprocess.run(
            [str(python), "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_clean_env(),
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def _clean_env() -> dict[str, str]:
    """Our environment minus anything that would point another Python at our venv."""
    env = dict(os.environ)
    for name in ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


# --------------------------------------------------------------------------- starting LibreOffice

RESTART_STATUS = 81
"""``soffice.bin`` exits with this to ask its launcher to start it again (a new profile)."""


def office_program(soffice: Path, temp: Path) -> tuple[Path, dict[str, str]]:
    """The program to start LibreOffice with, and the environment it needs.

    LibreOffice keeps its own temporary files (``lu*.tmp``, copies of open
    documents among them) in ``temp``, our private folder, so they go with it.

    On Linux, ``soffice`` is a shell script that runs ``oosplash``, which runs
    ``soffice.bin``. Killing ``oosplash`` (or its parent) leaves ``soffice.bin``
    running, so where ``soffice.bin`` sits beside the script we start it
    directly with the setting the script would have made for it, and restart it
    ourselves when it asks (status 81). Elsewhere ``soffice`` itself.
    """
    env = _clean_env()
    for name in ("TMPDIR", "TMP", "TEMP"):
        env[name] = str(temp)
    if not sys.platform.startswith("linux"):
        return soffice, env
    program = Path(os.path.realpath(soffice)).parent
    binary, splash = program / "soffice.bin", program / "oosplash"
    if not (binary.is_file() and splash.is_file() and os.access(binary, os.X_OK)):
        return soffice, env
    # The script also sets LC_ALL=C for oosplash, which puts the user's locale back for
    # soffice.bin; started directly, soffice.bin keeps the user's locale (and with it
    # file names outside ASCII) if we simply leave LC_ALL alone.
    env["SAL_ENABLE_FILE_LOCKING"] = "1"
    return binary, env


def _die_with_parent() -> None:
    """In a child before exec (Linux): the kernel kills it when the thread that forked it
    ends, i.e. when we die. Also done by :mod:`sendocs.render.uno_worker`."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _die_with_parent_kwargs() -> dict[str, Any]:
    """Popen arguments for a child that must not outlive this process (Linux only).

    The parent-death signal fires when the *thread* that started the child
    ends, so use it only for children that thread waits for.
    """
    if sys.platform.startswith("linux"):
        return {"preexec_fn": _die_with_parent}
    return {}


# --------------------------------------------------------------------------- process groups


def _popen_group_kwargs() -> dict[str, Any]:
    """Start a child as the leader of a new process group, so it can be stopped whole."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def _kill_group(process: subprocess.Popen[Any], grace: float = 5.0) -> None:
    """Stop ``process`` and everything it started (soffice, oosplash, soffice.bin)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
        return
    pgid = process.pid  # start_new_session: the child's pid is its group id
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.05)
            if process.poll() is not None and not _group_alive(pgid):
                return
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (zombies awaiting their reaper do not)."""
    proc = Path("/proc")
    if proc.is_dir():
        for stat in proc.glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
                return True
        return False
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- UNO worker


class _Failure(Exception):
    """One attempt at one document failed; ``fatal`` means the worker must be restarted."""

    def __init__(self, message: str, *, fatal: bool, startup: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.fatal = fatal
        self.startup = startup


class _UnoWorker:
    """One ``uno_worker.py`` process and the LibreOffice it runs, in their own group."""

    def __init__(self, python: Path, soffice: Path, startup_timeout: float) -> None:
        self._python = python
        self._soffice = soffice
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._home: Path | None = None
        self._stderr: IO[str] | None = None

    @property
    def profile_dir(self) -> Path | None:
        """The private LibreOffice profile (for tests that look for leftover processes)."""
        return self._home / "profile" if self._home else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        self._home = private_dir("lo")
        profile = self._home / "profile"
        program, env = office_program(self._soffice, temp=self._home)
        self._stderr = (self._home / "worker.log").open("w+", encoding="utf-8")
        self._lines = queue.Queue()
        args = [
            str(self._python),
            str(_WORKER_SCRIPT),
            "--soffice",
            str(program),
            "--profile",
            profile.as_uri(),
            "--pipe",
            f"sendocs_{os.getpid()}_{self._home.name}",
            "--startup-timeout",
            str(self._startup_timeout),
            "--remove-on-exit",
            str(self._home),
        ]
        log.debug("starting LibreOffice worker: %s", args)
        try:
            self._process = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                text=True,
                encoding="utf-8",
                env=env,
                **_popen_group_kwargs(),
            )
            stdout = self._process.stdout
            assert stdout is not None
            threading.Thread(target=self._read, args=(stdout, self._lines), daemon=True).start()
            reply = self._reply(self._startup_timeout + 5)
            if not reply.get("ready"):
                raise _Failure(str(reply.get("error") or "no answer"), fatal=True)
        except (_Failure, OSError) as exc:
            detail = exc.message if isinstance(exc, _Failure) else str(exc)
            self.stop()
            raise _Failure(
                f"LibreOffice did not start: {detail}", fatal=True, startup=True
            ) from None

    @staticmethod
    def _read(stream: IO[str], lines: queue.Queue[str | None]) -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    def _reply(self, timeout: float) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise _Failure(
                f"LibreOffice did not answer within {timeout:.0f} s", fatal=True
            ) from None
        if line is None:
            raise _Failure(f"LibreOffice stopped unexpectedly{self._log_tail()}", fatal=True)
        try:
            reply: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            raise _Failure(
                f"unexpected answer from LibreOffice: {line[:200]!r}", fatal=True
            ) from None
        return reply

    def _log_tail(self) -> str:
        if self._stderr is None:
            return ""
        with contextlib.suppress(OSError, ValueError):
            self._stderr.flush()
            self._stderr.seek(0)
            text = self._stderr.read()[-600:].strip()
            if text:
                return f" ({text})"
        return ""

    def convert(self, source: Path, target: Path, *, pdfa: bool, timeout: float) -> None:
        """Write ``target`` from ``source``; raise :class:`_Failure` if that did not happen."""
        if not self.running or self._process is None or self._process.stdin is None:
            raise _Failure("LibreOffice is not running", fatal=True)
        request = {
            "source": str(source.resolve()),
            "target": str(target.resolve()),
            "pdfa": pdfa,
            "filter": import_filter_for(source),
        }
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise _Failure(f"LibreOffice stopped unexpectedly ({exc})", fatal=True) from None
        reply = self._reply(timeout)
        if not reply.get("ok"):
            raise _Failure(str(reply.get("error") or "conversion failed"), fatal=False)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                with contextlib.suppress(OSError, ValueError):
                    process.stdin.close()
            # No graceful quit: the profile is thrown away and every finished PDF has
            # already been renamed into place, so nothing is lost, and it is faster.
            _kill_group(process)
            if process.stdout is not None:
                with contextlib.suppress(OSError):
                    process.stdout.close()
        if self._stderr is not None:
            with contextlib.suppress(OSError):
                self._stderr.close()
            self._stderr = None
        if self._home is not None:
            remove_dir(self._home)
            self._home = None


def _stop_all(workers: list[_UnoWorker]) -> None:
    for worker in workers:
        worker.stop()


def _release(workers: list[_UnoWorker], staging: list[Path]) -> None:
    """Stop every worker and remove the staging folder (close, or garbage collection)."""
    _stop_all(workers)
    workers.clear()
    for folder in staging:
        remove_dir(folder)
    staging.clear()


# --------------------------------------------------------------------------- the converter


class LibreOfficeConverter:
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
        self._workers: list[_UnoWorker] = []
        self._lock = threading.Lock()
        self._closed = False
        self._staging: list[Path] = []  # one private folder for partial PDFs, made on first use
        self._finalizer = weakref.finalize(self, _release, self._workers, self._staging)

    # ---- lifecycle

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop every LibreOffice this converter started. Safe to call twice."""
        with self._lock:
            self._closed = True
            _release(self._workers, self._staging)

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
                self._convert_batch(sources, targets, pdfa)
        return targets

    def _convert_uno(self, sources: list[Path], targets: list[Path], pdfa: bool) -> None:
        soffice = self._soffice()
        python = find_uno_python(soffice)
        assert python is not None
        wanted = min(self.max_workers, len(sources))
        while len(self._workers) < wanted:
            self._workers.append(_UnoWorker(python, soffice, self.startup_timeout))
        jobs: queue.Queue[int] = queue.Queue()
        for index in range(len(sources)):
            jobs.put(index)
        errors: dict[int, str] = {}
        startup_errors: list[str] = []

        def drain(worker: _UnoWorker) -> None:
            while True:
                try:
                    index = jobs.get_nowait()
                except queue.Empty:
                    return
                try:
                    self._convert_one_uno(worker, sources[index], targets[index], pdfa)
                except _Failure as failure:
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

    def _convert_one_uno(self, worker: _UnoWorker, source: Path, target: Path, pdfa: bool) -> None:
        last: _Failure | None = None
        staging = self._staging_dir()
        for attempt in (1, 2):
            partial = partial_path(target, staging)
            try:
                if not worker.running:
                    worker.stop()
                    worker.start()
                worker.convert(source, partial, pdfa=pdfa, timeout=self.timeout)
                problem = verify_pdf(partial)
                if problem is not None:
                    raise _Failure(problem, fatal=False)
                publish(partial, target)
                return
            except _Failure as failure:
                last = failure
                log.debug("attempt %d for %s failed: %s", attempt, source.name, failure.message)
                if failure.fatal:
                    worker.stop()  # restarted on the next attempt or the next document
            finally:
                with contextlib.suppress(FileNotFoundError):
                    partial.unlink()
        assert last is not None
        raise last

    def _convert_batch(self, sources: list[Path], targets: list[Path], pdfa: bool) -> None:
        pending = list(range(len(sources)))
        errors: dict[int, str] = {}
        for _attempt in (1, 2):
            if not pending:
                break
            failed = self._batch_call(
                [sources[i] for i in pending], [targets[i] for i in pending], pdfa
            )
            errors = {pending[position]: message for position, message in failed.items()}
            pending = sorted(errors)
        self._raise_for(errors, sources)

    def _batch_call(self, sources: list[Path], targets: list[Path], pdfa: bool) -> dict[int, str]:
        """One ``soffice --convert-to`` per import filter; returns errors by position."""
        soffice = self._soffice()
        errors: dict[int, str] = {}
        filter_data: dict[str, dict[str, str]] = {
            "UseTaggedPDF": {"type": "boolean", "value": "true"}
        }
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
                failure = self._run_soffice(
                    args, env, self.startup_timeout + self.timeout * len(indexes)
                )
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

    @staticmethod
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
                    **_popen_group_kwargs(),
                    **_die_with_parent_kwargs(),  # this thread waits for it below
                )
            except OSError as exc:
                return f"LibreOffice could not be run: {exc}"
            try:
                status = process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                return f"LibreOffice did not finish within {timeout:.0f} s"
            finally:
                _kill_group(process, grace=2.0)
            if status != RESTART_STATUS:
                return None
        return None

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
