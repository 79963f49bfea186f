# Gradekit CPU worker image (BullMQ workers; ffmpeg for video). Build from the repository root:
#   docker build -f deploy/worker.Dockerfile -t gradekit/worker .
# The queues it consumes are chosen at run time by WORKER_QUEUES (default: every queue;
# beside a CUDA worker: image,hooks). The CUDA twin is deploy/worker-cuda.Dockerfile.
#
# Base images are pinned by exact tag (no digest: written on a machine that cannot reach a
# registry; pin digests with `docker buildx imagetools inspect <image>` where you build).
# ffmpeg is Debian bookworm's (5.1: libx264, libx265, lut3d, zscale).

# ---- deps: every npm package (dev ones too: tsc, prisma CLI) ------------------------------
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends make \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund

# ---- build: `make build` (tsc to dist/out), the Prisma client -----------------------------
FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json tsconfig.json Makefile prisma.config.ts ./
COPY prisma prisma
COPY tools tools
COPY libs libs
COPY apps apps
RUN node_modules/.bin/prisma generate \
 && touch node_modules/.gradekit-installed \
 && make build

# ---- runtime-deps: production packages only, plus the generated Prisma client -------------
# onnxruntime-node (where listed) keeps its bundled CPU provider; the CUDA one is the CUDA image's.
FROM node:20.20.2-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/node_modules/.prisma node_modules/.prisma

# ---- worker: the runtime image ------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS worker
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/* \
 && ffmpeg -hide_banner -version | head -n 1
WORKDIR /app
ENV NODE_ENV=production \
    DATA_DIR=/data \
    WORKER_HOST=0.0.0.0 \
    WORKER_PORT=3001 \
    FFMPEG_PATH=/usr/bin/ffmpeg \
    FFPROBE_PATH=/usr/bin/ffprobe
# Root-owned, read-only code; the worker writes only DATA_DIR (video temp files) and /tmp.
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=build /app/dist/out dist/out
# The model manifest and the vendored BlazeFace; ISNet is joined from its npm package
# (node_modules) into MODEL_CACHE_DIR (default DATA_DIR/models) at the first start.
COPY models models
COPY package.json ./
COPY tools/register-dist-paths.js tools/register-dist-paths.js
RUN mkdir -p /data && chown 1000:1000 /data
# uid/gid 1000 is the node user of the node image; numeric, so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WORKER_PORT || 3001) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: JobDrain stops taking jobs and lets running ones finish within SHUTDOWN_GRACE_MS.
STOPSIGNAL SIGTERM
CMD ["node", "-r", "./tools/register-dist-paths.js", "dist/out/apps/worker/src/main.js"]
