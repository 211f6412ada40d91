#!/usr/bin/env bash
# Builds the deployment checkers (compose-check, dockerfile-lint) from Go sources pinned in
# go.mod/go.sum, into the cache keyed by their contents, and prints the folder holding them.
# A second run with unchanged sources reuses the binaries.
source "$(dirname "$0")/../native/lib.sh"

checks_dir="$REPO_ROOT/infra/checks"
command -v go >/dev/null || die "Go is needed to build the deployment checks (apt-get install golang or use the machine's go)"
key=$(cat "$checks_dir/go.mod" "$checks_dir/go.sum" "$checks_dir"/cmd/*/*.go | sha256sum | cut -c1-16)
out="$TRACEBED_CACHE/checks-$key"
if [ ! -x "$out/compose-check" ] || [ ! -x "$out/dockerfile-lint" ]; then
  log "building the compose and Dockerfile checkers (first time only)"
  mkdir -p "$out.tmp"
  (cd "$checks_dir" && CGO_ENABLED=0 go build -trimpath -o "$out.tmp/" ./cmd/compose-check ./cmd/dockerfile-lint)
  rm -rf "$out" && mv "$out.tmp" "$out"
fi
echo "$out"
