# Sourced by scripts/run and scripts/test: a virtual environment with the pinned dependencies,
# and the Debian packages the system uses (libmagic for file sniffing, gettext for catalogues).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {
    # Install Debian packages that are missing, when we may; otherwise say what to do.
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        say "Installing Debian packages: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "Please install these packages first: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
}

python_env() {
    local python="${PYTHON:-python3}"
    if [ ! -x .venv/bin/python ]; then
        say "Creating the virtual environment in .venv"
        "$python" -m venv .venv
    fi
    local stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)-$1"
    if [ ! -f "$stamp" ]; then
        say "Installing Python packages (pinned in pyproject.toml)"
        .venv/bin/pip install -q --upgrade pip
        .venv/bin/pip install -q -e ".[$1]"
        rm -f .venv/.installed-*
        touch "$stamp"
    fi
    export PATH="$ROOT/.venv/bin:$PATH"
}

compile_messages() {
    if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then
        python manage.py compilemessages -v 0 --ignore=.venv
    fi
}

node_assets() {
    # USWDS for the public pages and axe-core for the accessibility tests, pinned in
    # package-lock.json.
    if ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi
    local stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        say "Installing front-end packages (pinned in package-lock.json)"
        npm ci --no-audit --no-fund --loglevel=error
        touch "$stamp"
    fi
}
