#!/usr/bin/env bash
# Starts or stops the local stack (api + worker) built in dist/, as background
# processes with logs and pid files under $DATA_DIR/run. `start` waits until both
# answer /readyz.
set -euo pipefail
cd "$(dirname "$0")/../.."

DATA_DIR=${DATA_DIR:-./data}
API_PORT=${API_PORT:-3000}
WORKER_PORT=${WORKER_PORT:-3001}
RUN_DIR="$DATA_DIR/run"
mkdir -p "$RUN_DIR"

launch() { # name entrypoint
  local name=$1 entry=$2
  if [ -f "$RUN_DIR/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
    echo "» $name already running (pid $(cat "$RUN_DIR/$name.pid"))"
    return
  fi
  nohup node -r ./tools/register-dist-paths.js "$entry" >>"$RUN_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
  echo "» started $name (pid $!, log $RUN_DIR/$name.log)"
}

wait_ready() { # name url
  for _ in $(seq 1 150); do
    if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$2"; then
      echo "» $1 ready ($2)"
      return
    fi
    if ! kill -0 "$(cat "$RUN_DIR/$1.pid")" 2>/dev/null; then
      echo "✗ $1 exited; last lines of $RUN_DIR/$1.log:" >&2
      tail -n 20 "$RUN_DIR/$1.log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "✗ $1 did not become ready at $2" >&2
  exit 1
}

stop_one() {
  local pidfile="$RUN_DIR/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "» stopped $1"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start)
    export DATA_DIR API_PORT WORKER_PORT
    launch api dist/out/apps/api/src/main.js
    launch worker dist/out/apps/worker/src/main.js
    wait_ready api "http://127.0.0.1:$API_PORT/readyz"
    wait_ready worker "http://127.0.0.1:$WORKER_PORT/readyz"
    ;;
  stop)
    stop_one worker
    stop_one api
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
