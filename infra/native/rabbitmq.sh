#!/usr/bin/env bash
# RabbitMQ (Debian's package) as our own node, tracebed@localhost, with state in
# $TRACEBED_STATE/rabbitmq and every listener (AMQP, management, Erlang
# distribution, epmd) on 127.0.0.1. Runs as the invoking user, root included.
# Every start (and `provision`) applies the users and rights of infra/rabbitmq/provision.sh, with
# passwords generated on first use into $TRACEBED_STATE/secrets/rabbitmq-<user>.
# Usage: rabbitmq.sh start|stop|status|is-running|provision|ctl ARGS (rabbitmqctl against our node)
source "$(dirname "$0")/lib.sh"
source "$REPO_ROOT/infra/native/secrets.sh"

RMQ_BIN=/usr/lib/rabbitmq/bin
RMQ_STATE="$TRACEBED_STATE/rabbitmq"
PIDFILE="$RUN_DIR/rabbitmq.pid"           # the rabbitmq-server wrapper script
BEAM_PIDFILE="$RUN_DIR/rabbitmq-beam.pid" # the Erlang VM, written by RabbitMQ
EPMD_PIDFILE="$RUN_DIR/epmd.pid"
LOGFILE="$LOG_DIR/rabbitmq.log"
EPMD_LOG="$LOG_DIR/epmd.log"
SECRETS_DIR="$TRACEBED_STATE/secrets"
RMQ_USERS=(orders inventory payments tracebed-monitor tracebed-test)
URL="amqp://127.0.0.1:$AMQP_PORT, http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT"

export RABBITMQ_NODENAME=tracebed@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$AMQP_PORT"
export RABBITMQ_MNESIA_BASE="$RMQ_STATE/mnesia"
export RABBITMQ_LOG_BASE="$RMQ_STATE/log"
export RABBITMQ_PID_FILE="$BEAM_PIDFILE"
export RABBITMQ_CONFIG_FILE="$REPO_ROOT/infra/rabbitmq/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$REPO_ROOT/infra/rabbitmq/enabled_plugins"
# Files that must not exist: keep the system instance's /etc/rabbitmq out of our node.
export RABBITMQ_CONF_ENV_FILE="$RMQ_STATE/no-rabbitmq-env.conf"
export RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_STATE/no-advanced.config"
# Not in the current directory, which is often the repo.
export ERL_CRASH_DUMP="$LOG_DIR/rabbitmq-erl_crash.dump"
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT="$EPMD_PORT"
# Distribution listeners (the node's and each CLI call's) on loopback; the
# management port here so rabbitmq.conf stays valid for compose too.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} \
-rabbitmq_management tcp_config [{ip,\"127.0.0.1\"},{port,$RABBITMQ_MANAGEMENT_PORT}]"
export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
# The Erlang cookie lives in $HOME; a private HOME gives node and CLI the same
# cookie for any user, root included, without touching the real home.
export HOME="$RMQ_STATE/home"

epmd_answers() { epmd -port "$EPMD_PORT" -names; }

# The node answers the CLI and its applications have started.
booted() { "$RMQ_BIN/rabbitmqctl" -q await_startup --timeout 5; }

# A GET as the management UI's user; the password goes to curl on stdin, not on its command line.
management_ok() {
  printf 'user = "tracebed-monitor:%s"\n' "$(tr -d '\n' <"$SECRETS_DIR/rabbitmq-tracebed-monitor")" |
    curl -fs -o /dev/null --max-time 2 -K - "$1"
}

# Ready when the AMQP listener is up and vhost / runs, asked through the management
# API (which proves the provisioned users too) rather than by half-opening AMQP
# connections that the broker logs as warnings.
ready() {
  local api="http://127.0.0.1:$RABBITMQ_MANAGEMENT_PORT/api/health/checks"
  management_ok "$api/port-listener/$AMQP_PORT" && management_ok "$api/virtual-hosts"
}

provision() {
  local user
  for user in "${RMQ_USERS[@]}"; do ensure_secret "$SECRETS_DIR" "rabbitmq-$user" >/dev/null; done
  RABBITMQCTL="$RMQ_BIN/rabbitmqctl" bash "$REPO_ROOT/infra/rabbitmq/provision.sh" "$SECRETS_DIR"
}

start_epmd() {
  if pid_alive "$EPMD_PIDFILE" epmd >/dev/null; then
    return
  fi
  if epmd_answers >/dev/null 2>&1; then
    log "using the epmd already on 127.0.0.1:$EPMD_PORT (not ours: down leaves it running)"
    return
  fi
  spawn "$EPMD_PIDFILE" "$EPMD_LOG" epmd -address 127.0.0.1 -port "$EPMD_PORT"
  await epmd 10 "$EPMD_LOG" "$EPMD_PIDFILE" epmd epmd_answers
}

start() {
  if pid=$(pid_alive "$PIDFILE" rabbitmq-server); then
    log "rabbitmq already running (pid $pid)"
    # A newer checkout may have new users or rights; applying them again changes nothing else.
    provision
    return
  fi
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "RabbitMQ is not installed; run infra/native/install-infra.sh"
  ensure_state_dirs
  install -d -m 700 "$RMQ_STATE" "$HOME"
  start_epmd
  log "starting rabbitmq on 127.0.0.1:$AMQP_PORT (management :$RABBITMQ_MANAGEMENT_PORT)"
  spawn "$PIDFILE" "$LOGFILE" "$RMQ_BIN/rabbitmq-server"
  await rabbitmq 90 "$LOGFILE" "$PIDFILE" rabbitmq-server booted
  provision
  await rabbitmq 30 "$LOGFILE" "$PIDFILE" rabbitmq-server ready
  log "rabbitmq ready at amqp://127.0.0.1:$AMQP_PORT (passwords in $SECRETS_DIR/rabbitmq-*)"
}

stop() {
  # The wrapper turns SIGTERM into a graceful stop of the VM and waits for it.
  stop_pid rabbitmq "$PIDFILE" rabbitmq-server TERM 30
  # Only does something when the wrapper had to be killed and left the VM behind.
  stop_pid "rabbitmq VM" "$BEAM_PIDFILE" "$RABBITMQ_NODENAME" TERM 15
  stop_pid epmd "$EPMD_PIDFILE" epmd TERM 5
}

status() {
  if pid=$(pid_alive "$PIDFILE" rabbitmq-server); then
    status_line rabbitmq up "$pid" "$URL"
  else
    status_line rabbitmq down - "$URL"
  fi
}

is_running() { pid_alive "$PIDFILE" rabbitmq-server >/dev/null; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  is-running) is_running ;;
  provision) provision ;;
  ctl) shift && exec "$RMQ_BIN/rabbitmqctl" "$@" ;;
  *) die "usage: $0 start|stop|status|is-running|provision|ctl ARGS" ;;
esac
