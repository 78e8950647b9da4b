# ./prefix up | down | status — the local stack, all of it our own processes on loopback,
# state under .prefix/ (git-ignored). Ports can be moved with the environment variables below.

REDIS_PORT="${PREFIX_REDIS_PORT:-16379}"
CLICKHOUSE_PORT="${PREFIX_CLICKHOUSE_PORT:-18123}"
EDGE_PORT="${PREFIX_EDGE_PORT:-8080}"
UPDATER_PORT="${PREFIX_UPDATER_PORT:-8081}"
API_PORT="${PREFIX_API_PORT:-8082}"
SERVICES=("edge:Prefix.Edge:$EDGE_PORT" "updater:Feed.Updater:$UPDATER_PORT" "api:Attribution.Api:$API_PORT")
RUN="$STATE/run"

pid_of() { [ -f "$RUN/$1.pid" ] && cat "$RUN/$1.pid" || true; }
is_running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# Settings every service gets; the same names work in docker-compose.yml (see README, Configuration).
service_environment() {
  echo "Redis__EndPoint=127.0.0.1:$REDIS_PORT"
  echo "ClickHouse__Url=http://127.0.0.1:$CLICKHOUSE_PORT/"
  echo "ClickHouse__Database=prefix"
  echo "Auth__AdminKeyFile=$STATE/admin-key"
  echo "Identity__SecretFile=$STATE/identity-secret"
  echo "Edge__DataDirectory=$STATE/data/node_modules"
  echo "HitLog__Directory=$STATE/hitlog"
  echo "Ingest__DataDirectory=$STATE/data/node_modules"
  # Local stack only: loopback is a trusted proxy, and feeds on loopback may be fetched (ARCHITECTURE.md).
  echo "Edge__TrustedProxies__0=127.0.0.1/32"
  echo "Updater__Fetching__AllowLoopback=true"
  echo "Updater__Webhooks__AllowLoopback=true"
  echo "DOTNET_gcServer=0"
}

start_servers() {
  if is_running clickhouse; then
    log "clickhouse already running (pid $(pid_of clickhouse))"
  else
    log "starting clickhouse on 127.0.0.1:$CLICKHOUSE_PORT"
    start_clickhouse "$STATE/clickhouse" "$CLICKHOUSE_PORT" > "$RUN/clickhouse.pid"
  fi
  if is_running redis; then
    log "redis already running (pid $(pid_of redis))"
  else
    log "starting redis on 127.0.0.1:$REDIS_PORT"
    start_redis "$STATE/redis" "$REDIS_PORT" > "$RUN/redis.pid"
  fi
}

apply_migrations() {
  log "applying ClickHouse migrations"
  dotnet "$ROOT/src/Prefix.Migrate/bin/Release/net10.0/Prefix.Migrate.dll" \
    --clickhouse "http://127.0.0.1:$CLICKHOUSE_PORT/" --database prefix \
    --migrations "$ROOT/deploy/clickhouse/migrations" >&2 || die "migrations failed"
}

random_hex() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# The admin API key and the secret behind listener keys: created once, kept across up/down.
ensure_secrets() {
  if [ ! -s "$STATE/admin-key" ]; then
    (umask 077; printf 'pfx_admin_%s\n' "$(random_hex)" > "$STATE/admin-key")
  fi
  if [ ! -s "$STATE/identity-secret" ]; then
    (umask 077; random_hex > "$STATE/identity-secret")
  fi
}

start_services() {
  local entry name project port env_args=()
  while IFS= read -r line; do env_args+=("$line"); done < <(service_environment)
  for entry in "${SERVICES[@]}"; do
    IFS=: read -r name project port <<< "$entry"
    if is_running "$name"; then
      log "$name already running (pid $(pid_of "$name"))"
      continue
    fi
    log "starting $name on 127.0.0.1:$port"
    (cd "$ROOT/src/$project" && exec setsid env "${env_args[@]}" dotnet "bin/Release/net10.0/$project.dll" \
      --urls "http://127.0.0.1:$port" >> "$STATE/log/$name.log" 2>&1) &
    echo $! > "$RUN/$name.pid"
  done
  for entry in "${SERVICES[@]}"; do
    IFS=: read -r name project port <<< "$entry"
    wait_until 60 "$name" curl -fsS "http://127.0.0.1:$port/healthz" \
      || die "$name did not become healthy on :$port; see .prefix/log/$name.log"
  done
}

stack_up() {
  ensure_installed
  build_solution
  mkdir -p "$RUN" "$STATE/log"
  start_servers
  apply_migrations
  ensure_secrets
  start_services
  cat <<TEXT

Prefix is up.
  edge     http://127.0.0.1:$EDGE_PORT      (health: /healthz, ready: /readyz, metrics: /metrics)
  updater  http://127.0.0.1:$UPDATER_PORT
  api      http://127.0.0.1:$API_PORT
  redis    127.0.0.1:$REDIS_PORT      clickhouse  http://127.0.0.1:$CLICKHOUSE_PORT/  (database: prefix)
  logs     .prefix/log/   state .prefix/   stop with ./prefix down

Admin API key (also in .prefix/admin-key):
  $(cat "$STATE/admin-key")

Try a download through the prefix, then find it in ClickHouse (a second or two later):
  curl -si -H 'User-Agent: Overcast/1.0' -H 'X-Forwarded-For: 8.8.8.8' http://127.0.0.1:$EDGE_PORT/e/cdn.example.com/show/episode1.mp3
  curl -s 'http://127.0.0.1:$CLICKHOUSE_PORT/?query=SELECT+ts,episode_key,app,country+FROM+prefix.hits+ORDER+BY+ts+DESC+LIMIT+5'
TEXT
}

stack_down() {
  local entry name pid
  for entry in "${SERVICES[@]}" "redis::" "clickhouse::"; do
    name=${entry%%:*}
    pid=$(pid_of "$name")
    if [ -n "$pid" ]; then
      log "stopping $name (pid $pid)"
      stop_pid "$pid"
      # The service runs under a subshell; its dotnet child is stopped by name below if it outlived it.
      rm -f "$RUN/$name.pid"
    fi
  done
  # Anything of ours that outlived its pid file: processes whose command line names our state or build.
  local strays
  strays=$(pgrep -f "$STATE/|$ROOT/src/[^ ]*/bin/Release" || true)
  for pid in $strays; do stop_pid "$pid"; done
  log "stopped"
}

stack_status() {
  local entry name project port state health
  printf '%-11s %-8s %-8s %s\n' component pid state health
  for entry in "clickhouse::$CLICKHOUSE_PORT" "redis::$REDIS_PORT" "${SERVICES[@]}"; do
    IFS=: read -r name project port <<< "$entry"
    if is_running "$name"; then state=running; else state=stopped; fi
    case "$name" in
      clickhouse) health=$(curl -fsS -m 2 "http://127.0.0.1:$port/ping" 2>/dev/null | tr -d '\n' || echo "no answer") ;;
      redis) health=$(redis-cli -p "$port" ping 2>/dev/null || echo "no answer") ;;
      *) health=$(curl -sS -m 3 "http://127.0.0.1:$port/readyz" 2>/dev/null || echo "no answer") ;;
    esac
    printf '%-11s %-8s %-8s %s\n' "$name" "$(pid_of "$name")" "$state" "$health"
  done
}
