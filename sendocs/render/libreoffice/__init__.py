"""LibreOffice as sendocs' PDF converter, one job per module.

* :mod:`.locate` — finding ``soffice`` and a Python with LibreOffice's UNO bridge;
* :mod:`.process` — starting LibreOffice so it never outlives us, stopping it whole;
* :mod:`.profile` — the ready-made profile each LibreOffice starts from;
* :mod:`.uno_client` — our side of one UNO worker (:mod:`sendocs.render.uno_worker`);
* :mod:`.pool` — :class:`LibreOfficeConverter`: a pool of workers fed from a queue;
* :mod:`.fallback` — ``soffice --convert-to`` calls when there is no UNO Python.

We chose our own ~150-line worker over the ``unoserver`` package: same speed,
no extra dependency to install into the system Python, and no TCP ports (a
named pipe per worker).
"""

from __future__ import annotations

from sendocs.render.libreoffice.locate import INSTALL_ADVICE, find_soffice, find_uno_python
from sendocs.render.libreoffice.pool import LibreOfficeConverter, Mode

__all__ = [
    "INSTALL_ADVICE",
    "LibreOfficeConverter",
    "Mode",
    "find_soffice",
    "find_uno_python",
]
