# Gradekit api image (NestJS control plane). Build from the repository root:
#   docker build -f deploy/api.Dockerfile -t gradekit/api .              # the api (last stage)
#   docker build -f deploy/api.Dockerfile --target migrate -t gradekit/migrate .   # `prisma migrate deploy`, one-shot
#
# Base images are pinned by exact tag (no digest: these files were written on a machine that
# cannot reach a registry). Pin digests where you build with
#   docker buildx imagetools inspect node:20.20.2-bookworm-slim
# and write FROM node:20.20.2-bookworm-slim@sha256:…; tools/deploy/deploy.spec.ts accepts both.
# node 20.20.2 is the runtime the test suite runs on.
#
# Nothing secret is baked in: every credential (DATABASE_URL, S3_*, STORAGE_SIGNING_SECRET)
# comes from the environment at run time (README, Configuration).

# ---- deps: every npm package (dev ones too: tsc, prisma CLI) ------------------------------
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends make \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# onnxruntime-node (when listed) would fetch its CUDA provider from NuGet: the api never loads it.
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund

# ---- build: `make build` (tsc to dist/out + the sandbox demo assets), the Prisma client ----
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json tsconfig.json Makefile prisma.config.ts ./
COPY prisma prisma
COPY tools tools
COPY libs libs
COPY apps apps
# The lockfile's packages are installed above: mark them so `make build` does not reinstall.
RUN node_modules/.bin/prisma generate \
 && touch node_modules/.gradekit-installed \
 && make build

# ---- runtime-deps: production packages only, plus the generated Prisma client -------------
FROM node:20.20.2-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/node_modules/.prisma node_modules/.prisma

# ---- migrate: one-shot `prisma migrate deploy` (the JS schema engine: no binary download) --
FROM deps AS migrate
COPY prisma.config.ts ./
COPY prisma prisma
COPY --from=build /app/node_modules/.prisma node_modules/.prisma
ENV NODE_ENV=production
# uid/gid 1000 is the node user of the node image; numeric, so Kubernetes can verify runAsNonRoot.
USER 1000:1000
HEALTHCHECK NONE
CMD ["node_modules/.bin/prisma", "migrate", "deploy"]

# ---- api: the runtime image (last stage: the default target) ------------------------------
FROM node:20.20.2-bookworm-slim AS api
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    API_HOST=0.0.0.0 \
    API_PORT=3000
# Files are root-owned and read-only to the app; it writes only DATA_DIR (a volume) and /tmp,
# so the container runs with a read-only root filesystem (compose: read_only + tmpfs /tmp).
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=build /app/dist/out dist/out
COPY package.json ./
COPY tools/register-dist-paths.js tools/register-dist-paths.js
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000
EXPOSE 3000
# Liveness through node's own fetch (no curl in the image); readiness is /readyz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.API_PORT || 3000) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "-r", "./tools/register-dist-paths.js", "dist/out/apps/api/src/main.js"]
