#!/bin/sh
# Installs the system libraries coursebuild needs (Debian/Ubuntu), or says exactly what to run.
set -eu
packages=""
need() { dpkg -s "$1" >/dev/null 2>&1 || packages="$packages $1"; }
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "coursebuild needs Python 3.11 or newer; python3 is $(python3 --version 2>&1)." >&2; exit 1; }
python3 -c 'import venv, ensurepip' 2>/dev/null || need python3-venv
need libpango-1.0-0      # WeasyPrint's text layout
need libpangoft2-1.0-0
need fonts-dejavu-core   # fallback fonts
need poppler-utils       # pdftoppm, to look at rendered pages
[ -z "$packages" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages:$packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null 2>&1 || {
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >/dev/null; }
else
    echo "Missing system packages. Run:  sudo apt-get install -y$packages" >&2
    exit 1
fi
