#!/bin/sh
# CI: the production server (`pnetp serve`, gunicorn, DEBUG off) and a job worker (`pnetp worker`) on a scratch
# PostgreSQL database with the demo data, then scripts/smoke.py against the server and scripts/smoke_import.py
# (an import through the queue, run by the worker). Usage: sh scripts/prod_smoke.sh [PORT]
# Everything it starts (server, worker, database, data folder) is removed on exit, even on failure.
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
if [ -z "${PNETP_CACHE_URL:-}" ]; then  # a scratch Redis database: no page cached by an earlier run
    export PNETP_CACHE_URL=redis://127.0.0.1:6379/15
    redis-cli -h 127.0.0.1 -n 15 flushdb >/dev/null 2>&1 || true
fi
unset DEBUG

server="" worker=""
started=$(date +%s)
cleanup() {
    status=$?
    for pid in $server $worker; do kill "$pid" 2>/dev/null || true; done
    for pid in $server $worker; do wait "$pid" 2>/dev/null || true; done
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
    rm -rf "$data"
    echo "prod_smoke: $(( $(date +%s) - started )) s, saída $status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db"
$PNETP migrate --noinput -v 0
$PNETP load-territory >/dev/null
$PNETP import-plan pnetp/plans/data/iv-pnetp-2024-2028.txt --publish >/dev/null
$PNETP demo --force >/dev/null

# Hashed, compressed names: a page naming a file not collected fails. Collecting takes minutes on a busy
# machine, so the result is kept between runs, keyed by the static sources (git index), npm lock and Django.
key=$( (git ls-files -s -- ':(glob)pnetp/*/static/**' package-lock.json; .venv/bin/python -c 'import django; print(django.__version__)') \
    | sha256sum | cut -c1-16)
static_cache="${PNETP_SMOKE_STATIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pnetp-smoke-static}/$key"
if [ ! -f "$static_cache/staticfiles.json" ]; then
    $PNETP collectstatic --noinput -v 0
    mkdir -p "$(dirname "$static_cache")"
    rm -rf "$static_cache.tmp$$" && mv "$data/static" "$static_cache.tmp$$" && mv -T "$static_cache.tmp$$" "$static_cache" \
        || rm -rf "$static_cache.tmp$$"
fi
# The settings create an empty $data/static at the first command: replace it by the link to the kept copy.
if [ ! -L "$data/static" ] && [ ! -f "$data/static/staticfiles.json" ]; then
    rmdir "$data/static" 2>/dev/null || true
    [ -e "$data/static" ] || ln -s "$static_cache" "$data/static"
fi
$PNETP serve --bind "127.0.0.1:$port" --workers 2 > "$data/serve.log" 2>&1 &
server=$!
$PNETP worker --intervalo 0.5 > "$data/worker.log" 2>&1 &
worker=$!
for _ in $(seq 120); do
    curl -fsS "http://127.0.0.1:$port/saude/" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$data/serve.log" >&2; exit 1; }
    sleep 1
done
if ! .venv/bin/python scripts/smoke.py "http://127.0.0.1:$port"; then
    tail -50 "$data/serve.log" >&2
    exit 1
fi
if ! .venv/bin/python scripts/smoke_import.py --timeout 120; then
    tail -50 "$data/worker.log" >&2
    exit 1
fi
