#!/usr/bin/env bash
# Secrets the stacks generate on first start instead of shipping defaults: one file per secret,
# a random value, readable by its owner only, never in git (.tracebed/ is ignored). An existing
# file is kept, so a value stays the same across restarts; delete the file for a new one.
# Standalone (no lib.sh), so compose's one-shot `secrets` container runs the same script.
# Usage: secrets.sh DIR NAME...   creates DIR/NAME for each NAME that is missing
#        (or source it and call ensure_secret DIR NAME, which prints the file's path)
#   SECRETS_OWNER=uid:gid   also hands the files to that user (compose: the services' node user)

ensure_secret() {
  local dir=$1 name=$2 file tmp
  [[ $name =~ ^[a-z0-9][a-z0-9-]*$ ]] || { echo "secrets.sh: bad secret name '$name'" >&2; return 1; }
  file="$dir/$name"
  if [ ! -s "$file" ]; then
    # Only the secrets folder itself is private: its parents keep their usual modes.
    mkdir -p "$(dirname "$dir")"
    mkdir -m 700 "$dir" 2>/dev/null || [ -d "$dir" ]
    tmp=$(mktemp "$dir/.$name.XXXXXX") # mode 600
    # 32 random bytes as 64 hex digits: no character that needs quoting anywhere.
    od -An -vtx1 -N32 /dev/urandom | tr -d ' \n' >"$tmp"
    echo >>"$tmp"
    # ln fails if another start created the file meanwhile: the first value wins, atomically.
    ln "$tmp" "$file" 2>/dev/null || true
    rm -f "$tmp"
  fi
  if [ -n "${SECRETS_OWNER:-}" ]; then chown "$SECRETS_OWNER" "$file" && chmod 400 "$file"; fi
  echo "$file"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  [ $# -ge 2 ] || { echo "usage: $0 DIR NAME..." >&2; exit 2; }
  dir=$1
  shift
  for name in "$@"; do ensure_secret "$dir" "$name" >/dev/null; done
fi
