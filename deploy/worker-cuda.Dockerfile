# Gradekit CUDA worker image: the worker of deploy/worker.Dockerfile on an NVIDIA CUDA 12 +
# cuDNN 9 runtime, with onnxruntime-node's CUDA execution provider and an ffmpeg that has
# NVDEC (-hwaccel cuda) and NVENC (h264_nvenc, hevc_nvenc). Build from the repository root:
#   docker build -f deploy/worker-cuda.Dockerfile -t gradekit/worker-cuda .
#   docker build -f deploy/worker-cuda.Dockerfile --build-arg ONNXRUNTIME_NODE_INSTALL=skip …   # no NuGet access: CPU provider only
# Run with a GPU (compose: deploy/docker-compose.gpu.yml; docker run --gpus all). It consumes
# WORKER_QUEUES=gpu,video unless told otherwise.
#
# Base images are pinned by exact tag (no digest: written on a machine that cannot reach a
# registry; pin digests with `docker buildx imagetools inspect <image>` where you build).
# The host driver must support CUDA 12.8 (R570 or newer; CUDA 13 drivers do).
#
# onnxruntime-node's install script (script/install.js) downloads the CUDA provider
# (libonnxruntime_providers_cuda.so, _shared.so, _tensorrt.so) from NuGet
# (Microsoft.ML.OnnxRuntime.Gpu.Linux) when ONNXRUNTIME_NODE_INSTALL=cuda12; this build needs
# that network access. Offline, build with ONNXRUNTIME_NODE_INSTALL=skip and copy the provider
# files beside libonnxruntime.so.1 in node_modules/onnxruntime-node/bin/napi-v6/linux/x64/.
#
# ffmpeg is Ubuntu 24.04's (6.1): like Debian's it is built with ffnvcodec (--enable-nvenc,
# --enable-nvdec, --enable-cuvid), which dlopens libnvidia-encode / libnvcuvid; the NVIDIA
# container runtime mounts those from the host driver only when the capabilities include
# `video` (NVIDIA_DRIVER_CAPABILITIES below). An H100/H200 has NVDEC but no NVENC: the
# worker then encodes with the CPU twin (libx264) and logs it once.

# ---- node-base: the node binary and npm (copied into the CUDA image below) ----------------
FROM node:20.20.2-bookworm-slim AS node-base

# ---- deps: every npm package (dev ones too: tsc, prisma CLI) ------------------------------
FROM node-base AS deps
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

# ---- runtime-deps: production packages, onnxruntime-node with its CUDA provider ----------
FROM node-base AS runtime-deps
# cuda12: onnxruntime-node's install script fetches the CUDA 12 provider; skip: CPU only.
ARG ONNXRUNTIME_NODE_INSTALL=cuda12
# Used only when package.json does not list onnxruntime-node itself.
ARG ONNXRUNTIME_NODE_VERSION=1.30.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && if [ ! -d node_modules/onnxruntime-node ]; then \
      npm install --omit=dev --no-save --no-audit --no-fund "onnxruntime-node@${ONNXRUNTIME_NODE_VERSION}"; \
    fi \
 && if [ "${ONNXRUNTIME_NODE_INSTALL}" != skip ]; then \
      test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so \
      && test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so; \
    fi \
 && npm cache clean --force
COPY --from=build /app/node_modules/.prisma node_modules/.prisma

# ---- worker-cuda: the runtime image -------------------------------------------------------
FROM nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04 AS worker-cuda
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && ffmpeg -hide_banner -encoders | grep -q h264_nvenc \
 && ffmpeg -hide_banner -encoders | grep -q hevc_nvenc \
 && ffmpeg -hide_banner -hwaccels | grep -qx cuda
COPY --from=node-base /usr/local/bin/node /usr/local/bin/node
WORKDIR /app
ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility,video \
    NODE_ENV=production \
    DATA_DIR=/data \
    WORKER_HOST=0.0.0.0 \
    WORKER_PORT=3001 \
    WORKER_QUEUES=gpu,video \
    FFMPEG_PATH=/usr/bin/ffmpeg \
    FFPROBE_PATH=/usr/bin/ffprobe \
    VIDEO_HWACCEL=cuda \
    VIDEO_ENCODER=h264_nvenc \
    MODEL_PROVIDER=cuda
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=build /app/dist/out dist/out
# The model manifest and the vendored BlazeFace; ISNet is joined from its npm package
# (node_modules) into MODEL_CACHE_DIR (default DATA_DIR/models) at the first start.
COPY models models
COPY package.json ./
COPY tools/register-dist-paths.js tools/register-dist-paths.js
# The runtime loads (CPU provider) without a GPU: a broken native package fails the build here.
RUN node -e "require('onnxruntime-node')" \
 && mkdir -p /data && chown 1000:1000 /data
# uid/gid 1000 (the image's `ubuntu` user); numeric, so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 3001
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.WORKER_PORT || 3001) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "-r", "./tools/register-dist-paths.js", "dist/out/apps/worker/src/main.js"]
