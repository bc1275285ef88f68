"""Long jobs (PDF conversion, batches, bundles) run in a worker thread.

A page starts a job and redirects to its status page, which refreshes itself
(``<meta http-equiv="refresh">``, so it works without JavaScript) until the
job is done. One worker runs at a time: LibreOffice and a process pool already
use the machine's cores. A job's scratch folder is removed when it ends,
whether it succeeded or failed; its result files are kept in the item's folder.
"""

from __future__ import annotations

import logging
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sendocs.errors import SendocsError

__all__ = ["Job", "JobRunner", "Progress"]

log = logging.getLogger(__name__)


@dataclass
class Job:
    """What the status page shows: state, progress and the outcome."""

    id: str
    title: str
    done_url: str
    state: str = "waiting"  # waiting, running, done, failed
    phase: str = ""
    done: int = 0
    total: int = 0
    error: str = ""
    problems: list[str] = field(default_factory=list)
    result: Any = None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


Progress = Callable[[str, int, int], None]
Work = Callable[[Path, Progress], Any]


class JobRunner:
    """Runs jobs one at a time in a background thread and remembers them."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sendocs-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, title: str, done_url: str, work: Work) -> Job:
        job = Job(id=secrets.token_hex(8), title=title, done_url=done_url)
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, work: Work) -> None:
        job.state = "running"

        def progress(phase: str, done: int, total: int) -> None:
            job.phase, job.done, job.total = phase, done, total

        scratch = Path(tempfile.mkdtemp(prefix="sendocs-web-"))
        try:
            job.result = work(scratch, progress)
            job.state = "done"
        except SendocsError as exc:
            job.error = exc.message
            job.problems = [p.message for p in getattr(exc, "problems", None) or []]
            job.state = "failed"
        except Exception:  # a bug: say so plainly; the details go to the debug log only
            log.debug("job failed", exc_info=True)
            job.error = "Something went wrong inside sendocs while making this. Nothing was saved."
            job.state = "failed"
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
