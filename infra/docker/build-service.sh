#!/usr/bin/env bash
# Builds one service, or one tool, into a self-contained folder: its compiled code, its
# migrations and only its production dependencies (workspace packages included). The Dockerfile
# runs exactly this, and so does the build-path test, so a broken production bundle fails CI
# without a Docker engine.
# Usage: build-service.sh <gateway|orders|inventory|payments | fault|labs|trace|experiment> <output-dir>
# A service (services/<name>) starts with dist/main.js; a tool of the compose `tools` profile
# (tools/<name>, or the experiment runner of load-tests) with the entry its container names.
set -euo pipefail

service="${1:?usage: build-service.sh <service|tool> <output-dir>}"
output="${2:?usage: build-service.sh <service|tool> <output-dir>}"
case "$service" in
  gateway | orders | inventory | payments) package="services/$service" entry=dist/main.js ;;
  fault | labs | trace) package="tools/$service" entry=dist/cli.js ;;
  experiment) package="load-tests" entry=dist/experiment/cli.js ;;
  *) echo "unknown service or tool: $service" >&2; exit 2 ;;
esac

cd "$(dirname "$0")/../.."
pnpm install --frozen-lockfile --reporter=silent
pnpm exec tsc -b "$package"
# The gateway also serves the shop page, bundled by Vite into its dist/web.
pnpm --filter "./$package" run --if-present build:web
rm -rf "$output"
# --legacy: deploy without injected workspace packages, which would stop `tsc -b` output in
# shared/* from reaching the services during development.
pnpm --filter "./$package" deploy --prod --legacy --prefer-offline "$output" --reporter=silent
test -f "$output/$entry" || { echo "deploy of $service has no $entry" >&2; exit 1; }
