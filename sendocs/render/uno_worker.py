"""A small UNO worker: one headless LibreOffice that converts documents to PDF on request.

Why a separate script: LibreOffice's Python bridge (``uno``) only exists in the
Python that LibreOffice ships or that the distribution pairs with it (Debian's
``python3-uno`` for ``/usr/bin/python3``), never in the user's virtualenv.
:mod:`sendocs.render.libreoffice.uno_client` runs this file with *that* Python
and talks to it over stdin/stdout, one JSON object per line. It imports only
the standard library and ``uno`` — never sendocs.

Protocol (all lines are JSON)::

    worker → parent   {"ready": true}                            once LibreOffice answers
    parent → worker   {"source": "/abs/in.docx", "target": "/abs/.tmp.pdf",
                       "pdfa": false, "filter": "MS Word 2007 XML"}
    worker → parent   {"ok": true} | {"ok": false, "error": "..."}

The worker starts LibreOffice itself, in its own (inherited) process group, with
a private profile directory and a named pipe as the only connection, so that
several workers never share a profile, a port or a lock file.

Nothing outlives the parent, even one killed with ``SIGKILL``:

* a watchdog thread notices at once when stdin closes (the parent exited or
  died) or, within a quarter of a second, when the worker is handed to another
  parent; it kills LibreOffice, deletes the profile and ends the worker's group;
* on Linux the parent may pass ``--program`` (``soffice.bin`` itself, not the
  ``soffice`` script and its ``oosplash`` launcher, which would leave
  ``soffice.bin`` behind when killed) and LibreOffice is started with a
  parent-death signal, so the kernel kills it if this worker dies any way at all.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from typing import Any, NoReturn

# ``uno`` and the ``com.sun.star`` names are imported by _import_uno() only once
# LibreOffice has been started: loading the bridge takes a tenth of a second or
# more, which then overlaps LibreOffice's own start instead of delaying it.
uno: Any = None
PropertyValue: Any = None
NoConnectException: Any = None


def _import_uno() -> None:
    global uno, PropertyValue, NoConnectException
    import uno as bridge
    from com.sun.star.beans import PropertyValue as property_value
    from com.sun.star.connection import NoConnectException as no_connect

    uno, PropertyValue, NoConnectException = bridge, property_value, no_connect


def _props(**values: Any) -> tuple[Any, ...]:
    """UNO wants a tuple of PropertyValue, not a dict."""
    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


def _send(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


RESTART_STATUS = 81  # soffice.bin asks its launcher to start it again (first run of a profile)


def _die_with_parent() -> None:
    """In the child, before exec: the kernel sends SIGKILL when this worker dies (Linux).

    Kept in step with :mod:`sendocs.render.libreoffice.process`; this
    file cannot import sendocs.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != _PARENT_OF_OFFICE:  # we died before prctl took effect
        os.kill(os.getpid(), signal.SIGKILL)


_PARENT_OF_OFFICE = os.getpid()


class _Office:
    """The LibreOffice this worker runs, restarted when it asks to be (status 81)."""

    def __init__(self, program: str, profile_url: str, pipe_name: str) -> None:
        self.args = [
            program,
            f"-env:UserInstallation={profile_url}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext",
        ]
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )

    def check_running(self) -> None:
        """Raise if LibreOffice has exited for good; restart it if it asked to be."""
        assert self.process is not None
        status = self.process.poll()
        if status is None:
            return
        if status == RESTART_STATUS and self.restarts < 3:
            self.restarts += 1
            self.start()
            return
        raise RuntimeError(f"LibreOffice exited during start-up (status {status})")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=5)


def _connect(pipe_name: str, office: _Office, timeout: float) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(url)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            office.check_running()
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not answer within {timeout:.0f} s") from None
            # Short: LibreOffice opens its pipe about 0.7 s after starting, and every
            # moment between that and our next try is start-up time for nothing.
            time.sleep(0.01)


