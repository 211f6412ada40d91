#!/usr/bin/env bash
# Installs the Debian packages the native stack runs on, when missing:
# PostgreSQL 15, RabbitMQ (with Erlang), curl for health checks.
source "$(dirname "$0")/lib.sh"

missing=()
[ -x /usr/lib/postgresql/15/bin/pg_ctl ] || missing+=(postgresql-15)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v curl >/dev/null || missing+=(curl)
[ ${#missing[@]} -gt 0 ] || exit 0

[ "$(id -u)" -eq 0 ] || die "installing ${missing[*]} needs root: sudo $0"
log "installing ${missing[*]}"
# Their maintainer scripts would start system-wide instances on 5432 and 5672,
# which would hold our ports and outlive `down`; policy-rc.d exit 101 forbids that.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
