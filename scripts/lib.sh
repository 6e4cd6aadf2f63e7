# Shared by scripts/up and scripts/test: install what is missing, reuse what is running.
# Everything here is idempotent; each function says what it did.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.frontline"
PNPM_VERSION="12.21.0"
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:${PG_PORT}/frontline}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${REDIS_PORT}}"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Services this run started itself, so `up` can stop exactly those on Ctrl-C.
STARTED_POSTGRES=""
STARTED_REDIS=""

# Validated at start like the apps' own env: a bad value is named, not discovered later.
require_port() {
  local name=$1 value=${!1}
  [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] && [ "$value" -le 65535 ] \
    || { printf '\033[31m[frontline] invalid %s: "%s" (expected a port number 1-65535)\033[0m\n' "$name" "$value" >&2; exit 1; }
}
require_port PG_PORT
require_port REDIS_PORT

log() { printf '\033[1m[frontline]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[frontline] %s\033[0m\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* yourself (this script supports Debian-like systems)"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  log "installing $* with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node_deps() {
  command -v node >/dev/null || die "Node.js >= 20.19 is required"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js >= 20.19 is required (found $(node --version))"
  if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 || die "could not install pnpm"
  fi
  log "installing dependencies"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=silent) || die "pnpm install failed"
  (cd "$ROOT" && pnpm turbo run generate --output-logs=errors-only >/dev/null) || die "prisma generate failed"
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && echo "$dir"
}

ensure_postgres() {
  if port_open "$PG_PORT"; then log "reusing PostgreSQL on 127.0.0.1:$PG_PORT"; return; fi
  [ -n "$(pg_bin)" ] || apt_install postgresql
  local bin data
  bin=$(pg_bin) || die "PostgreSQL binaries not found after install"
  data="$STATE_DIR/postgres"
  # A project-local cluster with trust auth on loopback only: the same shape as the machines' own.
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating a PostgreSQL cluster in $data"
    mkdir -p "$data"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$STATE_DIR/postgres"; fi
    run_as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 >/dev/null || die "initdb failed"
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  run_as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k /tmp" start >/dev/null || die "PostgreSQL did not start (see $data/server.log)"
  STARTED_POSTGRES="$bin/pg_ctl -D $data"
}

# Postgres refuses to run as root; on a root machine it runs as the postgres user apt created.
run_as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ensure_redis() {
  if port_open "$REDIS_PORT"; then log "reusing Redis on 127.0.0.1:$REDIS_PORT"; return; fi
  command -v redis-server >/dev/null || apt_install redis-server
  log "starting Redis on 127.0.0.1:$REDIS_PORT"
  mkdir -p "$STATE_DIR"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --dir "$STATE_DIR" --logfile "$STATE_DIR/redis.log" >/dev/null || die "Redis did not start"
  for _ in $(seq 50); do port_open "$REDIS_PORT" && break; sleep 0.1; done
  STARTED_REDIS=1
}

ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$CHROMIUM_PATH" ] || apt_install chromium
}

stop_started_services() {
  if [ -n "$STARTED_POSTGRES" ]; then log "stopping PostgreSQL"; run_as_pg $STARTED_POSTGRES stop -m fast >/dev/null 2>&1; fi
  if [ -n "$STARTED_REDIS" ]; then log "stopping Redis"; redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1; fi
}
