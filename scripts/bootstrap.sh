# Sourced by serve.sh and test.sh: a local virtual environment with the project installed,
# and the npm assets. Re-running is cheap: each step is skipped when its inputs did not change.
set -eu
cd "$(dirname "$0")/.."

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

apt_install() {
    # Debian/Ubuntu only; prints why it could not install instead of failing silently.
    if command -v apt-get >/dev/null 2>&1; then
        as_root sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $*" >/dev/null \
            || echo "pnetp: não foi possível instalar $* com apt-get" >&2
    fi
}

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    # Debian ships venv apart from python3 (package python3-venv).
    if ! "$PYTHON" -m venv .venv 2>/dev/null; then
        rm -rf .venv
        apt_install python3-venv
        "$PYTHON" -m venv .venv
    fi
fi

stamp=".venv/.pnetp-installed"
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    echo "$want" > "$stamp"
fi

# WeasyPrint (PDF reports) loads Pango and HarfBuzz from the system and needs a font.
libs=$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null || true)
if ! echo "$libs" | grep -q libpango-1.0 || ! echo "$libs" | grep -q libharfbuzz-subset; then
    apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
fi
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || apt_install fonts-dejavu-core

if ! command -v npm >/dev/null 2>&1; then
    echo "pnetp: npm (Node.js ≥ 20) é necessário para os arquivos do Padrão Digital de Governo." >&2
    exit 1
fi
npm_stamp="node_modules/.pnetp-installed"
npm_want=$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ]; then
    npm ci --no-audit --no-fund --loglevel=error
    echo "$npm_want" > "$npm_stamp"
fi
