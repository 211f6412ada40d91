#!/usr/bin/env bash
# `make test`: everything the tests need, natively, then typecheck and tests.
# Components this run had to start are stopped again afterwards, pass or fail;
# a stack that was already up is left as it was. Exits with the tests' code.
source "$(dirname "$0")/lib.sh"

NATIVE="$REPO_ROOT/infra/native"
COMPONENTS=(postgres rabbitmq jaeger services)

started=()
for c in "${COMPONENTS[@]}"; do
  bash "$NATIVE/$c.sh" is-running || started+=("$c")
done

stop_started() {
  local i
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do bash "$NATIVE/${started[i]}.sh" stop || true; done
}
trap stop_started EXIT
trap 'exit 130' INT TERM

# Services this run starts wait 10 s, not 15 s, for a payment's answer: the tests of a lost
# payment (three asks, then payment_failed) take half a minute instead of a whole one.
# A stack that is already up keeps its own setting; those tests only take longer there.
export PAYMENT_TIMEOUT_MS="${PAYMENT_TIMEOUT_MS:-10000}"

# Built every run, even when the stack is already up, so the tests see this checkout;
# services already running on an older build are restarted on this one.
bash "$NATIVE/stack.sh" build
# Built here rather than inside a test, so a slow first build never runs into a test timeout.
bash "$REPO_ROOT/infra/checks/build.sh" >/dev/null
bash "$NATIVE/install-browser.sh"
bash "$NATIVE/stack.sh" up-infra
bash "$NATIVE/services.sh" refresh
bash "$NATIVE/services.sh" start

cd "$REPO_ROOT"
log "pnpm typecheck"
pnpm typecheck
log "pnpm lint"
pnpm lint
log "pnpm test"
set +e
pnpm test
rc=$?
set -e
exit "$rc"
