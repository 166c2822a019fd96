#!/usr/bin/env bash
# Installs everything Fabrique Intake needs on a fresh Debian/Ubuntu machine:
# system packages (when root or sudo is available) and a Python virtualenv in .venv.
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-dejavu-core)

missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# Dovecot: a private IMAP server started by the worker's tests (skipped without it).
if [ ! -x /usr/sbin/dovecot ]; then missing+=(dovecot-imapd); SYSTEM_PACKAGES+=(dovecot-imapd); fi
# PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin): a private cluster started
# by the storage and worker tests (tests/pg_server.py); skipped without it, except in CI.
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql); SYSTEM_PACKAGES+=(postgresql)
fi
# Pango: WeasyPrint lays out the committee's PDF summaries with it (intake/committee/digest.py).
if ! ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0"; then
  missing+=(libpango-1.0-0 libpangoft2-1.0-0); SYSTEM_PACKAGES+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
# Chromium: the web app's browser tests drive it through Playwright (tests/web; skipped without it).
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); SYSTEM_PACKAGES+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO=none; fi
  if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "[setup] paquets système absents (${missing[*]}) : installez-les avec votre gestionnaire de paquets." >&2
  else
    echo "[setup] installation des paquets système : ${SYSTEM_PACKAGES[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${SYSTEM_PACKAGES[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "[setup] création de l'environnement Python .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "[setup] installation des dépendances Python"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e ".[test]"
  rm -f .venv/.installed-*; touch "$stamp"
fi
