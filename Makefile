# The user-facing verbs. Two doors to one stack: docker compose (infra/docker) and native
# processes (infra/native). ENGINE=docker or ENGINE=native picks one; left unset, compose runs
# when a Docker engine answers, natively otherwise. `make up ENGINE=docker` starts an engine of
# its own where none answers, and `make down` stops it again.
NATIVE := infra/native
DOOR := bash infra/door.sh
export ENGINE

.PHONY: up down clean status logs rebuild test toolchain infra load experiment bench

# Builds the project's images again when their sources changed (a cached no-op otherwise);
# they are never pulled (pull_policy: build).
up:
	@$(DOOR) up

down:
	@$(DOOR) down

clean:
	@$(DOOR) clean

status:
	@$(DOOR) status

logs:
	@$(DOOR) logs

# After a code change (workshop lab 5): build again and restart the services whose code changed.
rebuild:
	@$(DOOR) rebuild

# Load, natively (k6 users: docker compose --profile load run --rm k6 run /load-tests/k6/<scenario>.ts).
SCENARIO ?= smoke
load:
	@bash $(NATIVE)/pnpm.sh load $(SCENARIO)

# A fault experiment from load-tests/experiments/, with its report in reports/.
NAME ?= quick-payments-latency
experiment:
	@$(DOOR) experiment $(NAME)

# What tracing costs, on the native stack: the same load with tracing off and on, side by side.
bench:
	@bash $(NATIVE)/stack.sh up >/dev/null && bash $(NATIVE)/pnpm.sh bench

# PostgreSQL, RabbitMQ and Jaeger only, natively, without the services.
infra:
	@bash $(NATIVE)/stack.sh up-infra

# The native stack's tests, then the compose stack's (on an engine of its own where none answers):
# the same on every machine, CI included.
# ENGINE=native or ENGINE=docker runs one side only.
test:
	@if [ "$(ENGINE)" != docker ]; then bash $(NATIVE)/run-tests.sh; fi && \
	  if [ "$(ENGINE)" != native ]; then bash infra/docker/run-tests.sh; fi

toolchain:
	@bash $(NATIVE)/install-node.sh
