#!/usr/bin/env bash
# Builds the Jaeger v2 binary from its Go module source into the cache; skips
# when the cached binary exists. Only `go` and the Go module proxy are needed.
source "$(dirname "$0")/lib.sh"

module=github.com/jaegertracing/jaeger
# A cached binary is kept only if it runs and is the pinned version: a damaged copy
# (an interrupted copy of the cache, say) would otherwise die silently at start-up.
if [ -x "$JAEGER_BIN" ]; then
  if "$JAEGER_BIN" version 2>/dev/null | grep -qF "\"gitVersion\":\"$JAEGER_VERSION\""; then
    exit 0
  fi
  log "the cached Jaeger binary at $JAEGER_BIN does not run as $JAEGER_VERSION; building it again"
  rm -f "$JAEGER_BIN"
fi
command -v go >/dev/null || die "Go is needed to build Jaeger (https://go.dev/dl or apt-get install golang)"

log "building Jaeger from $module@$JAEGER_MODULE_VERSION (first time only, a few minutes)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# `go install mod@version` refuses modules whose go.mod has replace directives,
# so build inside a writable copy of the module instead.
dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$module@$JAEGER_MODULE_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
[ -d "$dir" ] || die "go mod download gave no source directory for $module@$JAEGER_MODULE_VERSION"
cp -R "$dir" "$work/src"
chmod -R u+w "$work/src"
# Static, path-free binary; -s -w drops symbols (about a third of its size);
# -X stamps the version the release Makefile would.
ldflags="-s -w -X $module/internal/version.latestVersion=$JAEGER_VERSION"
(cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false \
  go build -trimpath -ldflags="$ldflags" -o "$work/jaeger" ./cmd/jaeger)

mkdir -p "$(dirname "$JAEGER_BIN")"
mv "$work/jaeger" "$JAEGER_BIN.tmp" && mv "$JAEGER_BIN.tmp" "$JAEGER_BIN"
log "Jaeger built: $JAEGER_BIN"
