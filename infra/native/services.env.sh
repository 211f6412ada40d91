#!/usr/bin/env bash
# The environment each service gets in the native stack: the one place that
# computes it from the port variables. docker-compose.yml sets the same keys
# with container host names; a parity test compares the two.
# Usage: services.env.sh NAME   prints NAME's environment as KEY=VALUE lines
#        (or source it and call service_env NAME)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_ROOT/infra/native/secrets.sh"

# Each service's fault admin API listens on a port of its own, on 127.0.0.1 only.
export GATEWAY_ADMIN_PORT="${GATEWAY_ADMIN_PORT:-9080}"
export ORDERS_ADMIN_PORT="${ORDERS_ADMIN_PORT:-9081}"
export INVENTORY_ADMIN_PORT="${INVENTORY_ADMIN_PORT:-9082}"
export PAYMENTS_ADMIN_PORT="${PAYMENTS_ADMIN_PORT:-9083}"

# RabbitMQ as the service's own user (infra/rabbitmq/provision.sh); the password stays in its
# file, generated on first use, and out of the environment.
amqp_env() {
  echo "AMQP_URL=amqp://$1@127.0.0.1:$AMQP_PORT"
  echo "AMQP_PASSWORD_FILE=$(ensure_secret "$TRACEBED_STATE/secrets" "rabbitmq-$1")"
}

service_env() {
  local name=$1 port admin_port
  case "$name" in
    gateway) port=$GATEWAY_PORT admin_port=$GATEWAY_ADMIN_PORT ;;
    orders) port=$ORDERS_PORT admin_port=$ORDERS_ADMIN_PORT ;;
    inventory) port=$INVENTORY_PORT admin_port=$INVENTORY_ADMIN_PORT ;;
    payments) port=$PAYMENTS_PORT admin_port=$PAYMENTS_ADMIN_PORT ;;
    *) die "unknown service '$name' (expected one of: ${SERVICES[*]})" ;;
  esac
  echo "HOST=127.0.0.1"
  echo "PORT=$port"
  echo "ADMIN_HOST=127.0.0.1"
  echo "ADMIN_PORT=$admin_port"
  # Host names besides localhost and 127.0.0.1 that the services answer for (none natively).
  echo "ALLOWED_HOSTS=${ALLOWED_HOSTS:-}"
  echo "LOG_LEVEL=${LOG_LEVEL:-info}"
  # V8's young generation at 8 MB a semi-space; node's own default grows it to 16 MB under load.
  # In full make bench runs the four services held 838 MB at 100 orders/s instead of 1192 MB, with
  # latency, CPU and rates within run-to-run noise (load-tests/README.md). compose sets the same.
  echo "NODE_OPTIONS=--max-semi-space-size=8"
  echo "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT"
  # Faults: the file with the admin API's token (random, made on first start), start-up rules, per-request switch.
  echo "FAULT_ADMIN_TOKEN_FILE=$(ensure_secret "$TRACEBED_STATE/secrets" fault-admin-token)"
  echo "FAULTS=${FAULTS:-}"
  echo "FAULTS_PER_REQUEST=${FAULTS_PER_REQUEST:-on}"
  case "$name" in
    gateway)
      echo "ORDERS_URL=http://127.0.0.1:$ORDERS_PORT"
      echo "INVENTORY_URL=http://127.0.0.1:$INVENTORY_PORT"
      echo "JAEGER_UI_URL=http://127.0.0.1:$JAEGER_UI_PORT"
      echo "JAEGER_QUERY_URL=http://127.0.0.1:$JAEGER_UI_PORT"
      echo "BROWSER_SPANS_URL=http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT/v1/traces"
      ;;
    orders)
      # Demo credentials: each database role's password is its name (infra/postgres/init.sql).
      echo "DATABASE_URL=postgres://orders:orders@127.0.0.1:$PG_PORT/orders"
      amqp_env orders
      echo "INVENTORY_URL=http://127.0.0.1:$INVENTORY_PORT"
      echo "PAYMENT_TIMEOUT_MS=${PAYMENT_TIMEOUT_MS:-15000}"
      ;;
    inventory)
      echo "DATABASE_URL=postgres://inventory:inventory@127.0.0.1:$PG_PORT/inventory"
      amqp_env inventory
      ;;
    payments)
      echo "DATABASE_URL=postgres://payments:payments@127.0.0.1:$PG_PORT/payments"
      amqp_env payments
      echo "PROVIDER_LATENCY_MIN_MS=${PROVIDER_LATENCY_MIN_MS:-30}"
      echo "PROVIDER_LATENCY_MAX_MS=${PROVIDER_LATENCY_MAX_MS:-120}"
      ;;
  esac
}

service_port() { service_env "$1" | sed -n 's/^PORT=//p'; }
service_admin_port() { service_env "$1" | sed -n 's/^ADMIN_PORT=//p'; }

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  [ $# -eq 1 ] || die "usage: $0 NAME (one of: ${SERVICES[*]})"
  service_env "$1"
fi
