# The user-facing verbs. Docker compose runs the stack when an engine answers
# and docker-compose.yml exists; otherwise the native stack (infra/native).
NATIVE := infra/native
WITH_DOCKER = [ -f docker-compose.yml ] && docker info >/dev/null 2>&1

.PHONY: up down clean status logs rebuild test toolchain infra load experiment bench

# With Docker, builds the project's images again when their sources changed (a cached no-op
# otherwise); they are never pulled (pull_policy: build).
up:
	@if $(WITH_DOCKER); then docker compose up -d --build --wait; else bash $(NATIVE)/stack.sh up; fi

down:
	@if $(WITH_DOCKER); then docker compose down; else bash $(NATIVE)/stack.sh down; fi

clean:
	@if $(WITH_DOCKER); then docker compose down --volumes; else bash $(NATIVE)/stack.sh clean; fi

status:
	@if $(WITH_DOCKER); then docker compose ps; else bash $(NATIVE)/stack.sh status; fi

logs:
	@if $(WITH_DOCKER); then docker compose logs -f; else bash $(NATIVE)/stack.sh logs; fi

# After a code change (workshop lab 5): build again and restart the services whose code changed.
rebuild:
	@if $(WITH_DOCKER); then docker compose up -d --build --wait; else bash $(NATIVE)/stack.sh build && bash $(NATIVE)/services.sh refresh; fi

# Load, natively (k6 users: docker compose --profile load run --rm k6 run /load-tests/k6/<scenario>.ts).
SCENARIO ?= smoke
load:
	@bash $(NATIVE)/pnpm.sh load $(SCENARIO)

# A fault experiment from load-tests/experiments/, with its report in reports/.
NAME ?= quick-payments-latency
experiment:
	@bash $(NATIVE)/pnpm.sh experiment $(NAME)

# What tracing costs, on the native stack: the same load with tracing off and on, side by side.
bench:
	@bash $(NATIVE)/stack.sh up >/dev/null && bash $(NATIVE)/pnpm.sh bench

# PostgreSQL, RabbitMQ and Jaeger only, natively, without the services.
infra:
	@bash $(NATIVE)/stack.sh up-infra

# Always native: tests run against the same stack on every machine, CI included.
test:
	@bash $(NATIVE)/run-tests.sh

toolchain:
	@bash $(NATIVE)/install-node.sh
