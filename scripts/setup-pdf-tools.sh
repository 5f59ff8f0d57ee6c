#!/usr/bin/env bash
# Installs what WeasyPrint needs to make the PDFs, if it is not there yet: Debian's Pango
# (text layout) and the fonts the PDFs name. Needs root for apt-get.
set -euo pipefail
missing=()
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
bash "$(dirname "$0")/apt-install.sh" ${missing[@]+"${missing[@]}"}
