#!/usr/bin/env bash
# Installs Debian's chromium for the shop page's browser tests, when missing. Test tools cannot
# download their own browser here, so Playwright drives this one (CHROMIUM_PATH overrides it).
source "$(dirname "$0")/lib.sh"

[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && exit 0
[ "$(id -u)" -eq 0 ] || die "installing chromium needs root: sudo $0"
log "installing chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
