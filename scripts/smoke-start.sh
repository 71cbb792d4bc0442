#!/usr/bin/env bash
# Starts Plateau as `npm start` does, on a fresh embedded database, and checks that it serves
# /health/ready and the seeded sites. Prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
port=${SMOKE_PORT:-3999}
log=$(mktemp)
started=$(date +%s.%N)
if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
  echo "port $port already answers: stop what runs there (or set SMOKE_PORT)" >&2
  exit 1
fi
# job control: npm start gets its own process group, so npm, its shell and the api all stop at the end
set -m
DATABASE_URL= REDIS_URL= DATA_DIR="$data_dir" PORT=$port LOG_LEVEL=info npm start >"$log" 2>&1 &
pid=$!
set +m
# the embedded PostgreSQL server runs in that group too: wait until it has stopped before removing its files
trap 'kill -- -$pid 2>/dev/null || true; for _ in $(seq 1 100); do kill -0 -- -$pid 2>/dev/null || break; sleep 0.1; done; rm -rf "$data_dir"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log"; echo "npm start exited" >&2; exit 1; }
  sleep 0.5
done
ready=$(date +%s.%N)
token=$(curl -fsS "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"email":"admin@plateau.demo","password":"plateau-admin-demo"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')
sites=$(curl -fsS "http://127.0.0.1:$port/api/v1/sites" -H "authorization: Bearer $token" | node -pe 'JSON.parse(require("fs").readFileSync(0)).total')
echo "ready in $(node -p "($ready - $started).toFixed(1)") s; seeded sites: $sites"
[ "$sites" -ge 7 ] || { cat "$log"; echo "expected the seeded demo network" >&2; exit 1; }
# not a terminal: the api writes JSON lines only (npm's own script echo aside), one says where it listens
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter((l) => l.startsWith("{"));
  const entries = lines.map((line) => JSON.parse(line));
  if (!entries.some((e) => e.msg?.startsWith("api listening") && e.url && e.mode === "embedded"))
    throw new Error("no JSON line says where the api listens");
' "$log" || { cat "$log"; exit 1; }
# a second build with nothing changed builds nothing
before=$(stat -c %Y dist/apps/api/src/main.js dist/web/index.html)
node scripts/build.mjs
[ "$before" = "$(stat -c %Y dist/apps/api/src/main.js dist/web/index.html)" ] ||
  { echo "npm start rebuilt an unchanged tree" >&2; exit 1; }
