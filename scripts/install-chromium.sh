#!/usr/bin/env bash
# Debian's Chromium for the browser tests (playwright-core drives it; it cannot download its own).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present)"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing and this is not root: install Debian's chromium package" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
chromium --version
