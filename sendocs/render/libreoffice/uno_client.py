"""Our side of a UNO worker: one ``uno_worker.py`` process and the LibreOffice it runs.

The worker (:mod:`sendocs.render.uno_worker`) runs under the Python that has
LibreOffice's ``uno`` bridge; we talk to it over its stdin and stdout, one
JSON line per request and per reply, so no port is opened and nothing
large crosses the pipe (paths, not documents).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO, Any

from sendocs.render.convert_paths import import_filter_for
from sendocs.render.libreoffice.process import kill_group, office_program, popen_group_kwargs
from sendocs.render.libreoffice.profile import seed_profile
from sendocs.staging import private_dir, remove_dir

__all__ = ["WORKER_SCRIPT", "UnoWorker", "WorkerFailure", "release"]

log = logging.getLogger(__name__)

WORKER_SCRIPT = Path(__file__).resolve().parents[1] / "uno_worker.py"


class WorkerFailure(Exception):
    """One attempt at one document failed; ``fatal`` means the worker must be restarted."""

    def __init__(self, message: str, *, fatal: bool, startup: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.fatal = fatal
        self.startup = startup


class UnoWorker:
    """One ``uno_worker.py`` process and the LibreOffice it runs, in their own group."""

    def __init__(
        self,
        python: Path,
        soffice: Path,
        startup_timeout: float,
        profile_template: Path | None = None,
    ) -> None:
        self._python = python
        self._template = profile_template
        self._soffice = soffice
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._home: Path | None = None
        self._stderr: IO[str] | None = None
        self._ready = False

    @property
    def profile_dir(self) -> Path | None:
        """The private LibreOffice profile (for tests that look for leftover processes)."""
        return self._home / "profile" if self._home else None

    @property
    def running(self) -> bool:
        """Ready for documents: LibreOffice answered, and the worker is still alive."""
        return self._ready and self._process is not None and self._process.poll() is None

    @property
    def launching(self) -> bool:
        """Launched (:meth:`launch`), still alive, not yet known to be ready."""
        return not self._ready and self._process is not None and self._process.poll() is None

    def launch(self) -> None:
        """Start the worker process, without waiting for LibreOffice to be ready.

        Starts no thread: a batch calls this in its main thread before it forks
        its render workers, so LibreOffice starts while the first documents are
        rendered and no thread of ours holds a lock at the fork.
        :meth:`start` then waits for the worker's "ready".
        """
        self._home = private_dir("lo")
        profile = self._home / "profile"
        seed_profile(profile, self._template)
        program, env = office_program(self._soffice, temp=self._home)
        self._stderr = (self._home / "worker.log").open("w+", encoding="utf-8")
        self._lines = queue.Queue()
        args = [
            str(self._python),
            str(WORKER_SCRIPT),
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
                **popen_group_kwargs(),
            )
        except OSError as exc:
            self.stop()
            raise WorkerFailure(
                f"LibreOffice did not start: {exc}", fatal=True, startup=True
            ) from None

    def start(self) -> None:
        """Start the worker (unless :meth:`launch` has) and wait until LibreOffice is ready."""
        if self._ready:
            return
        if self._process is None:
            self.launch()
        try:
            stdout = self._process.stdout if self._process is not None else None
            if stdout is None:
                raise WorkerFailure("the worker process has no output pipe", fatal=True)
            threading.Thread(target=self._read, args=(stdout, self._lines), daemon=True).start()
            reply = self._reply(self._startup_timeout + 5)
            if not reply.get("ready"):
                raise WorkerFailure(str(reply.get("error") or "no answer"), fatal=True)
            self._ready = True
        except WorkerFailure as exc:
            self.stop()
            raise WorkerFailure(
                f"LibreOffice did not start: {exc.message}", fatal=True, startup=True
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
            raise WorkerFailure(
                f"LibreOffice did not answer within {timeout:.0f} s", fatal=True
            ) from None
        if line is None:
            raise WorkerFailure(f"LibreOffice stopped unexpectedly{self._log_tail()}", fatal=True)
        try:
            reply: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            raise WorkerFailure(
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
        """Write ``target`` from ``source``; raise :class:`WorkerFailure` if that did not happen."""
        if not self.running or self._process is None or self._process.stdin is None:
            raise WorkerFailure("LibreOffice is not running", fatal=True)
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
            raise WorkerFailure(f"LibreOffice stopped unexpectedly ({exc})", fatal=True) from None
        reply = self._reply(timeout)
        if not reply.get("ok"):
            raise WorkerFailure(str(reply.get("error") or "conversion failed"), fatal=False)

    def stop(self) -> None:
        self._ready = False
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None:
                with contextlib.suppress(OSError, ValueError):
                    process.stdin.close()
            # No graceful quit: the profile is thrown away and every finished PDF has
            # already been renamed into place, so nothing is lost, and it is faster.
            kill_group(process, gentle=False)
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


def _stop_all(workers: list[UnoWorker]) -> None:
    """Stop the workers side by side: each waits for its process group to be gone."""
    if len(workers) <= 1:
        for worker in workers:
            worker.stop()
        return
    threads = [threading.Thread(target=worker.stop, daemon=True) for worker in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def release(workers: list[UnoWorker], staging: list[Path]) -> None:
    """Stop every worker and remove the staging folder (close, or garbage collection)."""
    _stop_all(workers)
    workers.clear()
    for folder in staging:
        remove_dir(folder)
    staging.clear()
