"""The worker processes of a batch: each renders rows through the one pipeline.

The parent renders the first row itself with a renderer
(:func:`sendocs.render.fast_docx.make_renderer`) and then forks the workers,
which inherit it: the template is read, compiled and laid out as a skeleton
zip once for the run, and its memory is shared by every worker instead of
rebuilt in each (measured: 29 -> 15 MB private per worker on the 1,000-plan
benchmark). Spawned workers (no fork) build their own. Rows are handed out in
chunks so the cost of talking to a worker is paid rarely. A worker makes a
row's documents with :func:`sendocs.pipeline.render_documents` — exactly what
``sendocs.render_document`` does — writes them into the run's private staging
folder and sends back only small results (the paths, the input hash, or the
error), so nothing large crosses processes.

Threads start only after the fork (``run_tasks(..., after_fork=...)``): a
batch launches LibreOffice's processes before it, and the threads that drive
them after it, so no thread of ours can hold a lock the workers inherit.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sendocs.batch_inputs import case_sha256
from sendocs.documents import RenderOptions, get_kind
from sendocs.errors import SendocsError
from sendocs.files import atomic_write_bytes
from sendocs.loading import LoadedCase
from sendocs.pipeline import render_documents
from sendocs.render.fast_docx import make_renderer

__all__ = ["RenderTask", "TaskResult", "WorkerConfig", "default_jobs", "run_tasks"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker of one run shares: the kind, the options and the staging folder."""

    kind: str
    options: RenderOptions
    staging: Path


@dataclass(frozen=True)
class RenderTask:
    """One row to render, with the file name the parent chose for it (unique in the run)."""

    index: int
    loaded: LoadedCase
    filename: str


@dataclass(frozen=True)
class TaskResult:
    """What a worker sends back for one row: its staged files, or the error."""

    index: int
    paths: tuple[Path, ...]
    """The staged Word files: one, or one per letter recipient."""
    input_sha256: str | None
    error: SendocsError | None


class RowRenderer:
    """Renders rows with one renderer: the template is read and compiled once."""

    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.kind = get_kind(config.kind)
        self.renderer = make_renderer(config.options.locale)

    def render(self, task: RenderTask) -> TaskResult:
        input_sha = None
        try:
            input_sha = case_sha256(task.loaded)
            made = render_documents(
                self.kind, task.loaded, self.config.options, self.renderer, filename=task.filename
            )
            paths = tuple(
                atomic_write_bytes(self.config.staging / document.filename, document.data, True)
                for document in made
            )
            return TaskResult(task.index, paths, input_sha, None)
        except SendocsError as exc:
            return TaskResult(task.index, (), input_sha, exc)
        except Exception as exc:  # a bug: report it on the row, keep the batch going
            logger.debug("unexpected error rendering row %s", task.index, exc_info=True)
            error = SendocsError(
                f"unexpected error ({type(exc).__name__}); this is a bug in sendocs, please "
                "report it (run with --debug for details)"
            )
            return TaskResult(task.index, (), input_sha, error)


_WORKER: RowRenderer | None = None


def _init_worker(config: WorkerConfig) -> None:
    global _WORKER
    _prepare_worker_process()
    if _WORKER is None or _WORKER.config != config:  # forked: the parent's warm renderer
        _WORKER = RowRenderer(config)


def _prepare_worker_process() -> None:
    """Signals of a worker. A forked worker inherits the CLI's SIGTERM handler (raise
    KeyboardInterrupt); the pool ends its workers with SIGTERM, which must end them
    quietly, not print a traceback. Ctrl-C is the parent's to handle: it stops the pool."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    """A worker must not outlive a batch killed with SIGKILL: it would go on writing
    children's documents into staging the janitor has already swept (Linux: the
    kernel's parent-death signal; elsewhere the pool's own shutdown)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:  # died before prctl took effect
        os._exit(1)


def _render_in_worker(task: RenderTask) -> TaskResult:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.render(task)


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where the platform has it (workers start in milliseconds, modules already
    imported); spawn elsewhere."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_tasks(
    config: WorkerConfig,
    tasks: list[RenderTask],
    jobs: int,
    *,
    after_fork: Callable[[], None] | None = None,
) -> Iterator[TaskResult]:
    """Render ``tasks`` in ``jobs`` processes (in this one for 1); results as they finish.

    ``after_fork`` is called once the worker processes exist (at once when there
    are none): start threads there, never before. A process forked while another
    thread holds a lock (the import lock, a logging handler's, an allocator's)
    keeps that lock held forever, and the worker hangs the first time it needs it.
    So the caller starts nothing but processes before this runs (a batch launches
    LibreOffice's processes, then starts the threads that drive them here).
    """
    if jobs <= 1 or len(tasks) <= 1:
        if after_fork is not None:
            after_fork()
        worker = RowRenderer(config)
        for task in tasks:
            yield worker.render(task)
        return
    # The first row is rendered here, so the template is read, patched, compiled and its
    # skeleton made once, before the fork: forked workers share that renderer's memory
    # instead of each building its own (spawned workers build their own). Its result is
    # handed on only once the workers exist: the caller's work on it (publishing, feeding
    # LibreOffice) must not run between this render and the fork.
    global _WORKER
    _WORKER = RowRenderer(config)
    first = _WORKER.render(tasks[0])
    tasks = tasks[1:]
    jobs = min(jobs, len(tasks))
    chunksize = max(1, min(32, len(tasks) // (jobs * 4)))
    gc.collect()
    gc.freeze()  # forked workers' collections leave the parent's objects (and pages) alone
    try:
        with _pool_context().Pool(jobs, initializer=_init_worker, initargs=(config,)) as pool:
            if after_fork is not None:
                after_fork()
            results = pool.imap_unordered(_render_in_worker, tasks, chunksize=chunksize)
            yield first
            yield from results
    finally:
        gc.unfreeze()
        _WORKER = None
