#!/bin/sh
# Second README command: the whole test suite (unit, integration and browser tests).
# DATABASE_URL selects the database (SQLite in memory by default; PostgreSQL in CI).
. "$(dirname "$0")/bootstrap.sh"
if [ ! -x /usr/bin/chromium ]; then
    # Browser tests drive Debian's Chromium; they skip only where it cannot be installed at all.
    apt_install chromium
fi
exec .venv/bin/python -m pytest "$@"
