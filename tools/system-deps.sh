#!/bin/sh
# Installs the system libraries coursebuild needs (Debian/Ubuntu), or says exactly what to run.
set -eu
packages=""
optional=""
need() { dpkg -s "$1" >/dev/null 2>&1 || packages="$packages $1"; }
want() { dpkg -s "$1" >/dev/null 2>&1 || optional="$optional $1"; }
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "coursebuild needs Python 3.11 or newer; python3 is $(python3 --version 2>&1)." >&2; exit 1; }
python3 -c 'import venv, ensurepip' 2>/dev/null || need python3-venv
need libpango-1.0-0      # WeasyPrint's text layout
need libpangoft2-1.0-0
need libcairo2           # CairoSVG draws SVG pictures as PNG for PowerPoint
need fonts-dejavu-core   # fallback fonts
need poppler-utils       # pdfinfo and pdftotext: where each printed page begins, for the EPUB's page list; pdftoppm
# Only tests use these (axe-core in headless Chromium, the EPUB's and QR codes' checks); without them
# those tests are skipped.
want chromium
want epubcheck           # the EPUB's validator (Java); without it that test is skipped
want zbar-tools          # zbarimg: the print tests read the booklets' QR codes back from the rendered page
command -v npm >/dev/null 2>&1 || want npm  # and Node.js with it

apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 || {
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}
can_install=false
[ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && can_install=true
if [ -n "$packages" ]; then
    if $can_install; then
        echo "Installing system packages:$packages"
        apt_install $packages
    else
        echo "Missing system packages. Run:  sudo apt-get install -y$packages" >&2
        exit 1
    fi
fi
if [ -n "$optional" ]; then
    if $can_install && echo "Installing for the tests:$optional" && apt_install $optional; then :
    else
        echo "Without$optional some tests are skipped; to run them:  sudo apt-get install -y$optional" >&2
    fi
fi
