"""A small UNO worker: one headless LibreOffice that converts documents to PDF on request.

Why a separate script: LibreOffice's Python bridge (``uno``) only exists in the
Python that LibreOffice ships or that the distribution pairs with it (Debian's
``python3-uno`` for ``/usr/bin/python3``), never in the user's virtualenv.
:mod:`sendocs.render.libreoffice` therefore runs this file with *that* Python
and talks to it over stdin/stdout, one JSON object per line. It imports only
the standard library and ``uno`` — never sendocs.

Protocol (all lines are JSON)::

    worker → parent   {"ready": true}                            once LibreOffice answers
    parent → worker   {"source": "/abs/in.docx", "target": "/abs/.tmp.pdf",
                       "pdfa": false, "filter": "MS Word 2007 XML"}
    worker → parent   {"ok": true} | {"ok": false, "error": "..."}

The worker starts ``soffice`` itself, in its own (inherited) process group, with
a private profile directory and a named pipe as the only connection, so that
several workers never share a profile, a port or a lock file. The parent stops
the whole group; the worker also stops LibreOffice, and deletes its profile,
when its stdin closes — so even a parent killed outright leaves nothing behind.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import subprocess
import sys
import time
from typing import Any

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


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


def _start_office(soffice: str, profile_url: str, pipe_name: str) -> subprocess.Popen[bytes]:
    args = [
        soffice,
        f"-env:UserInstallation={profile_url}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext",
    ]
    return subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _connect(pipe_name: str, office: subprocess.Popen[bytes], timeout: float) -> Any:
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
            if office.poll() is not None:
                raise RuntimeError(
                    f"LibreOffice exited during start-up (status {office.returncode})"
                ) from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not answer within {timeout:.0f} s") from None
            time.sleep(0.1)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--soffice", required=True)
    parser.add_argument("--profile", required=True, help="file:// URL of a private profile")
    parser.add_argument("--pipe", required=True, help="unique UNO pipe name")
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    parser.add_argument(
        "--remove-on-exit", help="folder (holding the profile) to delete once LibreOffice quits"
    )
    options = parser.parse_args()

    office = _start_office(options.soffice, options.profile, options.pipe)
    try:
        try:
            desktop = _connect(options.pipe, office, options.startup_timeout)
        except Exception as exc:
            _send({"ready": False, "error": str(exc)})
            return 1
        _send({"ready": True})
        for line in sys.stdin:
            if not line.strip():
                continue
            try:
                _convert(desktop, json.loads(line))
            except Exception as exc:
                message = getattr(exc, "Message", "") or str(exc) or type(exc).__name__
                _send({"ok": False, "error": message})
            else:
                _send({"ok": True})
        with contextlib.suppress(Exception):
            desktop.terminate()  # LibreOffice drops the bridge as it quits
        return 0
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait(timeout=10)
        if options.remove_on_exit:  # also when our parent died without cleaning up
            shutil.rmtree(options.remove_on_exit, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
