#!/bin/sh
# First README command: install, migrate the embedded SQLite database, import the official plan,
# load fictitious demo data and serve the platform at http://127.0.0.1:8000, with one job worker beside it
# (imports, linkage runs, statistics, e-mails: `pnetp worker`), stopped when the server stops.
. "$(dirname "$0")/bootstrap.sh"
export DEBUG="${DEBUG:-1}"
PNETP=.venv/bin/pnetp
$PNETP migrate --noinput
$PNETP load-territory
$PNETP import-plan pnetp/plans/data/iv-pnetp-2024-2028.txt --publish
$PNETP demo
$PNETP worker --no-color &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
$PNETP runserver "${PNETP_ADDR:-127.0.0.1:8000}"
