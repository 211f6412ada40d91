#!/usr/bin/env bash
# Prints the path of a docker compose binary: the machine's own plugin when `docker compose`
# answers, else v5.6.0 built once from its Go module into the cache (no release download needed).
# v5.7.x needs a module the Go proxy refuses, hence the pin.
set -euo pipefail

version=v5.6.0
module=github.com/docker/compose/v5
cache="${TRACEBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracebed}"
bin="$cache/compose-$version/docker-compose"

log() { printf '[tracebed] %s\n' "$*" >&2; }
die() { printf '[tracebed] error: %s\n' "$*" >&2; exit 1; }

if docker compose version >/dev/null 2>&1; then
  # The plugin's own path, so the caller can run it the same way as ours.
  docker info --format '{{range .ClientInfo.Plugins}}{{if eq .Name "compose"}}{{.Path}}{{end}}{{end}}' 2>/dev/null |
    grep . && exit 0
fi
if [ ! -x "$bin" ]; then
  if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi
  command -v go >/dev/null || die "Go is needed to build docker compose (https://go.dev/dl)"
  log "building docker compose $version from $module (first time only)"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  # `go install mod@version` refuses a go.mod with exclude directives: build in a writable copy.
  dir=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$module@$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [ -d "$dir" ] || die "go mod download gave no source directory for $module@$version"
  cp -R "$dir" "$work/src" && chmod -R u+w "$work/src"
  (cd "$work/src" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath \
    -ldflags="-s -w -X $module/internal.Version=$version" -o "$work/docker-compose" ./cmd)
  mkdir -p "$(dirname "$bin")" && mv "$work/docker-compose" "$bin"
fi
echo "$bin"
