# syntax=docker/dockerfile:1
#
# One image for every gateway service and demo simulator; the command picks which one runs:
#   docker run mcp-gateway:local dist/apps/connector-homeassistant/main.js
# The commands are the entry points in libs/config/src/entrypoints.ts (SERVICE_ENTRYPOINTS,
# SIMULATOR_ENTRYPOINTS), the same files the launcher and the process tests start, and the ones
# docker-compose.yml and deploy/kubernetes use.
#
# Why Node 24: an LTS line supported until April 2028. The code needs Node >= 20.19, but Node 20 (what CI
# runs) reaches end of life in April 2026 and dependencies already ask for more (@nats-io/nuid and
# file-type declare node >= 22). Pinned by tag; every stage uses the same one, so anything compiled at
# install time matches the runtime.

# --- Manifests: only package.json files and the lock file, in their folders --------------------------
# Copied on their own so the `npm ci` layer below stays cached until a dependency changes, not whenever a
# source file does (the same output from this stage is a cache hit for the next COPY).
FROM node:24-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print \
    | xargs -I{} cp --parents {} /manifests/

# --- Build: install, compile, drop dev dependencies, then assemble what runs ---------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# The apps and simulators, and through their references the libraries; tools/ and tests/ are not in
# the build context (.dockerignore).
RUN npx tsc -b apps/* simulators/*
RUN npm prune --omit=dev --no-audit --no-fund
# /runtime is an allow-list of what runs: the root manifest, production node_modules (its
# @mcp-gateway/* entries are symlinks to the workspaces, resolved through each workspace's package.json
# "exports" -> ./dist/index.js), every workspace's package.json, and compiled output. Not copied:
# sources, specs and spec helpers, declaration files, build info, and libs/testing's code (tests only).
RUN mkdir /runtime \
  && cp -a package.json node_modules dist /runtime/ \
  && for ws in libs/* apps/* simulators/*; do \
       mkdir -p "/runtime/$ws" && cp "$ws/package.json" "/runtime/$ws/"; \
       if [ -d "$ws/dist" ] && [ "$ws" != libs/testing ]; then cp -a "$ws/dist" "/runtime/$ws/"; fi; \
     done \
  && find /runtime/dist /runtime/libs /runtime/apps /runtime/simulators \
       \( -name '*.spec.js' -o -name '*.spec.js.map' -o -name 'spec-*' -o -name '*.d.ts' \
          -o -name '*.d.ts.map' -o -name '*.tsbuildinfo' \) -delete

# --- Runtime ------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
ARG GATEWAY_VERSION=local
LABEL org.opencontainers.image.title="MCP Gateway" \
      org.opencontainers.image.description="One gateway that gives AI assistants safe, audited access to Home Assistant, ERPNext, TrueNAS and Wave over MCP and an OpenAI-compatible API." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${GATEWAY_VERSION}" \
      org.opencontainers.image.base.name="docker.io/library/node:24-bookworm-slim"
# Services bind 127.0.0.1 unless told otherwise; in a container they must answer on its network.
ENV NODE_ENV=production \
    BIND_HOST=0.0.0.0
WORKDIR /app
# Owned by root and read-only for the `node` user the services run as.
COPY --from=build /runtime/package.json ./package.json
COPY --from=build /runtime/node_modules ./node_modules
COPY --from=build /runtime/dist ./dist
COPY --from=build /runtime/libs ./libs
COPY --from=build /runtime/apps ./apps
COPY --from=build /runtime/simulators ./simulators
# The admin CLI as `gateway` on PATH: `docker compose exec auth gateway token create --name laptop`.
RUN printf '#!/bin/sh\nexec node /app/dist/apps/cli/main.js "$@"\n' > /usr/local/bin/gateway \
  && chmod 0755 /usr/local/bin/gateway
# No EXPOSE: the port depends on the service (SERVICE_PORTS); Compose and Kubernetes name their ports.
# The official image's non-root user, uid 1000.
USER node
# Services stop taking work on SIGTERM and finish what is in flight (connectors up to 25 s): give them
# 30 s or more (Compose stop_grace_period, Kubernetes terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
# Slim images have no curl: a small Node script that finds the port of the service this container runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/apps/launcher/healthcheck.js"]
ENTRYPOINT ["node"]
CMD ["dist/apps/mcp-front/main.js"]
