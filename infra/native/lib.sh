# shellcheck shell=bash
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
RUN_DIR="$TRACEBED_STATE/run"
LOG_DIR="$TRACEBED_STATE/logs"

NODE_HOME="$TRACEBED_CACHE/node-v$NODE_VERSION"
PNPM_HOME_DIR="$TRACEBED_CACHE/pnpm-$PNPM_VERSION"
JAEGER_BIN="$TRACEBED_CACHE/jaeger-$JAEGER_MODULE_VERSION/jaeger"

export PATH="$NODE_HOME/bin:$PNPM_HOME_DIR/bin:$PATH"
# Go's official install places it here; a non-login shell (CI, cron) may not have it on PATH.
if ! command -v go >/dev/null && [ -x /usr/local/go/bin/go ]; then export PATH="$PATH:/usr/local/go/bin"; fi

# Ports of the native stack, each movable from the environment. Exported so the
# test run and Jaeger's config (${env:...}) see the same values.
export GATEWAY_PORT="${GATEWAY_PORT:-8080}"
export ORDERS_PORT="${ORDERS_PORT:-8081}"
export INVENTORY_PORT="${INVENTORY_PORT:-8082}"
export PAYMENTS_PORT="${PAYMENTS_PORT:-8083}"
export PG_PORT="${PG_PORT:-5432}"
export AMQP_PORT="${AMQP_PORT:-5672}"
export RABBITMQ_MANAGEMENT_PORT="${RABBITMQ_MANAGEMENT_PORT:-15672}"
export EPMD_PORT="${EPMD_PORT:-4369}"
export JAEGER_UI_PORT="${JAEGER_UI_PORT:-16686}"
export JAEGER_OTLP_HTTP_PORT="${JAEGER_OTLP_HTTP_PORT:-4318}"
export JAEGER_OTLP_GRPC_PORT="${JAEGER_OTLP_GRPC_PORT:-4317}"
export JAEGER_QUERY_GRPC_PORT="${JAEGER_QUERY_GRPC_PORT:-16685}"
export JAEGER_HEALTH_PORT="${JAEGER_HEALTH_PORT:-13133}"

SERVICES=(gateway orders inventory payments)

# Colour only for a person at a terminal; CI logs get plain text.
if [ -t 2 ]; then _b=$'\033[1m' _r=$'\033[31m' _o=$'\033[0m'; else _b='' _r='' _o=''; fi
log() { printf '%s[tracebed]%s %s\n' "$_b" "$_o" "$*" >&2; }
die() { printf '%s[tracebed] error:%s %s\n' "$_r" "$_o" "$*" >&2; exit 1; }

ensure_state_dirs() {
  # 755 whatever the umask: the postgres OS user has to pass through these.
  install -d -m 755 "$TRACEBED_STATE" "$RUN_DIR" "$LOG_DIR"
}

# pid_alive PIDFILE MARKER: prints the pid when the file names a live process
# whose command line contains MARKER. The marker guards against a stale file
# (say, after a reboot) whose pid now belongs to an unrelated process.
pid_alive() {
  local file=$1 marker=$2 pid state
  [ -s "$file" ] || return 1
  read -r pid <"$file" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$state" != Z ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$marker" || return 1
  echo "$pid"
}

# One stack.sh changing state at a time; a second waits rather than racing on pid files.
take_lock() {
  ensure_state_dirs
  exec 9>"$RUN_DIR/stack.lock"
  flock -w 300 9 || die "another stack.sh holds $RUN_DIR/stack.lock"
}

# spawn PIDFILE LOGFILE CMD...: starts CMD as a daemon in its own session, so it
# outlives this script and a Ctrl-C in the calling terminal; output goes to LOGFILE.
spawn() {
  local pidfile=$1 logfile=$2
  shift 2
  # Values are left out: the environment holds passwords and tokens, which never go into a log.
  printf '\n=== %s start: %s\n' "$(date -Is)" "$(printf '%s ' "$@" | sed -E 's/([A-Z_][A-Z0-9_]*)=[^ ]*/\1=…/g')" >>"$logfile"
  # 9>&-: a daemon must not inherit (and hold for ever) the stack lock.
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  echo $! >"$pidfile"
}

# stop_pid NAME PIDFILE MARKER [SIGNAL] [TIMEOUT]: the polite signal, a deadline,
# then SIGKILL. Only ever signals the pid recorded in PIDFILE.
stop_pid() {
  local name=$1 file=$2 marker=$3 sig=${4:-TERM} timeout=${5:-20} pid deadline
  if ! pid=$(pid_alive "$file" "$marker"); then
    rm -f "$file"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -s "$sig" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while pid_alive "$file" "$marker" >/dev/null; do
    if ((SECONDS >= deadline)); then
      log "$name did not stop within ${timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$file"
}

# await NAME TIMEOUT LOGFILE PIDFILE MARKER CHECK...: polls CHECK until it
# succeeds; fails naming the log when the deadline passes or the process dies.
await() {
  local name=$1 timeout=$2 logfile=$3 pidfile=$4 marker=$5
  shift 5
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! pid_alive "$pidfile" "$marker" >/dev/null; then
      show_tail "$logfile"
      die "$name exited during start-up ($(exit_reason "$pidfile")); see $logfile"
    fi
    if ((SECONDS >= deadline)); then
      show_tail "$logfile"
      die "$name not ready after ${timeout}s; see $logfile"
    fi
    sleep 0.5
  done
}

# How a process started by spawn from this shell ended: a process that dies before it
# writes a line (a damaged binary, the OOM killer) leaves only this behind.
exit_reason() {
  local pid status
  pid=$(cat "$1" 2>/dev/null) || { echo "no pid file"; return; }
  # wait knows only this shell's children; for any other pid it says so on stderr.
  if ! kill -0 "$pid" 2>/dev/null && [ -n "$(wait "$pid" 2>&1 >/dev/null)" ]; then
    echo "exit status unknown"
    return
  fi
  wait "$pid" 2>/dev/null && status=0 || status=$?
  if ((status > 128)); then echo "killed by signal $((status - 128)) ($(kill -l "$((status - 128))" 2>/dev/null || echo '?'))"
  else echo "exit status $status"; fi
}

# The latest run's part of a log (after spawn's marker), its first and last 20
# lines, on stderr: a run without a terminal (CI) sees why a start failed.
show_tail() {
  [ -f "$1" ] || return 0
  awk '/^=== .* start: /{n = 0} {line[++n] = $0}
    END {for (i = 1; i <= n; i++) if (i <= 20 || i > n - 20) print line[i]; else if (i == 21) print "..."}' "$1" |
    sed 's/^/    | /' >&2
}

http_ok() { curl -fs -o /dev/null --max-time 2 "$1"; }

status_line() { printf '%-10s %-7s %-8s %s\n' "$@"; }
