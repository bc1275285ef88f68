"""Time and memory limits for reading one input PDF.

A hostile or broken PDF can declare a gigapixel image, expand a few
kilobytes into gigabytes, nest objects thousands deep or hang a parser.
Each document is therefore read in a forked child process that has its own
memory ceiling (``resource.setrlimit``, never applied to the main process)
and is killed when its time is up; a breach becomes a :class:`LimitBreach`
naming what was exceeded, which the caller turns into a per-document error.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, TypeVar

__all__ = [
    "DEFAULT_LIMITS",
    "BoundedWorker",
    "LimitBreach",
    "PdfLimits",
    "run_bounded",
    "run_pipelined",
]

T = TypeVar("T")


@dataclass(frozen=True)
class PdfLimits:
    """Per-document bounds. The defaults let any real scan or council PDF through.

    ``max_image_pixels``: the largest image any page may declare (an A0 page
    scanned at 600 dpi is about 0.56 gigapixels). ``max_annotations``: above
    this many annotations on one page, its link annotations are dropped (they
    only point inside the original file, and tens of thousands make copying
    take many seconds). ``max_stream_mb``: the most one compressed stream other
    than an image may expand to (page text never comes near it).
    """

    seconds: float = 120.0
    memory_mb: int = 2048
    max_image_pixels: int = 1 << 30
    max_annotations: int = 2000
    max_stream_mb: int = 256
    max_pages: int = 20000
    raster_dpi: int = 150


DEFAULT_LIMITS = PdfLimits()


class LimitBreach(Exception):
    """Reading a document went past a limit; ``kind`` is "time", "memory" or "crash"."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail


def _vm_size_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _limit_self(limits: PdfLimits) -> None:
    os.setpgid(0, 0)  # its own group, so a timeout also ends any pdftoppm it started
    try:
        ceiling = _vm_size_bytes() + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    except (ValueError, OSError):
        pass


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    try:
        return ("ok", fn(*args))
    except MemoryError:
        return ("memory", "")
    except RecursionError:
        return ("error", "RecursionError: objects nested too deeply")
    except BaseException as exc:  # reported to the parent, which decides what it means
        return ("error", "".join(traceback.format_exception_only(type(exc), exc)).strip())


def _send(conn: Any, result: tuple[str, Any]) -> None:
    try:
        conn.send(result)
    except Exception:
        conn.send(("error", "result could not be sent back"))


