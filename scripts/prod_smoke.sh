#!/bin/sh
# CI: the production server (`pnetp serve`, gunicorn, DEBUG off) on a scratch PostgreSQL database with the
# demo data, then scripts/smoke.py against it. Usage: sh scripts/prod_smoke.sh [PORT]
# Plain HTTP on the loopback, so PNETP_SSL_REDIRECT=0 and SECURE_COOKIES=0 (production keeps both on).
set -eu
cd "$(dirname "$0")/.."
port=${1:-8114}
db="pnetp_smoke_$$"
data=$(mktemp -d)
PNETP=.venv/bin/pnetp
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
export PNETP_DATA_DIR="$data"
export SECRET_KEY="smoke-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export PNETP_FIELD_ENCRYPTION_KEY="${PNETP_FIELD_ENCRYPTION_KEY:-$($PNETP rotate-identity-keys --generate-key 2>/dev/null | tail -1)}"
export ALLOWED_HOSTS=127.0.0.1,localhost
export PNETP_SSL_REDIRECT=0 SECURE_COOKIES=0
export PNETP_CACHE_URL="${PNETP_CACHE_URL:-redis://127.0.0.1:6379/15}"
unset DEBUG

server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
    rm -rf "$data"
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
$PNETP migrate --noinput -v 0
$PNETP load-territory >/dev/null
$PNETP import-plan pnetp/plans/data/iv-pnetp-2024-2028.txt --publish >/dev/null
$PNETP demo --force >/dev/null

$PNETP collectstatic --noinput -v 0   # hashed, compressed names: a page naming a file not collected fails
$PNETP serve --bind "127.0.0.1:$port" --workers 2 > "$data/serve.log" 2>&1 &
server=$!
# Hook for the job queue: start `pnetp worker` here (in the background, killed by cleanup) and add its
# step ("an import through the queue") to scripts/smoke.py.
for _ in $(seq 120); do
    curl -fsS "http://127.0.0.1:$port/saude/" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$data/serve.log" >&2; exit 1; }
    sleep 1
done
if ! .venv/bin/python scripts/smoke.py "http://127.0.0.1:$port"; then
    tail -50 "$data/serve.log" >&2
    exit 1
fi
