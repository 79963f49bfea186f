#!/usr/bin/env bash
# Seeds the demo account (a fresh `quickstart` API key each run) and prints how to call the api.
set -euo pipefail
cd "$(dirname "$0")/../.."
seed=$(node -r ./tools/register-dist-paths.js dist/out/prisma/seed.js)
key=$(node -e "console.log(JSON.parse(process.argv[1]).api_key)" "$seed")
user=$(node -e "console.log(JSON.parse(process.argv[1]).username)" "$seed")
password=$(node -e "console.log(JSON.parse(process.argv[1]).password ?? '')" "$seed")
base=${PUBLIC_URL:-http://127.0.0.1:${API_PORT:-3000}}
photo="$PWD/test/fixtures/photos/coffee.jpg"
cat <<MSG

Gradekit is running: api $base (docs $base/api/docs), worker health http://127.0.0.1:${WORKER_PORT:-3001}/healthz
Demo account: $user — API key (shown once, stored only as a hash):

  $key
$( [ -n "$password" ] && echo "
Its password (for POST /api/auth/login), generated now and shown only this once: $password" )

Try it — colour statistics of a JPEG, computed by the worker:

  curl -s $base/api/v1/analyze -H "X-API-Key: $key" -H "Content-Type: application/json" \\
    -d "{\"image\": \"\$(base64 -w0 $photo)\"}"

Stop with: make down    Logs: make logs
MSG
