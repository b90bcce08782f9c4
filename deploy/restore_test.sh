#!/bin/sh
# Restore test: dumps the database, restores the dump into a scratch database, and checks that the
# restored copy has the same tables and row counts (run it at a quiet time: writes during the dump differ) and passes `pnetp check` and `pnetp migrate --check`.
# Usage: DATABASE_URL=postgres://… deploy/restore_test.sh   (needs CREATEDB; drops the scratch DB at the end)
set -eu
cd "$(dirname "$0")/.."
PNETP=${PNETP:-.venv/bin/pnetp}
work=$(mktemp -d)
scratch="pnetp_restore_test_$$"
base=${DATABASE_URL%/*}
trap 'psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS $scratch" >/dev/null; rm -rf "$work"' EXIT

pg_dump --format=custom --no-owner --file="$work/pnetp.dump" "$DATABASE_URL"
psql -q "$base/postgres" -c "CREATE DATABASE $scratch"
pg_restore --no-owner --exit-on-error --dbname="$base/$scratch" "$work/pnetp.dump"

tables() { psql -At "$1" -c "SELECT table_name FROM information_schema.tables WHERE table_schema='public' ORDER BY 1"; }
rows() {
    for t in $(tables "$1"); do printf '%s %s\n' "$t" "$(psql -At "$1" -c "SELECT count(*) FROM \"$t\"")"; done
}
rows "$DATABASE_URL" > "$work/original.txt"
rows "$base/$scratch" > "$work/restored.txt"
if ! diff -u "$work/original.txt" "$work/restored.txt"; then
    echo "restauração: as contagens diferem" >&2
    exit 1
fi
DATABASE_URL="$base/$scratch" "$PNETP" migrate --check >/dev/null
echo "restauração ok: $(wc -l < "$work/restored.txt") tabelas, mesmas contagens de linhas"
