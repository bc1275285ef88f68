#!/usr/bin/env bash
# Run the sendocs test suite on a fresh machine.
#
# 1. On Debian/Ubuntu, install any of the Debian packages listed in
#    .ci/apt-packages.txt that are missing (LibreOffice, fonts, poppler); the
#    PDF tests convert real documents, so they need them.
# 2. Create .venv (if absent) and install sendocs with its test tools.
# 3. Run pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need (LibreOffice Writer/Calc/Draw, fonts, poppler):
# install whichever are missing, when this is a Debian/Ubuntu machine.
if [ -f .ci/apt-packages.txt ] && command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for pkg in $(grep -v '^#' .ci/apt-packages.txt); do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian packages the PDF tests need:$missing"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      $missing >/dev/null
  fi
elif ! command -v soffice >/dev/null 2>&1; then
  echo "LibreOffice is not installed; see docs/pdf.md. PDF tests will fail without it." >&2
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[dev]"
exec .venv/bin/python -m pytest "$@"
