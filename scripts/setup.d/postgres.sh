#!/usr/bin/env bash
# PostgreSQL server binaries for the store tests, from Debian's packages when missing.
# The tests start their own throwaway cluster (tests/pg_server.py); nothing is configured here.
set -uo pipefail
if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: warning: PostgreSQL is not installed and cannot be installed here (needs root and apt-get);" \
       "the PostgreSQL store tests will skip (and fail under CI=true)" >&2
  exit 0
fi
echo "setup: installing PostgreSQL from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends postgresql; }; then
  echo "setup: warning: installing PostgreSQL failed; the PostgreSQL store tests will skip (and fail under CI=true)" >&2
fi
exit 0
