#!/usr/bin/env bash
# Installs what the tests need beyond Python packages, if it is not there yet:
# Debian's Chromium (browser tests), nginx (serves the built site as a real host does in
# tests/browser/test_published.py), poppler-utils (PDF text), Node.js and npm (axe-core,
# vnu-jar and lighthouse from package-lock.json), Java (runs vnu-jar) and LibreOffice Calc without
# its interface (recalculates the workbook's formulas in tests/test_exports.py). Needs root for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
bash "$(dirname "$0")/apt-install.sh" ${missing[@]+"${missing[@]}"}
# npm packages: reinstall exactly from the lock file when node_modules is missing or was
# installed from a different lock file. (vnu-jar's install script would download a Java; Debian's is used.)
stamp=node_modules/.installed-from-lock
if [ "$(cat "$stamp" 2>/dev/null)" != "$(sha256sum package-lock.json)" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error  # no package needs its install scripts
  sha256sum package-lock.json > "$stamp"
fi
