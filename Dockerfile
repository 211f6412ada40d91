# syntax=docker/dockerfile:1
# One image recipe for the four services and the tools: docker build --build-arg SERVICE=orders .
# (a tool, e.g. SERVICE=trace, runs with the entrypoint its compose service names).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION=10.34.9
RUN npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}"
WORKDIR /repo
# The lockfile alone decides what is downloaded, so this layer stays cached until it changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
# Every package compiled once, in a layer all images share: SERVICE is declared only after it.
RUN pnpm install --frozen-lockfile --offline --reporter=silent && pnpm build
ARG SERVICE
RUN test -n "${SERVICE}" && bash infra/docker/build-service.sh "${SERVICE}" /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=1000:1000 /out/ ./
# The node image's `node` user, by number: a runtime can then check it is not root.
USER 1000:1000
# node is PID 1's only child of tini-less exec form: SIGTERM reaches it directly.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
