# Gradekit — the two commands of the README are `make up` and `make test`.
# Both work on a fresh Debian machine with only Node and npm: missing npm packages,
# ffmpeg, Redis and PostgreSQL are installed (apt) and started as needed.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export NX_DAEMON := false
export NX_NO_CLOUD := true
export NX_SKIP_NX_CACHE := true
# onnxruntime-node's install script downloads from outside npm (FACTS.md).
export ONNXRUNTIME_NODE_INSTALL := skip
export DATABASE_URL ?= postgresql://postgres:postgres@127.0.0.1:5432/gradekit
export REDIS_URL ?= redis://127.0.0.1:6379
export DATA_DIR ?= $(CURDIR)/data
export API_PORT ?= 3000
export WORKER_PORT ?= 3001
export PUBLIC_URL ?= http://127.0.0.1:$(API_PORT)

JEST := node_modules/.bin/jest --ci

.PHONY: help up down restart logs test deps services build lint typecheck migrate migrations-check seed \
        test-unit test-integration test-e2e bench bench-gpu load clean

help:
	@echo "make up      start api + worker (Postgres, Redis, local storage), migrate, seed a demo account"
	@echo "make test    lint, type-check, unit, integration and end-to-end tests"
	@echo "make down    stop the api and worker started by make up"
	@echo "make bench   run the benchmarks (JSON figures under bench/results/)"
	@echo "make bench-gpu  on a GPU machine: each model on CPU and CUDA in one process, 500 more runs each with RSS and GPU memory"
	@echo "make load    load and fault suite: autocannon vs bare Nest, 2,000-job soak with Redis/Postgres restarts"
	@echo "make compose-up / compose-down          the stack in containers (deploy/docker-compose.yml; needs Docker)"
	@echo "make compose-gpu-up / compose-gpu-down  the same plus a CUDA worker (deploy/docker-compose.gpu.yml)"

## Dependencies ---------------------------------------------------------------
node_modules/.gradekit-installed: package.json package-lock.json
	npm install --no-audit --no-fund
	node_modules/.bin/prisma generate >/dev/null
	touch $@

deps: node_modules/.gradekit-installed

services:
	@tools/dev/ensure-services.sh

## Build and checks -------------------------------------------------------------
build: deps
	node_modules/.bin/tsc -p tsconfig.build.json
	@# Assets that tsc does not copy: the sandbox demo images, LUTs and videos the api serves (each feature's demo/ folder).
	for dir in apps/api/src/features/*/demo; do \
	  mkdir -p dist/out/$$dir; \
	  find $$dir -maxdepth 1 \( -name '*.jpg' -o -name '*.png' -o -name '*.webp' -o -name '*.cube' -o -name '*.mp4' \) -exec cp {} dist/out/$$dir/ \; ; \
	done

typecheck: deps
	node_modules/.bin/tsc -p tsconfig.json --noEmit

lint: deps
	node_modules/.bin/nx show projects >/dev/null   # caches the project graph the boundaries rule reads
	node_modules/.bin/eslint . --max-warnings=0

## Database ----------------------------------------------------------------------
# Fails when prisma/schema.prisma and the migrations disagree (a change without its migration).
migrations-check: deps services
	node_modules/.bin/prisma migrate diff --from-migrations prisma/migrations --to-schema-datamodel prisma/schema.prisma --exit-code >/dev/null

migrate: deps services
	node_modules/.bin/prisma migrate deploy

seed: build
	@node -r ./tools/register-dist-paths.js dist/out/prisma/seed.js

## Running -------------------------------------------------------------------------
up: deps services build migrate
	@tools/dev/stack.sh start
	@tools/dev/print-quickstart.sh

down:
	@tools/dev/stack.sh stop

restart: down up

logs:
	@tail -n 50 -f $(DATA_DIR)/run/api.log $(DATA_DIR)/run/worker.log

## Tests ---------------------------------------------------------------------------
test: deps services lint typecheck migrations-check build test-unit test-integration test-e2e

test-unit: deps
	$(JEST) --selectProjects unit

test-integration: deps services
	$(JEST) --selectProjects integration --maxWorkers=2

test-e2e: build services
	$(JEST) --selectProjects e2e --runInBand

## Benchmarks -----------------------------------------------------------------------
bench: build services
	@mkdir -p bench/results
	@tools/dev/run-benches.sh

## The models on a GPU machine (issue 11): the CUDA provider beside onnxruntime-node, then each
## model on CPU and on CUDA in one process, with 500 more runs each and RSS / GPU memory before
## and after (bench/README.md, "Models"). Needs only node_modules and the models: no services, no
## build, no network once the provider tarball is there (CUDA_PROVIDER_TGZ=path/to/package.tgz).
CUDA_LIB ?= /usr/local/cuda/lib64
bench-gpu:
	@mkdir -p bench/results
	@test -f node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so || tools/dev/install-cuda-provider.sh $(CUDA_PROVIDER_TGZ)
	LD_LIBRARY_PATH=$(CUDA_LIB):$${LD_LIBRARY_PATH:-} node bench/common/run-ts.js bench/models/model-latency.bench.ts --cuda --memory

## Load and faults (issue 13): the api under autocannon against a bare Nest route, then the
## 2,000-job soak with Redis and Postgres restarted mid-run (private servers on loopback ports).
load: build services
	@mkdir -p bench/results
	node bench/common/run-ts.js bench/api/api.bench.ts
	node bench/common/run-ts.js bench/load/soak.bench.ts

## Containers (deploy/) ---------------------------------------------------------------
# Need Docker with compose; deploy/compose.sh says so plainly when it is missing.
.PHONY: compose-up compose-down compose-gpu-up compose-gpu-down
compose-up:
	@deploy/compose.sh up

compose-down:
	@deploy/compose.sh down

compose-gpu-up:
	@deploy/compose.sh up gpu

compose-gpu-down:
	@deploy/compose.sh down gpu

clean:
	rm -rf dist coverage .nx
