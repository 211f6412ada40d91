#!/usr/bin/env bash
# Installs the Debian packages the native stack runs on, when missing:
# PostgreSQL 15, RabbitMQ (with Erlang), curl for health checks.
source "$(dirname "$0")/lib.sh"

missing=()
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || missing+=(postgresql-15)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v curl >/dev/null || missing+=(curl)
[ ${#missing[@]} -gt 0 ] || exit 0

log "installing ${missing[*]}"
bash "$REPO_ROOT/infra/apt-install.sh" "${missing[@]}"
