"""A ready-made LibreOffice profile, copied into each private profile folder.

Why: a LibreOffice started with an empty profile folder spends its first
seconds building the profile (registering its bundled extensions, writing the
configuration) and on Linux often restarts itself to finish (status 81). Every
converter used to pay that on every start, once per worker, with two workers
fighting for the same two cores. Now the first start on a machine makes a
pristine profile once (``soffice --terminate_after_init`` into a folder of its
own) and keeps it in the user's cache folder, keyed by the LibreOffice
installation; each worker then starts from a copy (a few hundred KB, copied in
milliseconds) in its own private folder, so workers still never share a
profile, a lock file or a pipe. The profile holds LibreOffice's defaults only,
no documents and no personal data.

Set ``SENDOCS_LO_PROFILE_CACHE=0`` to start from an empty profile every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import threading
import time
import uuid
from pathlib import Path

from sendocs.render.libreoffice.process import (
    RESTART_STATUS,
    die_with_parent_kwargs,
    kill_group,
    office_program,
    popen_group_kwargs,
)
from sendocs.staging import private_dir, remove_dir

__all__ = ["cached_profile", "seed_profile"]

log = logging.getLogger(__name__)

_LOCK = threading.Lock()


def _cache_root() -> Path | None:
    if os.environ.get("SENDOCS_LO_PROFILE_CACHE", "1") == "0":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sendocs"


def _installation_key(soffice: Path) -> str:
    """Changes when LibreOffice is upgraded or another installation is used."""
    program = Path(os.path.realpath(soffice)).parent
    parts = [str(program)]
    for name in ("soffice.bin", "soffice", "versionrc", "soffice.exe"):
        candidate = program / name
        if candidate.exists():
            stat = candidate.stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def cached_profile(soffice: Path, timeout: float = 120.0) -> Path | None:
    """The pristine profile for this LibreOffice, made now if there is none; None if it
    cannot be made (no writable cache folder, LibreOffice failed): start from empty."""
    root = _cache_root()
    if root is None:
        return None
    target = root / f"libreoffice-profile-{_installation_key(soffice)}"
    if (target / "user").is_dir():
        return target
    with _LOCK:  # two workers starting at once make it once
        if (target / "user").is_dir():
            return target
        try:
            root.mkdir(parents=True, exist_ok=True)
            _make_profile(soffice, root, target, timeout)
        except OSError as exc:
            log.debug("no LibreOffice profile cache: %s", exc)
            return None
    return target if (target / "user").is_dir() else None


def _make_profile(soffice: Path, root: Path, target: Path, timeout: float) -> None:
    home = private_dir("lo-profile")
    scratch = root / f".tmp-profile-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        program, env = office_program(soffice, temp=home)
        args = [
            str(program),
            f"-env:UserInstallation={scratch.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--terminate_after_init",
        ]
        deadline = time.monotonic() + timeout
        status: int | None = None
        for _start in range(4):
            process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                **popen_group_kwargs(),
                **die_with_parent_kwargs(),  # this thread waits for it below
            )
            try:
                status = process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                return
            finally:
                kill_group(process, grace=2.0)
            if status != RESTART_STATUS:
                break
        if status == 0 and (scratch / "user").is_dir():
            with contextlib.suppress(OSError):  # another run may have won
                os.rename(scratch, target)  # whole, or not at all
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        remove_dir(home)


def seed_profile(profile: Path, template: Path | None) -> None:
    """Fill the new private ``profile`` folder from ``template`` (if any)."""
    if template is None or profile.exists():
        return
    try:
        shutil.copytree(template, profile, symlinks=True)
    except OSError as exc:  # start from empty: slower, not wrong
        log.debug("could not copy the LibreOffice profile: %s", exc)
        shutil.rmtree(profile, ignore_errors=True)
