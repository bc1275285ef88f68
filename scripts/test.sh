#!/usr/bin/env bash
# Run the sendocs test suite on a fresh machine.
#
# 1. If LibreOffice is missing and this is Debian/Ubuntu, install the Debian
#    packages listed in .ci/apt-packages.txt (LibreOffice Writer, fonts); the
#    PDF tests convert real documents, so they need it.
# 2. Create .venv (if absent) and install sendocs with its test tools.
# 3. Run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1 && [ -f .ci/apt-packages.txt ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "LibreOffice not found: installing it from Debian packages (needed for the PDF tests)…"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2046
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      $(grep -v '^#' .ci/apt-packages.txt | xargs) >/dev/null
  else
    echo "LibreOffice is not installed; see docs/pdf.md. PDF tests will fail without it." >&2
  fi
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[dev]"
exec .venv/bin/python -m pytest "$@"
