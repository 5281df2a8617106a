#!/bin/sh
# Makes builder/theme/booklet/FOGRA39L-coated.icc, the output intent of the print-shop PDF: a CMYK
# printer profile for offset printing on coated paper (ISO 12647-2), from Fogra's FOGRA39L
# characterisation data as Debian's icc-profiles-free ships it (Zlib licence), with ArgyllCMS's
# colprof. The profile is kept in the repository: only run this to make it again.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for package in icc-profiles-free argyll; do
    dpkg -s "$package" >/dev/null 2>&1 || { echo "Run first:  sudo apt-get install -y icc-profiles-free argyll" >&2; exit 1; }
done
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
cd "$work"
colprof -ql -D "Coated FOGRA39 (coursebuild, from FOGRA39L data)" \
    -C "Made with ArgyllCMS colprof from FOGRA39L.ti3 (icc-profiles-free, Zlib licence)" FOGRA39L
cp FOGRA39L.icc "$here/builder/theme/booklet/FOGRA39L-coated.icc"
echo "Wrote builder/theme/booklet/FOGRA39L-coated.icc"
