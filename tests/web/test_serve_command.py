"""``sendocs serve`` as a user runs it: prints its loopback address and answers there."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path


def test_serve_prints_its_address_and_serves_the_start_page(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from sendocs.cli import main; main()",
            "serve",
            "--port",
            "0",
            "--data",
            str(tmp_path / "cases"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"sendocs is running at (http://127\.0\.0\.1:\d+/)", first)
        assert match, first
        assert str(tmp_path / "cases") in process.stdout.readline()
        with urllib.request.urlopen(match.group(1), timeout=10) as response:
            assert "Make SEND documents on your computer" in response.read().decode()
        assert (tmp_path / "cases" / "parent").is_dir()
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert "Traceback" not in err
