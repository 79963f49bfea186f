#!/usr/bin/env bash
# Makes sure the system services Gradekit needs are installed and running on a
# Debian machine: ffmpeg, Redis and (when none answers at DATABASE_URL) a local
# PostgreSQL. Idempotent; installs with apt only what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

DATABASE_URL=${DATABASE_URL:-postgresql://postgres:postgres@127.0.0.1:5432/gradekit}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

apt_install() {
  echo "» installing with apt: $*"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

redis_answers() {
  node -e "
    const net = require('node:net'); const u = new URL(process.argv[1]);
    const s = net.connect(Number(u.port || 6379), u.hostname); s.setTimeout(2000);
    s.on('connect', () => s.write('PING\r\n')); s.on('data', d => process.exit(String(d).startsWith('+PONG') || String(d).includes('NOAUTH') ? 0 : 1));
    s.on('error', () => process.exit(1)); s.on('timeout', () => process.exit(1));" "$REDIS_URL"
}

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if ! redis_answers; then
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
fi
postgres_state=0
DATABASE_URL=$DATABASE_URL node tools/dev/ensure-database.js >/dev/null 2>&1 || postgres_state=$?
if [ "$postgres_state" -eq 3 ] && ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

if ! redis_answers; then
  echo "» starting redis-server"
  mkdir -p /tmp/gradekit-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port "$(node -e "console.log(new URL(process.argv[1]).port || 6379)" "$REDIS_URL")" \
    --save "" --appendonly no --dir /tmp/gradekit-redis --logfile /tmp/gradekit-redis/redis.log
  for _ in $(seq 1 50); do redis_answers && break; sleep 0.1; done
fi

if [ "$postgres_state" -eq 3 ]; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "» starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 && break; sleep 0.2; done
  # A fresh Debian cluster needs a password for TCP logins: give the postgres role the URL's.
  password=$(node -e "console.log(decodeURIComponent(new URL(process.argv[1]).password || 'postgres'))" "$DATABASE_URL")
  $SUDO su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '${password//\'/\'\'}'\"" >/dev/null
fi

DATABASE_URL=$DATABASE_URL node tools/dev/ensure-database.js
echo "» services ready: Postgres ($(node -e "console.log(new URL(process.argv[1]).host)" "$DATABASE_URL")), Redis ($(node -e "console.log(new URL(process.argv[1]).host)" "$REDIS_URL")), ffmpeg $(ffmpeg -version | head -n1 | cut -d' ' -f3)"
