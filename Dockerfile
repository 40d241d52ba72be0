# syntax=docker/dockerfile:1
#
# One image for the whole platform: every service's HTTP API, Temporal worker and migration CLI.
# Pick the process with the command (default: the registration API):
#
#   docker build -t ocop-platform .
#   docker run ocop-platform                                          # registration API (:3001)
#   docker run ocop-platform node services/evaluation/dist/worker.js  # evaluation worker
#   docker run ocop-platform node services/promotion/dist/migrate.js  # promotion migrations
#
# docker-compose.yml runs the whole stack from it.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Only the npm manifests (root + every workspace's package.json), so that the `npm ci` layer below is
# reused until a manifest or the lock file changes, whatever else does.
FROM base AS manifests
COPY . /src
RUN mkdir /manifests \
 && cd /src \
 && cp package.json package-lock.json .npmrc /manifests/ \
 && find . -name package.json -not -path './package.json' -not -path '*/node_modules/*' \
      -exec cp --parents {} /manifests/ \;

FROM base AS build
COPY --from=manifests /manifests/ ./
# --ignore-scripts: no dependency needs its install script here (native binaries such as @swc/core's
# come as optional packages), and it keeps telemetry postinstalls (@scarf/scarf) off the network.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts
COPY . .
RUN npx tsc -b \
 && npm prune --omit=dev --ignore-scripts

FROM base AS runtime
ENV NODE_ENV=production
# node_modules/@ocop/* are relative symlinks into libs/ and services/: keep the same layout.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
# libs/: dist/ for the services, plus the TypeScript sources of libs/workflows and libs/contracts, which
# the evaluation worker bundles (webpack) into Temporal's workflow sandbox when it starts.
COPY --from=build /app/libs ./libs
# services/: dist/ and data/ (the registration migrations load data/*.csv).
COPY --from=build /app/services ./services
USER node
EXPOSE 3001 3002 3003 3004
CMD ["node", "services/registration/dist/main.js"]
