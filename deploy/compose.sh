#!/usr/bin/env bash
# Runs docker compose on the deploy files: `deploy/compose.sh <up|down|config|logs|ps> [gpu]`.
# Used by `make compose-up`, `make compose-gpu-up`, `make compose-down`, `make compose-gpu-down`.
# Needs Docker with the compose plugin (`docker compose`) or docker-compose; exits with a
# clear message when there is none (or no daemon to talk to).
set -euo pipefail
cd "$(dirname "$0")/.."

action=${1:-}
files=(-f deploy/docker-compose.yml)
if [ "${2:-}" = gpu ]; then files+=(-f deploy/docker-compose.gpu.yml); fi

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
  wait_flag=(--wait)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
  wait_flag=()   # docker-compose v1 has no --wait; the depends_on conditions still order the start
else
  echo "✗ docker compose is not installed: install Docker Engine with the compose plugin (https://docs.docker.com/engine/install/)," >&2
  echo "  or run the stack without containers: make up" >&2
  exit 1
fi

if [ "$action" != config ] && ! docker info >/dev/null 2>&1; then
  echo "✗ no Docker daemon answers (docker info failed): start Docker, or run the stack without containers: make up" >&2
  exit 1
fi

project=(--project-name "${COMPOSE_PROJECT_NAME:-gradekit}")
case "$action" in
  up)
    "${compose[@]}" "${project[@]}" "${files[@]}" up -d --build "${wait_flag[@]}"
    echo "» api:   http://localhost:${API_PUBLISH_PORT:-3000} (docs /api/docs); MinIO: http://localhost:${MINIO_PUBLISH_PORT:-9000}"
    ;;
  down) "${compose[@]}" "${project[@]}" "${files[@]}" down ;;
  config) "${compose[@]}" "${project[@]}" "${files[@]}" config ;;
  logs) "${compose[@]}" "${project[@]}" "${files[@]}" logs -f --tail=50 ;;
  ps) "${compose[@]}" "${project[@]}" "${files[@]}" ps ;;
  *)
    echo "usage: deploy/compose.sh <up|down|config|logs|ps> [gpu]" >&2
    exit 2
    ;;
esac
