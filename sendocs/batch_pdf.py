"""A batch's PDFs, converted while the rest of its documents are still being rendered.

Rendering a Word document takes milliseconds; starting LibreOffice takes
seconds and converting a document a tenth of a second or more. So a ``pdf``
batch does not wait for every Word file before starting LibreOffice: a
:class:`PdfStream` launches the converter's processes as the run begins
(:meth:`~sendocs.render.libreoffice.LibreOfficeConverter.launch`, in the
calling thread, starting no thread), and once the batch has forked its render
workers, :meth:`PdfStream.start` starts its own threads, which wait for
LibreOffice to be ready and convert documents in groups as the render workers
finish them. That order is what makes the fork safe: no thread of ours runs
(and so none holds a lock) when the render workers are forked. Conversion goes through
:func:`sendocs.pipeline.convert_each` (a failing group is retried one
document at a time, so only the bad document's row fails); a second thread
gives each converted group its provenance
(:func:`sendocs.pipeline.carry_provenance`, a few tens of milliseconds per PDF)
while LibreOffice already converts the next group, so LibreOffice is never
left idle waiting for it. The caller publishes each PDF in its own thread, as
results come, with :func:`sendocs.files.publish_file`.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Generic, Self, TypeVar

from sendocs.errors import ConversionError
from sendocs.pipeline import carry_provenance, convert_each
from sendocs.render.convert import Converter, open_converter

__all__ = ["MIN_GROUP", "PDF_CHUNK", "PdfStream"]

PDF_CHUNK = 25
"""Most documents per converter call: big enough to amortise a call, small enough that
PDFs come back (and are published) while later documents are still rendering."""

MIN_GROUP = 4
"""Fewest documents per converter call while more wait (two per LibreOffice worker)."""

Key = TypeVar("Key")


class _End:
    """Marks the end of the inbox (no more documents) or of the outbox (all converted)."""


_END = _End()


@dataclass(frozen=True)
class Converted(Generic[Key]):
    """One group converted by LibreOffice, not yet given its provenance."""

    group: list[tuple[Key, Path]]
    results: list[Path | ConversionError]


class PdfStream(Generic[Key]):
    """Convert Word files to PDFs in a background thread, in the order they are submitted.

    Entering it launches the converter (no thread); :meth:`start` (call it once
    any worker processes have been forked; :meth:`finish` and leaving call it
    too) starts the threads that convert. ``submit(key, source)`` hands over a
    finished Word file; :meth:`ready`
    returns the PDFs (or the :class:`ConversionError` of each failed one)
    converted so far, without waiting; :meth:`finish` waits for the rest.
    ``converter``: the run's converter, or ``None`` for
    :func:`~sendocs.render.convert.open_converter`; entered, and closed on exit
    (as a batch always has: a converter serves one run).
    """

    def __init__(
        self, converter: Converter | None, staging: Path, *, pdfa: bool, chunk: int = PDF_CHUNK
    ) -> None:
        self._given = converter
        self._staging = staging
        self._pdfa = pdfa
        self._chunk = max(1, chunk)
        self._inbox: queue.Queue[tuple[Key, Path] | _End] = queue.Queue()
        self._converted: queue.Queue[Converted[Key] | _End] = queue.Queue()
        self._outbox: queue.Queue[tuple[Key, Path | ConversionError] | _End] = queue.Queue()
        self._stack = contextlib.ExitStack()
        self._threads: list[threading.Thread] = []
        self._failure: BaseException | None = None
        self._cancelled = threading.Event()
        self._ended = False
        self._converter: Converter | None = None
        self.submitted = 0

    def __enter__(self) -> Self:
        converter = self._stack.enter_context(self._given or open_converter())
        self._converter = converter
        launch = getattr(converter, "launch", None)
        if callable(launch):  # LibreOffice's processes start now; no thread is started
            launch()
        return self

    def start(self) -> None:
        """Start converting (threads of our own): call it only after any fork. Idempotent."""
        if self._threads or self._converter is None:
            return
        self._threads = [
            threading.Thread(
                target=self._run, args=(self._converter,), name="sendocs-pdf", daemon=True
            ),
            threading.Thread(target=self._stamp, name="sendocs-pdf-stamp", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:  # interrupted: convert nothing more
            self._cancelled.set()
        else:
            self.start()
        self._inbox.put(_END)
        try:
            if exc is None:
                for thread in self._threads:
                    thread.join()
        finally:
            self._stack.close()  # stops LibreOffice (a running conversion fails at once)
            for thread in self._threads:
                thread.join(timeout=30)

    def submit(self, key: Key, source: Path) -> None:
        """Convert ``source`` (a Word file in a staging folder) once its turn comes."""
        self.submitted += 1
        self._inbox.put((key, source))

    def ready(self) -> list[tuple[Key, Path | ConversionError]]:
        """The documents converted since the last call, without waiting."""
        done = []
        while not self._ended:
            try:
                item = self._outbox.get_nowait()
            except queue.Empty:
                break
            if isinstance(item, _End):
                self._ended = True
                break
            done.append(item)
        self._raise_failure()
        return done

    def finish(self) -> Iterator[tuple[Key, Path | ConversionError]]:
        """No more documents: yield each remaining result as it comes."""
        self.start()
        self._inbox.put(_END)
        while not self._ended:
            item = self._outbox.get()
            if isinstance(item, _End):
                self._ended = True
                break
            yield item
        self._raise_failure()

    def _raise_failure(self) -> None:
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure

    def _run(self, converter: Converter) -> None:
        try:
            start = getattr(converter, "start", None)
            if callable(start):  # wait for LibreOffice (launched as the run began)
                with contextlib.suppress(ConversionError):  # not installed: each row says so
                    start()
            pending: list[tuple[Key, Path]] = []
            more = True
            while not self._cancelled.is_set():
                while more:  # everything submitted so far; wait only when nothing is pending
                    try:
                        item = self._inbox.get(block=not pending)
                    except queue.Empty:
                        break
                    if isinstance(item, _End):
                        more = False
                        break
                    pending.append(item)
                if not pending:
                    break
                # Half of what waits, so the last groups are small: each group's PDFs are
                # stamped after LibreOffice has converted it, and the last group's stamping
                # is time the batch waits with LibreOffice idle.
                size = min(self._chunk, max(MIN_GROUP, -(-len(pending) // 2)))
                if len(pending) - size < MIN_GROUP and len(pending) <= self._chunk:
                    size = len(pending)  # no group of one or two at the very end
                group, pending = pending[:size], pending[size:]
                sources = [source for _, source in group]
                results = convert_each(converter, sources, self._staging, pdfa=self._pdfa)
                self._converted.put(Converted(group, results))
        except BaseException as exc:  # handed to the main thread by ready()/finish()
            self._failure = exc
        finally:
            self._converted.put(_END)

    def _stamp(self) -> None:
        """Give each converted group its provenance, then hand its results out."""
        try:
            while not isinstance(done := self._converted.get(), _End):
                sources = [source for _, source in done.group]
                carry_provenance(sources, done.results, self._pdfa)
                for (key, _), result in zip(done.group, done.results, strict=True):
                    self._outbox.put((key, result))
        except BaseException as exc:
            self._failure = self._failure or exc
            while not isinstance(self._converted.get(), _End):  # let the converter finish
                pass
        finally:
            self._outbox.put(_END)
