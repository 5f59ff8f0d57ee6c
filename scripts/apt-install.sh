#!/usr/bin/env bash
# Installs the Debian packages named as arguments (the callers pass only missing ones).
# Needs root for apt-get; without it, says what to install and stops.
set -euo pipefail
[ $# -gt 0 ] || exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install these Debian packages (as root): $*" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
