#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/test_web_browser.py). Idempotent.
# Playwright's own browser download cannot work offline, so the tests drive
# /usr/bin/chromium from Debian's packages instead.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: warning: /usr/bin/chromium is missing and cannot be installed (needs root and apt-get);" \
       "the browser tests will skip (run: sudo apt-get install chromium)" >&2
  exit 0
fi
echo "setup: installing chromium from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