def _child(conn: Any, limits: PdfLimits, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _limit_self(limits)
    try:
        _send(conn, _call(fn, args))
    finally:
        conn.close()
        os._exit(0)


def _serve(conn: Any, limits: PdfLimits) -> None:
    """A worker's loop: (fn, args) in, (status, value) out, until the pipe closes."""
    _limit_self(limits)
    try:
        while True:
            try:
                fn, args = conn.recv()
            except (EOFError, OSError):
                break
            _send(conn, _call(fn, args))
    finally:
        conn.close()
        os._exit(0)


class BoundedWorker:
    """One long-lived bounded child for many documents (forking costs ~50 ms each time).

    ``run`` sends a job and waits at most ``limits.seconds``; on a breach the
    child is killed and the next job starts a fresh one. ``fn`` and ``args``
    must pickle. Use as a context manager so the child ends with the work.
    """

    def __init__(self, limits: PdfLimits) -> None:
        self.limits = limits
        self._process: Any = None
        self._conn: Any = None

    def __enter__(self) -> BoundedWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        parent_end, child_end = ctx.Pipe(duplex=True)
        self._process = ctx.Process(target=_serve, args=(child_end, self.limits), daemon=True)
        self._process.start()
        child_end.close()
        self._conn = parent_end

    def run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if "fork" not in multiprocessing.get_all_start_methods():
            return fn(*args)
        if self._process is None or not self._process.is_alive():
            self.close()
            self._start()
        try:
            self._conn.send((fn, args))
            if not self._conn.poll(self.limits.seconds):
                self.close()
                raise LimitBreach("time", f"{self.limits.seconds:g} s")
            status, value = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            code = self._finish()
            if code is not None and code < 0 and -code == signal.SIGKILL:
                raise LimitBreach("memory", "killed") from None
            raise LimitBreach("crash", f"exit status {code}") from None
        if status == "memory":  # the heap may be fragmented: start clean next time
            self.close()
        if status == "ok":
            return value  # type: ignore[no-any-return]
        raise LimitBreach(status, str(value))

    def _finish(self) -> int | None:
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None:
            return None
        if process.is_alive() and process.pid:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()
        process.join(5)
        return process.exitcode  # type: ignore[no-any-return]

    def close(self) -> None:
        """End the child (and anything it started)."""
        self._finish()

    def _ensure(self) -> None:
        if self._process is None or not self._process.is_alive():
            self.close()
            self._start()

    def _breach_after_pipe_error(self) -> LimitBreach:
        code = self._finish()
        if code is not None and code < 0 and -code == signal.SIGKILL:
            return LimitBreach("memory", "killed")
        return LimitBreach("crash", f"exit status {code}")


def run_pipelined(
    workers: list[BoundedWorker],
    fn: Callable[..., T],
    jobs: list[tuple[Any, ...]],
    *,
    window: int = 4,
) -> list[T | LimitBreach]:
    """``fn(*args)`` for every job, spread over ``workers``; results in job order.

    Each worker is sent up to ``window`` jobs ahead, so it never sits idle waiting
    for the parent to read a result and send the next job (on a busy machine
    that round trip cost more than reading a clean PDF). The time limit is
    still per job: a job's clock starts when the one before it on the same
    worker finishes. A breach kills that worker; the jobs queued behind the
    breaching one are sent again to a fresh child.
    """
    results: list[T | LimitBreach | None] = [None] * len(jobs)
    if not jobs:
        return []
    if "fork" not in multiprocessing.get_all_start_methods() or not workers:
        for i, args in enumerate(jobs):
            try:
                results[i] = fn(*args)
            except Exception as exc:  # same as a bounded child's error report
                results[i] = LimitBreach("error", f"{type(exc).__name__}: {exc}")
        return results  # type: ignore[return-value]
    todo: deque[int] = deque(range(len(jobs)))
    queued: dict[int, deque[int]] = {id(w): deque() for w in workers}
    started: dict[int, float] = {}
    by_conn: dict[Any, BoundedWorker] = {}

    def fill(worker: BoundedWorker) -> None:
        mine = queued[id(worker)]
        while todo and len(mine) < window:
            worker._ensure()
            if not mine:
                started[id(worker)] = time.monotonic()
            job = todo.popleft()
            mine.append(job)
            try:
                worker._conn.send((fn, jobs[job]))
            except (OSError, BrokenPipeError):
                break  # the recv below reports the dead child

    def fail(worker: BoundedWorker, breach: LimitBreach) -> None:
        mine = queued[id(worker)]
        results[mine.popleft()] = breach
        worker.close()
        todo.extendleft(reversed(mine))  # not run (or not reported): run them again
        mine.clear()

    limit = workers[0].limits.seconds
    while any(r is None for r in results):
        for worker in workers:
            fill(worker)
        busy = [w for w in workers if queued[id(w)]]
        by_conn = {w._conn: w for w in busy}
        now = time.monotonic()
        nearest = min(started[id(w)] + limit for w in busy)
        ready = wait(list(by_conn), timeout=max(0.0, nearest - now))
        for ready_conn in ready:
            worker = by_conn[ready_conn]
            conn: Any = ready_conn
            try:
                reply: tuple[str, Any] = conn.recv()
                status, value = reply
            except (EOFError, OSError):
                fail(worker, worker._breach_after_pipe_error())
                continue
            job = queued[id(worker)].popleft()
            started[id(worker)] = time.monotonic()
            if status == "ok":
                results[job] = value
            else:
                results[job] = LimitBreach(status, str(value))
                if status == "memory":  # the heap may be fragmented: start clean
                    worker.close()
                    todo.extendleft(reversed(queued[id(worker)]))
                    queued[id(worker)].clear()
        now = time.monotonic()
        for worker in busy:
            mine = queued[id(worker)]
            if mine and worker._conn not in ready and now >= started[id(worker)] + limit:
                fail(worker, LimitBreach("time", f"{limit:g} s"))
    return results  # type: ignore[return-value]


def run_bounded(fn: Callable[..., T], args: tuple[Any, ...], limits: PdfLimits) -> T:
    """``fn(*args)`` in a forked child bounded by ``limits``; its result, or LimitBreach.

    ``fn`` must return something picklable. An exception inside ``fn`` comes back as
    ``LimitBreach("error", text)``. Where fork is not available it runs in-process, unbounded.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return fn(*args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(send, limits, fn, args), daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(limits.seconds):
            raise LimitBreach("time", f"{limits.seconds:g} s")
        try:
            status, value = receive.recv()
        except (EOFError, OSError):
            process.join(5)
            code = process.exitcode
            if code is not None and code < 0 and -code == signal.SIGKILL:
                raise LimitBreach("memory", "killed") from None
            raise LimitBreach("crash", f"exit status {code}") from None
    finally:
        receive.close()
        if process.is_alive() and process.pid:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()
        process.join(5)
    if status == "ok":
        return value  # type: ignore[no-any-return]
    raise LimitBreach(status, str(value))
