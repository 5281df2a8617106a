#!/bin/sh
# Installs the peers `make bench` compares with, outside the repository, when it can:
# pandoc (Debian), Chromium (Debian) and Marp CLI (npm, into $BENCH_TOOLS).
# Prints one line per peer, `name: ok ...` or `name: missing: why`; bench/run.py reads them.
set -u
tools="${BENCH_TOOLS:?BENCH_TOOLS must name the folder for npm tools}"
marp_version="4.5.1"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
root=no
[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && root=yes

apt_install() {  # apt_install PACKAGE...: quietly, updating the lists only when the first try fails
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$log" 2>&1 && return 0
    apt-get update -q >>"$log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$log" 2>&1
}

debian_tool() {  # debian_tool COMMAND PACKAGE
    if command -v "$1" >/dev/null 2>&1; then
        echo "$1: ok $(command -v "$1")"
    elif [ "$root" = no ]; then
        echo "$1: missing: not root; run  sudo apt-get install -y $2"
    elif apt_install "$2" && command -v "$1" >/dev/null 2>&1; then
        echo "$1: ok installed $2 with apt-get"
    else
        echo "$1: missing: apt-get install $2 failed: $(tail -n 1 "$log")"
    fi
}

debian_tool pandoc pandoc
debian_tool chromium chromium

marp="$tools/node_modules/.bin/marp"
if [ ! -x "$marp" ] && ! command -v npm >/dev/null 2>&1 && [ "$root" = yes ]; then
    apt_install nodejs npm || true
fi
if [ -x "$marp" ]; then
    echo "marp: ok $marp"
elif ! command -v npm >/dev/null 2>&1; then
    echo "marp: missing: npm is not installed (Debian: apt-get install -y nodejs npm)"
elif mkdir -p "$tools" && (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
        --loglevel=error "@marp-team/marp-cli@$marp_version") >"$log" 2>&1 && [ -x "$marp" ]; then
    echo "marp: ok installed @marp-team/marp-cli@$marp_version into $tools"
else
    echo "marp: missing: npm install @marp-team/marp-cli failed: $(tail -n 1 "$log")"
fi
