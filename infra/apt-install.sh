#!/usr/bin/env bash
# Installs Debian packages for the project's scripts: waits for another apt run to finish instead
# of failing on its lock (the native stack and the Docker engine may install at the same time),
# refreshes the package lists once if a package is unknown, and never lets a package's
# maintainer scripts start a system-wide service (it would hold our ports and outlive `down`).
# Usage: apt-install.sh PACKAGE...
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: apt-install.sh PACKAGE..." >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "[tracebed] error: installing $* needs root: sudo $0 $*" >&2; exit 1; }

if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
apt=(apt-get -o DPkg::Lock::Timeout=600 -y -qq)
"${apt[@]}" install --no-install-recommends "$@" >/dev/null 2>&1 || {
  "${apt[@]}" update
  "${apt[@]}" install --no-install-recommends "$@" >/dev/null
}
