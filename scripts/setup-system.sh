#!/usr/bin/env bash
# System packages the tests need (PostgreSQL server, Chromium), installed from Debian's
# packages when missing. Each scripts/setup.d/*.sh installs one thing and is idempotent.
# Without root or apt-get they only warn: the tests that need the thing then skip
# (under CI=true they fail instead).
set -euo pipefail
cd "$(dirname "$0")"
for s in setup.d/*.sh; do
  [ -e "$s" ] || continue
  bash "$s"
done
