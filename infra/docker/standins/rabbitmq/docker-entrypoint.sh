#!/usr/bin/env bash
# The part of the official rabbitmq image's entrypoint that compose relies on: the server runs as
# the rabbitmq user with signals reaching it; RABBITMQ_DEFAULT_USER/PASS/VHOST become settings.
set -euo pipefail

[ "${1:-}" = rabbitmq-server ] || exec "$@"

if [ "$(id -u)" = 0 ]; then
  conf=/etc/rabbitmq/conf.d/10-defaults.conf
  : >"$conf"
  [ -z "${RABBITMQ_DEFAULT_USER:-}" ] || echo "default_user = $RABBITMQ_DEFAULT_USER" >>"$conf"
  [ -z "${RABBITMQ_DEFAULT_PASS:-}" ] || echo "default_pass = $RABBITMQ_DEFAULT_PASS" >>"$conf"
  [ -z "${RABBITMQ_DEFAULT_VHOST:-}" ] || echo "default_vhost = $RABBITMQ_DEFAULT_VHOST" >>"$conf"
  # A fresh volume may belong to root.
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  # HOME holds the Erlang cookie that rabbitmqctl (run as root, through Debian's wrapper) shares.
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env HOME=/var/lib/rabbitmq "$0" "$@"
fi
# The server itself, not Debian's /usr/sbin wrapper, which would fork and hold the signals.
exec /usr/lib/rabbitmq/bin/rabbitmq-server
