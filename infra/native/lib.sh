# Shared paths and helpers for the native stack scripts. Source, don't run.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
source "$REPO_ROOT/infra/native/versions.env"

# Toolchains and built binaries live outside the repo, keyed by version, so a
# fresh clone reuses them and a second run never rebuilds.
TRACEBED_CACHE="${TRACEBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracebed}"
# Runtime state of the native stack (data, logs, pid files) stays with the checkout.
TRACEBED_STATE="${TRACEBED_STATE:-$REPO_ROOT/.tracebed}"

NODE_HOME="$TRACEBED_CACHE/node-v$NODE_VERSION"
PNPM_HOME_DIR="$TRACEBED_CACHE/pnpm-$PNPM_VERSION"
JAEGER_BIN="$TRACEBED_CACHE/jaeger-$JAEGER_MODULE_VERSION/jaeger"

export PATH="$NODE_HOME/bin:$PNPM_HOME_DIR/bin:$PATH"

log() { printf '\033[1m[tracebed]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[tracebed] error:\033[0m %s\n' "$*" >&2; exit 1; }
