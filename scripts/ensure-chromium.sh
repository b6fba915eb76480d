#!/usr/bin/env bash
# Playwright drives Debian's Chromium: its own browser download cannot run on these machines.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the end-to-end tests (apt-get install chromium)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium is missing at $chromium_path. Install it (e.g. 'sudo apt-get install chromium') or set CHROMIUM_PATH." >&2
  exit 1
fi