class _Watchdog:
    """Reads requests from stdin; when the parent goes, kills LibreOffice and this worker."""

    def __init__(self, office: _Office, remove: str | None) -> None:
        self.office = office
        self.remove = remove
        self.requests: queue.Queue[str | None] = queue.Queue()
        self.parent = os.getppid()
        self._lock = threading.Lock()

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._watch_parent, daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin:
            self.requests.put(line)
        self.end()  # stdin closed: the parent has finished with us, or died

    def _watch_parent(self) -> None:
        while os.getppid() == self.parent:
            time.sleep(0.25)
        self.end()

    def end(self) -> NoReturn:
        """Stop LibreOffice, delete the profile, and end this worker's process group."""
        with self._lock:
            self.office.kill()
            if self.remove:
                shutil.rmtree(self.remove, ignore_errors=True)
            with contextlib.suppress(Exception):  # the parent may be gone
                sys.stdout.flush()
            if hasattr(os, "killpg") and os.getpgrp() == os.getpid():  # our own group:
                # also oosplash's soffice.bin, when LibreOffice was started through soffice
                with contextlib.suppress(OSError):
                    os.killpg(os.getpgrp(), signal.SIGKILL)
            os._exit(0)


def _convert(desktop: Any, request: dict[str, Any]) -> None:
    load = {"Hidden": True, "ReadOnly": True, "UpdateDocMode": 0}  # 0 = NO_UPDATE of links
    if request.get("filter"):
        load["FilterName"] = request["filter"]
    source_url = uno.systemPathToFileUrl(request["source"])
    doc = desktop.loadComponentFromURL(source_url, "_blank", 0, _props(**load))
    if doc is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        filter_data: dict[str, Any] = {"UseTaggedPDF": True}
        if request.get("pdfa"):
            filter_data["SelectPdfVersion"] = 2  # PDF/A-2b
        store = _props(
            FilterName="writer_pdf_Export",
            FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", _props(**filter_data)),
            Overwrite=True,
        )
        doc.storeToURL(uno.systemPathToFileUrl(request["target"]), store)
    finally:
        doc.close(True)


_WARM_UP_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    ),
    "word/document.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>warm-up</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p/></w:body></w:document>"
    ),
}


def _warm_up(desktop: Any, folder: str | None) -> None:
    """Convert a tiny Word document of our own before saying we are ready.

    LibreOffice loads Writer, its Word import and its PDF export on the first
    document it converts (about a third of a second): done here, it happens while
    the caller is still rendering, and in every worker at once, not on the first
    real document. A failure here is not an error: the first real document
    simply pays the cost instead.
    """
    base = folder or os.environ.get("TMPDIR") or "/tmp"
    source = os.path.join(base, "warm-up.docx")
    target = os.path.join(base, "warm-up.pdf")
    try:
        with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in _WARM_UP_PARTS.items():
                archive.writestr(name, text)
        _convert(
            desktop,
            {"source": source, "target": target, "pdfa": False, "filter": "MS Word 2007 XML"},
        )
    except Exception:  # only a head start
        pass
    finally:
        for path in (source, target):
            with contextlib.suppress(OSError):
                os.remove(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soffice", required=True, help="the program to start LibreOffice with")
    parser.add_argument("--profile", required=True, help="file:// URL of a private profile")
    parser.add_argument("--pipe", required=True, help="unique UNO pipe name")
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    parser.add_argument(
        "--remove-on-exit", help="folder (holding the profile) to delete once LibreOffice quits"
    )
    options = parser.parse_args()

    office = _Office(options.soffice, options.profile, options.pipe)
    watchdog = _Watchdog(office, options.remove_on_exit)
    watchdog.start()
    office.start()
    try:
        _import_uno()  # while LibreOffice starts
        desktop = _connect(options.pipe, office, options.startup_timeout)
        _warm_up(desktop, options.remove_on_exit)
    except Exception as exc:
        _send({"ready": False, "error": str(exc)})
        watchdog.end()
    _send({"ready": True})
    while True:
        line = watchdog.requests.get()
        if line is None or not line.strip():
            continue
        try:
            _convert(desktop, json.loads(line))
        except Exception as exc:
            message = getattr(exc, "Message", "") or str(exc) or type(exc).__name__
            _send({"ok": False, "error": message})
        else:
            _send({"ok": True})


if __name__ == "__main__":
    sys.exit(main())
