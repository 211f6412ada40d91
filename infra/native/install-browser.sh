#!/usr/bin/env bash
# Installs Debian's chromium for the shop page's browser tests, when missing. Test tools cannot
# download their own browser here, so Playwright drives this one (CHROMIUM_PATH overrides it).
source "$(dirname "$0")/lib.sh"

[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] && exit 0
log "installing chromium"
bash "$REPO_ROOT/infra/apt-install.sh" chromium
