#!/usr/bin/env bash
# RabbitMQ's users and rights, applied to a running node on every start (idempotent):
#   orders, inventory, payments  one AMQP user per service: configure, write and read only on the
#                                shared exchanges and the queues named after the service; on the
#                                events exchange, topic rights limit what it may publish (routing
#                                keys of its own events, `order.*` for orders) and bind (the events
#                                it consumes)
#   tracebed-monitor             the management UI: tag monitoring, a vhost login with no rights
#   tracebed-test                the test harness: publishes raw events, reads dead-letter queues
# Each password is a file in SECRETS_DIR (rabbitmq-<user>, see infra/native/secrets.sh); only a
# salted hash goes to the broker, through stdin. The users `tracebed` (the old shared
# administrator) and `guest` are deleted once no connection uses them.
# Standalone (no lib.sh): the same script can run next to a broker in a container.
# Usage: provision.sh SECRETS_DIR     (RABBITMQCTL: the rabbitmqctl to run, default rabbitmqctl)
set -euo pipefail

SECRETS_DIR=${1:?usage: provision.sh SECRETS_DIR}
RABBITMQCTL=${RABBITMQCTL:-rabbitmqctl}
VHOST=/
EVENTS='tracebed\.events'
DEAD_LETTERS='tracebed\.dead-letters'
LEGACY_USERS=(tracebed guest)

ctl() { "$RABBITMQCTL" -q "$@"; }

hex_to_bytes() { printf "$(sed 's/../\\x&/g' <<<"$1")"; }

# RabbitMQ's rabbit_password_hashing_sha256: base64(salt ++ sha256(salt ++ password)), 4-byte salt.
password_hash() {
  local password salt digest
  password=$(tr -d '\n' <"$SECRETS_DIR/rabbitmq-$1")
  [ ${#password} -ge 16 ] || { echo "provision.sh: $SECRETS_DIR/rabbitmq-$1 is missing or too short" >&2; return 1; }
  salt=$(od -An -vtx1 -N4 /dev/urandom | tr -d ' \n')
  digest=$({ hex_to_bytes "$salt"; printf '%s' "$password"; } | sha256sum | cut -d' ' -f1)
  hex_to_bytes "$salt$digest" | base64 -w0
}

user_json() { # NAME TAG
  printf '{"name":"%s","password_hash":"%s","hashing_algorithm":"rabbit_password_hashing_sha256","tags":[%s]}' \
    "$1" "$(password_hash "$1")" "${2:+\"$2\"}"
}

# JSON strings need their backslashes doubled.
json_regex() { sed 's/\\/\\\\/g' <<<"$1"; }

permission_json() { # USER CONFIGURE WRITE READ
  printf '{"user":"%s","vhost":"%s","configure":"%s","write":"%s","read":"%s"}' "$1" "$VHOST" "$(json_regex "$2")" "$(json_regex "$3")" "$(json_regex "$4")"
}

topic_json() { # USER WRITE READ   (routing keys on the events exchange)
  printf '{"user":"%s","vhost":"%s","exchange":"tracebed.events","write":"%s","read":"%s"}' "$1" "$VHOST" "$(json_regex "$2")" "$(json_regex "$3")"
}

# A service declares the shared exchanges and its own queues (`<service>.<event>` and their DLQs),
# binds and consumes only those, and publishes to the events exchange only if it has events.
service_permissions() { # SERVICE PUBLISHES(yes|no)
  local own="$1\\..*" exchanges="$EVENTS|$DEAD_LETTERS" write
  write="^($exchanges|$own)\$"
  [ "$2" = yes ] || write="^($DEAD_LETTERS|$own)\$"
  permission_json "$1" "^($exchanges|$own)\$" "$write" "^($exchanges|$own)\$"
}

definitions() {
  cat <<JSON
{
  "users": [
    $(user_json orders), $(user_json inventory), $(user_json payments),
    $(user_json tracebed-monitor monitoring), $(user_json tracebed-test)
  ],
  "permissions": [
    $(service_permissions orders yes), $(service_permissions inventory no), $(service_permissions payments yes),
    $(permission_json tracebed-monitor '^$' '^$' '^$'),
    $(permission_json tracebed-test '^$' "^$EVENTS\$" '\.dlq$')
  ],
  "topic_permissions": [
    $(topic_json orders '^order\.' '^payment\.(succeeded|failed)$'),
    $(topic_json inventory '^$' '^order\.(paid|payment_failed)$'),
    $(topic_json payments '^payment\.' '^order\.placed$')
  ]
}
JSON
}

retire_legacy_users() {
  local users in_use user
  users=$(ctl list_users --silent | cut -f1)
  in_use=$(ctl list_connections user --silent)
  for user in "${LEGACY_USERS[@]}"; do
    grep -qx "$user" <<<"$users" || continue
    if grep -qx "$user" <<<"$in_use"; then
      echo "provision.sh: keeping user '$user' while connections use it" >&2
    else
      ctl delete_user "$user" >/dev/null
    fi
  done
}

for user in orders inventory payments tracebed-monitor tracebed-test; do
  [ -s "$SECRETS_DIR/rabbitmq-$user" ] || { echo "provision.sh: $SECRETS_DIR/rabbitmq-$user is missing" >&2; exit 1; }
done
definitions | ctl import_definitions >/dev/null
retire_legacy_users
